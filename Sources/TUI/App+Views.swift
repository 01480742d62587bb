import Foundation
import A64
import Debugger
import Machine
import Platform

/// The full-screen views: the pager and what opens in it (help, compare, findings, a panel's
/// whole text), and the guided tour.
extension App {
    func handlePager(_ k: Key, width: Int, height: Int) {
        guard var p = pager else { return }
        // Typing a search.
        if let t = p.typing {
            switch k {
            case .enter:
                p.typing = nil
                p.query = t
                p.find(t, from: p.top, height: height)
            case .escape: p.typing = nil
            case .backspace: p.typing = String(t.dropLast())
            case .character(let c): if t.count < 200 { p.typing = t + String(c) }
            default: break
            }
            pager = p
            return
        }
        // The help also closes with the key that opened it.
        if p.kind == .help, keys.action(for: k, in: .main) == .view(.help) { pager = nil; return }
        guard case .view(let a)? = keys.action(for: k, in: .pager) else { return }
        let isFindings: Bool
        if case .findings = p.kind { isFindings = true } else { isFindings = false }
        p.status = nil
        switch a {
        case .close: pager = nil; return
        case .search: p.typing = ""
        case .searchNext: if let q = p.query { p.find(q, from: (p.match ?? p.top) + 1, height: height) }
        case .searchPrevious: if let q = p.query { p.find(q, from: (p.match ?? p.top) - 1, back: true, height: height) }
        case .up: if isFindings { p.select(by: -1, height: height) } else { p.scroll(by: -1, height: height) }
        case .down: if isFindings { p.select(by: 1, height: height) } else { p.scroll(by: 1, height: height) }
        case .pageUp: p.scroll(by: -(Pager.rows(height) - 1), height: height)
        case .pageDown: p.scroll(by: Pager.rows(height) - 1, height: height)
        case .top: p.scroll(by: -p.lines.count, height: height); if isFindings { p.selection = 0 }
        case .bottom: p.scroll(by: p.lines.count, height: height)
        case .left: p.scrollHorizontally(by: -8, width: width)
        case .right: p.scrollHorizontally(by: 8, width: width)
        case .open:
            if case .findings(let found, _) = p.kind, p.selection < found.count {
                pager = nil
                jump(to: found[p.selection], width: width, height: height)
                return
            }
        default: break
        }
        pager = p
    }

    // MARK: Help

    /// `?`: every key of the keymap, by mode, and what the generic keys do in each panel.
    func openHelp() {
        var lines: [String] = []
        var roles: [StyleRole?] = []
        func add(_ s: String, _ r: StyleRole? = nil) { lines.append(s); roles.append(r) }
        add("Keys (Esc or ? closes) — keymap '\(keys.name)'; yours: \(KeyMap.userFile().path)", .heading)
        for mode in KeyMode.allCases {
            add("")
            add(mode.title + ":", .heading)
            for g in keys.groups(mode) { add("  " + padded(g.keys.joined(separator: " "), 16) + " " + g.action.summary(in: mode)) }
            if mode == .main {
                for name in Self.panels {
                    guard let p = Screen.panel(name), !p.keyHelp.isEmpty else { continue }
                    add("  in \(name):", .muted)
                    for pk in p.keyHelp {
                        let ks = pk.actions.flatMap { keys.keys(for: .view($0), in: .main) }.map { KeyName.name($0) }
                        guard !ks.isEmpty else { continue }
                        add("    " + padded(ks.joined(separator: " "), 14) + " " + pk.meaning)
                    }
                }
                add("  the mouse: click focuses a panel (in the source gutter: toggles a breakpoint); the wheel scrolls the panel under it")
            }
        }
        add("")
        add("Debugger commands (:help COMMAND for one):", .heading)
        for l in CommandInterpreter.helpText.split(separator: "\n", omittingEmptySubsequences: false) { add("  " + l) }
        pager = Pager(kind: .help, title: "help", lines: lines, roles: roles)
    }

    // MARK: Compare

    /// Opens the compare view: this scenario against its base (a bug against the revision it
    /// breaks) or the neighbouring revision (v8 <-> v9, v9 <-> v11), with the shipped review.
    /// Cells are never cut: the view scrolls sideways.
    public func openCompare() {
        let m = run.built.manifest
        let other = m.baseName ?? (m.name == "v8" ? "v9" : m.name == "v11" ? "v9" : "v8")
        do {
            guard let o = try BuiltinScenarios.scenario(named: other) else { message = "no scenario \(other) to compare with"; return }
            let ob = try o.build()
            let (left, right) = m.name == "v8" ? (run.built, ob) : (ob, run.built)
            let lines = RevisionComparison(left, right, review: ReviewEmail.v8Review).text().components(separatedBy: "\n")
            let roles: [StyleRole?] = lines.map { line in
                line.hasPrefix("compare ") || ["save:", "restore:", "struct layout", "what changed", "review"].contains(where: { line.hasPrefix($0) }) ? .heading
                    : line.contains("[R") ? .changedEarlier : nil
            }
            pager = Pager(kind: .compare, title: "compare", lines: lines, roles: roles)
        } catch {
            message = "cannot compare with \(other): \(error)"
        }
    }

