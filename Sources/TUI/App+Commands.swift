import Foundation
import A64
import Debugger
import Machine
import Platform

/// The `:` command line: readline-style editing, history, completion from the command table's
/// argument grammar, and running a command (its output in the console, or in the pager when it
/// does not fit).
extension App {
    /// Runs a debugger command as if typed at `:`, showing its output in the console.
    @discardableResult
    public func command(_ line: String, echo: Bool = true) -> Bool {
        let before = run.board.stepCount
        let word = line.split(separator: " ").first.map(String.init) ?? ""
        let name = CommandTable.lookup(word)?.name
        if name == "save" { storeView() }
        let old = ObjectIdentifier(session)
        let r = interpreter.execute(line)
        if ObjectIdentifier(session) != old {            // `load` replaced the session
            applyView(); expanded = []; changedRegs = []; changedSys = []; findingsCache = nil
        }
        if r.ok && (name == "save" || name == "load") { savedMark = (session.step, session.breakpoints.count) }
        if echo { appendConsole("(ssc) " + CommandInterpreter.escaped(line)) }
        if let e = r.error { appendConsole("error: " + e.description) }
        if !r.output.isEmpty { appendConsole(r.output) }
        afterMove(from: before)
        if ObjectIdentifier(session) != old { sourceScroll = session.view.scroll["source"] ?? 0 }
        return r.ok
    }

    func handlePrompt(_ k: Key, width: Int, height: Int) {
        guard var line = prompt else { return }
        let action = keys.action(for: k, in: .prompt)
        if case .view(let a)? = action {
            switch a {
            case .cancel:
                if line.search != nil { line.endSearch(); prompt = line } else { prompt = nil }
                return
            case .run:
                prompt = nil
                runCommandLine(line.string.trimmingCharacters(in: .whitespaces), width: width, height: height)
                return
            case .complete: line.endSearch(); line.set(complete(line.string))
            case .historyPrevious:
                line.endSearch()
                guard !commandHistory.isEmpty else { break }
                let i = max(0, (commandHistoryIndex ?? commandHistory.count) - 1)
                commandHistoryIndex = i; line.set(commandHistory[i])
            case .historyNext:
                line.endSearch()
                guard let i = commandHistoryIndex else { break }
                if i + 1 < commandHistory.count { commandHistoryIndex = i + 1; line.set(commandHistory[i + 1]) } else { commandHistoryIndex = nil; line.set("") }
            case .historySearch: line.searchHistory(commandHistory)
            case .cursorLeft: line.endSearch(); line.left()
            case .cursorRight: line.endSearch(); line.right()
            case .wordLeft: line.endSearch(); line.wordLeft()
            case .wordRight: line.endSearch(); line.wordRight()
            case .lineStart: line.endSearch(); line.home()
            case .lineEnd: line.endSearch(); line.end()
            case .deleteBackward: line.deleteBackward(); line.refreshSearch(commandHistory)
            case .deleteForward: line.endSearch(); line.deleteForward()
            case .killToStart: line.endSearch(); line.killToStart()
            case .killToEnd: line.endSearch(); line.killToEnd()
            case .killWord: line.endSearch(); line.killWord()
            case .yank: line.endSearch(); line.yank()
            default: break
            }
            prompt = line
            return
        }
        switch k {
        case .character(let c):
            line.insert(c)
            line.refreshSearch(commandHistory)
        default:
            break                      // other keys (F-keys, Insert, ...) do nothing here
        }
        prompt = line
    }

