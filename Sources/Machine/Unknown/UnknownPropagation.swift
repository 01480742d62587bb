import A64

extension UnknownTracker {
    /// Updates the shadow with what one step did and reports its uses of unknown values.
    /// Returns at once (nothing allocated) when nothing is unknown.
    public func observe(_ e: StepEffects, step: Int) -> UnknownStepRecord {
        var rec = UnknownStepRecord(step: step)
        if isEmpty { return rec }
        var o = Observation(tracker: self, e: e, step: step)
        o.run(&rec)
        return rec
    }
}

/// One `observe`: the sources an instruction reads, the uses it makes, the writes it shadows.
struct Observation {
    let t: UnknownTracker
    let e: StepEffects
    let i: Instruction
    let step: Int
    let pc: UInt64
    let spsel: Int

    /// The shadow given to register writes no `plan` entry claims.
    var main: Shadow?
    /// Expected register writes in order (index, shadow): loads name each destination.
    var plan: [(index: Int, shadow: Shadow?)] = []
    /// The flags after the step, when the step sets them.
    var newFlags: Shadow??
    /// The shadow system register writes get (MSR: the source register; otherwise known).
    var sysSource: Shadow?

    init(tracker: UnknownTracker, e: StepEffects, step: Int) {
        t = tracker; self.e = e; i = e.instruction; self.step = step; pc = e.pcOld
        spsel = Int(e.pstateOld & 1)
    }

    // MARK: Sources

    /// Effects index of register `r`, 31 = XZR (nil).
    func zr(_ r: UInt8) -> Int? { r >= 31 ? nil : Int(r) }
    /// Effects index of register `r`, 31 = the SP PSTATE.SPSel selected before the step.
    func sp(_ r: UInt8) -> Int { r >= 31 ? Slot.spEL0 + spsel : Int(r) }
    func shadow(_ index: Int?) -> Shadow? { index.flatMap { t.registers[$0] } }
    func first(_ a: Shadow?, _ b: Shadow?, _ c: Shadow? = nil) -> Shadow? { a ?? b ?? c }

    /// The first unknown byte of [address, address + count) and its shadow.
    func memoryShadow(_ address: UInt64, _ count: Int) -> (UInt64, Shadow)? {
        if t.memory.isEmpty { return nil }
        var k = 0
        while k < count {
            let a = address &+ UInt64(k)
            if let s = t.memory[a] { return (a, s) }
            k += 1
        }
        return nil
    }

    // MARK: The step

