import ArgumentParser
import Debugger
import Foundation
import Platform

/// `suspendscope session (show|replay) FILE`
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Show a saved debugger session, or replay it to its step.",
        discussion: """
            show prints what the session holds (scenario, step, breakpoints, watchpoints, user edits,
            view, notes) without running anything. replay rebuilds the scenario, checks its SHA-256,
            replays to the saved step applying the user edits at their steps, and prints where it is,
            the registers, the EL2 system registers and the context; with --commands it then runs
            debugger commands as `debug --commands` does. Exit status: 0 ok, 2 a bad, corrupt,
            truncated, newer-version or changed-program session file (or a malformed command).
            """)

    @Argument(help: "show or replay.")
    var action: String

    @Argument(help: "The session file (a NAME means sessions/NAME.json).")
    var file: String

    @Option(name: .customLong("commands"), help: "After replay, run these debugger commands (a file, or - for standard input).")
    var commands: String?

    func run() throws {
        guard let path = SessionFile.path(for: file) else { throw CLIFailure.badInput("\(file): not a session name or path") }
        switch action {
        case "show":
            guard commands == nil else { throw CLIFailure.badInput("--commands goes with replay, not show") }
            let d: SessionFile.Document
            do { d = try SessionFile.read(path) } catch let e as SessionError { throw CLIFailure.badInput(e.description) }
            var lines = ["session \(path)", "scenario \(d.scenarioName) (\(d.source)), program SHA-256 \(d.sha256)",
                         "step \(d.step); max-steps \(d.maxSteps); history-limit \(d.historyLimit); unknown \(d.unknown)"]
            for b in d.breakpoints {
                lines.append("breakpoint \(b.id): \(b.location)" + (b.condition.map { " if \($0)" } ?? "")
                             + (b.enabled ? "" : " (disabled)") + ", \(b.hits) hits" + (b.ignore > 0 ? ", ignore \(b.ignore)" : ""))
            }
            for w in d.watchpoints { lines.append("watchpoint \(w.id): \(w.target)" + (w.enabled ? "" : " (disabled)") + ", \(w.hits) hits") }
            for e in d.edits { lines.append("edit at step \(e.step): \(e.target) = 0x\(String(e.value, radix: 16))") }
            lines.append("view: focused \(d.view.focusedPanel), theme \(d.view.theme)")
            for n in d.notes { lines.append("note at step \(n.step): \(DebugCommand.escaped(n.text))") }
            print(lines.joined(separator: "\n"))
        case "replay":
            let session: DebugSession
            do { session = try SessionFile.load(path) } catch let e as SessionError { throw CLIFailure.badInput(e.description) }
            let ci = CommandInterpreter(session: session)
            for c in ["frame", "info registers", "info sysregs", "info context"] {
                print("(ssc) \(c)")
                print(ci.execute(c).output)
            }
            if let commands {
                let text = try DebugCommand.readCommands(commands)
                if !DebugCommand.execute(text, name: commands, interpreter: ci) { throw CLIFailure(code: 2, message: "") }
            }
        default:
            throw CLIFailure.badInput("session \(action): expected show or replay")
        }
    }
}
