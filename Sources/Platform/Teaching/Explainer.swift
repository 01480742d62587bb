import Foundation
import A64
import Assembler
import Machine

/// Plain-language explanations of the instruction about to execute, computed from what it does
/// and where it is: the registers it reads with their values, the context field and offset it
/// touches (with the asm-offsets name), what the value means on the suspend path (the return
/// address into the caller, the vector base, the MMU switch), plus any note the scenario's
/// author wrote for that line (`// note: ...` on the line, or `[notes]` in the manifest).
public struct Explainer {
    public let run: ScenarioRun

    public init(_ run: ScenarioRun) { self.run = run }

    var built: BuiltScenario { run.built }
    var m: Machine { run.board.machine }

    public struct Explanation: Equatable, Sendable {
        /// What the instruction does here.
        public var text: String
        /// The scenario author's note for this line, if any.
        public var note: String?
        /// The context field touched, if any: name and offset.
        public var field: String?
        public var offset: Int?
    }

    /// The explanation of the instruction at the PC (before it executes).
    public func explainCurrent() -> Explanation {
        let pc = m.pc
        guard case .on = run.board.power else {
            return Explanation(text: "The core is powered down: the firmware keeps RAM and will wake the core at the entry point it was given; every register is lost.")
        }
        guard let i = run.board.instruction(at: pc) else {
            if let x = exceptionTaken(at: pc) {
                return Explanation(text: x + " Nothing can be fetched there: the next step takes an instruction abort.")
            }
            return Explanation(text: "Nothing can be fetched at 0x\(hex(pc)): the next step takes an instruction abort." + (whereFrom(pc).map { " " + $0 } ?? ""))
        }
        var e = explain(i, at: pc)
        // What is wrong comes first: an exception just taken, a use of an unknown value.
        var before: [String] = []
        if let x = exceptionTaken(at: pc) { before.append(x) }
        before += unknownInputs(i)
        if !before.isEmpty { e.text = before.joined(separator: " ") + " Next: " + e.text }
        e.note = note(at: run.linkAddress(of: pc))
        return e
    }

    /// At an exception vector just entered (pc = VBAR_EL2 + a vector offset, ESR/ELR known):
    /// what was taken, from where, and why.
    func exceptionTaken(at pc: UInt64) -> String? {
        let unknowns = run.board.unknowns
        guard let vbarIndex = SystemRegisterCatalogue.index(named: "VBAR_EL2"), let esrIndex = SystemRegisterCatalogue.index(named: "ESR_EL2"),
              let elrIndex = SystemRegisterCatalogue.index(named: "ELR_EL2"), let farIndex = SystemRegisterCatalogue.index(named: "FAR_EL2") else { return nil }
        let off = pc &- m.systemRegister(at: vbarIndex)
        guard off < 0x800, off % 0x80 == 0, unknowns.origin(of: .systemRegister(esrIndex)) == nil,
              unknowns.origin(of: .systemRegister(elrIndex)) == nil else { return nil }
        let esr = m.systemRegister(at: esrIndex), elr = m.systemRegister(at: elrIndex)
        let ec = UInt8((esr >> 26) & 0x3f)
        let kind = BatchRun.faultKind(ec).replacingOccurrences(of: "-", with: " ")
        let vector = ["synchronous", "IRQ", "FIQ", "SError"][Int((off / 0x80) % 4)] + (off < 0x200 ? " from EL2t" : off < 0x400 ? " from EL2h (the current EL with SP_EL2)" : " from a lower EL")
        var t = "An exception was taken: \(kind) (ESR_EL2 0x\(hex(esr)), EC 0x\(hex(UInt64(ec)))) at 0x\(hex(elr))"
        let link = run.linkAddress(of: elr)
        if built.program.word(at: link) != nil { t += " (\(run.place(link)): `\(run.text(at: link))`)" }
        if ec == 0x24 || ec == 0x25 || ec == 0x20 || ec == 0x21 {
            let far = m.systemRegister(at: farIndex)
            t += ", FAR_EL2 0x\(hex(far)): \(IntegrityCheck.faultStatus(esr & 0x3f))"
            if !m.mmuEnabled, let ctx = built.symbol(built.manifest.contextSymbol), far >= ctx, far &- ctx < UInt64(built.layout.size) {
                t += ", the virtual address of \(built.manifest.contextSymbol) used with the MMU off"
            }
        }
        t += ". This is the \(vector) vector at VBAR_EL2 + 0x\(hex(off))"
        if let why = unknowns.explanation(of: .systemRegister(vbarIndex)) {
            t += ", but VBAR_EL2 is unknown (" + String(why.drop { $0 != " " }.dropFirst()) + "): there is no handler there."
        } else {
            t += ", where the handler starts."
        }
        return t
    }

