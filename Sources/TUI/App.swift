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
    public let interpreter: CommandInterpreter
    /// The step and breakpoint count when the session was last saved or loaded: `q` offers to
    /// save when the state moved since.
    var savedMark: (step: Int, breakpoints: Int)?
    public var run: ScenarioRun { session.run }
    /// The newest step in the engine's history.
    public var lastStep: BoardStep? { session.lastStep }
    /// The keys: what each does, in each mode (see `KeyMap`).
    public var keys: KeyMap
    public var theme: Theme
    /// Where themes are looked for.
    public var themes = ThemeCatalog()

    /// The `:` line while it is open.
    public internal(set) var prompt: LineEditor?
    /// The `:` line's text (nil when closed).
    public var commandLine: String? { prompt?.string }
    public internal(set) var commandHistory: [String] = []
    var commandHistoryIndex: Int?
    /// Command output and messages, oldest first (at most `consoleLimit`).
    public internal(set) var consoleLines: [String] = []
    public static let consoleLimit = 10_000
    /// The full-screen pager (long output, help, compare, findings) while open.
    public internal(set) var pager: Pager?
    /// A yes/no question waiting for its answer (quit, partial load).
    public internal(set) var confirm: Confirm?
    public var quitPrompt: Bool { confirm?.kind == .quit }
    public var showHelp: Bool { pager?.kind == .help }
    /// The compare view's lines, while it is open.
    public var compareLines: [String]? { pager?.kind == .compare ? pager?.lines : nil }
    /// A guided tour in progress (`t`, or `tui --tour`).
    public internal(set) var tour: TourState?
    public internal(set) var message: String?
    public internal(set) var quit = false
    public internal(set) var focus = 0

    /// Source rows scrolled away from the pc (the middle row is the cursor); stepping brings
    /// the pc back into view.
    var sourceScroll = 0
    /// The first row shown by each panel that scrolls (the console: lines back from the
    /// newest); kept across steps, limited to the rows there are.
    var panelScroll: [String: Int] = [:]
    /// Source lines whose instructions are shown (their first address).
    var expanded: Set<UInt64> = []
    var selectedSysreg: Int
    var contextHexdump = false
    var disassemblyOnly = false
    /// Registers and sysregs changed since the last boundary (for `changed-earlier`).
    var changedRegs: Set<Int> = []
    var changedSys: Set<Int> = []
    /// What `check` finds in this scenario (worked out once, when first shown).
    var findingsCache: [Finding]?
    /// The terminal must repaint every cell (Ctrl-L, a theme change).
    var repaint = false

    /// Panels in focus order (the names sessions keep).
    public static let panels = ["source", "registers", "context", "sysregs", "timeline", "explain", "breakpoints", "console"]

    /// A question the app waits on.
    public struct Confirm: Equatable {
        public enum Kind: Equatable { case quit, partialLoad(String) }
        public var kind: Kind
        public var question: String
    }

    public struct TourState {
        public var guide: TourGuide
        public var index = 0
        public var input = ""
        public var revealed: String?
        public var finished = false
    }

    /// A fresh debugging session on `built`.
    public convenience init(built: BuiltScenario, theme: Theme = .default, keys: KeyMap = .standard) {
        self.init(session: DebugSession(built: built), theme: theme, keys: keys)
    }

    /// The app on `session`. A loaded session's view comes back (focus, selection, scroll);
    /// its theme too, unless `theme` was given explicitly (`--theme` wins over the session).
    public init(session: DebugSession, theme: Theme = .default, keys: KeyMap = .standard, themeGiven: Bool = true) {
        interpreter = CommandInterpreter(session: session)
        self.theme = theme
        self.keys = keys
        selectedSysreg = SystemRegisterCatalogue.index(named: "HCR_EL2") ?? 0
        savedMark = (session.step, session.breakpoints.count)
        let catalog = themes
        interpreter.availableThemes = { catalog.available }
        if themeGiven { session.view.theme = theme.name }
        applyView()
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
        v.focus = Self.panels[focus]
        v.scroll = panelScroll
        v.sourceScroll = sourceScroll
        v.expanded = expanded
        v.findingCount = findingsCache?.count
        v.console = consoleLines
        // The session's notes and bookmarks at this step (the sample sessions' narration).
        for n in session.notes where n.step == run.board.stepCount {
            v.consoleTail.append("note: " + CommandInterpreter.escaped(n.text))
        }
        if !session.breakpoints.isEmpty || !session.watchpoints.isEmpty {
            v.breakpointLines = breakpointLines()
            v.marks = gutterMarks()
        }
        if let m = message { v.consoleTail += m.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        if let c = confirm { v.consoleTail.append(c.question) }
        if let p = prompt {
            let (text, _) = p.display()
            var shown = text
            let cur = p.display().cursor
            let chars = Array(shown)
            if cur <= chars.count { shown = String(chars[..<cur]) + "▏" + String(chars[cur...]) }
            v.consoleTail.append(shown)
        }
        if let t = tour { v.hidden = hiddenValues(t) }
        return v
    }

    /// The breakpoints panel's lines, in number order, with the gutter's marks:
    /// "#2 ● prepare_resume_ctx · 1 hit", "#3 ◉ head.S:30 if $x0 != 0", "#5 w resume_cpu_context.sp = 0x0".
    func breakpointLines() -> [String] {
        var rows: [(Int, String)] = []
        for b in session.breakpoints {
            let mark = !b.enabled ? "○" : b.condition != nil ? "◉" : "●"
            var line = "#\(b.id) \(mark) \(CommandInterpreter.escaped(b.spec))"
            if case .boundary = b.location { line += " (boundary)" }
            if let c = b.conditionText { line += " if \(CommandInterpreter.escaped(c))" }
            if b.temporary { line += " (temporary)" }
            if b.ignoreCount > 0 { line += " (ignore \(b.ignoreCount))" }
            line += " · \(b.hits) hit\(b.hits == 1 ? "" : "s")" + (b.enabled ? "" : " · disabled")
            rows.append((b.id, line))
        }
        for w in session.watchpoints {
            let bytes = session.read(w.target)
            var value: UInt64 = 0
            for (k, x) in bytes.prefix(8).enumerated() { value |= UInt64(x) << UInt64(8 * k) }
            let shown = bytes.count <= 8 ? "0x" + String(value, radix: 16) : "\(bytes.count) bytes"
            rows.append((w.id, "#\(w.id) \(w.enabled ? "w" : "○") watch \(CommandInterpreter.escaped(w.spec)) = \(shown) · \(w.hits) hit\(w.hits == 1 ? "" : "s")" + (w.enabled ? "" : " · disabled")))
        }
        return rows.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Where breakpoints and watchpoints are, for the source gutter: every address a
    /// breakpoint stops at (a boundary's address once it is known), and watched words that
    /// lie in the program.
    func gutterMarks() -> [UInt64: GutterMark] {
        var marks: [UInt64: GutterMark] = [:]
        func add(_ a: UInt64, _ m: GutterMark) { if marks[a].map({ $0 < m }) ?? true { marks[a] = m } }
        for b in session.breakpoints {
            let m: GutterMark = !b.enabled ? .disabled : b.condition != nil ? .conditional : .enabled
            switch b.location {
            case .addresses(let list): for a in list { add(a, m) }
            case .boundary(let name):
                if let p = run.detector.boundary(name) { add(run.linkAddress(of: p.pc), m) }
            }
        }
        let program = run.built.program
        for w in session.watchpoints where w.enabled {
            guard case .memory(let pa, let n) = w.target else { continue }
            let link = run.linkAddress(of: pa)
            for a in stride(from: link & ~3, to: link &+ UInt64(n), by: 4) where program.word(at: a) != nil { add(a, .watchpoint) }
        }
        return marks
    }

    /// The frame for a terminal size: the layout, and the overlays on top when open.
    public func render(width: Int, height: Int) -> Frame {
        if findingsCache == nil && width >= Screen.minimumWidth { _ = findings }
        var f = Screen().render(viewState, width: width, height: height)
        guard width >= Screen.minimumWidth && height >= Screen.minimumHeight else { return f }
        if let t = tour { drawTour(&f, t) }
        if let p = pager { p.render(into: &f) }
        return f
    }

    // MARK: The view a session keeps

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

    /// Puts a loaded session's view back, its theme included (looked up where themes are).
    func applyView() {
        let v = session.view
        if let i = Self.panels.firstIndex(of: v.focusedPanel) { focus = i }
        if let n = v.selections["sysregs"], let i = SystemRegisterCatalogue.index(named: n) { selectedSysreg = i }
        sourceScroll = v.scroll["source"] ?? 0
        panelScroll = [:]
        for name in Self.panels where name != "source" { if let top = v.scroll[name] { panelScroll[name] = max(0, top) } }
        if v.theme != theme.name {
            let (t, problem) = themes.load(named: v.theme)
            theme = t
            repaint = true
            if let problem { appendConsole("theme: " + problem) }
        }
    }

    /// Whether the session moved since it was last saved or loaded.
    public var isDirty: Bool {
        guard let m = savedMark else { return true }
        return m.step != session.step || m.breakpoints != session.breakpoints.count
    }

    /// Adds lines to the console, keeping the newest `consoleLimit`.
    public func appendConsole(_ text: String) {
        consoleLines += text.split(separator: "\n", omittingEmptySubsequences: false).map { Frame.expandTabs(String($0)) }
        if consoleLines.count > Self.consoleLimit { consoleLines.removeFirst(consoleLines.count - Self.consoleLimit) }
    }

    // MARK: The event loop

    /// The event loop: present, wait for an event, handle it, until `q` or the events end.
    public func run(on terminal: Terminal) {
        defer { terminal.shutdown() }
        terminal.present(render(width: terminal.width, height: terminal.height), theme: theme)
        while let e = terminal.nextEvent() {
            if !handle(e, width: terminal.width, height: terminal.height) { break }
            if repaint { terminal.invalidate(); repaint = false }
            terminal.present(render(width: terminal.width, height: terminal.height), theme: theme)
        }
    }
}
