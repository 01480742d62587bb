import Foundation
import A64
import Debugger
import Machine
import Platform

/// Keys and the mouse: every key goes through the keymap (`KeyMap`) for the mode the app is
/// in; input that means nothing here is ignored, never fatal.
extension App {
    /// Handles one event; returns false when the app should exit.
    @discardableResult
    public func handle(_ e: TerminalEvent, width: Int = 120, height: Int = 40) -> Bool {
        message = nil
        switch e {
        case .resize, .unmapped:
            break
        case .mouse(let x, let y, let kind):
            handleMouse(x: x, y: y, kind: kind, width: width, height: height)
        case .key(.alt(let c)) where !altIsBound(c):
            // Escape and a key typed fast arrive as one Alt key: where Alt means nothing, it is
            // the two keys it was.
            _ = handle(.key(.escape), width: width, height: height)
            return handle(.key(.character(c)), width: width, height: height)
        case .key(let k):
            if confirm != nil { handleConfirm(k) }
            else if prompt != nil { handlePrompt(k, width: width, height: height) }
            else if pager != nil { handlePager(k, width: width, height: height) }
            else if tour != nil { handleTour(k) }
            else { handleMain(k, width: width, height: height) }
        }
        cache.stateKey &+= 1
        return !quit
    }

    /// Whether Alt-`c` does something in the mode the app is in.
    func altIsBound(_ c: Character) -> Bool {
        let mode: KeyMode = confirm != nil || tour != nil ? .main : prompt != nil ? .prompt : pager != nil ? .pager : .main
        if confirm != nil || tour != nil { return false }
        return keys.action(for: .alt(c), in: mode) != nil
    }

    func handleMain(_ k: Key, width: Int, height: Int) {
        switch keys.action(for: k, in: .main) {
        case .command(let c)?: keyCommand(c)
        case .view(let a)?: perform(a, width: width, height: height)
        case nil:
            // Ctrl-C quits at once (as it always has); anything else unbound says so.
            if k == .control("c") { quit = true; return }
            message = "no action for \(KeyName.name(k)): ? lists the keys"
        }
    }

    /// A debugger command bound to a key: run without echo; its output goes to the console,
    /// except the location line a step prints (the source panel shows where we are).
    func keyCommand(_ line: String) {
        let before = run.board.stepCount
        // One step, the key pressed most: straight to the engine (the same stop rules as
        // `si`; what stopped it, if anything but the step, is reported).
        if line == "si" || line == "s" || line == "stepi" {
            let stop = session.forward(count: 1)
            afterMove(from: before)
            reportStop(stop)
            return
        }
        let r = interpreter.execute(line)
        if let e = r.error { appendConsole("error: " + e.description) }
        var out = r.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // A command that moves the program ends with the location line: the source shows it.
        let word = line.split(separator: " ").first.map(String.init) ?? line
        if r.ok, CommandTable.lookup(word)?.resumes == true, !out.isEmpty {
            let displays = interpreter.displays.count
            if out.count > displays { out.remove(at: out.count - 1 - displays) }
        }
        if !out.isEmpty && out != [""] { appendConsole(out.joined(separator: "\n")) }
        afterMove(from: before)
    }

    /// After the engine moved: changes since the last boundary, the source back on the pc.
    func afterMove(from before: Int) {
        noteChanges(from: before)
        if run.board.stepCount != before { sourceScroll = 0 }
    }

    // MARK: Actions

