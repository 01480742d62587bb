import A64
import Assembler

/// What a register held when it was stored, or where a register's value was loaded from, as
/// the static check follows the save and restore code.
enum SymbolicValue: Equatable {
    /// A general-purpose register's value at the routine's entry (x19 ...).
    case register(Int)
    case sp
    case sysreg(Int)
    /// Loaded from the context at this offset by the instruction at `pc`.
    case field(offset: Int, pc: UInt64)
    case other
}

/// One save or restore the static check found.
public struct ContextAccess: Equatable, Sendable {
    /// "x19", "sp", "VBAR_EL2".
    public var register: String
    public var offset: Int
    public var pc: UInt64
    /// A post-indexed access: the instruction order decides the offset (v8's style).
    public var postIncrement: Bool
    /// For restores: done before the MMU is on (in the resume entry, at physical addresses).
    public var beforeMMU: Bool
}

/// The static check (SPEC §2): without running, follows `prepare_resume_ctx` and the restore
/// code (from the resume entry up to its branch into the MMU-enable code, then from the
/// restore label), pairs every save with its restore through the struct layout, and flags a
/// register saved but not restored, restored but never saved, restored from another offset,
/// saved twice, an offset that disagrees with the C struct (or, for post-increment code, an
/// instruction order that disagrees with it), a restore before the MMU is on, and struct
/// fields nothing saves.
public struct StaticCheck {
    public let built: BuiltScenario
    public private(set) var saves: [ContextAccess] = []
    public private(set) var restores: [ContextAccess] = []
    public private(set) var findings: [Finding] = []

    public init(_ built: BuiltScenario) {
        self.built = built
        let m = built.manifest
        let ctx = built.symbol(m.contextSymbol) ?? 0
        if let save = built.symbol(m.saveSymbol) {
            saves = Self.follow(built, from: save, context: ctx, contextInX0: true, restoring: false, beforeMMU: false).accesses
        }
        if let resume = built.symbol(m.resumeSymbol) {
            let early = Self.follow(built, from: resume, context: ctx, contextInX0: false, restoring: true, beforeMMU: true,
                                    stopAtBranch: true)
            restores += early.accesses
            if let r = built.symbol(m.restoreSymbol) {
                restores += Self.follow(built, from: r, context: ctx, contextInX0: false, restoring: true, beforeMMU: false).accesses
            }
        }
        findings = m.hasContext ? compare() : [
            Finding(check: .static, kind: "no-context", subject: m.saveSymbol, location: "\(m.structHeader):1",
                    message: "nothing saves the caller's registers: \(m.structHeader) has no context struct (the manifest's [struct] names none) and the program has no \(m.saveSymbol)"),
        ]
    }

    /// Whether `a` is one of the restores of `b` (rather than a save).
    static func isRestore(_ b: BuiltScenario, _ a: ContextAccess) -> Bool {
        guard let w = b.program.word(at: a.pc) else { return false }
        let op = Decoder.decode(w).op
        return op == .ldr || op == .ldp
    }

    // MARK: Following code

    struct Walk { var accesses: [ContextAccess] = [] }

