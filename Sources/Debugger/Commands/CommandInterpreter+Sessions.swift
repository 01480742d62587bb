import Foundation
import Platform

/// `save`, `load`, `note`, `trace`, `theme` and `check`.
extension CommandInterpreter {
    func saveCommand(_ a: CommandInvocation) throws -> String {
        let arg = a.argument
        guard !arg.isEmpty else { throw CommandError(column: a.argumentColumn, "save needs a NAME (sessions/NAME.json) or a PATH") }
        guard let path = SessionFile.path(for: arg) else {
            throw CommandError(column: a.argumentColumn, "'\(arg)' is not a session name (letters, digits, - _ .) or a path")
        }
        do { try SessionFile.save(session, to: path) } catch let e as SessionError { throw CommandError(column: a.argumentColumn, e.description) }
        return "saved the session at step \(session.step) to \(path)"
    }

    func loadCommand(_ a: CommandInvocation) throws -> String {
        var arg = a.argument
        var col = a.argumentColumn
        var partial = false
        if arg.hasPrefix("--partial") {
            partial = true
            let rest = arg.dropFirst("--partial".count)
            let lead = rest.prefix { $0 == " " || $0 == "\t" }.count
            col += "--partial".count + lead
            arg = String(rest.dropFirst(lead))
        }
        guard !arg.isEmpty else { throw CommandError(column: col, "load needs a NAME (sessions/NAME.json) or a PATH") }
        guard let path = SessionFile.path(for: arg) else {
            throw CommandError(column: col, "'\(arg)' is not a session name (letters, digits, - _ .) or a path")
        }
        let loaded: SessionFile.Loaded
        do { loaded = try SessionFile.load(path, partial: partial) } catch let e as SessionError {
            throw CommandError(column: col, e.description)
        }
        session = loaded.session
        return "loaded \(path): scenario \(session.built.manifest.name), replayed to step \(session.step)"
            + (session.edits.isEmpty ? "" : " with \(session.edits.count) user edit\(session.edits.count == 1 ? "" : "s")")
            + loaded.notes.map { "\n" + $0 }.joined()
            + "\n" + locationLine()
    }

    func noteCommand(_ a: CommandInvocation) throws -> String {
        guard !a.argument.isEmpty else { throw CommandError(column: a.argumentColumn, "note needs some text") }
        session.notes.append(SessionNote(step: session.step, text: a.argument))
        return "note \(session.notes.count) at step \(session.step)"
    }

    func traceCommand(_ a: CommandInvocation) throws -> String {
        guard !a.argument.isEmpty else { throw CommandError(column: a.argumentColumn, "trace needs a FILE.jsonl to write") }
        do { try Trace.writeHistory(of: session, to: a.argument) } catch {
            throw CommandError(column: a.argumentColumn, "cannot write \(a.argument): \(error)")
        }
        return "wrote the trace of steps 1...\(session.step) to \(a.argument)"
    }

    func themeCommand(_ a: CommandInvocation) throws -> String {
        let w = Self.words(Substring(a.argument), from: a.argumentColumn)
        let available = availableThemes()
        guard w.count == 1 else {
            throw CommandError(column: a.argumentColumn, "theme needs one NAME (available: \(available.joined(separator: ", ")))")
        }
        let name = w[0].text
        guard available.contains(name) else {
            throw CommandError(column: w[0].column, "no theme '\(Self.escaped(name))' (available: \(available.joined(separator: ", ")))")
        }
        session.view.theme = name
        return "theme \(name) (the TUI shows it; sessions keep it)"
    }

    func checkCommand(_ a: CommandInvocation) throws -> String {
        try noArgument(a.word, a.argument, a.argumentColumn)
        return CheckReport(session.built).text
    }
}
