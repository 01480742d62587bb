import ArgumentParser
import Debugger
import Foundation
import GDBRemote
import Platform

/// `suspendscope gdbserver [SCENARIO|DIR|FILE.S] [--listen HOST:PORT] [--stdio] [--session FILE] [--elf FILE]`
struct GDBServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gdbserver",
        abstract: "Serve gdb's remote protocol: gdb, lldb and IDEs attach to the EL2 machine, with reverse execution.",
        discussion: """
            Listens on 127.0.0.1:1234 (or --listen HOST:PORT; port 0 picks a free one) for one client
            at a time; a second is told so and closed. After a client detaches the server waits for
            the next with the session as it was. With --stdio it serves one client on standard input
            and output: target remote | suspendscope gdbserver --stdio v9

            The server writes an ELF of the scenario (symbols, DWARF line table, the context struct)
            and its sources to a cache folder and announces it (qXfer:exec-file), so a plain
            `target remote` gets `break hyp_resume`, `list` and `p resume_cpu_context`; --elf FILE
            also writes it to FILE for clients that load symbols themselves.

            gdb: reverse-stepi, reverse-continue, watch/rwatch/awatch, `monitor COMMAND` (the
            debugger's commands: until power-off, boundaries, info context, check, save NAME),
            `p/x $VBAR_EL2`, `info registers system`. Register and memory writes are user edits.
            """)

    @Argument(help: "A scenario name (default v9), a scenario folder, or a bare .S program.")
    var scenario: String?

    @Option(help: "HOST:PORT to listen on (default 127.0.0.1:1234).")
    var listen: String?

    @Flag(help: "Serve one client on standard input and output instead of TCP.")
    var stdio = false

    @Option(help: "Restore a saved session (sessions/NAME.json or a path) first.")
    var session: String?

    @Option(help: "Also write the scenario's ELF (symbols and DWARF) to this file.")
    var elf: String?

    @Option(name: .customLong("max-steps"), help: "The runaway guard: most steps one continue takes (default 10000000).")
    var maxSteps: Int = 10_000_000

    @OptionGroup var unknownValues: UnknownOption

    func run() throws {
        guard maxSteps >= 1 else { throw CLIFailure.badInput("--max-steps \(maxSteps): expected a number of steps >= 1") }
        if stdio && listen != nil { throw CLIFailure.badInput("--stdio and --listen: choose one") }
        let (host, port) = try Self.parseListen(listen ?? "127.0.0.1:1234")
        let policy = try unknownValues.policy()

        let debugSession: DebugSession
        if let session {
            guard let path = SessionFile.path(for: session) else {
                throw CLIFailure.badInput("--session \(session): not a session name (letters, digits, - _ .) or a path")
            }
            do { debugSession = try SessionFile.load(path) } catch let e as SessionError { throw CLIFailure.badInput(e.description) }
            if let scenario, scenario != debugSession.scenarioArgument {
                Self.log("gdbserver: note: \(path) is a session of \(debugSession.scenarioArgument); serving it, not \(scenario)")
            }
        } else {
            let argument = scenario ?? "v9"
            let built = try ScenarioArgument.build(argument)
            debugSession = DebugSession(built: built, policy: policy)
            debugSession.scenarioArgument = argument
        }
        debugSession.maxStepsPerCommand = maxSteps

        // The ELF and the sources it names, in a folder named after their content (reused).
        let built = debugSession.built
        let execFile: URL
        do {
            let folder = Self.cacheFolder(for: built)
            execFile = try ScenarioELF.write(built, to: folder)
            if let elf {
                try ScenarioELF.write(built, to: URL(fileURLWithPath: elf).deletingLastPathComponent(),
                                      elfName: URL(fileURLWithPath: elf).lastPathComponent, sourceDirectory: folder)
                Self.log("gdbserver: wrote \(elf) (sources in \(folder.path))")
            }
        } catch let e as ScenarioError {
            throw CLIFailure.badInput(e.description)
        } catch let e as ProgramLoadError {
            throw CLIFailure.badInput(e.description)
        }

        let target = RemoteTarget(interpreter: CommandInterpreter(session: debugSession), execFile: execFile.path)
        let server = GDBServer(target: target, log: { Self.log($0) })
        let what = "\(built.manifest.name) at step \(debugSession.step)"
        if stdio {
            Self.log("gdbserver: serving \(what) on standard input/output")
            do { try NIOTransport.serveStandardIO(server: server) } catch {
                throw CLIFailure.internalError("standard input/output: \(error)")
            }
            return
        }
        let listener: NIOTransport.Listener
        do { listener = try NIOTransport.listen(host: host, port: port, server: server) } catch {
            throw CLIFailure.badInput("cannot listen on \(host):\(port): \(error)")
        }
        let address = "\(host.contains(":") ? "[\(host)]" : host):\(listener.port)"
        if !Self.isLoopback(host) {
            Self.log("gdbserver: WARNING: listening on \(address): anyone who can reach it controls the session "
                     + "(reads and writes memory and registers, and runs monitor commands, which can write files)")
        }
        Self.log("gdbserver: listening on \(address) for gdb or lldb, serving \(what); ELF: \(execFile.path)")
        Self.log("gdbserver: attach with: gdb-multiarch -ex 'target remote \(address)'")
        try listener.wait()
    }

    static func log(_ s: String) {
        printError(s)      // the one escaping rule (a path or a scenario name may hold controls)
    }

    /// HOST:PORT, [V6]:PORT; bad input otherwise.
    static func parseListen(_ text: String) throws -> (String, Int) {
        var host: Substring, port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw CLIFailure.badInput("--listen \(text): expected [HOST]:PORT") }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw CLIFailure.badInput("--listen \(text): expected HOST:PORT, like 127.0.0.1:1234") }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard !host.isEmpty else { throw CLIFailure.badInput("--listen \(text): expected a host before ':'") }
        guard let p = Int(port), (0...65535).contains(p) else { throw CLIFailure.badInput("--listen \(text): expected a port from 0 to 65535 after ':'") }
        return (String(host), p)
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// $TMPDIR/suspendscope-gdbserver/NAME-HASH: the hash of the scenario's name and files, so the
    /// same program reuses its folder and a changed one gets its own.
    static func cacheFolder(for built: BuiltScenario) -> URL {
        var bytes = Array(built.manifest.name.utf8)
        for (name, text) in ScenarioELF.sourceFiles(built).sorted(by: { $0.key < $1.key }) {
            bytes += [0] + Array(name.utf8) + [0] + Array(text.utf8)
        }
        let hash = String(SHA256.hex(bytes).prefix(16))
        return FileManager.default.temporaryDirectory
            .appendingPathComponent("suspendscope-gdbserver")
            .appendingPathComponent("\(built.manifest.name)-\(hash)")
    }
}