    // MARK: Findings

    /// What `check` finds for this scenario (the integrity run and the static check), once.
    public var findings: [Finding] {
        if let f = findingsCache { return f }
        let f = CheckReport(run.built).findings
        findingsCache = f
        return f
    }

    /// `!` and `:check`: the scenario's title and description, then each finding with where
    /// and when; Enter jumps to the selected one.
    public func openFindings(width: Int = 120) {
        let m = run.built.manifest
        let found = findings
        var lines: [String] = []
        var roles: [StyleRole?] = []
        lines.append("\(m.name) — \(m.title)"); roles.append(.heading)
        for l in Frame.wrap(cache.flattened(m.description), width: max(20, width - 1)) { lines.append(l); roles.append(.muted) }
        lines.append(found.isEmpty ? "check: clean — the path comes back with every register and field it must preserve" : "check: \(found.count) finding\(found.count == 1 ? "" : "s")")
        roles.append(found.isEmpty ? .boundary : .heading)
        lines.append(""); roles.append(nil)
        var starts: [Int] = []
        for f in found {
            starts.append(lines.count)
            let when = f.step.map { " (step \($0))" } ?? ""
            lines.append("[\(f.check.rawValue)] " + (f.location ?? "-") + when + ": " + f.kind); roles.append(nil)
            for l in Frame.wrap(CommandInterpreter.escaped(f.message), width: max(20, width - 5)) { lines.append("    " + l); roles.append(nil) }
        }
        pager = Pager(kind: .findings(found, starts: starts), title: "findings: \(m.name)", lines: lines, roles: roles)
    }

    /// Enter on a finding: the session goes to its step (the timeline follows) and the source
    /// view's cursor to its file:line.
    func jump(to f: Finding, width: Int, height: Int) {
        let step = f.step ?? firstStep(at: f.location)
        if let step {
            let before = run.board.stepCount
            let stop = session.travel(to: step)
            afterMove(from: before)
            appendConsole("finding: \(f.kind) — went to step \(run.board.stepCount)" + (stop == nil ? "" : " (\(stop!))"))
        }
        guard let loc = f.location, let colon = loc.lastIndex(of: ":"), let line = Int(loc[loc.index(after: colon)...]) else { return }
        let file = String(loc[..<colon])
        focus = Self.panels.firstIndex(of: "source") ?? 0
        sourceScroll = 0
        guard let offset = sourceOffset(file: file, line: line, width: width, height: height) else {
            message = "\(loc) is not code of the program (a struct field or a header)"
            return
        }
        sourceScroll = offset
    }

    /// The step at which the code of `location` (file:line) first runs, on a fresh run.
    func firstStep(at location: String?) -> Int? {
        guard let loc = location, let colon = loc.lastIndex(of: ":"), let line = Int(loc[loc.index(after: colon)...]) else { return nil }
        let addresses = Set(run.built.program.lineMap.addresses(file: String(loc[..<colon]), line: line))
        guard !addresses.isEmpty else { return nil }
        let probe = ScenarioRun(built: run.built)
        while probe.board.stepCount < 1_000_000 && probe.board.power != .off {
            if probe.board.power == .on, addresses.contains(probe.linkAddress(of: probe.board.machine.pc)) { return probe.board.stepCount }
            let (s, _) = probe.advance()
            if s.effects?.exception != nil || s.effects?.notes.contains(.selfLoop) == true { break }
        }
        return nil
    }

    /// The source scroll that puts `file:line` under the cursor, if it is a line of code.
    func sourceOffset(file: String, line: Int, width: Int, height: Int) -> Int? {
        let model = cache.sourceModel(run, grouped: !disassemblyOnly)
        let pc = run.linkAddress(of: run.board.machine.pc)
        guard let target = model.row(file: file, line: line) else { return nil }
        guard let anchor = model.row(containing: pc) else { return nil }
        // Display lines from the anchor (the pc's line) to the target's row.
        let own = model.lines(of: anchor, pc: pc, expanded: expanded)
        let anchorIn = own.firstIndex { $0.sub.map { model.rows[anchor].address &+ UInt64(4 * $0) == pc } ?? false } ?? 0
        if target == anchor { return -anchorIn }
        var offset = 0
        if target > anchor {
            offset = own.count - anchorIn
            for i in (anchor + 1)..<target { offset += model.lines(of: i, pc: pc, expanded: expanded).count }
        } else {
            offset = -anchorIn
            for i in stride(from: anchor - 1, through: target, by: -1) { offset -= model.lines(of: i, pc: pc, expanded: expanded).count }
        }
        return offset
    }

    // MARK: A panel's whole text