    /// Follows straight-line code from `start` to its `ret` (or, with `stopAtBranch`, to the
    /// first unconditional `b`), skipping over calls.
    static func follow(_ built: BuiltScenario, from start: UInt64, context: UInt64, contextInX0: Bool,
                       restoring: Bool, beforeMMU: Bool, stopAtBranch: Bool = false) -> Walk {
        var w = Walk()
        var vals: [Int: SymbolicValue] = [:]
        for r in 0...30 { vals[r] = .register(r) }
        // Which register points into the context, and at which offset.
        var base: [Int: Int] = contextInX0 ? [0: 0] : [:]
        var pc = start
        var steps = 0
        func name(_ v: SymbolicValue) -> String? {
            switch v {
            case .register(let r): r == 30 ? "x30" : "x\(r)"
            case .sp: "sp"
            case .sysreg(let i): SystemRegisterCatalogue.all[i].name
            default: nil
            }
        }
        while steps < 512, let word = built.program.word(at: pc), built.program.isInstruction(at: pc) {
            steps += 1
            let i = Decoder.decode(word)
            let rd = Int(i.rd), rn = Int(i.rn)
            switch i.op {
            case .ret: return w
            case .b where stopAtBranch: return w
            case .b: pc = pc &+ UInt64(bitPattern: i.imm); continue
            case .bl:
                // A call clobbers the caller-saved registers; the context pointer is usually x0.
                for r in 0...18 { vals[r] = .other; base[r] = nil }
                vals[30] = .other
            case .ldr where i.mode == .literal:
                let lit = pc &+ UInt64(bitPattern: i.imm)
                let value = built.program.word(at: lit).flatMap { lo in built.program.word(at: lit &+ 4).map { UInt64(lo) | UInt64($0) << 32 } }
                if i.size == 3, value == context { base[rd] = 0; vals[rd] = .other } else { base[rd] = nil; vals[rd] = .other }
            case .addImm where rn == 31 && rd != 31 && i.imm == 0:
                // mov xd, sp
                vals[rd] = .sp; base[rd] = nil
            case .addImm where rd == 31 && rn != 31 && i.imm == 0:
                // mov sp, xn
                if restoring, case .field(let off, let fpc)? = vals[rn] {
                    w.accesses.append(ContextAccess(register: "sp", offset: off, pc: fpc, postIncrement: false, beforeMMU: beforeMMU))
                }
            case .mrs:
                if let idx = SystemRegisterCatalogue.index(of: SystemRegisterEncoding(packed: i.sys)) { vals[rd] = .sysreg(idx) } else { vals[rd] = .other }
                base[rd] = nil
            case .msr:
                if restoring, let idx = SystemRegisterCatalogue.index(of: SystemRegisterEncoding(packed: i.sys)), case .field(let off, let fpc)? = vals[rd] {
                    w.accesses.append(ContextAccess(register: SystemRegisterCatalogue.all[idx].name, offset: off, pc: fpc,
                                                    postIncrement: false, beforeMMU: beforeMMU))
                }
            case .str, .stp, .ldr, .ldp:
                guard let b = base[rn] else {
                    if i.op == .ldr || i.op == .ldp { vals[rd] = .other; if i.op == .ldp { vals[Int(i.ra)] = .other } }
                    break
                }
                let post = i.mode == .post
                let off = b + (post ? 0 : Int(i.imm))
                let esize = i.op == .stp || i.op == .ldp ? (i.sf ? 8 : 4) : 1 << Int(i.size)
                let regs = i.op == .stp || i.op == .ldp ? [rd, Int(i.ra)] : [rd]
                for (k, r) in regs.enumerated() {
                    if i.op == .str || i.op == .stp {
                        let v: SymbolicValue = r == 31 ? .other : (vals[r] ?? .other)
                        if let n = name(v) {
                            w.accesses.append(ContextAccess(register: n, offset: off + k * esize, pc: pc, postIncrement: post, beforeMMU: false))
                        }
                    } else {
                        vals[r] = .field(offset: off + k * esize, pc: pc)
                        if restoring, (19...30).contains(r) {
                            w.accesses.append(ContextAccess(register: "x\(r)", offset: off + k * esize, pc: pc, postIncrement: post, beforeMMU: beforeMMU))
                        }
                    }
                }
                if post || i.mode == .pre { base[rn] = b + Int(i.imm) }
            default:
                // Any other write to a register ends what we knew about it.
                if rd != 31 { vals[rd] = .other; base[rd] = nil }
            }
            pc &+= 4
        }
        return w
    }

    // MARK: Pairing

    /// The struct field the manifest's convention maps a register to: x19..x30 ->
    /// callee_regs[0..11], sp -> sp, an EL2 register -> its lower-case name.
    func expectedField(_ register: String) -> (name: String, offset: Int, location: SourceLocation)? {
        let layout = built.layout
        if register.hasPrefix("x"), let n = Int(register.dropFirst()), (19...30).contains(n) {
            guard let f = layout.field(named: "callee_regs"), n - 19 < f.count else { return nil }
            return ("callee_regs[\(n - 19)]", f.offset + (n - 19) * f.elementSize, f.location)
        }
        guard let f = layout.field(named: register.lowercased()) else { return nil }
        return (f.name, f.offset, f.location)
    }

    func fieldName(at offset: Int) -> String {
        for f in built.layout.fields where offset >= f.offset && offset < f.offset + f.size {
            return f.count > 1 ? "\(f.name)[\((offset - f.offset) / f.elementSize)]" : f.name
        }
        return "past the end of struct \(built.layout.name)"
    }

    func place(_ pc: UInt64) -> String {
        guard let l = built.program.lineMap.location(at: pc) else { return "0x" + String(pc, radix: 16) }
        return "\(l.file):\(l.line)"
    }

