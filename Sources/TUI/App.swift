import A64
import Machine
import Platform

/// The interactive session: a scenario run, its history (for stepping back), the view state
/// and the keys. `run(on:)` is the event loop for any `Terminal`; tests drive it with a
/// `MemoryTerminal` and read the frames.
public final class App {
    public let run: ScenarioRun
    public private(set) var history: [BoardStep] = []
    public var theme: Theme
    public private(set) var focus = 0
    public private(set) var showHelp = false
    public private(set) var message: String?
    public private(set) var quit = false
    public internal(set) var breakpoints: Set<UInt64> = []
    /// Source rows scrolled away from the pc; stepping brings the pc back into view.
    var sourceScroll = 0
    var selectedSysreg: Int
    var contextHexdump = false
    var disassemblyOnly = false
    /// Registers and sysregs changed since the last boundary (for `changed-earlier`).
    var changedRegs: Set<Int> = []
    var changedSys: Set<Int> = []

    public static let panels = ["source", "registers", "context", "sysregs", "timeline", "console"]

    /// Keys of the whole screen; with each panel's table they make the `?` overlay.
    public static let globalKeys: [KeyHelp] = [
        KeyHelp("s  F7", "step one instruction"),
        KeyHelp("n  F8", "step over a bl"),
        KeyHelp("c  F9", "continue to the next boundary or breakpoint"),
        KeyHelp("f", "finish the current function"),
        KeyHelp("r  Shift-F7", "step back one instruction"),
        KeyHelp("R", "continue backwards to the previous boundary"),
        KeyHelp("F2", "toggle a breakpoint at the pc"),
        KeyHelp("Tab  click", "focus the next panel / the clicked one"),
        KeyHelp("click gutter", "toggle a breakpoint on a source line"),
        KeyHelp("wheel", "scroll the panel under the mouse"),
        KeyHelp("?", "this help"),
        KeyHelp("q", "quit"),
    ]

    public init(run: ScenarioRun, theme: Theme = .default) {
        self.run = run
        self.theme = theme
        selectedSysreg = SystemRegisterCatalogue.index(named: "HCR_EL2") ?? 0
    }

    var panelObjects: [Panel] {
        [SourcePanel(breakpoints: breakpoints), RegistersPanel(), ContextPanel(), SystemRegistersPanel(), TimelinePanel(), ConsolePanel()]
    }

    public var viewState: ViewState {
        var v = ViewState(run: run, history: history)
        v.selectedSysreg = selectedSysreg
        v.contextHexdump = contextHexdump
        v.disassemblyOnly = disassemblyOnly
        let last = Set((history.last?.effects?.registerWrites ?? []).map { Int($0.index) })
        v.changedEarlierRegisters = changedRegs.subtracting(last)
        v.changedEarlierSysregs = changedSys
        if let m = message { v.console.append(m) }
        return v
    }

    /// The frame for a terminal size: the layout, and the help overlay on top when open.
    public func render(width: Int, height: Int) -> Frame {
        var f = Screen().render(viewState, width: width, height: height, focus: Self.panels[focus],
                                sourceScroll: sourceScroll, breakpoints: breakpoints)
        if showHelp && width >= Screen.minimumWidth && height >= Screen.minimumHeight { drawHelp(&f) }
        return f
    }

    func drawHelp(_ f: inout Frame) {
        var lines: [(String, StyleRole)] = [("Keys (Esc or ? closes)", .heading)]
        for k in Self.globalKeys { lines.append(("  " + k.keys.padding(toLength: 14, withPad: " ", startingAt: 0) + k.action, .normal)) }
        for (name, p) in zip(Self.panels, panelObjects) where !p.keyHelp.isEmpty {
            lines.append(("\(name):", .heading))
            for k in p.keyHelp { lines.append(("  " + k.keys.padding(toLength: 14, withPad: " ", startingAt: 0) + k.action, .normal)) }
        }
        let w = min(f.width - 4, 64), h = min(f.height - 2, lines.count + 2)
        let x = (f.width - w) / 2, y = (f.height - h) / 2
        f.fill(x: x, y: y, width: w, height: h, role: .normal)
        for (i, l) in lines.prefix(h - 2).enumerated() { f.write(l.0, x: x + 2, y: y + 1 + i, role: l.1, maxWidth: w - 4) }
    }

    // MARK: Stepping