    /// How the pc got somewhere it should not be: the branch that took it there.
    func whereFrom(_ pc: UInt64) -> String? {
        guard let from = run.previousPC else { return nil }
        var t = "It got there from `\(run.text(atPhysicalOrVirtual: from))` at \(run.place(run.linkAddress(of: from)))"
        if let w = run.registerWriters[30], w.loadedFrom != nil, m.x(30) == pc, let f = w.loadedFrom.flatMap(run.field(atPhysical:)) {
            t += ", with lr loaded at step \(w.step) from offset \(f.offset) (\(f.name)) of \(built.manifest.contextSymbol)"
        }
        return t + "."
    }

    /// "sp is unknown: lost at power-off, step 574; never restored" for each register the
    /// instruction reads whose value is unknown.
    func unknownInputs(_ i: Instruction) -> [String] {
        let unknowns = run.board.unknowns
        guard !unknowns.isEmpty else { return [] }
        var regs: [(UInt8, Bool)] = []              // (register, 31 is sp)
        switch i.op {
        case .str, .stp, .ldr, .ldp:
            if i.mode != .literal { regs.append((i.rn, true)) }
            if i.op == .str || i.op == .stp { regs.append((i.rd, false)); if i.op == .stp { regs.append((i.ra, false)) } }
        case .ret, .br, .blr: regs.append((i.rn, false))
        case .msr, .cbz, .cbnz, .tbz, .tbnz: regs.append((i.rd, false))
        case .addImm, .subImm: regs.append((i.rn, true))
        case .movz, .movn, .adr, .adrp, .b, .bl, .mrs, .isb, .dsb, .smc: break
        default:
            regs.append((i.rn, false)); regs.append((i.rm, false))
        }
        var out: [String] = []
        var seen = Set<Int>()
        for (r, spOK) in regs {
            let index = r == 31 ? (spOK ? 31 + Int(m.spsel) : -1) : Int(r)
            guard index >= 0, seen.insert(index).inserted, let why = unknowns.explanation(of: .register(index)) else { continue }
            var text = why
            if !run.detector.has(.contextRestored) && text.hasSuffix("; never restored") {
                text = String(text.dropLast("; never restored".count)) + (run.detector.has(.restore) ? "; not restored yet" : "; the restore has not run yet")
            }
            let name = index >= 31 ? "sp" : self.name(r)
            // The tracker names the register its own way; say it with the name the code uses.
            if let space = text.firstIndex(of: " ") { text = name + text[space...] }
            out.append(name + " is unknown: " + String(text.drop { $0 != " " }.dropFirst()) + ".")
        }
        return out
    }

    func hex(_ v: UInt64) -> String { String(v, radix: 16) }
    func name(_ r: UInt8, sp: Bool = false) -> String {
        switch r { case 30: "lr"; case 29: "x29"; case 31: sp ? "sp" : "xzr"; default: "x\(r)" }
    }
    func value(_ r: UInt8, sp: Bool = false) -> UInt64 { r == 31 ? (sp ? m.sp : 0) : m.x(Int(r)) }
    func val(_ r: UInt8, sp: Bool = false) -> String {
        if r != 31, run.board.unknowns.origin(of: .register(Int(r))) != nil { return "unknown" }
        return "0x" + hex(value(r, sp: sp))
    }

    /// Where a code address is: "system_suspend, after the call of prepare_resume_ctx".
    func describeCode(_ va: UInt64) -> String {
        let link = run.linkAddress(of: va)
        guard let s = built.program.symbols.symbol(containing: link) else { return "0x" + hex(va) }
        var d = s.name + (link == s.address ? "" : "+0x" + hex(link - s.address))
        if let w = built.program.word(at: link &- 4), built.program.isInstruction(at: link &- 4) {
            let prev = Decoder.decode(w)
            if prev.op == .bl, let callee = built.program.symbols.symbol(containing: (link &- 4) &+ UInt64(bitPattern: prev.imm)) {
                d = "\(s.name), just after its call of \(callee.name)"
            }
        }
        return d
    }

    /// What a register value means on the path, when it is something recognisable.
    func meaning(_ reg: UInt8, _ v: UInt64) -> String? {
        if reg == 30 || built.program.symbols.symbol(containing: run.linkAddress(of: v))?.kind == .function {
            if reg == 30, let ret = run.detector.returnAddress, v == ret {
                return "the return address into the caller (\(describeCode(v))), which the resume path will use to come back here"
            }
            if reg == 30 { return "the return address, \(describeCode(v))" }
        }
        if reg == 31 { return "the stack pointer: the caller's frame lives there" }
        return nil
    }