    mutating func run(_ rec: inout UnknownStepRecord) {
        if e.exception != nil {
            // The instruction did not complete; a data access that faulted still used its address.
            if isDataAccess { reportAddressUses(&rec) }
            if i.op == .sys && i.sys == Sys.dcZVA { reportAddress(zr(i.rd), index: false, &rec) }
            applyRegisterWrites(&rec)            // none expected; known if any
            applySystemRegisterWrites(&rec)      // ESR/ELR/SPSR/FAR: known
            t.set(.flags, nil, &rec)              // exception entry clears NZCV
            return
        }
        switch i.op {
        case .addImm, .subImm:
            main = shadow(sp(i.rn))
        case .addsImm, .subsImm:
            main = shadow(sp(i.rn)); newFlags = .some(main)
        case .andImm, .orrImm, .eorImm:
            main = shadow(zr(i.rn))
        case .andsImm:
            main = shadow(zr(i.rn)); newFlags = .some(main)
        case .movn, .movz, .adr, .adrp:
            main = nil
        case .movk:
            main = shadow(zr(i.rd))
        case .sbfm, .ubfm:
            main = shadow(zr(i.rn))
        case .bfm:
            main = first(shadow(zr(i.rn)), shadow(zr(i.rd)))
        case .extr, .lslv, .lsrv, .asrv, .rorv, .udiv, .sdiv:
            main = first(shadow(zr(i.rn)), shadow(zr(i.rm)))
        case .addShift, .subShift, .andShift, .bicShift, .orrShift, .ornShift, .eorShift, .eonShift:
            main = first(shadow(zr(i.rn)), shadow(zr(i.rm)))
        case .addsShift, .subsShift, .andsShift, .bicsShift:
            main = first(shadow(zr(i.rn)), shadow(zr(i.rm))); newFlags = .some(main)
        case .addExt, .subExt:
            main = first(shadow(sp(i.rn)), shadow(zr(i.rm)))
        case .addsExt, .subsExt:
            main = first(shadow(sp(i.rn)), shadow(zr(i.rm))); newFlags = .some(main)
        case .madd, .msub:
            main = first(shadow(zr(i.rn)), shadow(zr(i.rm)), shadow(zr(i.ra)))
        case .csel, .csinc, .csinv, .csneg:
            let readsFlags = i.cond < 14
            if readsFlags { reportCondition(&rec) }
            let selected = conditionHolds(i.cond, e.pstateOld) ? i.rn : i.rm
            main = first(shadow(zr(selected)), readsFlags ? t.flagsShadow : nil)
        case .bcond:
            if i.cond < 14 { reportCondition(&rec) }
        case .cbz, .cbnz, .tbz, .tbnz:
            if let r = zr(i.rd), let s = t.registers[r] {
                report(.condition, .register(r), .register(r), s, "\(mnemonic) at \(hex(pc)) tests \(StateLocation.register(r).name), which is unknown: \(UnknownTracker.explain(.register(r), s))", &rec)
            }
        case .br, .blr, .ret:
            if let r = zr(i.rn), let s = t.registers[r] {
                report(.branchTarget, .register(r), .register(r), s, "\(mnemonic) at \(hex(pc)) branches to \(StateLocation.register(r).name), which is unknown: \(UnknownTracker.explain(.register(r), s))", &rec)
            }
            main = nil                          // BLR: x30 = return address, known
        case .bl:
            main = nil
        case .eret:
            let elr = StateLocation.systemRegister(Sys.elr)
            if let s = t.systemRegisters[Sys.elr] {
                report(.branchTarget, elr, elr, s, "\(mnemonic) at \(hex(pc)) branches to ELR_EL2, which is unknown: \(UnknownTracker.explain(elr, s))", &rec)
            }
            newFlags = .some(t.systemRegisters[Sys.spsr])
        case .mrs:
            let idx = Int(Sys.byEncoding[Int(i.sys)])
            if idx == Sys.spEL0 { main = t.registers[Slot.spEL0] }
            else if idx == Sys.nzcv { main = t.flagsShadow }
            else if idx >= 0 { main = t.systemRegisters[idx] }
        case .msr:
            msr(&rec)
        case .ldr, .ldrs, .ldxr, .ldaxr, .ldar:
            load(&rec)
        case .str, .stlr:
            store(&rec)
        case .ldp, .ldnp, .ldpsw, .ldxp, .ldaxp:
            loadPair(&rec)
        case .stp, .stnp:
            storePair(&rec)
        case .stxr, .stlxr:
            if let r = zr(i.rm) { plan.append((r, nil)) }     // the status register: known
            store(&rec)
        case .stxp, .stlxp:
            if let r = zr(i.rm) { plan.append((r, nil)) }
            storePair(&rec)
        case .adc, .adcs, .sbc, .sbcs:
            // The carry in is part of the result: unknown flags make it unknown too.
            main = first(shadow(zr(i.rn)), shadow(zr(i.rm)), t.flagsShadow)
            if i.op == .adcs || i.op == .sbcs { newFlags = .some(main) }
        case .ccmnReg, .ccmpReg, .ccmnImm, .ccmpImm:
            if i.cond < 14 { reportCondition(&rec) }
            let holds = conditionHolds(i.cond, e.pstateOld)
            let compared = i.op == .ccmnReg || i.op == .ccmpReg ? first(shadow(zr(i.rn)), shadow(zr(i.rm))) : shadow(zr(i.rn))
            newFlags = .some(first(i.cond < 14 ? t.flagsShadow : nil, holds ? compared : nil))
        case .rbit, .rev16, .rev32, .rev, .clz, .cls:
            main = shadow(zr(i.rn))
        case .smaddl, .smsubl, .umaddl, .umsubl:
            main = first(shadow(zr(i.rn)), shadow(zr(i.rm)), shadow(zr(i.ra)))
        case .smulh, .umulh, .crc32b, .crc32h, .crc32w, .crc32x, .crc32cb, .crc32ch, .crc32cw, .crc32cx:
            main = first(shadow(zr(i.rn)), shadow(zr(i.rm)))
        case .sys:
            if i.sys == Sys.dcZVA { reportAddress(zr(i.rd), index: false, &rec) }
            if case .addressTranslation = SystemOperation(sys: i.sys) { sysSource = shadow(zr(i.rd)) }
        case .fmovToV:
            let src = shadow(zr(i.rn))
            if i.imm == 1 {
                plan.append((v(i.rd, high: true), src))
            } else {
                plan.append((v(i.rd), src)); plan.append((v(i.rd, high: true), nil))
            }
        case .fmovFromV:
            main = shadow(v(i.rn, high: i.imm == 1))
        case .ldrV:
            loadVector(&rec)
        case .strV:
            storeVector(&rec)
        case .ldpV, .ldnpV:
            loadVectorPair(&rec)
        case .stpV, .stnpV:
            storeVectorPair(&rec)
        default:
            main = nil                          // hooks (PSCI results), hints, barriers: known
        }
        applyRegisterWrites(&rec)
        applySystemRegisterWrites(&rec)
        if let f = newFlags { t.set(.flags, f, &rec) }
        if let b = e.blockWrite {
            for k in 0..<b.oldBytes.count { t.set(.memory(b.address &+ UInt64(k)), nil, &rec) }
        }
    }