    func perform(_ a: ViewAction, width: Int, height: Int) {
        let name = Self.panels[focus]
        switch a {
        case .nextBoundary: nextBoundary()
        case .previousBoundary: previousBoundary()
        case .toggleBreakpoint: toggleBreakpointAtCursor(width: width, height: height)
        case .focusNext: focus = (focus + 1) % Self.panels.count
        case .focusPrevious: focus = (focus + Self.panels.count - 1) % Self.panels.count
        case .up: move(name, by: -1, width: width, height: height)
        case .down: move(name, by: 1, width: width, height: height)
        case .pageUp: move(name, by: -pageRows(name, width: width, height: height), page: true, width: width, height: height)
        case .pageDown: move(name, by: pageRows(name, width: width, height: height), page: true, width: width, height: height)
        case .top: move(name, by: -1_000_000, page: true, width: width, height: height)
        case .bottom: move(name, by: 1_000_000, page: true, width: width, height: height)
        case .open: openPanel(name, width: width)
        case .expand: toggleExpand(width: width, height: height)
        case .commandLine: prompt = LineEditor(); commandHistoryIndex = nil
        case .help: openHelp()
        case .quit:
            if isDirty {
                confirm = Confirm(kind: .quit, question: "save the session before quitting? y: save to sessions/last.json · n: quit without saving · Esc: stay")
            } else {
                quit = true
            }
        case .compare: openCompare()
        case .tour: startTour()
        case .findings: openFindings(width: width)
        case .hexdump: contextHexdump.toggle()
        case .disassembly: disassemblyOnly.toggle()
        case .redraw: repaint = true
        default: break
        }
    }

    /// ↑ ↓ and the page keys in a panel: the source moves its cursor, the system registers
    /// their selection (the page keys scroll the bitfields), the console goes back in time,
    /// the others scroll.
    func move(_ name: String, by d: Int, page: Bool = false, width: Int, height: Int) {
        switch name {
        case "source":
            if d >= 1_000_000 { sourceScroll = 0 } else { sourceScroll = max(-100_000, min(100_000, sourceScroll + d)) }
        case "sysregs" where !page:
            moveSelection(d)
        case "console":
            let total = ConsolePanel.lineCount(viewState)
            panelScroll["console"] = max(0, min(max(0, total - 1), (panelScroll["console"] ?? 0) - d))
        default:
            _ = scrollPanel(name, by: d, width: width, height: height)
        }
    }

    /// Scrolls `name` by `d` rows if it is a panel that scrolls, kept within its rows (for the
    /// layout at this size); false for the other panels.
    func scrollPanel(_ name: String?, by d: Int, width: Int, height: Int) -> Bool {
        guard let name, name != "console", let panel = Screen.scrollable(name),
              let region = Screen().regions(width: width, height: height)?[name] else { return false }
        let limit = panel.maxScroll(viewState, region: region)
        panelScroll[name] = max(0, min(limit, (panelScroll[name] ?? 0) + d))
        return true
    }

    /// A page in a panel: its rows less one.
    func pageRows(_ name: String, width: Int, height: Int) -> Int {
        guard let region = Screen().regions(width: width, height: height)?[name] else { return 10 }
        return max(1, region.height - 2)
    }

    func moveSelection(_ d: Int) {
        let list = SystemRegistersPanel.shown
        guard let i = list.firstIndex(of: selectedSysreg) else { return }
        selectedSysreg = list[max(0, min(list.count - 1, i + d))]
        panelScroll["sysregs"] = 0
    }

    /// The source line under the cursor (the middle row; the pc's line when not scrolled).
    func cursorTarget(width: Int, height: Int) -> SourcePanel.Target? {
        guard let r = Screen().regions(width: width, height: height)?["source"] else { return nil }
        let rows = SourcePanel.bodyRows(r)
        return SourcePanel.target(viewState, row: rows / 2, rows: rows)
    }

    func toggleBreakpointAtCursor(width: Int, height: Int) {
        guard let t = cursorTarget(width: width, height: height) else { message = "no instruction on the cursor line"; return }
        toggleBreakpoint(t)
    }

    /// F2 and a click in the gutter: removes every breakpoint on the line if there is one (set
    /// by F2 or `:b` as a label, FILE:LINE or *ADDR), else sets one for the whole line.
    func toggleBreakpoint(_ t: SourcePanel.Target) {
        let here = Set(t.addresses)
        let onLine = session.breakpoints.filter { b in
            if case .addresses(let list) = b.location { return list.contains(where: here.contains) }
            return false
        }
        if !onLine.isEmpty {
            command("delete " + onLine.map { String($0.id) }.joined(separator: " "), echo: false)
            return
        }
        if let file = t.file, let line = t.line, t.addresses.count > 1 || t.group == nil {
            command("b \(file):\(line)", echo: false)
        } else if let a = t.addresses.first {
            command("b *0x\(String(a, radix: 16))", echo: false)
        }
    }

