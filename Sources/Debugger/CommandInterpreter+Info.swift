import SafeIO
import A64
import Assembler
import Machine
import Platform

extension CommandInterpreter {
    /// Where the core is: "step 58: 0x40200000 <hyp_resume> head.S:12  msr ...", or its power state.
    public func locationLine() -> String {
        let s = session
        switch s.board.power {
        case .off:
            return "step \(s.step): the system is off"
        case .suspended(let entry, _):
            return "step \(s.step): the core is powered down; the next step is the warm boot at 0x\(hex(entry))"
        case .on:
            let pc = s.machine.pc
            let link = s.run.linkAddress(of: pc)
            let sym = s.symbolize(pc).map { " <\($0)>" } ?? ""
            return "step \(s.step): 0x\(hex(pc))\(sym) \(s.run.place(link))\t\(s.run.text(atPhysicalOrVirtual: pc))"
        }
    }

    /// What an execution command prints: boundaries passed, edits undone, why it stopped, where.
    public func describe(_ stop: Stop) -> String {
        var lines: [String] = []
        for b in stop.boundaries {
            lines.append(stop.steps >= 0 ? "boundary \(b.name.rawValue) at step \(b.step)"
                                         : "back before boundary \(b.name.rawValue) (passed at step \(b.step))")
        }
        for e in stop.undoneEdits { lines.append("undid the user edit \(e.target) = 0x\(hex(e.value)) (made at step \(e.step))") }
        switch stop.reason {
        case .done: break
        case .breakpoint(let id):
            if let t = session.lastTemporaryHit, t.id == id {
                lines.append("Temporary breakpoint \(id), \(t.spec) (deleted)")
            } else {
                let bp = session.breakpoints.first { $0.id == id }
                lines.append("Breakpoint \(id), \(bp?.spec ?? "?")" + (bp.map { " (hit \($0.hits) time\($0.hits == 1 ? "" : "s"))" } ?? ""))
            }
        case .watchpoint(let c):
            lines.append("Watchpoint \(c.watchpoint): \(c.spec)")
            lines.append("Old value = \(show(c.old))")
            lines.append("New value = \(show(c.new))")
            lines.append("changed by step \(c.step): \(c.instruction)")
        case .exception(let x):
            lines.append("exception taken to EL2: EC 0x\(hex(UInt64(x.ec))), ESR 0x\(hex(x.esr)), ELR 0x\(hex(x.elr))"
                         + (x.far.map { ", FAR 0x\(hex($0))" } ?? "") + ", vector 0x\(hex(x.vector))")
        case .halt(let why): lines.append("halted: \(why)")
        case .systemOff: lines.append("the system is off (SYSTEM_OFF): nothing more runs")
        case .suspendLoop: lines.append("suspend loop: the program asked for SYSTEM_SUSPEND again after resuming")
        case .historyStart:
            lines.append(session.droppedSteps > 0
                         ? "reached the oldest state kept (step \(session.step)); \(session.droppedSteps) older steps were dropped by the history limit"
                         : "reached the start of the history (step \(session.step))")
        case .maxSteps(let n):
            lines.append("stopped after \(n) steps: the runaway guard (set max-steps N to change it)")
        case .conditionError(let id, let m):
            lines.append("Breakpoint \(id): its condition could not be evaluated: \(m)")
        case .notModelled(let pc, let text):
            lines.append(Machine.notModelledMessage(text) + " (at 0x\(hex(pc)), not executed)")
        }
        lines.append(locationLine())
        return lines.joined(separator: "\n")
    }