    // MARK: Writes

    mutating func applyRegisterWrites(_ rec: inout UnknownStepRecord) {
        for k in 0..<Int(e.registerCount) {
            let w = e.registerWrite(k)
            let idx = Int(w.index)
            guard idx < UnknownTracker.registerCount else { continue }
            var s = main
            if let p = plan.firstIndex(where: { $0.index == idx }) { s = plan[p].shadow; plan.remove(at: p) }
            t.set(.register(idx), s, &rec)
        }
    }

    func applySystemRegisterWrites(_ rec: inout UnknownStepRecord) {
        for k in 0..<Int(e.systemRegisterCount) {
            let idx = Int(e.systemRegisterWrite(k).index)
            guard idx < Sys.count else { continue }
            t.set(.systemRegister(idx), e.exception == nil ? sysSource : nil, &rec)
        }
    }

    // MARK: System registers

    mutating func msr(_ rec: inout UnknownStepRecord) {
        let idx = Int(Sys.byEncoding[Int(i.sys)])
        guard idx >= 0 else { return }
        let src = zr(i.rd)
        let s = shadow(src)
        sysSource = s
        main = s                                // MSR SP_EL0 is a register write
        if idx == Sys.nzcv { newFlags = .some(s) }
        if let s, let src, Sys.kinds[idx] != .readOnly {
            let target = UnknownTracker.canonical(.systemRegister(idx)) ?? .systemRegister(idx)
            let from = StateLocation.register(src)
            report(.systemRegisterRestored, target, from, s, "\(mnemonic) at \(hex(pc)): \(target.name) restored from \(from.name), which is unknown: \(UnknownTracker.explain(from, s))", &rec)
        }
    }

    // MARK: Loads and stores

    var isDataAccess: Bool {
        switch i.op {
        case .ldr, .ldrs, .str, .ldp, .stp, .ldnp, .stnp, .ldpsw, .ldxr, .ldaxr, .stxr, .stlxr,
             .ldxp, .ldaxp, .stxp, .stlxp, .ldar, .stlr, .ldrV, .strV, .ldpV, .stpV, .ldnpV, .stnpV: return true
        default: return false
        }
    }

    /// Reports unknown base/index registers; returns the first unknown one's shadow.
    @discardableResult
    func reportAddressUses(_ rec: inout UnknownStepRecord) -> Shadow? {
        if i.mode == .literal { return nil }
        let base = reportAddress(sp(i.rn), index: false, &rec)
        let single = i.op == .ldr || i.op == .ldrs || i.op == .str || i.op == .ldrV || i.op == .strV
        let index = single && i.mode == .register ? reportAddress(zr(i.rm), index: true, &rec) : nil
        return base ?? index
    }

