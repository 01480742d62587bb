import Foundation
import A64
import Debugger
import Machine
import Platform

/// The interactive session: a scenario run, its history (for stepping back), the view state
/// and the keys. `run(on:)` is the event loop for any `Terminal`; tests drive it with a
/// `MemoryTerminal` and read the frames.
public final class App {
    /// The debugger engine: every step, reverse step and command goes through it, so the
    /// TUI, `debug --commands` and sessions share one history, breakpoints and watchpoints.
    public var session: DebugSession { interpreter.session }
    let interpreter: CommandInterpreter
    /// The step and breakpoint count when the session was last saved or loaded: `q` offers to
    /// save when the state moved since.
    var savedMark: (step: Int, breakpoints: Int)?
    /// `q` asked and waits for y / n / Esc.
    public private(set) var quitPrompt = false
    public var run: ScenarioRun { session.run }
    /// The newest step in the engine's history.
    public var lastStep: BoardStep? { session.lastStep }
    /// The `:` command line: the text typed so far (nil when closed), past commands, output.
    public private(set) var commandLine: String?
    public private(set) var commandHistory: [String] = []
    var commandHistoryIndex: Int?
    public private(set) var consoleLines: [String] = []
    public var theme: Theme
    public private(set) var focus = 0
    public private(set) var showHelp = false
    /// The compare view (`v`): the lines of the comparison and the scroll position.
    public private(set) var compareLines: [String]?
    var compareScroll = 0
    /// A guided tour in progress (`t`, or `tui --tour`).
    public private(set) var tour: TourState?

    public struct TourState {
        public var guide: TourGuide
        public var index = 0
        public var input = ""
        public var revealed: String?
        public var finished = false
    }
    public private(set) var message: String?
    public private(set) var quit = false
    public internal(set) var breakpoints: Set<UInt64> = []

    /// Source rows scrolled away from the pc; stepping brings the pc back into view.
    var sourceScroll = 0
    /// The first row shown by each panel that scrolls when its rows do not fit (registers,
    /// context, timeline): kept across steps, limited to the rows there are.
    var panelScroll: [String: Int] = [:]
    var selectedSysreg: Int
    var contextHexdump = false
    var disassemblyOnly = false
    /// Registers and sysregs changed since the last boundary (for `changed-earlier`).
    var changedRegs: Set<Int> = []
    var changedSys: Set<Int> = []

    public static let panels = ["source", "registers", "context", "sysregs", "timeline", "breakpoints", "console"]

    /// Keys of the whole screen; with each panel's table they make the `?` overlay.
    public static let globalKeys: [KeyHelp] = [
        KeyHelp("s  F7", "step one instruction"),
        KeyHelp("n  F8", "step over a bl"),
        KeyHelp("c  F9", "continue to a breakpoint or watchpoint (:b power-off)"),
        KeyHelp("]", "on to the next boundary"),
        KeyHelp("[", "back to the previous boundary"),
        KeyHelp("f", "finish the current function"),
        KeyHelp("r  Shift-F7", "step back one instruction"),
        KeyHelp("R", "continue backwards to a breakpoint or the start"),
        KeyHelp("F2", "toggle a breakpoint at the pc"),
        KeyHelp("Tab  click", "focus the next panel / the clicked one"),
        KeyHelp("click gutter", "toggle a breakpoint on a source line"),
        KeyHelp("wheel", "scroll the panel under the mouse"),
        KeyHelp("v", "compare with the previous revision and the review"),
        KeyHelp("t", "guided tour: predict, then see"),
        KeyHelp(":", "debugger command line (↑ ↓ history, Tab completes)"),
        KeyHelp("?", "this help"),
        KeyHelp("q", "quit"),
    ]

    /// Every panel's key table, as the help overlay lists them.
    public static var panelKeyHelp: [KeyHelp] {
        let panels: [Panel] = [SourcePanel(), RegistersPanel(), ContextPanel(), SystemRegistersPanel(), TimelinePanel(), BreakpointsPanel(), ConsolePanel()]
        return panels.flatMap { $0.keyHelp }
    }