    func toggleExpand(width: Int, height: Int) {
        guard let g = cursorTarget(width: width, height: height)?.group else { message = "the cursor line has one instruction"; return }
        if expanded.contains(g) { expanded.remove(g) } else { expanded.insert(g) }
    }

    // MARK: Stepping

    /// Keeps "changed since the last boundary" up to date after the engine moved.
    func noteChanges(from before: Int) {
        let now = run.board.stepCount
        guard now > before else { changedRegs = []; changedSys = []; return }
        if let last = run.detector.passed.last, last.step > before { changedRegs = []; changedSys = []; message = "boundary: \(last.name.rawValue)" }
        let w = session.writes(after: max(before, run.detector.passed.last?.step ?? 0))
        changedRegs.formUnion(w.registers)
        changedSys.formUnion(w.systemRegisters)
    }

    /// `]`: on to the next boundary, or a breakpoint or watchpoint, whichever comes first.
    func nextBoundary(limit: Int = 1_000_000) {
        let before = run.board.stepCount
        let passed = run.detector.passed.count
        let stop = session.forward(limit: limit) { [run] _ in run.detector.passed.count > passed }
        afterMove(from: before)
        reportStop(stop)
    }

    /// `[`: back to the previous boundary (or an engine breakpoint on the way).
    func previousBoundary() {
        let steps = Set(run.detector.passed.map(\.step))
        let before = run.board.stepCount
        let stop = session.backward { [run] _ in steps.contains(run.board.stepCount) && run.board.stepCount < before }
        afterMove(from: before)
        reportStop(stop)
    }

    /// What stopped a move, in the console, when it was not simply done (a breakpoint, the
    /// end), without the location line.
    func reportStop(_ stop: Stop) {
        if case .done = stop.reason {
            if !interpreter.displays.isEmpty { appendConsole(interpreter.showDisplays()) }
            return
        }
        var lines = interpreter.describe(stop).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.count > 1 { lines.removeLast() }
        appendConsole(lines.joined(separator: "\n"))
        if !interpreter.displays.isEmpty { appendConsole(interpreter.showDisplays()) }
    }

    /// Runs forward until `boundary` is passed (or the run stops by itself).
    public func continueTo(_ boundary: BoundaryName, limit: Int = 1_000_000) {
        guard !run.detector.has(boundary) else { return }
        let before = run.board.stepCount
        _ = session.forward(limit: limit) { [run] _ in run.detector.has(boundary) }
        afterMove(from: before)
    }

    // MARK: The mouse

    func handleMouse(x: Int, y: Int, kind: MouseKind, width: Int, height: Int) {
        if var p = pager {
            switch kind {
            case .wheelUp: p.scroll(by: -3, height: height)
            case .wheelDown: p.scroll(by: 3, height: height)
            default: break
            }
            pager = p
            return
        }
        guard confirm == nil, prompt == nil, tour == nil else { return }
        let regions = Screen().regions(width: width, height: height) ?? [:]
        let hit = regions.first { x >= $0.value.x && x < $0.value.x + $0.value.width && y >= $0.value.y && y < $0.value.y + $0.value.height }
        switch kind {
        case .wheelUp, .wheelDown:
            guard let name = hit?.key else { return }
            let d = kind == .wheelUp ? -3 : 3
            if name == "sysregs" { moveSelection(d > 0 ? 1 : -1) } else { move(name, by: d, width: width, height: height) }
        case .click:
            guard let (name, r) = hit, let i = Self.panels.firstIndex(of: name) else { return }
            focus = i
            // A click in the source gutter toggles a breakpoint on that line.
            if name == "source", x - r.x < 3, y > r.y,
               let t = SourcePanel.target(viewState, row: y - r.y - 1, rows: SourcePanel.bodyRows(r)) {
                toggleBreakpoint(t)
            }
        case .rightClick, .release, .other:
            break
        }
    }

    // MARK: Questions

    func handleConfirm(_ k: Key) {
        guard let c = confirm else { return }
        confirm = nil
        switch (c.kind, k) {
        case (.quit, .character("y")):
            if command("save last", echo: true) { quit = true }
        case (.quit, .character("n")), (.quit, .character("q")):
            quit = true
        case (.partialLoad(let arg), .character("y")):
            command("load --partial " + arg, echo: true)
        default:
            break
        }
    }
}
