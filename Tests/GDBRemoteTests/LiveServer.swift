import Conformance
import Debugger
import Foundation
import GDBRemote
import Platform
import Testing
import TestSupport

/// A real server on a loopback port (NIO transport, the same as the CLI's), for tests that drive
/// it with gdb, lldb or raw sockets. The ELF and its sources are written to a temporary folder.
final class LiveServer: @unchecked Sendable {
    let server: GDBServer
    let listener: NIOTransport.Listener
    let elf: URL
    let folder: TemporaryDirectory
    var target: RemoteTarget { server.target }
    var port: Int { listener.port }

    init(_ built: BuiltScenario, configure: (DebugSession) -> Void = { _ in }) throws {
        folder = try TemporaryDirectory(prefix: "gdbserver-test")
        elf = try ScenarioELF.write(built, to: folder.url)
        let session = DebugSession(built: built)
        configure(session)
        server = GDBServer(target: RemoteTarget(interpreter: CommandInterpreter(session: session), execFile: elf.path))
        listener = try NIOTransport.listen(host: "127.0.0.1", port: 0, server: server)
    }

    convenience init(_ scenario: String = "v9", configure: (DebugSession) -> Void = { _ in }) throws {
        try self.init(try Fixtures.built(scenario), configure: configure)
    }

    deinit { listener.close() }

    /// Runs gdb-multiarch in batch mode: attach with a plain `target remote`, then `commands`.
    /// Returns what gdb printed, standard output and error merged in order. With `interruptAfter`,
    /// gdb gets a SIGINT (the user's Ctrl-C) that many seconds in.
    func gdb(_ commands: [String], timeout: Double = 120, interruptAfter: Double? = nil) throws -> String {
        let script = folder.url.appendingPathComponent("gdb-\(UUID().uuidString).cmd")
        let text = ["set pagination off", "set confirm off", "set width 0", "set height 0", "set tcp connect-timeout 20",
                    "target remote 127.0.0.1:\(port)"] + commands
        try (text.joined(separator: "\n") + "\n").write(to: script, atomically: true, encoding: .utf8)
        let log = folder.url.appendingPathComponent("gdb-\(UUID().uuidString).out")
        // Default signal dispositions: the test runner may ignore SIGINT (gdb would never see it).
        let pid = try ProcessRunner.spawn("gdb-multiarch", ["-nx", "-batch", "-x", script.path], output: log.path)
        let deadline = Date().addingTimeInterval(timeout)
        var interruptAt = interruptAfter.map { Date().addingTimeInterval($0) }
        var status: Int32 = 0
        var timedOut = false
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if let t = interruptAt, Date() >= t { kill(pid, SIGINT); interruptAt = nil }
            if Date() >= deadline {
                timedOut = true
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(20_000)
        }
        let out = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(!timedOut, "gdb timed out:\n\(out)")
        return out
    }

    /// Runs lldb in batch mode with `commands` after creating the target from the ELF and
    /// attaching (`gdb-remote`).
    func lldb(_ commands: [String], timeout: Double = 120) throws -> String {
        let script = folder.url.appendingPathComponent("lldb-\(UUID().uuidString).cmd")
        let text = ["settings set auto-confirm true", "target create --arch aarch64 \(elf.path)", "gdb-remote 127.0.0.1:\(port)"] + commands
        try (text.joined(separator: "\n") + "\n").write(to: script, atomically: true, encoding: .utf8)
        let r = try TimedProcess.run("lldb", ["--no-lldbinit", "-b", "-s", script.path], timeout: timeout)
        #expect(!r.timedOut, "lldb timed out:\n\(r.stdout)\n\(r.stderr)")
        return r.stdout + r.stderr
    }
}

/// The text between `echo @@NAME\n` and `echo @@END\n` in gdb's output.
func section(_ output: String, _ name: String) -> String {
    guard let start = output.range(of: "@@\(name)\n") else { return "<no section \(name)>" }
    let rest = output[start.upperBound...]
    guard let end = rest.range(of: "@@END") else { return String(rest) }
    return String(rest[..<end.lowerBound])
}

/// gdb commands that print every register and system register between markers.
func dumpRegisters(_ name: String) -> [String] {
    ["echo @@\(name)\\n", "info registers", "info registers system", "echo @@END\\n"]
}