    func compare() -> [Finding] {
        var out: [Finding] = []
        let m = built.manifest
        let sname = "struct \(built.layout.name)"
        // The registers the manifest says the path preserves, then every other register the code
        // saves or restores (the catalogue, not a list, says which EL2 registers are lost), less
        // those declared deliberately not preserved.
        var subjects = m.integrityRegisters.map { $0 == "lr" ? "x30" : ($0 == "fp" ? "x29" : $0.lowercased()) }
            + m.integritySysregs.map { n in SystemRegisterCatalogue.index(named: n).map { SystemRegisterCatalogue.all[$0].name } ?? n }
        for a in saves + restores where !subjects.contains(a.register) { subjects.append(a.register) }
        let ignored = Set(m.integrityIgnore.map { i in ScenarioManifest.registerIndex(i.name).map { ScenarioManifest.registerName($0) } ?? i.name })
        subjects.removeAll { ignored.contains($0) }
        // Saved twice.
        var savedAt: [String: ContextAccess] = [:]
        for s in saves {
            if let first = savedAt[s.register] {
                out.append(Finding(check: .static, kind: "saved-twice", subject: s.register, offset: s.offset, location: place(s.pc),
                                   message: "\(s.register) is saved twice: at offset \(first.offset) (\(place(first.pc))) and again at offset \(s.offset)"))
            } else { savedAt[s.register] = s }
        }
        // Offsets against the C struct.
        for s in saves {
            guard let f = expectedField(s.register) else {
                out.append(Finding(check: .static, kind: "no-field", subject: s.register, offset: s.offset, location: place(s.pc),
                                   message: "\(s.register) is saved at offset \(s.offset), but \(sname) has no field for it"))
                continue
            }
            if f.offset != s.offset {
                let msg = s.postIncrement
                    ? "post-increment order puts \(s.register) at offset \(s.offset) (\(fieldName(at: s.offset))), but \(sname) has \(f.name) at offset \(f.offset) (\(f.location.file):\(f.location.line))"
                    : "\(s.register) is saved at offset \(s.offset) (\(fieldName(at: s.offset))), but \(sname) has \(f.name) at offset \(f.offset) (\(f.location.file):\(f.location.line))"
                out.append(Finding(check: .static, kind: "offset-disagrees-with-struct", subject: s.register,
                                   expected: "offset \(f.offset)", actual: "offset \(s.offset)", offset: s.offset,
                                   location: place(s.pc), message: msg))
            }
        }
        // Restores against saves.
        var restoredAt: [String: ContextAccess] = [:]
        for r in restores { restoredAt[r.register] = r }
        for subject in subjects {
            let s = savedAt[subject], r = restoredAt[subject]
            switch (s, r) {
            case (let s?, nil):
                out.append(Finding(check: .static, kind: "saved-not-restored", subject: subject, offset: s.offset, location: place(s.pc),
                                   message: "\(subject) is saved at offset \(s.offset) (\(fieldName(at: s.offset))) but never restored"))
            case (nil, let r?):
                out.append(Finding(check: .static, kind: "restored-not-saved", subject: subject, offset: r.offset, location: place(r.pc),
                                   message: "\(subject) is restored from offset \(r.offset) (\(fieldName(at: r.offset))) but never saved there: nothing saves \(subject)"))
            case (let s?, let r?):
                if s.offset != r.offset {
                    out.append(Finding(check: .static, kind: "wrong-offset", subject: subject, expected: "offset \(s.offset)", actual: "offset \(r.offset)",
                                       offset: r.offset, location: place(r.pc),
                                       message: "\(subject) is restored from offset \(r.offset) (\(fieldName(at: r.offset))) but saved at offset \(s.offset) (\(fieldName(at: s.offset)))"))
                }
            case (nil, nil):
                out.append(Finding(check: .static, kind: "not-saved", subject: subject,
                                   message: "\(subject) must be preserved across suspend but is neither saved nor restored"))
            }
        }
        let early = restores.filter(\.beforeMMU)
        if let first = early.first {
            let names = early.map(\.register).joined(separator: ", ")
            out.append(Finding(check: .static, kind: "restore-before-mmu", subject: names, offset: first.offset, location: place(first.pc),
                               message: "\(names) \(early.count == 1 ? "is" : "are") restored from the context before the MMU is on (in \(m.resumeSymbol), which runs at physical addresses, while \(m.contextSymbol) is addressed virtually)"))
        }
        // Fields nothing saves.
        let covered = Set(saves.map(\.offset))
        for f in built.layout.fields {
            for k in 0..<f.count where !covered.contains(f.offset + k * f.elementSize) {
                let n = f.count > 1 ? "\(f.name)[\(k)]" : f.name
                out.append(Finding(check: .static, kind: "field-not-saved", subject: n, offset: f.offset + k * f.elementSize,
                                   location: "\(f.location.file):\(f.location.line)",
                                   message: "\(sname) field \(n) (offset \(f.offset + k * f.elementSize)) is never written by \(m.saveSymbol)"))
            }
        }
        return out
    }
}