    /// A fresh debugging session on `built`.
    public convenience init(built: BuiltScenario, theme: Theme = .default) {
        self.init(session: DebugSession(built: built), theme: theme)
    }

    public init(session: DebugSession, theme: Theme = .default) {
        interpreter = CommandInterpreter(session: session)
        self.theme = theme
        selectedSysreg = SystemRegisterCatalogue.index(named: "HCR_EL2") ?? 0
        savedMark = (session.step, session.breakpoints.count)
        applyView()
    }

    var panelObjects: [Panel] {
        [SourcePanel(breakpoints: breakpoints), RegistersPanel(), ContextPanel(), SystemRegistersPanel(), TimelinePanel(), BreakpointsPanel(), ConsolePanel()]
    }

    /// Lines, files and decodings the panels reuse from frame to frame.
    let cache = RenderCache()

    public var viewState: ViewState {
        var v = ViewState(run: run, lastStep: session.lastStep, provenance: session.contextProvenance)
        v.cache = cache
        v.selectedSysreg = selectedSysreg
        v.contextHexdump = contextHexdump
        v.disassemblyOnly = disassemblyOnly
        let last = Set((session.lastStep?.effects?.registerWrites ?? []).map { Int($0.index) })
        v.changedEarlierRegisters = changedRegs.subtracting(last)
        v.changedEarlierSysregs = changedSys
        v.console = consoleLines.suffix(200)
        // The session's notes and bookmarks at this step (the sample sessions' narration).
        for n in session.notes where n.step == run.board.stepCount { v.console.append("note: " + n.text) }
        if !session.breakpoints.isEmpty || !session.watchpoints.isEmpty {
            let info = interpreter.execute("info breakpoints").output
            v.breakpointLines = info.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("Num") }
        }
        if let m = message { v.console.append(m) }
        if let c = commandLine { v.console.append(":" + c + "▏") }
        return v
    }

    /// The frame for a terminal size: the layout, and the help overlay on top when open.
    public func render(width: Int, height: Int) -> Frame {
        var f = Screen().render(viewState, width: width, height: height, focus: Self.panels[focus],
                                sourceScroll: sourceScroll, breakpoints: breakpoints, scroll: panelScroll)
        guard width >= Screen.minimumWidth && height >= Screen.minimumHeight else { return f }
        if let lines = compareLines { drawCompare(&f, lines) }
        if let t = tour { drawTour(&f, t) }
        if showHelp { drawHelp(&f) }
        return f
    }

    func drawCompare(_ f: inout Frame, _ lines: [String]) {
        f.fill(x: 0, y: 0, width: f.width, height: f.height)
        f.fill(x: 0, y: 0, width: f.width, height: 1, role: .focus)
        f.write(" compare · ↑ ↓ PgUp PgDn scroll · Esc or v closes ", x: 0, y: 0, role: .focus)
        for (r, line) in lines.dropFirst(compareScroll).prefix(f.height - 1).enumerated() {
            let role: StyleRole = line.hasPrefix("compare ") || ["save:", "restore:", "struct layout", "what changed", "review"].contains(where: { line.hasPrefix($0) }) ? .heading
                : line.contains("[R") ? .changedEarlier : .normal
            f.write(line, x: 0, y: 1 + r, role: role)
        }
    }

    func drawTour(_ f: inout Frame, _ t: TourState) {
        let w = min(f.width - 4, 100)
        let x = (f.width - w) / 2
        let h = min(14, f.height / 2)
        let y = f.height - h - 1
        f.fill(x: x, y: y, width: w, height: h)
        f.fill(x: x, y: y, width: w, height: 1, role: .focus)
        f.write(" tour: \(t.guide.tour.title) · \(t.guide.score) ", x: x, y: y, role: .focus, maxWidth: w)
        var row = y + 1
        if t.finished {
            f.write("The tour is over. \(t.guide.score). Esc returns to the debugger.", x: x + 1, y: row, role: .heading, maxWidth: w - 2)
            return
        }
        let stop = t.guide.tour.stops[t.index]
        f.write(t.guide.heading(t.index), x: x + 1, y: row, role: .heading, maxWidth: w - 2); row += 1
        row += f.writeWrapped(stop.say.replacingOccurrences(of: "\n", with: " "), x: x + 1, y: row, width: w - 2)
        if let ask = stop.ask, row < y + h {
            f.write("? " + ask, x: x + 1, y: row, role: .heading, maxWidth: w - 2); row += 1
            if let r = t.revealed {
                f.write(r, x: x + 1, y: min(row, y + h - 1), role: r.hasPrefix("Right") ? .boundary : .changed, maxWidth: w - 2)
            } else {
                f.write("> " + t.input + "▏", x: x + 1, y: min(row, y + h - 1), maxWidth: w - 2)
            }
        }
        f.write("Enter: \(stop.ask != nil && t.revealed == nil ? "answer" : "next stop") · Esc: leave the tour", x: x + 1, y: y + h - 1, role: .muted, maxWidth: w - 2)
    }

    /// Opens the compare view: this scenario against its base (a bug against the revision it
    /// breaks) or the neighbouring revision (v8 <-> v9, v9 <-> v11), with the shipped review.
    public func openCompare() {
        let m = run.built.manifest
        let other = m.baseName ?? (m.name == "v8" ? "v9" : m.name == "v11" ? "v9" : "v8")
        do {
            guard let o = try BuiltinScenarios.scenario(named: other) else { message = "no scenario \(other) to compare with"; return }
            let ob = try o.build()
            let (left, right) = m.name == "v8" ? (run.built, ob) : (ob, run.built)
            compareLines = RevisionComparison(left, right, review: ReviewEmail.v8Review).text(width: 160).components(separatedBy: "\n")
            compareScroll = 0
        } catch {
            message = "cannot compare with \(other): \(error)"
        }
    }

    /// Starts a tour (the built-in one for this scenario unless one is given).
    public func startTour(_ given: Tour? = nil) {
        do {
            guard let t = try given ?? Tour.builtin(run.built.manifest.name) else {
                message = "no built-in tour for \(run.built.manifest.name) (tours: \(Tour.builtinNames.joined(separator: ", ")))"
                return
            }
            let guide = TourGuide(tour: t, run: run)
            try guide.validate()
            tourGo(guide, 0)
            tour = TourState(guide: guide)
        } catch {
            message = "\(error)"
        }
    }

    /// Runs to a tour stop through the app's own stepping, so the history (and stepping back
    /// after the tour) stays exact.
    func tourGo(_ guide: TourGuide, _ i: Int) {
        switch guide.tour.stops[i].target {
        case .boundary(let b):
            continueTo(b)
        case .label(let l):
            guard let a = run.built.symbol(l) else { return }
            let targets: Set<UInt64> = [a, run.built.physical(a)]
            let before = run.board.stepCount
            _ = session.forward(limit: 1_000_000) { [run] _ in targets.contains(run.board.machine.pc) }
            noteChanges(from: before)
        }
    }

    func handleTour(_ k: Key) {
        guard var t = tour else { return }
        if k == .escape { tour = nil; return }
        if t.finished { if k == .enter { tour = nil }; return }
        let stop = t.guide.tour.stops[t.index]
        switch k {
        case .enter:
            if stop.ask != nil && t.revealed == nil {
                t.revealed = t.guide.answer(t.index, reply: t.input.isEmpty ? nil : t.input)
            } else if t.index + 1 < t.guide.tour.stops.count {
                t.index += 1; t.input = ""; t.revealed = nil
                tourGo(t.guide, t.index)
            } else {
                t.finished = true
            }
        case .backspace:
            if !t.input.isEmpty { t.input.removeLast() }
        case .character(let c) where t.revealed == nil && stop.ask != nil && (c.isHexDigit || c == "x" || c == "X" || c == "-") && t.input.count < 24:
            t.input.append(c)
        default:
            break
        }
        tour = t
    }

    func drawHelp(_ f: inout Frame) {
        var lines: [(String, StyleRole)] = [("Keys (Esc or ? closes)", .heading)]
        for k in Self.globalKeys { lines.append(("  " + k.keys.padding(toLength: 14, withPad: " ", startingAt: 0) + k.action, .normal)) }
        for (name, p) in zip(Self.panels, panelObjects) where !p.keyHelp.isEmpty {
            lines.append(("\(name):", .heading))
            for k in p.keyHelp { lines.append(("  " + k.keys.padding(toLength: 14, withPad: " ", startingAt: 0) + k.action, .normal)) }
        }
        // One column when it fits, else two side by side.
        let rowsAvailable = f.height - 4
        let columns = lines.count <= rowsAvailable ? 1 : 2
        let perColumn = (lines.count + columns - 1) / columns
        let colW = min((f.width - 6) / columns, 80)
        let w = colW * columns + 2, h = min(f.height - 2, perColumn + 2)
        let x = (f.width - w) / 2, y = (f.height - h) / 2
        f.fill(x: x, y: y, width: w, height: h, role: .normal)
        for (i, l) in lines.enumerated() {
            let c = i / perColumn, r = i % perColumn
            guard r < h - 2 else { continue }
            f.write(l.0, x: x + 1 + c * colW, y: y + 1 + r, role: l.1, maxWidth: colW - 1)
        }
    }

    // MARK: Stepping

    /// The view state the session file keeps: focus, selected register, scroll, theme.
    func storeView() {
        var v = session.view
        v.focusedPanel = Self.panels[focus]
        v.selections["sysregs"] = SystemRegisterCatalogue.all[selectedSysreg].name
        v.scroll["source"] = sourceScroll
        for (name, top) in panelScroll { v.scroll[name] = top > 0 ? top : nil }
        v.theme = theme.name
        session.view = v
    }

    /// Puts a loaded session's view back.
    func applyView() {
        let v = session.view
        if let i = Self.panels.firstIndex(of: v.focusedPanel) { focus = i }
        if let n = v.selections["sysregs"], let i = SystemRegisterCatalogue.index(named: n) { selectedSysreg = i }
        sourceScroll = v.scroll["source"] ?? 0
        panelScroll = [:]
        for name in Self.panels where name != "source" { if let top = v.scroll[name] { panelScroll[name] = top } }
        if v.theme != theme.name {
            let dirs = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("themes")]
            theme = Theme.load(named: v.theme, searching: dirs).0
        }
    }

    /// Whether the session moved since it was last saved or loaded.
    public var isDirty: Bool {
        guard let m = savedMark else { return true }
        return m.step != session.step || m.breakpoints != session.breakpoints.count
    }

    /// Runs a debugger command as if typed at `:`, showing its output in the console.
    @discardableResult
    public func command(_ line: String, echo: Bool = true) -> Bool {
        let before = run.board.stepCount
        let word = line.split(separator: " ").first.map(String.init) ?? ""
        if word == "save" { storeView() }
        let old = ObjectIdentifier(session)
        let r = interpreter.execute(line)
        if ObjectIdentifier(session) != old {            // `load` replaced the session
            applyView(); breakpoints = []; breakpointIDs = [:]; changedRegs = []; changedSys = []
        }
        if r.ok && (word == "save" || word == "load") { savedMark = (session.step, session.breakpoints.count) }
        if echo { consoleLines.append("(ssc) " + line) }
        if let e = r.error { consoleLines.append("error: " + e.description) }
        if !r.output.isEmpty { consoleLines += r.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        if consoleLines.count > 1000 { consoleLines.removeFirst(consoleLines.count - 1000) }
        noteChanges(from: before)
        sourceScroll = 0
        return r.ok
    }

    /// Keeps "changed since the last boundary" up to date after the engine moved.
    func noteChanges(from before: Int) {
        let now = run.board.stepCount
        guard now > before else { changedRegs = []; changedSys = []; return }
        if let last = run.detector.passed.last, last.step > before { changedRegs = []; changedSys = []; message = "boundary: \(last.name.rawValue)" }
        let w = session.writes(after: max(before, run.detector.passed.last?.step ?? 0))
        changedRegs.formUnion(w.registers)
        changedSys.formUnion(w.systemRegisters)
    }

    func forward() -> [Boundary] {
        let before = run.board.stepCount
        let stop = session.forward(limit: 1) { _ in true }
        noteChanges(from: before)
        sourceScroll = 0
        return stop.boundaries
    }

    func back() { command("rs", echo: false) }

    func stopsHere() -> Bool {
        if session.lastStep?.effects?.exception != nil { message = "exception taken"; return true }
        if session.lastStep?.effects?.notes.contains(.selfLoop) == true { message = "halted (b .)"; return true }
        return false
    }

    /// `c`: the engine's continue (breakpoints, watchpoints, the end of the path).
    func continueForward() { command("c", echo: false) }

    /// `]`: on to the next boundary, or a breakpoint or watchpoint, whichever comes first.
    func nextBoundary(limit: Int = 1_000_000) {
        let before = run.board.stepCount
        let passed = run.detector.passed.count
        let stop = session.forward(limit: limit) { [run] _ in run.detector.passed.count > passed }
        noteChanges(from: before)
        sourceScroll = 0
        if case .done = stop.reason {} else { message = interpreter.describe(stop) }
    }

    func stepOver() { command("ni", echo: false) }

    func finish() { command("finish", echo: false) }

    /// `R`: the engine's reverse-continue (back to a breakpoint or the start).
    func reverseContinue() { command("rc", echo: false) }

    /// `[`: back to the previous boundary (or an engine breakpoint on the way).
    func previousBoundary() {
        let steps = Set(run.detector.passed.map(\.step))
        let before = run.board.stepCount
        let stop = session.backward { [run] _ in steps.contains(run.board.stepCount) && run.board.stepCount < before }
        noteChanges(from: before)
        sourceScroll = 0
        if case .done = stop.reason {} else { message = interpreter.describe(stop) }
    }

    /// Runs forward until `boundary` is passed (or the run stops by itself).
    public func continueTo(_ boundary: BoundaryName, limit: Int = 1_000_000) {
        guard !run.detector.has(boundary) else { return }
        let before = run.board.stepCount
        _ = session.forward(limit: limit) { [run] _ in run.detector.has(boundary) }
        noteChanges(from: before)
    }

    // MARK: Events

    /// Handles one event; returns false when the app should exit.
    @discardableResult
    public func handle(_ e: TerminalEvent, width: Int = 120, height: Int = 40) -> Bool {
        message = nil
        switch e {
        case .resize: break
        case .mouse(let x, let y, let kind):
            let regions = Screen().regions(width: width, height: height) ?? [:]
            let hit = regions.first { x >= $0.value.x && x < $0.value.x + $0.value.width && y >= $0.value.y && y < $0.value.y + $0.value.height }
            switch kind {
            case .wheelUp: if hit?.key == "source" { sourceScroll -= 3 } else if !scrollPanel(hit?.key, by: -3, width: width, height: height) { moveSelection(-1) }
            case .wheelDown: if hit?.key == "source" { sourceScroll += 3 } else if !scrollPanel(hit?.key, by: 3, width: width, height: height) { moveSelection(1) }
            case .click:
                guard let (name, r) = hit, let i = Self.panels.firstIndex(of: name) else { break }
                focus = i
                // A click in the source gutter toggles a breakpoint on that line.
                if name == "source", x - r.x < 3, y > r.y {
                    let a = SourcePanel.address(row: y - r.y - 1, rows: r.height - 1, pc: run.linkAddress(of: run.board.machine.pc), scroll: sourceScroll)
                    if run.built.program.isInstruction(at: a) { toggleBreakpoint(a) }
                }
            }
        case .key(let k):
            if showHelp {
                if k == .escape || k == .character("?") || k == .character("q") { showHelp = false }
                return true
            }
            if quitPrompt {
                quitPrompt = false
                switch k {
                case .character("y"):
                    if command("save last", echo: true) { quit = true; return false }
                    return true
                case .character("n"), .character("q"): quit = true; return false
                default: return true
                }
            }
            if commandLine != nil { handleCommandLine(k); return !quit }
            if tour != nil { handleTour(k); return true }
            if compareLines != nil {
                switch k {
                case .escape, .character("v"), .character("q"): compareLines = nil
                case .up: compareScroll = max(0, compareScroll - 1)
                case .down: compareScroll += 1
                case .pageUp: compareScroll = max(0, compareScroll - 20)
                case .pageDown: compareScroll += 20
                default: break
                }
                return true
            }
            switch k {
            case .character("s"), .function(7): _ = forward()
            case .character("n"), .function(8): stepOver()
            case .character("c"), .function(9): continueForward()
            case .character("f"): finish()
            case .character("r"), .shiftFunction(7): back()
            case .character("R"): reverseContinue()
            case .character("]"): nextBoundary()
            case .character("["): previousBoundary()
            case .function(2):
                toggleBreakpoint(run.linkAddress(of: run.board.machine.pc))
            case .character(":"):
                commandLine = ""
                commandHistoryIndex = nil
            case .tab: focus = (focus + 1) % Self.panels.count
            case .backTab: focus = (focus + Self.panels.count - 1) % Self.panels.count
            case .up: if Self.panels[focus] == "source" { sourceScroll -= 1 } else if !scrollPanel(Self.panels[focus], by: -1, width: width, height: height) { moveSelection(-1) }
            case .down: if Self.panels[focus] == "source" { sourceScroll += 1 } else if !scrollPanel(Self.panels[focus], by: 1, width: width, height: height) { moveSelection(1) }
            case .pageUp: if !scrollPanel(Self.panels[focus], by: -pageRows(width: width, height: height), width: width, height: height) { sourceScroll -= 10 }
            case .pageDown: if !scrollPanel(Self.panels[focus], by: pageRows(width: width, height: height), width: width, height: height) { sourceScroll += 10 }
            case .character("h"): contextHexdump.toggle()
            case .character("d"): disassemblyOnly.toggle()
            case .character("?"): showHelp = true
            case .character("v"): openCompare()
            case .character("t"): startTour()
            case .character("q"), .control("c"):
                if isDirty && k == .character("q") {
                    quitPrompt = true
                    message = "save the session before quitting? y: save to sessions/last.json · n: quit without saving · Esc: stay"
                    return true
                }
                quit = true
                return false
            default:
                message = "no action for that key: ? lists the keys"
            }
        }
        return true
    }

    /// Breakpoints at addresses toggle through the engine (`b *ADDR` / `delete N`), so they
    /// stop `c` and reverse runs and are saved with the session.
    func toggleBreakpoint(_ a: UInt64) {
        if let id = breakpointIDs[a] {
            command("delete \(id)", echo: false)
            breakpointIDs[a] = nil; breakpoints.remove(a)
        } else {
            let before = session.breakpoints.map(\.id)
            command("b *0x\(String(a, radix: 16))", echo: false)
            if let id = session.breakpoints.map(\.id).first(where: { !before.contains($0) }) {
                breakpointIDs[a] = id; breakpoints.insert(a)
            }
        }
    }
    var breakpointIDs: [UInt64: Int] = [:]

    /// Keys while the `:` line is open: editing, history (↑ ↓), completion (Tab), Enter runs.
    func handleCommandLine(_ k: Key) {
        guard var line = commandLine else { return }
        switch k {
        case .escape: commandLine = nil; return
        case .enter:
            commandLine = nil
            let t = line.trimmingCharacters(in: .whitespaces)
            guard !t.isEmpty else { return }
            if commandHistory.last != t { commandHistory.append(t) }
            if t == "q" || t == "quit" { quit = true; return }
            if t.hasPrefix("theme ") { switchTheme(String(t.dropFirst(6)).trimmingCharacters(in: .whitespaces)); return }
            command(t)
            return
        case .backspace: if !line.isEmpty { line.removeLast() }
        case .up:
            guard !commandHistory.isEmpty else { break }
            let i = max(0, (commandHistoryIndex ?? commandHistory.count) - 1)
            commandHistoryIndex = i; line = commandHistory[i]
        case .down:
            guard let i = commandHistoryIndex else { break }
            if i + 1 < commandHistory.count { commandHistoryIndex = i + 1; line = commandHistory[i + 1] } else { commandHistoryIndex = nil; line = "" }
        case .tab: line = complete(line)
        case .character(let c): if line.count < 500 { line.append(c) }
        default: break
        }
        commandLine = line
    }

    /// Commands the `:` line completes (the debugger's, plus the TUI's own `theme`).
    public static let commandNames = ["si", "ni", "step", "next", "finish", "continue", "until", "rs", "rn", "rfinish", "rc",
                                      "break", "watch", "delete", "enable", "disable", "condition", "ignore", "print", "x", "set",
                                      "info", "save", "load", "trace", "theme", "help", "quit"]

    /// Completes the last word: a command name first, then symbols, boundaries and fields.
    func complete(_ line: String) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return line }
        let candidates: [String]
        if words.count == 1 {
            candidates = Self.commandNames
        } else {
            candidates = BoundaryName.allCases.map(\.rawValue) + run.built.program.symbols.all.map(\.name)
                + run.built.layout.fields.map { "\(run.built.manifest.contextSymbol).\($0.name)" }
                + SystemRegisterCatalogue.all.map { "$" + $0.name }
        }
        let matches = Array(Set(candidates.filter { $0.hasPrefix(last) })).sorted()
        guard !matches.isEmpty, !last.isEmpty || words.count == 1 else { return line }
        var prefix = matches[0]
        for m in matches.dropFirst() { while !m.hasPrefix(prefix) { prefix.removeLast() } }
        if matches.count > 1 { message = matches.prefix(12).joined(separator: "  ") + (matches.count > 12 ? "  ..." : "") }
        let completed = matches.count == 1 ? prefix + " " : prefix
        return (words.dropLast() + [completed]).joined(separator: " ")
    }

    /// `:theme NAME` switches live; a bad theme file is reported in the console.
    func switchTheme(_ name: String) {
        let dirs = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("themes")]
        let (t, problem) = Theme.load(named: name, searching: dirs)
        theme = t
        consoleLines.append(problem.map { "theme: " + $0 } ?? "theme \(t.name)")
    }

    /// Scrolls `name` by `d` rows if it is a panel that scrolls, kept within its rows (for the
    /// layout at this size); false for the other panels.
    func scrollPanel(_ name: String?, by d: Int, width: Int, height: Int) -> Bool {
        guard let name, let panel = Screen.scrollable(name),
              let region = Screen().regions(width: width, height: height)?[name] else { return false }
        let limit = panel.maxScroll(viewState, region: region)
        panelScroll[name] = max(0, min(limit, (panelScroll[name] ?? 0) + d))
        return true
    }

    /// A page for PgUp / PgDn in the focused scrolling panel: its rows less one.
    func pageRows(width: Int, height: Int) -> Int {
        let name = Self.panels[focus]
        guard let panel = Screen.scrollable(name), let region = Screen().regions(width: width, height: height)?[name] else { return 10 }
        return max(1, panel.scrollExtent(viewState, region: region).visible - 1)
    }

    func moveSelection(_ d: Int) {
        let list = SystemRegistersPanel.shown
        guard let i = list.firstIndex(of: selectedSysreg) else { return }
        selectedSysreg = list[max(0, min(list.count - 1, i + d))]
    }

    /// The event loop: present, wait for an event, handle it, until `q` or the events end.
    public func run(on terminal: Terminal) {
        defer { terminal.shutdown() }
        terminal.present(render(width: terminal.width, height: terminal.height), theme: theme)
        while let e = terminal.nextEvent() {
            if !handle(e, width: terminal.width, height: terminal.height) { break }
            terminal.present(render(width: terminal.width, height: terminal.height), theme: theme)
        }
    }
}