    func infoCommand(_ arg: String, _ col: Int) throws -> String {
        let w = Self.words(Substring(arg), from: col)
        guard let what = w.first else {
            throw CommandError(column: col, "info needs a subject: \(CommandTable.infoSubjects.joined(separator: ", "))")
        }
        let name = w.count > 1 ? w[1] : nil
        if w.count > 2 { throw CommandError(column: w[2].column, "unexpected '\(w[2].text)'") }
        let s = session
        // A unique prefix names a subject (info reg, info bre).
        let subjects = CommandTable.infoSubjects.filter { $0.hasPrefix(what.text) }
        let subject = CommandTable.infoSubjects.contains(what.text) || subjects.count != 1 ? what.text : subjects[0]
        switch subject {
        case "registers", "reg", "r", "all-registers":
            if let name {
                let e = try ExpressionParser.parse("$" + name.text.trimmingCharacters(in: "$"), columnOffset: name.column - 2)
                if case .register(let r, _) = e, r.lowercased() == "pc" { return "pc\t0x\(hex(s.machine.pc))" }
                guard let lv = try s.lvalue(e) else { throw CommandError(column: name.column, "no register '\(name.text)'") }
                if case .systemRegister(let i) = lv { return sysregLines(i, detailed: true) }
                return registerLine(name.text.trimmingCharacters(in: "$"), lv)
            }
            var lines: [String] = []
            for r in 0...30 { lines.append(registerLine("x\(r)", .register(r, width: 64))) }
            lines.append(registerLine("sp", .register(s.machine.spsel == 1 ? 32 : 31, width: 64)))
            lines.append("pc\t0x\(hex(s.machine.pc))" + (s.symbolize(s.machine.pc).map { " <\($0)>" } ?? ""))
            let p = s.machine.pstate
            let flags = zip("NZCV", [31, 30, 29, 28]).map { p >> UInt64($0.1) & 1 == 1 ? String($0.0) : "-" }.joined()
            lines.append("pstate\t0x\(hex(p))\t[\(flags) DAIF=0x\(hex((p >> 6) & 0xf)) EL2\(p & 1 == 1 ? "h" : "t")]"
                         + (s.board.unknowns.origin(of: .flags).map { "  NZCV unknown since \($0)" } ?? ""))
            return lines.joined(separator: "\n")
        case "sysregs", "sysreg", "system-registers":
            if let name {
                guard let i = SystemRegisterCatalogue.index(named: name.text.trimmingCharacters(in: "$")) else {
                    throw CommandError(column: name.column, "no system register '\(name.text)' in the catalogue")
                }
                return sysregLines(i, detailed: true)
            }
            return SystemRegisterCatalogue.all.indices.map { sysregLines($0, detailed: false) }.joined(separator: "\n")
        case "breakpoints", "break", "b", "watchpoints":
            if let name { throw CommandError(column: name.column, "info breakpoints takes no argument") }
            var lines = ["Num\tType\tEnb\tHits\tWhat"]
            var rows: [(Int, String)] = []
            for b in s.breakpoints {
                var what = b.spec
                if case .boundary = b.location { what += " (boundary)" }
                if let c = b.conditionText { what += "  if \(c)" }
                if b.ignoreCount > 0 { what += "  (ignore next \(b.ignoreCount) hits)" }
                if b.temporary { what += "  (temporary: deleted when it stops)" }
                rows.append((b.id, "\(b.id)\tbreakpoint\t\(b.enabled ? "y" : "n")\t\(b.hits)\t\(what)"))
            }
            for wp in s.watchpoints {
                rows.append((wp.id, "\(wp.id)\twatchpoint\t\(wp.enabled ? "y" : "n")\t\(wp.hits)\t\(wp.spec) = \(show(s.read(wp.target)))"))
            }
            if rows.isEmpty { return "no breakpoints or watchpoints" }
            lines += rows.sorted { $0.0 < $1.0 }.map(\.1)
            return lines.joined(separator: "\n")
        case "boundaries", "boundary":
            if let name { throw CommandError(column: name.column, "info boundaries takes no argument") }
            return BoundaryName.allCases.map { b -> String in
                if let p = s.run.detector.boundary(b) {
                    return "\(b.rawValue)\tstep \(p.step)\t0x\(hex(p.pc)) \(s.run.place(s.run.linkAddress(of: p.pc)))\t\(b.meaning)"
                }
                return "\(b.rawValue)\tnot yet\t\(b.meaning)"
            }.joined(separator: "\n")
        case "context", "ctx":
            if let name { throw CommandError(column: name.column, "info context takes no argument") }
            guard s.built.manifest.hasContext else { return "no context struct: \(s.built.manifest.name) saves nothing before suspend" }
            let base = s.built.symbol(s.built.manifest.contextSymbol) ?? 0
            var lines = ["struct \(s.built.layout.name) at 0x\(hex(base)) (\(s.built.layout.size) bytes)"]
            for f in s.built.layout.fields {
                for k in 0..<f.count {
                    let off = f.offset + k * f.elementSize
                    let label = f.count > 1 ? "\(f.name)[\(k)]" : f.name
                    let value: String
                    if let b = try? s.readMemory(virtual: base &+ UInt64(off), count: f.elementSize) { value = show(b) } else { value = "(unreadable)" }
                    var unknown = ""
                    if let pa = s.physicalAddress(of: base &+ UInt64(off)),
                       (0..<f.elementSize).contains(where: { s.board.unknowns.origin(of: .memory(pa &+ UInt64($0))) != nil }) {
                        unknown = "  (unknown data)"
                    }
                    lines.append("  +\(off)\t\(label)\t\(value)\(unknown)")
                }
            }
            return lines.joined(separator: "\n")
        case "unknown":
            if let name { throw CommandError(column: name.column, "info unknown takes no argument") }
            var lines: [String] = []
            // Before the restore has run, "never restored" would be premature.
            let restored = s.run.detector.has(.contextRestored)
            for l in s.board.unknowns.unknownLocations {
                if case .memory = l { continue }
                var why = s.board.unknowns.explanation(of: l) ?? s.board.unknowns.origin(of: l).map { "unknown since \($0)" } ?? "unknown"
                if !restored, why.hasSuffix("; never restored") {
                    why = String(why.dropLast("; never restored".count)) + (s.run.detector.has(.restore) ? "; the restore is running" : "; not restored yet (the restore has not run)")
                }
                lines.append("\(l.name)\t" + why)
            }
            let mem = s.board.unknowns.unknownMemory.count
            if mem > 0 { lines.append("\(mem) bytes of memory hold unknown data") }
            for u in s.run.unknownUses { lines.append("use at step \(u.step): \(u.message)") }
            return lines.isEmpty ? "nothing is unknown" : lines.joined(separator: "\n")
        case "notes":
            if let name { throw CommandError(column: name.column, "info notes takes no argument") }
            return s.notes.isEmpty ? "no notes" : s.notes.enumerated().map { "\($0.offset + 1)\tstep \($0.element.step)\t\(TerminalText.escaped($0.element.text))" }.joined(separator: "\n")
        case "history":
            if let name { throw CommandError(column: name.column, "info history takes no argument") }
            return """
                step \(s.step); reverse execution can go back to step \(s.oldestStep); undo records reach step \(s.oldestRecordedStep)\(s.droppedSteps > 0 ? " (older records dropped: those steps re-execute from a checkpoint)" : "")
                history: \(s.step - s.oldestRecordedStep) steps in \(s.historyBytes) bytes (\(String(format: "%.1f", s.historyBytesPerStep)) per step); limit \(s.historyLimit) steps or \(s.historyMemoryLimit >> 20) MiB; max-steps \(s.maxStepsPerCommand) per command
                checkpoints: \(s.checkpointSteps.count) (steps \(s.checkpointSteps.map(String.init).joined(separator: ", "))), \(s.checkpointBytes / 1024) KiB; one every \(s.checkpointInterval) steps and after each user edit
                user edits: \(s.edits.isEmpty ? "none" : s.edits.map { "\($0.target) = 0x\(hex($0.value)) at step \($0.step)" }.joined(separator: "; "))
                """
        case "frame":
            if let name { throw CommandError(column: name.column, "info frame takes no argument") }
            return infoFrame()
        case "display":
            if let name { throw CommandError(column: name.column, "info display takes no argument") }
            return displays.isEmpty ? "no displays (display EXPR adds one)"
                : displays.map { "\($0.id): \($0.format.map { "/" + $0 + " " } ?? "")\($0.expression)" }.joined(separator: "\n")
        case "source":
            if let name { throw CommandError(column: name.column, "info source takes no argument") }
            let files = Set(s.built.program.lineMap.entries.map(\.location.file)).sorted()
            let here = s.board.power == .on ? s.built.program.lineMap.location(at: s.run.linkAddress(of: s.machine.pc)) : nil
            return (here.map { "current source file: \($0.file) (line \($0.line))\n" } ?? "")
                + "scenario \(s.built.manifest.name) (\(s.built.scenario.origin)): " + files.joined(separator: ", ")
        case "symbol":
            guard let name else { throw CommandError(column: what.column + what.text.count, "info symbol needs an address") }
            let v = try s.evaluate(try ExpressionParser.parse(name.text, columnOffset: name.column - 1))
            return s.symbolize(v).map { "\($0) (\(s.run.place(s.run.linkAddress(of: v))))" } ?? "no symbol matches 0x\(hex(v))"
        default:
            throw CommandError(column: what.column, "info \(what.text)? expected \(CommandTable.infoSubjects.joined(separator: ", "))")
        }
    }

    func registerLine(_ name: String, _ lv: LValue) -> String {
        let v = (try? session.value(of: lv, column: 0)) ?? 0
        let h = hex(v)
        return "\(name)\t0x\(String(repeating: "0", count: max(0, 16 - h.count)))\(h)" + (unknownNote(lv).map { "  \($0)" } ?? "")
    }

    func sysregLines(_ i: Int, detailed: Bool) -> String {
        let r = SystemRegisterCatalogue.all[i]
        let v = session.machine.systemRegister(at: i)
        var line = "\(r.name)\t0x\(hex(v))" + (unknownNote(.systemRegister(i)).map { "  \($0)" } ?? "")
        guard detailed else { return line }
        line += "\t\(r.summary)"
        for f in r.fields {
            let bits = f.width == 1 ? "[\(f.lsb)]" : "[\(f.msb):\(f.lsb)]"
            line += "\n  \(f.name) \(bits) = 0x\(hex(f.extract(v)))" + (f.meaning.isEmpty ? "" : "\t\(f.meaning)")
        }
        return line
    }
}