    /// Enter on a panel: its whole text in the pager (which scrolls both ways).
    func openPanel(_ name: String, width: Int) {
        let text: String
        switch name {
        case "source":
            let loc = run.built.program.lineMap.location(at: run.linkAddress(of: run.board.machine.pc))
            guard let file = loc?.file, let src = run.built.scenario.files[file] else { text = interpreter.execute("disassemble").output; break }
            let lines = src.split(separator: "\n", omittingEmptySubsequences: false)
            var listing: [String] = []
            for (i, l) in lines.enumerated() {
                let mark = i + 1 == loc?.line ? "=> " : "   "
                listing.append(mark + padded(String(i + 1), 5) + " " + CommandInterpreter.escaped(String(l)))
            }
            text = listing.joined(separator: "\n")
            pager = Pager(title: file, lines: text.components(separatedBy: "\n"))
            if let l = loc?.line { pager?.top = max(0, l - 10); pager?.match = l - 1 }
            return
        case "registers": text = interpreter.execute("info registers").output
        case "context": text = interpreter.execute("info context").output
        case "sysregs": text = interpreter.execute("info sysregs \(SystemRegisterCatalogue.all[selectedSysreg].name)").output + "\n\n" + interpreter.execute("info sysregs").output
        case "timeline": text = interpreter.execute("info boundaries").output
        case "explain":
            let e = Explainer(run).explainCurrent()
            text = e.text + (e.note.map { "\n\nnote: " + $0 } ?? "")
        case "breakpoints": text = interpreter.execute("info breakpoints").output
        default:
            let state = viewState
            text = (0..<ConsolePanel.lineCount(state)).map { ConsolePanel.line(state, $0).0 }.joined(separator: "\n")
            pager = Pager(title: name, lines: text.components(separatedBy: "\n"))
            pager?.scroll(by: Int.max / 2, height: 40)
            return
        }
        pager = Pager(title: name, lines: text.components(separatedBy: "\n"))
    }

    // MARK: The tour

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
            message = CommandInterpreter.escaped("\(error)")
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
            afterMove(from: before)
        }
    }

    /// What the open question asks about, hidden on screen until it is answered.
    func hiddenValues(_ t: TourState) -> Set<HiddenValue> {
        guard !t.finished, t.index < t.guide.tour.stops.count, t.revealed == nil,
              let spec = t.guide.tour.stops[t.index].answer else { return [] }
        switch spec.lowercased() {
        case "pc": return [.pc]
        case "sp": return [.register(31), .register(32)]
        default: break
        }
        if let r = ScenarioManifest.registerIndex(spec) { return r == 32 || r == 31 ? [.register(31), .register(32)] : [.register(r)] }
        if let i = SystemRegisterCatalogue.index(named: spec) { return [.systemRegister(i)] }
        if spec.hasPrefix("field:"), let off = t.guide.fieldOffset(String(spec.dropFirst(6))) {
            // The register the slot belongs to shows the same value: hide it too.
            var out: Set<HiddenValue> = [.field(off)]
            for (r, o) in cache.registerSlots(run) where o == off { out.insert(.register(r)) }
            return out
        }
        return []
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

    func drawTour(_ f: inout Frame, _ t: TourState) {
        let w = min(f.width - 4, 100)
        let x = (f.width - w) / 2
        let h = min(14, f.height / 2)
        let y = f.height - h - 1
        f.fill(x: x, y: y, width: w, height: h)
        f.fill(x: x, y: y, width: w, height: 1, role: .focus)
        let box = Region(x: x + 1, y: y, width: w - 2, height: h)
        f.writeMarked(" tour: \(t.guide.tour.title) · \(t.guide.score) ", in: Region(x: x, y: y, width: w, height: 1), row: 0, role: .focus)
        var row = 1
        if t.finished {
            f.writeWrapped("The tour is over. \(t.guide.score). Esc returns to the debugger.", in: box, row: row, role: .heading)
            return
        }
        let stop = t.guide.tour.stops[t.index]
        f.writeMarked(t.guide.heading(t.index), in: box, row: row, role: .heading); row += 1
        // Narration rows, leaving room for the question, the answer line and the key hint.
        let say = CommandInterpreter.escaped(stop.say.replacingOccurrences(of: "\n", with: " "))
        let reserve = stop.ask != nil ? 3 : 1
        let sayRegion = Region(x: box.x, y: box.y + row, width: box.width, height: max(0, h - row - reserve))
        let used = f.writeWrapped(say, in: sayRegion, row: 0)
        if used > sayRegion.height { f.markCut(in: sayRegion, row: sayRegion.height - 1) }
        row += min(used, sayRegion.height)
        if let ask = stop.ask {
            f.writeMarked("? " + CommandInterpreter.escaped(ask), in: box, row: row, role: .heading); row += 1
            if let r = t.revealed {
                f.writeMarked(r, in: box, row: row, role: r.hasPrefix("Right") ? .boundary : .changed)
            } else {
                f.writeMarked("> " + t.input + "▏   (the value is hidden on screen until you answer; Enter with nothing skips)", in: box, row: row)
            }
        }
        f.writeMarked("Enter: \(stop.ask != nil && t.revealed == nil ? "answer" : "next stop") · Esc: leave the tour", in: box, row: h - 1, role: .muted)
    }
}