    @discardableResult
    func reportAddress(_ r: Int?, index: Bool, _ rec: inout UnknownStepRecord) -> Shadow? {
        guard let r, let s = t.registers[r] else { return nil }
        let loc = StateLocation.register(r)
        report(.address, loc, loc, s, "\(mnemonic) at \(hex(pc)) uses \(loc.name) as an address\(index ? " index" : ""), which is unknown: \(UnknownTracker.explain(loc, s))", &rec)
        return s
    }

    /// The base register write-back of pre/post-indexed forms takes the base's shadow.
    mutating func planWriteBack() {
        if i.mode == .pre || i.mode == .post { plan.append((sp(i.rn), shadow(sp(i.rn)))) }
    }

    /// The shadow of a loaded value from [address, address + count): the memory's, else the
    /// address's (a value read from an unknown place is unknown). Reports a restore from
    /// unknown memory.
    func loaded(into target: Int?, _ address: UInt64, _ count: Int, _ addressShadow: Shadow?, _ rec: inout UnknownStepRecord) -> Shadow? {
        guard let (a, s) = memoryShadow(address, count) else { return addressShadow }
        if let r = target {
            let loc = StateLocation.register(r), from = StateLocation.memory(a)
            report(.registerRestoredFromUnknownMemory, loc, from, s, "\(mnemonic) at \(hex(pc)): \(loc.name) restored from \(from.name), which is unknown: \(UnknownTracker.explain(from, s))", &rec)
        }
        return s
    }

    mutating func load(_ rec: inout UnknownStepRecord) {
        let addr = reportAddressUses(&rec)
        var s = addr
        if let m = e.memoryRead { s = loaded(into: zr(i.rd), m.address, Int(m.count), addr, &rec) }
        if let r = zr(i.rd) { plan.append((r, s)) }
        planWriteBack()
    }

    mutating func loadPair(_ rec: inout UnknownStepRecord) {
        let addr = reportAddressUses(&rec)
        var s1 = addr, s2 = addr
        if let m = e.memoryRead {
            let half = Int(m.count) / 2
            s1 = loaded(into: zr(i.rd), m.address, half, addr, &rec)
            s2 = loaded(into: zr(i.ra), m.address &+ UInt64(half), half, addr, &rec)
        }
        if let r = zr(i.rd) { plan.append((r, s1)) }
        if let r = zr(i.ra) { plan.append((r, s2)) }
        planWriteBack()
    }

    func reportDatum(_ r: Int?, _ address: UInt64, _ rec: inout UnknownStepRecord) -> Shadow? {
        guard let r, let s = t.registers[r] else { return nil }
        let loc = StateLocation.register(r)
        report(.storedDatum, loc, loc, s, "\(mnemonic) at \(hex(pc)) stores \(loc.name), which is unknown, to memory \(hex(address)): \(UnknownTracker.explain(loc, s))", &rec)
        return s
    }

    mutating func store(_ rec: inout UnknownStepRecord) {
        reportAddressUses(&rec)
        planWriteBack()
        guard let w = e.memoryWrite else { return }
        let s = reportDatum(zr(i.rd), w.address, &rec)
        for k in 0..<Int(w.count) { t.set(.memory(w.address &+ UInt64(k)), s, &rec) }
    }

    mutating func storePair(_ rec: inout UnknownStepRecord) {
        reportAddressUses(&rec)
        planWriteBack()
        guard let w = e.memoryWrite else { return }
        let half = Int(w.count) / 2
        let s1 = reportDatum(zr(i.rd), w.address, &rec)
        let s2 = reportDatum(zr(i.ra), w.address &+ UInt64(half), &rec)
        for k in 0..<Int(w.count) { t.set(.memory(w.address &+ UInt64(k)), k < half ? s1 : s2, &rec) }
    }

    // MARK: SIMD&FP registers

    /// Effects index of half `high` of V`n`.
    func v(_ n: UInt8, high: Bool = false) -> Int { RegisterWrite.index(vector: Int(n & 31), high: high) }