    func forward() -> [Boundary] {
        sourceScroll = 0
        guard run.board.power != .off else { message = "the system is off"; return [] }
        let (s, found) = run.advance()
        history.append(s)
        if let e = s.effects {
            for w in e.registerWrites { changedRegs.insert(Int(w.index)) }
            for w in e.systemRegisterWrites { changedSys.insert(Int(w.index)) }
        }
        if !found.isEmpty { message = "boundary: " + found.map(\.name.rawValue).joined(separator: ", "); changedRegs = []; changedSys = [] }
        return found
    }

    func back() {
        sourceScroll = 0
        guard let s = history.popLast() else { message = "at the start: nothing to step back"; return }
        run.retreat(s)
    }

    func stopsHere() -> Bool {
        if history.last?.effects?.exception != nil { message = "exception taken"; return true }
        if history.last?.effects?.notes.contains(.selfLoop) == true { message = "halted (b .)"; return true }
        return breakpoints.contains(run.linkAddress(of: run.board.machine.pc))
    }

    func continueForward(limit: Int = 1_000_000) {
        for _ in 0..<limit {
            let found = forward()
            if !found.isEmpty || stopsHere() || run.board.power == .off { return }
        }
        message = "stopped after \(limit) steps"
    }

    /// Runs forward until `boundary` is passed (or the run stops by itself).
    public func continueTo(_ boundary: BoundaryName, limit: Int = 1_000_000) {
        for _ in 0..<limit {
            if run.detector.has(boundary) || run.board.power == .off { return }
            _ = forward()
            if history.last?.effects?.exception != nil || history.last?.effects?.notes.contains(.selfLoop) == true { return }
        }
    }

    func stepOver() {
        let m = run.board.machine
        let pc = m.pc
        guard let i = run.board.instruction(at: pc), i.op == .bl || i.op == .blr else { _ = forward(); return }
        let target = pc &+ 4
        for _ in 0..<1_000_000 {
            _ = forward()
            if m.pc == target || stopsHere() || run.board.power != .on { return }
        }
    }

    func finish() {
        let m = run.board.machine
        let sp = m.sp
        let lr = m.x(30)
        for _ in 0..<1_000_000 {
            _ = forward()
            if (m.pc == lr && m.sp >= sp) || stopsHere() || run.board.power != .on { return }
        }
    }

    func reverseContinue() {
        let passed = Set(run.detector.passed.map(\.step))
        while !history.isEmpty {
            back()
            if passed.contains(run.board.stepCount) || breakpoints.contains(run.linkAddress(of: run.board.machine.pc)) { return }
        }
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
            case .wheelUp: if hit?.key == "source" { sourceScroll -= 3 } else { moveSelection(-1) }
            case .wheelDown: if hit?.key == "source" { sourceScroll += 3 } else { moveSelection(1) }
            case .click:
                guard let (name, r) = hit, let i = Self.panels.firstIndex(of: name) else { break }
                focus = i
                // A click in the source gutter toggles a breakpoint on that line.
                if name == "source", x - r.x < 3, y > r.y {
                    let a = SourcePanel.address(row: y - r.y - 1, rows: r.height - 1, pc: run.linkAddress(of: run.board.machine.pc), scroll: sourceScroll)
                    if run.built.program.isInstruction(at: a) { if breakpoints.remove(a) == nil { breakpoints.insert(a) } }
                }
            }
        case .key(let k):
            if showHelp {
                if k == .escape || k == .character("?") || k == .character("q") { showHelp = false }
                return true
            }
            switch k {
            case .character("s"), .function(7): _ = forward()
            case .character("n"), .function(8): stepOver()
            case .character("c"), .function(9): continueForward()
            case .character("f"): finish()
            case .character("r"), .shiftFunction(7): back()
            case .character("R"): reverseContinue()
            case .function(2):
                let a = run.linkAddress(of: run.board.machine.pc)
                if breakpoints.remove(a) == nil { breakpoints.insert(a) }
            case .tab: focus = (focus + 1) % Self.panels.count
            case .backTab: focus = (focus + Self.panels.count - 1) % Self.panels.count
            case .up: if Self.panels[focus] == "source" { sourceScroll -= 1 } else { moveSelection(-1) }
            case .down: if Self.panels[focus] == "source" { sourceScroll += 1 } else { moveSelection(1) }
            case .pageUp: sourceScroll -= 10
            case .pageDown: sourceScroll += 10
            case .character("h"): contextHexdump.toggle()
            case .character("d"): disassemblyOnly.toggle()
            case .character("?"): showHelp = true
            case .character("q"), .control("c"):
                quit = true
                return false
            default:
                message = "no action for that key: ? lists the keys"
            }
        }
        return true
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