    /// Enter on the `:` line: the TUI shows some commands its own way (`theme` repaints,
    /// `check` opens the findings, a `load` of a changed scenario offers a partial load,
    /// output that does not fit the console opens the pager).
    func runCommandLine(_ t: String, width: Int, height: Int) {
        guard !t.isEmpty else { return }
        if commandHistory.last != t { commandHistory.append(t) }
        if commandHistory.count > 1000 { commandHistory.removeFirst(commandHistory.count - 1000) }
        let word = t.split(separator: " ").first.map(String.init) ?? ""
        let name = CommandTable.lookup(word)?.name
        let argument = String(t.dropFirst(word.count)).trimmingCharacters(in: .whitespaces)
        switch name {
        case "quit"?:
            quit = true
            return
        case "theme"?:
            appendConsole("(ssc) " + CommandInterpreter.escaped(t))
            switchTheme(argument)
            return
        case "check"?:
            appendConsole("(ssc) " + CommandInterpreter.escaped(t))
            openFindings(width: width)
            return
        default:
            break
        }
        let before = consoleLines.count
        let ok = command(t)
        if !ok, name == "load", let e = consoleLines.last, e.contains("load --partial") {
            confirm = Confirm(kind: .partialLoad(argument), question: "the scenario's program changed since the session was saved. Load it up to the first step that differs? y: yes · n: no")
            return
        }
        // Output that does not fit the console opens the pager (the console keeps it too);
        // what a command that moves the program prints stays in the console.
        guard CommandTable.lookup(word)?.resumes != true else { return }
        let output = Array(consoleLines[min(before + 1, consoleLines.count)...])
        guard let console = Screen().regions(width: width, height: height)?["console"], output.count > 1,
              !(output.first?.hasPrefix("error: ") ?? false) else { return }
        let rows = output.reduce(0) { $0 + max(1, (Frame.columns($1) + console.width - 1) / max(1, console.width)) }
        if rows > console.height - 1 {
            pager = Pager(title: ":" + CommandInterpreter.escaped(t), lines: output,
                          roles: output.map { $0.hasPrefix("error: ") ? StyleRole.error : nil })
        }
    }

    /// `:theme NAME`: switches live and repaints every cell; an unknown name or a bad file is
    /// reported in the console (with the themes there are) and changes nothing.
    func switchTheme(_ name: String) {
        guard !name.isEmpty else {
            appendConsole("theme \(theme.name); available: \(themes.available.joined(separator: ", "))")
            return
        }
        let (t, problem) = themes.load(named: name, explicit: true)
        if let problem {
            appendConsole("error: theme: " + problem)
            if themes.file(named: name) == nil { return }
        }
        theme = t
        session.view.theme = t.name
        repaint = true
        if problem == nil { appendConsole("theme \(t.name)") }
    }

    /// Completes the last word: a command name first, then what the command's argument
    /// grammar says comes next (a location, an expression, a subject, a theme, ...).
    func complete(_ line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return line }
        let candidates: [String]
        if words.count == 1 {
            candidates = CommandTable.words
        } else {
            let command = CommandTable.lookup(words[0])
            let index = min(words.count - 2, max(0, (command?.arguments.count ?? 1) - 1))
            candidates = command.map { completions(for: $0.arguments.isEmpty ? .text : $0.arguments[index]) } ?? []
        }
        let matches = Array(Set(candidates.filter { $0.hasPrefix(last) })).sorted()
        guard !matches.isEmpty, !last.isEmpty || words.count == 1 || matches.count <= 40 else { return line }
        var prefix = matches[0]
        for m in matches.dropFirst() { while !m.hasPrefix(prefix) { prefix.removeLast() } }
        if matches.count > 1 { message = matches.prefix(12).joined(separator: "  ") + (matches.count > 12 ? "  ..." : "") }
        let completed = matches.count == 1 ? prefix + " " : prefix
        return (words.dropLast() + [completed]).joined(separator: " ")
    }

    func completions(for argument: DebuggerCommand.Argument) -> [String] {
        let built = run.built
        let symbols = built.program.symbols.all.map(\.name)
        let fields = built.layout.fields.map { "\(built.manifest.contextSymbol).\($0.name)" }
        switch argument {
        case .location:
            let files = Set(built.program.lineMap.entries.map { $0.location.file + ":" })
            return BoundaryName.allCases.map(\.rawValue) + symbols + files.sorted()
        case .expression:
            return SystemRegisterCatalogue.all.map { "$" + $0.name } + (0...30).map { "$x\($0)" } + ["$sp", "$pc", "$lr", "$fp", "$pstate"]
                + symbols + fields + ["&" + built.manifest.contextSymbol]
        case .word(let list): return list
        case .command: return CommandTable.all.map(\.name)
        case .theme: return themes.available
        case .breakpointNumbers: return (session.breakpoints.map(\.id) + session.watchpoints.map(\.id)).map(String.init)
        case .session:
            let names = (try? FileManager.default.contentsOfDirectory(atPath: "sessions")) ?? []
            return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }
        case .file, .text: return []
        }
    }
}
