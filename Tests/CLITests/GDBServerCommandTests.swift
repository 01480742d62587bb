import Conformance
import Foundation
import Testing
import TestSupport

/// `suspendscope gdbserver` as an installed tool runs: from a folder outside the repository,
/// over standard input/output for gdb, over TCP, with a saved session, writing the ELF.
@Suite(.serialized) struct GDBServerCommandTests {
    static var binary: String { SuspendScopeBinary.url?.path ?? "suspendscope" }

    /// gdb in batch mode with `commands`, from `dir`. Output: standard output and error.
    func gdb(_ commands: [String], in dir: URL) throws -> String {
        let script = dir.appendingPathComponent("cmds-\(UUID().uuidString).gdb")
        try (["set pagination off", "set confirm off", "set width 0"] + commands).joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let r = try TimedProcess.run("sh", ["-c", "cd '\(dir.path)' && exec gdb-multiarch -nx -batch -x '\(script.path)' 2>&1"], timeout: 120)
        #expect(!r.timedOut, "gdb timed out:\n\(r.stdout)")
        return r.stdout
    }

    @Test(.enabled(if: ExternalTool.gdb.shouldRun, Comment(rawValue: ExternalTool.gdb.skipReason)))
    func stdioServesGdbsTargetRemotePipe() throws {
        let dir = try TemporaryDirectory(prefix: "gdbserver-stdio")
        let elf = dir.url.appendingPathComponent("out/v9-copy.elf")
        let out = try gdb(["target remote | \(Self.binary) gdbserver --stdio v9 --elf \(elf.path)",
                           "break hyp_resume", "continue", "info registers pc", "monitor boundaries", "detach"], in: dir.url)
        #expect(out.contains("gdbserver: serving v9 at step 0 on standard input/output"))
        #expect(out.contains("Breakpoint 1, hyp_resume () at head.S:"))
        #expect(out.contains("boundary power-off at step"))
        #expect(out.contains("warm-boot\tstep"))
        // --elf: the same ELF, written where asked, read by gdb on its own.
        let bytes = try Data(contentsOf: elf)
        #expect(bytes.prefix(4) == Data([0x7f, 0x45, 0x4c, 0x46]))
        let alone = try gdb(["file \(elf.path)", "info line hyp_resume", "list hyp_resume", "ptype resume_cpu_context"], in: dir.url)
        #expect(alone.contains("of \"head.S\" starts at address 0x"))
        #expect(alone.contains(" <hyp_resume> and ends at "))
        #expect(alone.contains("FUNC(hyp_resume)"))
        #expect(alone.contains("register_t callee_regs[12];"))
    }

    @Test(.enabled(if: ExternalTool.gdb.shouldRun, Comment(rawValue: ExternalTool.gdb.skipReason)))
    func restoresASavedSessionFirst() throws {
        let dir = try TemporaryDirectory(prefix: "gdbserver-session")
        let session = dir.url.appendingPathComponent("at100.json").path
        let saved = try SuspendScopeBinary.run(["debug", "v9", "--commands", "-"], input: Data("s 100\nset $x19 = 7\nsave \(session)\n".utf8), in: dir.url)
        #expect(saved.status == 0, "\(saved.stdout)\(saved.stderr)")
        let out = try gdb(["target remote | \(Self.binary) gdbserver --stdio --session \(session)", "p $x19", "monitor info history", "detach"], in: dir.url)
        #expect(out.contains("$1 = 7"))
        #expect(out.contains("step 100;"))
        #expect(out.contains("user edits: $x19 = 0x7 at step 100"))
    }

    @Test func badArgumentsAreBadInput() throws {
        for (args, message) in [(["--listen", "nonsense"], "expected HOST:PORT"),
                                (["--listen", "127.0.0.1:99999"], "expected a port from 0 to 65535"),
                                (["--listen", ":1234"], "expected a host"),
                                (["--stdio", "--listen", "127.0.0.1:1"], "choose one"),
                                (["no-such-scenario"], "no-such-scenario"),
                                (["--session", "/nonexistent/s.json"], "s.json"),
                                (["--max-steps", "0"], "--max-steps")] {
            let r = try SuspendScopeBinary.run(["gdbserver"] + args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    @Test func listeningBeyondLoopbackWarnsThatAnyoneCanControlIt() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["gdbserver", "v9", "--listen", "0.0.0.0:0"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // SIGKILL: the test runner may ignore SIGTERM, and its children inherit that.
        defer { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("attach with") && Date() < deadline {
            let d = err.fileHandleForReading.availableData
            if d.isEmpty { break }
            text += String(decoding: d, as: UTF8.self)
        }
        #expect(text.contains("WARNING: listening on 0.0.0.0:"))
        #expect(text.contains("anyone who can reach it controls the session"))
        #expect(text.contains("gdb-multiarch -ex 'target remote 0.0.0.0:"))
    }

    @Test func scenariosExportWritesTheELFBesideTheSources() throws {
        let dir = try TemporaryDirectory(prefix: "export-elf")
        let folder = dir.url.appendingPathComponent("v9").path
        let r = try CLI.run(["scenarios", "export", "v9", folder])
        #expect(r.status == 0)
        #expect(r.stdout.contains("wrote v9.elf"))
        let elf = try Data(contentsOf: URL(fileURLWithPath: folder + "/v9.elf"))
        #expect(elf.prefix(4) == Data([0x7f, 0x45, 0x4c, 0x46]))
        // The folder still loads (the ELF is not taken for a source file: check finds what it
        // finds for v9, exit 1, not bad input), and exports again.
        #expect(try CLI.run(["check", folder]).status == 1)
        #expect(try CLI.run(["scenarios", "export", folder, folder]).status == 0)
    }
}