    /// Shadows of the halves a load of `count` bytes at `address` fills: each half from its own
    /// bytes (bits above a B/H/S/D load are zeroed: known).
    func loadedHalves(_ n: UInt8, _ address: UInt64, _ count: Int, _ addr: Shadow?, _ rec: inout UnknownStepRecord) -> (Shadow?, Shadow?) {
        let lo = loaded(into: v(n), address, min(count, 8), addr, &rec)
        let hi = count > 8 ? loaded(into: v(n, high: true), address &+ 8, count - 8, addr, &rec) : nil
        return (lo, hi)
    }

    mutating func loadVector(_ rec: inout UnknownStepRecord) {
        let addr = reportAddressUses(&rec)
        let count = 1 << Int(i.size)
        var halves: (Shadow?, Shadow?) = (addr, count > 8 ? addr : nil)
        if let m = e.memoryRead { halves = loadedHalves(i.rd, m.address, count, addr, &rec) }
        plan.append((v(i.rd), halves.0)); plan.append((v(i.rd, high: true), halves.1))
        planWriteBack()
    }

    mutating func loadVectorPair(_ rec: inout UnknownStepRecord) {
        let addr = reportAddressUses(&rec)
        let count = 1 << Int(i.size)
        var first: (Shadow?, Shadow?) = (addr, count > 8 ? addr : nil), second = first
        if let m = e.memoryRead {
            first = loadedHalves(i.rd, m.address, count, addr, &rec)
            second = loadedHalves(i.ra, m.address &+ UInt64(count), count, addr, &rec)
        }
        plan.append((v(i.rd), first.0)); plan.append((v(i.rd, high: true), first.1))
        plan.append((v(i.ra), second.0)); plan.append((v(i.ra, high: true), second.1))
        planWriteBack()
    }

    /// Marks the bytes of a SIMD&FP store with the shadows of the halves they came from.
    func storeHalves(_ n: UInt8, _ address: UInt64, _ count: Int, _ rec: inout UnknownStepRecord) {
        let lo = reportDatum(v(n), address, &rec)
        let hi = count > 8 ? reportDatum(v(n, high: true), address &+ 8, &rec) : nil
        for k in 0..<count { t.set(.memory(address &+ UInt64(k)), k < 8 ? lo : hi, &rec) }
    }

    mutating func storeVector(_ rec: inout UnknownStepRecord) {
        reportAddressUses(&rec)
        planWriteBack()
        guard let w = e.memoryWrite else { return }
        storeHalves(i.rd, w.address, 1 << Int(i.size), &rec)
    }

    mutating func storeVectorPair(_ rec: inout UnknownStepRecord) {
        reportAddressUses(&rec)
        planWriteBack()
        guard let w = e.memoryWrite else { return }
        let count = 1 << Int(i.size)
        // A Q pair is two stores; S and D pairs are one.
        let second = e.memoryWrite2?.address ?? (w.address &+ UInt64(count))
        storeHalves(i.rd, w.address, count, &rec)
        storeHalves(i.ra, second, count, &rec)
    }

    // MARK: Reports

    func reportCondition(_ rec: inout UnknownStepRecord) {
        guard let s = t.flagsShadow else { return }
        report(.condition, .flags, .flags, s, "\(mnemonic) at \(hex(pc)) reads the flags, which are unknown: \(UnknownTracker.explain(.flags, s))", &rec)
    }

    /// Appends a use unless its (kind, location, origin) was reported before. The message is
    /// built only when it is reported.
    func report(_ kind: UnknownUseKind, _ location: StateLocation, _ source: StateLocation, _ s: Shadow,
                _ message: @autoclosure () -> String, _ rec: inout UnknownStepRecord) {
        let key = UnknownUseKey(kind: kind, location: location, origin: s.origin)
        guard t.reported.insert(key).inserted else { return }
        rec.reportedKeys.append(key)
        rec.uses.append(UnknownUse(kind: kind, location: location, source: source, origin: s.origin,
                                   step: step, pc: pc, message: message()))
    }

    /// The instruction's mnemonic as the disassembler prints it ("ret", "ldp", "b.eq").
    var mnemonic: String {
        let text = Disassembler.text(i, at: pc)
        return String(text.prefix { $0 != " " && $0 != "\t" })
    }

    func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
}