    /// The context field at a virtual address, with its asm-offsets name.
    func field(at va: UInt64) -> (name: String, offset: Int, asmName: String?)? {
        let base = run.contextAddress
        guard va >= base, va &- base < UInt64(built.layout.size) else { return nil }
        let off = Int(va &- base)
        guard let f = built.layout.fields.first(where: { off >= $0.offset && off < $0.offset + $0.size }) else { return nil }
        let n = f.count > 1 ? "\(f.name)[\((off - f.offset) / f.elementSize)]" : f.name
        return (n, off, built.offsets.first { $0.value == Int64(off) }?.name)
    }

    func explain(_ i: Instruction, at pc: UInt64) -> Explanation {
        let ctx = built.manifest.contextSymbol
        let text = Disassembler.text(i, at: run.linkAddress(of: pc))
        switch i.op {
        case .stp, .str, .ldp, .ldr where i.mode != .literal:
            let baseVal = value(i.rn, sp: true)
            let addr = i.mode == .post ? baseVal : baseVal &+ UInt64(bitPattern: i.imm)
            let pair = i.op == .stp || i.op == .ldp
            let regs = pair ? [i.rd, i.ra] : [i.rd]
            let store = i.op == .stp || i.op == .str
            let names = regs.map { name($0, sp: false) }.joined(separator: " and ")
            if let f = field(at: addr) {
                let where_ = "\(ctx) at offset \(f.offset)\(f.asmName.map { " (\($0))" } ?? "")"
                var t: String
                if store {
                    let vals = regs.map { r -> String in
                        let v = val(r)
                        if let mean = meaning(r, value(r)) { return "\(v): \(mean)" }
                        return v
                    }.joined(separator: ", ")
                    t = "stores \(names) (\(vals)) into \(where_), field \(f.name)"
                } else {
                    t = "loads \(names) back from \(where_), field \(f.name)"
                    if let saved = run.detector.boundary(.contextSaved) { t += ", where the save before step \(saved.step) put them" }
                }
                if i.mode == .post { t += "; then x\(i.rn) += \(i.imm): the order of these instructions is the struct's layout" }
                return Explanation(text: t, field: f.name, offset: f.offset)
            }
            let dir = store ? "stores \(names) to" : "loads \(names) from"
            return Explanation(text: "\(dir) 0x\(hex(addr)) (\(name(i.rn, sp: true)) = \(val(i.rn, sp: true))\(i.imm != 0 ? " \(i.imm < 0 ? "-" : "+") \(abs(i.imm))" : ""))" + (m.mmuEnabled ? "" : "; the MMU is off, so that is a physical address"))
        case .ldr:
            let lit = pc &+ UInt64(bitPattern: i.imm)
            let pa = m.mmuEnabled ? { if case .mapped(let p, _, _, _) = m.translate(virtual: lit) { return p }; return lit }() : lit
            let v = m.memory.readRAM(pa, 8) ?? 0
            // Prefer the context, then functions and objects, to plain labels at the same address.
            let candidates = built.program.symbols.all.filter { $0.address == v && !$0.name.hasPrefix("$") }
            let sym = candidates.first { $0.name == ctx } ?? candidates.first { $0.kind == .function || $0.kind == .object } ?? candidates.first
            return Explanation(text: "loads the constant 0x\(hex(v))\(sym.map { " (the link-time, virtual address of \($0.name))" } ?? "") from the literal pool into \(name(i.rd))")
        case .mrs:
            let idx = SystemRegisterCatalogue.index(of: SystemRegisterEncoding(packed: i.sys))
            let r = idx.map { SystemRegisterCatalogue.all[$0] }
            let v = idx.map { m.systemRegister(at: $0) } ?? 0
            return Explanation(text: "reads \(r?.name ?? "a system register") (\(r?.summary ?? "")) = 0x\(hex(v)) into \(name(i.rd)), to be stored in the context")
        case .msr:
            let idx = SystemRegisterCatalogue.index(of: SystemRegisterEncoding(packed: i.sys))
            let r = idx.map { SystemRegisterCatalogue.all[$0] }
            var t = "writes \(name(i.rd)) (\(val(i.rd))) to \(r?.name ?? "a system register") (\(r?.summary ?? ""))"
            if let r, let slot = loadedSlot(i.rd) {
                let own = built.layout.field(named: r.name.lowercased())
                t += "; \(name(i.rd)) was loaded from offset \(slot.offset), the \(slot.name) slot"
                if let own, own.name != slot.name {
                    t += ", but \(r.name) was saved at offset \(own.offset) (\(own.name)): the wrong slot"
                }
            }
            if r?.name == "SCTLR_EL2" {
                let old = m.systemRegister(named: "SCTLR_EL2") ?? 0, new = value(i.rd)
                if old & 1 == 0 && new & 1 == 1 { t += ": this turns the MMU on; from here addresses are translated through TTBR0_EL2's tables" }
            }
            if run.detector.has(.restore) && !run.detector.has(.contextRestored) { t += "; part of the restore, which an isb must synchronise" }
            return Explanation(text: t)
        case .bl, .blr:
            let target = i.op == .bl ? pc &+ UInt64(bitPattern: i.imm) : value(i.rn)
            let callee = built.program.symbols.symbol(containing: run.linkAddress(of: target))?.name ?? "0x" + hex(target)
            var t = "calls \(callee); lr becomes 0x\(hex(pc &+ 4)) so that it returns to the next instruction"
            if callee == built.manifest.saveSymbol {
                t += ". This call returns twice: now with 1 after saving the context, and after the resume with 0"
            }
            return Explanation(text: t)
        case .ret, .br:
            let target = value(i.rn)
            var t = "jumps to \(name(i.rn)) = \(val(i.rn)) (\(describeCode(target)))"
            if let r = run.detector.returnAddress, target == r {
                t += run.detector.has(.restore)
                    ? " with x0 = \(val(0)): \(built.manifest.saveSymbol) seems to return a second time, and the caller sees 0"
                    : " with x0 = \(val(0)): the caller sees a non-zero value and goes on to suspend"
            }
            return Explanation(text: t)
        case .smc:
            let fid = m.x(0) & 0xffff_ffff
            var t = "calls the firmware (EL3) with \(PSCI.name(of: fid))"
            if fid == PSCI.systemSuspend64 || fid == PSCI.systemSuspend32 {
                t += ": entry point x1 = \(val(1)), context id x2 = \(val(2)). On success it never returns: the core is powered down and wakes at the entry point with the MMU off"
            }
            return Explanation(text: t)
        case .isb:
            return Explanation(text: "synchronises the context: the system register writes before it take effect before the next instruction")
        case .dsb:
            return Explanation(text: "waits until earlier memory accesses (and TLB maintenance) have completed")
        case .cbz, .cbnz:
            let v = value(i.rd)
            let taken = (i.op == .cbz) == (v == 0)
            return Explanation(text: "tests \(name(i.rd)) = \(val(i.rd)): the branch is \(taken ? "taken" : "not taken")" + (i.rd == 0 && run.detector.has(.suspendEntry) ? (v == 0 ? " (0: back from the resume path)" : " (non-zero: the context was just saved)") : ""))
        case .movz, .movn:
            let v = i.op == .movz ? UInt64(bitPattern: i.imm) << UInt64(i.amount) : ~(UInt64(bitPattern: i.imm) << UInt64(i.amount))
            let nv = i.sf ? v : v & 0xffff_ffff
            var t = "sets \(name(i.rd)) to 0x\(hex(nv))"
            if i.rd == 0, let r = run.detector.returnAddress, run.detector.has(.suspendEntry) {
                let inRestore = run.detector.has(.restore)
                let retSoon = (1...4).contains { k in run.board.instruction(at: m.pc &+ UInt64(4 * k))?.op == .ret } && m.x(30) == r
                if retSoon || inRestore {
                    t += inRestore ? ": the value the caller will see when the resume path 'returns' from \(built.manifest.saveSymbol)"
                        : ": \(built.manifest.saveSymbol)'s return value"
                }
            }
            return Explanation(text: t)
        case .adr, .adrp:
            return Explanation(text: "computes a PC-relative address into \(name(i.rd)): with the MMU off this gives the physical address")
        default:
            return integerExplanation(i, text: text) ?? systemExplanation(i, text: text) ?? Explanation(text: text)
        }
    }

    /// The context slot register `r` was loaded from, if its last writer was a load from the
    /// context after the warm boot.
    func loadedSlot(_ r: UInt8) -> (name: String, offset: Int)? {
        guard r < 31, let w = run.registerWriters[Int(r)], let wake = run.detector.boundary(.warmBoot), w.step > wake.step,
              w.step <= run.board.stepCount, let pa = w.loadedFrom else { return nil }
        return run.field(atPhysical: pa)
    }

    /// The author's note for a line: `// note: ...` on the source line, or the manifest's
    /// `[notes]` table keyed "file:line".
    func note(at link: UInt64) -> String? {
        guard let loc = built.program.lineMap.location(at: link) else { return nil }
        var notes: [String] = []
        let key = "\(loc.file):\(loc.line)"
        if let n = built.manifest.notes[key] { notes.append(n) }
        if let n = built.sourceNotes[key] { notes.append(n) }
        return notes.isEmpty ? nil : notes.joined(separator: " / ")
    }
}
