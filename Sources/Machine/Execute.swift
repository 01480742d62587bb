import A64

// Pure helpers: flags, shifts, extends, bitfield masks. All arithmetic wraps explicitly.

/// AddWithCarry for the 64-bit form: result and NZCV in bits 31:28.
@inline(__always) func addWithCarry64(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> (UInt64, UInt64) {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (r, o2) = s1.addingReportingOverflow(c)
    let n = r >> 63
    let z: UInt64 = r == 0 ? 1 : 0
    let cf: UInt64 = (o1 || o2) ? 1 : 0
    let v = ((a ^ r) & (b ^ r)) >> 63
    return (r, n << 31 | z << 30 | cf << 29 | v << 28)
}

/// AddWithCarry for the 32-bit form (operands are the low 32 bits); result zero-extended.
@inline(__always) func addWithCarry32(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> (UInt64, UInt64) {
    let a32 = a & 0xffff_ffff, b32 = b & 0xffff_ffff
    let sum = a32 &+ b32 &+ c
    let r = sum & 0xffff_ffff
    let n = (r >> 31) & 1
    let z: UInt64 = r == 0 ? 1 : 0
    let cf = (sum >> 32) & 1
    let v = (((a32 ^ r) & (b32 ^ r)) >> 31) & 1
    return (r, n << 31 | z << 30 | cf << 29 | v << 28)
}

/// N and Z of a logical result (C = V = 0).
@inline(__always) func logicalFlags(_ r: UInt64, _ sf: Bool) -> UInt64 {
    let v = sf ? r : r & 0xffff_ffff
    let n = sf ? v >> 63 : (v >> 31) & 1
    return n << 31 | (v == 0 ? 1 << 30 : 0)
}

@inline(__always) func ror(_ v: UInt64, _ amount: UInt64, _ width: UInt64) -> UInt64 {
    let a = amount % width
    if a == 0 { return v }
    if width == 64 { return (v >> a) | (v << (64 &- a)) }
    let v32 = v & 0xffff_ffff
    return ((v32 >> a) | (v32 << (32 &- a))) & 0xffff_ffff
}

/// Shifted-register operand. `amount` < width for valid encodings; shifts use explicit
/// non-trapping forms.
@inline(__always) func shiftReg(_ v: UInt64, _ type: UInt8, _ amount: UInt8, _ sf: Bool) -> UInt64 {
    let a = UInt64(amount) & (sf ? 63 : 31)
    if type == 0 { return sf ? v &<< a : (v &<< a) & 0xffff_ffff }      // LSL: the common case
    if sf {
        switch type & 3 {
        case 0: return v &<< a
        case 1: return v &>> a
        case 2: return UInt64(bitPattern: Int64(bitPattern: v) &>> Int64(a))
        default: return ror(v, a, 64)
        }
    } else {
        let w = v & 0xffff_ffff
        switch type & 3 {
        case 0: return (w &<< a) & 0xffff_ffff
        case 1: return w &>> a
        case 2: return UInt64(UInt32(bitPattern: Int32(bitPattern: UInt32(w)) &>> Int32(a)))
        default: return ror(w, a, 32)
        }
    }
}

/// Extended-register operand: extend then shift left by `amount` (0...4).
@inline(__always) func extendReg(_ v: UInt64, _ ext: UInt8, _ amount: UInt8) -> UInt64 {
    let x: UInt64
    switch ext & 7 {
    case 0: x = v & 0xff
    case 1: x = v & 0xffff
    case 2: x = v & 0xffff_ffff
    case 4: x = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: v)))
    case 5: x = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: v)))
    case 6: x = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: v)))
    default: x = v
    }
    return x &<< UInt64(amount & 63)
}

@inline(__always) func ones(_ n: UInt64) -> UInt64 { n >= 64 ? ~0 : (1 &<< n) &- 1 }

/// DecodeBitMasks(N, imms, immr, immediate = FALSE, datasize) for SBFM/BFM/UBFM: (wmask, tmask).
@inline(__always) func bitfieldMasks(_ n: UInt8, _ imms: UInt8, _ immr: UInt8, _ sf: Bool) -> (UInt64, UInt64) {
    let combined = (UInt32(n & 1) << 6) | UInt32(~imms & 0x3f)
    let len = combined == 0 ? 0 : 31 - combined.leadingZeroBitCount
    let levels = UInt64(ones(UInt64(len)))
    let s = UInt64(imms) & levels, r = UInt64(immr) & levels
    let d = (s &- r) & levels
    let esize = UInt64(1) << UInt64(len)
    let we = ones(s + 1) & ones(esize), te = ones(d + 1) & ones(esize)
    var w = r == 0 ? we : ((we &>> r) | (we &<< (esize &- r))) & ones(esize)
    var t = te
    var i = esize
    while i < 64 { w |= w << i; t |= t << i; i <<= 1 }
    let width: UInt64 = sf ? 64 : 32
    return (w & ones(width), t & ones(width))
}

/// ConditionHolds, branch-free: the eight base conditions are computed as bits of one word and
/// the one asked for is selected (no jump table: the dispatch switch is jump table enough).
@inline(__always) func conditionHolds(_ cond: UInt8, _ ps: UInt64) -> Bool {
    let f = UInt32(truncatingIfNeeded: ps >> 28)
    let v = f & 1, c = (f >> 1) & 1, z = (f >> 2) & 1, n = (f >> 3) & 1
    let ge = (n ^ v) ^ 1
    let bits = z | c << 1 | n << 2 | v << 3 | (c & (z ^ 1)) << 4 | ge << 5 | (ge & (z ^ 1)) << 6 | 1 << 7
    let r = (bits >> UInt32((cond >> 1) & 7)) & 1
    let invert = UInt32(cond & 1) & (cond == 15 ? 0 : 1)
    return (r ^ invert) != 0
}

extension Machine {
    /// Executes one decoded instruction at `pc`. Sets the next PC, or takes an exception.
    @inline(__always)
    func execute<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        let sf = i.pointee.sf
        var next = pc &+ 4
        switch i.pointee.op {
        // MARK: Data processing, immediate
        case .addImm:
            wsp(i.pointee.rd, xsp(i.pointee.rn) &+ (UInt64(bitPattern: i.pointee.imm) &<< UInt64(i.pointee.amount & 63)), sf, &rec)
        case .subImm:
            wsp(i.pointee.rd, xsp(i.pointee.rn) &- (UInt64(bitPattern: i.pointee.imm) &<< UInt64(i.pointee.amount & 63)), sf, &rec)
        case .addsImm:
            let b = UInt64(bitPattern: i.pointee.imm) &<< UInt64(i.pointee.amount & 63)
            let (r, f) = sf ? addWithCarry64(xsp(i.pointee.rn), b, 0) : addWithCarry32(xsp(i.pointee.rn), b, 0)
            setNZCV(f); wx(i.pointee.rd, r, sf, &rec)
        case .subsImm:
            let b = ~(UInt64(bitPattern: i.pointee.imm) &<< UInt64(i.pointee.amount & 63))
            let (r, f) = sf ? addWithCarry64(xsp(i.pointee.rn), b, 1) : addWithCarry32(xsp(i.pointee.rn), b, 1)
            setNZCV(f); wx(i.pointee.rd, r, sf, &rec)
        case .andImm, .orrImm, .eorImm:
            let a = xr(i.pointee.rn), b = UInt64(bitPattern: i.pointee.imm)
            let r = i.pointee.op == .andImm ? a & b : (i.pointee.op == .orrImm ? a | b : a ^ b)
            wsp(i.pointee.rd, r, sf, &rec)
        case .andsImm:
            let r = xr(i.pointee.rn) & UInt64(bitPattern: i.pointee.imm)
            setNZCV(logicalFlags(r, sf)); wx(i.pointee.rd, r, sf, &rec)
        case .movz:
            wx(i.pointee.rd, UInt64(bitPattern: i.pointee.imm) &<< UInt64(i.pointee.amount & 63), sf, &rec)
        case .movn:
            wx(i.pointee.rd, ~(UInt64(bitPattern: i.pointee.imm) &<< UInt64(i.pointee.amount & 63)), sf, &rec)
        case .movk:
            let sh = UInt64(i.pointee.amount & 63)
            let r = (xr(i.pointee.rd) & ~(0xffff &<< sh)) | ((UInt64(bitPattern: i.pointee.imm) & 0xffff) &<< sh)
            wx(i.pointee.rd, r, sf, &rec)
        case .sbfm, .bfm, .ubfm:
            let width: UInt64 = sf ? 64 : 32
            let src = xr(i.pointee.rn)
            let (wmask, tmask) = bitfieldMasks(i.pointee.n, i.pointee.imms, i.pointee.immr, sf)
            let rot = ror(sf ? src : src & 0xffff_ffff, UInt64(i.pointee.immr), width)
            let r: UInt64
            switch i.pointee.op {
            case .ubfm:
                r = rot & wmask & tmask
            case .sbfm:
                let bot = rot & wmask
                let top: UInt64 = (src >> UInt64(i.pointee.imms & 63)) & 1 == 1 ? ones(width) : 0
                r = (top & ~tmask) | (bot & tmask)
            default:
                let dst = xr(i.pointee.rd)
                let bot = (dst & ~wmask) | (rot & wmask)
                r = (dst & ~tmask) | (bot & tmask)
            }
            wx(i.pointee.rd, r, sf, &rec)
        case .extr:
            let lsb = UInt64(i.pointee.imms)
            let hi = xr(i.pointee.rn), lo = xr(i.pointee.rm)
            let r: UInt64
            if sf {
                r = lsb == 0 ? lo : (lo &>> lsb) | (hi &<< (64 &- lsb))
            } else {
                r = ((hi & 0xffff_ffff) << 32 | (lo & 0xffff_ffff)) &>> (lsb & 31)
            }
            wx(i.pointee.rd, r, sf, &rec)
        case .adr:
            wx(i.pointee.rd, pc &+ UInt64(bitPattern: i.pointee.imm), true, &rec)
        case .adrp:
            wx(i.pointee.rd, (pc & ~0xfff) &+ UInt64(bitPattern: i.pointee.imm), true, &rec)

        // MARK: Branches
        case .b:
            if i.pointee.imm == 0 { rec.note(.selfLoop); s[Slot.pc] = pc; return .selfLoop }
            next = pc &+ UInt64(bitPattern: i.pointee.imm)
        case .bl:
            wx(30, pc &+ 4, true, &rec)
            next = pc &+ UInt64(bitPattern: i.pointee.imm)
        case .bcond:
            if conditionHolds(i.pointee.cond, s[Slot.pstate]) {
                if i.pointee.imm == 0 { rec.note(.selfLoop); s[Slot.pc] = pc; return .selfLoop }
                next = pc &+ UInt64(bitPattern: i.pointee.imm)
            }
        case .cbz, .cbnz:
            let v = sf ? xr(i.pointee.rd) : xr(i.pointee.rd) & 0xffff_ffff
            if (v == 0) == (i.pointee.op == .cbz) { next = pc &+ UInt64(bitPattern: i.pointee.imm) }
        case .tbz, .tbnz:
            let bit = (xr(i.pointee.rd) >> UInt64(i.pointee.cond & 63)) & 1
            if (bit == 0) == (i.pointee.op == .tbz) { next = pc &+ UInt64(bitPattern: i.pointee.imm) }
        case .br, .ret:
            next = xr(i.pointee.rn)
        case .blr:
            next = xr(i.pointee.rn)
            wx(30, pc &+ 4, true, &rec)
        case .eret:
            return eret(pc, &rec)

        // MARK: Exception generation
        case .svc:
            takeException(.svc, iss: UInt64(bitPattern: i.pointee.imm) & 0xffff, far: nil, elr: pc &+ 4, &rec)
            return .exception
        case .hvc:
            if let h = hook {
                let r = callHook(pc, &rec) { h.hvc(UInt16(truncatingIfNeeded: i.pointee.imm), machine: self) }
                if r { return .normal }
            }
            if sys[Sys.hcr] & (1 << 29) != 0 { return undefined(pc, &rec) }   // HCR_EL2.HCD
            takeException(.hvc, iss: UInt64(bitPattern: i.pointee.imm) & 0xffff, far: nil, elr: pc &+ 4, &rec)
            return .exception
        case .smc:
            if let h = hook {
                let r = callHook(pc, &rec) { h.smc(UInt16(truncatingIfNeeded: i.pointee.imm), machine: self) }
                if r { return .normal }
            }
            return undefined(pc, &rec)   // no EL3
        case .brk:
            takeException(.brk, iss: UInt64(bitPattern: i.pointee.imm) & 0xffff, far: nil, elr: pc, &rec)
            return .exception
        case .notModelled:
            // SIMD&FP instructions trap first when CPTR_EL2.TFP = 1 (the trap is what the core does).
            // Every word the decoder classifies as not modelled is a SIMD&FP (or crypto) instruction.
            if fpTrapped { return fpAccessTrap(pc, &rec) }
            return .notModelled
        case .ldrV, .strV, .ldpV, .stpV, .ldnpV, .stnpV, .fmovToV, .fmovFromV:
            return executeFloatingPoint(i, pc, &rec)
        case .hlt, .udf, .undefined:
            // A slot a store overwrote: decode the new word and run it.
            if i.pointee.op == .undefined && i.pointee.imm < 0 { return redecodeAndExecute(i, pc, &rec) }
            // HLT without halting debug is UNDEFINED (QEMU: EC 0x00, verified).
            return undefined(pc, &rec)

        // MARK: System
        case .mrs:
            let idx = Int(Sys.byEncoding[Int(i.pointee.sys)])
            if idx < 0 { return uncataloguedSystemRegister(i, pc, read: true, &rec) }
            if idx == Sys.spEL0 && s[Slot.pstate] & 1 == 0 { return undefined(pc, &rec) }
            if Sys.isFloatingPoint(idx) && fpTrapped { return fpAccessTrap(pc, &rec) }
            wx(i.pointee.rd, readSys(idx), true, &rec)
        case .msr:
            let idx = Int(Sys.byEncoding[Int(i.pointee.sys)])
            if idx < 0 { return uncataloguedSystemRegister(i, pc, read: false, &rec) }
            let v = xr(i.pointee.rd)
            switch Sys.behaviour[idx] {
            case .readOnly, .counter:
                return undefined(pc, &rec)
            case .pstate:
                setSysRaw(idx, v)
            case .timerValue:
                let c = Sys.companion[idx]
                writeSys(c, timerCompare(for: idx, v), &rec)
            case .stored, .timerControl:
                if idx == Sys.spEL0 {
                    if s[Slot.pstate] & 1 == 0 { return undefined(pc, &rec) }
                    if R.records { rec.register(Slot.spEL0, s[Slot.spEL0], v) }
                    s[Slot.spEL0] = v
                } else {
                    if Sys.isFloatingPoint(idx) && fpTrapped { return fpAccessTrap(pc, &rec) }
                    writeSys(idx, SystemRegisterCatalogue.all[idx].masked(v), &rec)
                    if Self.controlsTranslation(idx) { translationChanged() }
                }
            }
        case .msrImm:
            let e = SystemRegisterEncoding(packed: i.pointee.sys)
            let crm = UInt64(i.pointee.imm) & 0xf
            switch (e.op1, e.op2) {
            case (0, 5): s[Slot.pstate] = (s[Slot.pstate] & ~1) | (crm & 1)          // SPSel
            case (3, 6): s[Slot.pstate] |= crm << 6                                  // DAIFSet
            case (3, 7): s[Slot.pstate] &= ~(crm << 6)                               // DAIFClr
            default: return undefined(pc, &rec)                                      // PAN, UAO, ... not on cortex-a57
            }
        case .hint:
            if i.pointee.imm == 3 { rec.note(.waitForInterrupt) } else if i.pointee.imm == 2 { rec.note(.waitForEvent) }
        case .clrex:
            clearMonitor(&rec)
            rec.note(.barrier)
        case .dsb, .dmb, .isb:
            rec.note(.barrier)
        case .sb:
            // SB is ARMv8.5 (FEAT_SB): the Cortex-A57 does not have it (QEMU: UNDEFINED).
            return undefined(pc, &rec)
        case .sys:
            switch SystemOperation(sys: i.pointee.sys) {
            case .zeroBlock:
                if !zeroBlock(xr(i.pointee.rd), pc, &rec) { return .exception }
            case .tlbInvalidate:
                // Every form drops the whole TLB (over-invalidation is allowed by the architecture).
                rec.note(.tlbInvalidate)
                translationChanged()
            case .cacheMaintenance:
                rec.note(.maintenanceNoOp)
            case let .addressTranslation(el2, el0, stage2, write):
                let st = addressTranslation(xr(i.pointee.rd), el2: el2, el0: el0, stage2: stage2, write: write, &rec)
                if st != .normal { return st }
            case .undefined:
                return undefined(pc, &rec)
            }

        // MARK: Data processing, register
        case .addShift:
            wx(i.pointee.rd, xr(i.pointee.rn) &+ shiftReg(xr(i.pointee.rm), i.pointee.shift, i.pointee.amount, sf), sf, &rec)
        case .subShift:
            wx(i.pointee.rd, xr(i.pointee.rn) &- shiftReg(xr(i.pointee.rm), i.pointee.shift, i.pointee.amount, sf), sf, &rec)
        case .addsShift, .subsShift:
            var b = shiftReg(xr(i.pointee.rm), i.pointee.shift, i.pointee.amount, sf)
            let sub = i.pointee.op == .subsShift
            if sub { b = ~b }
            let a = xr(i.pointee.rn)
            let (r, f) = sf ? addWithCarry64(a, b, sub ? 1 : 0) : addWithCarry32(a, b, sub ? 1 : 0)
            setNZCV(f)
            wx(i.pointee.rd, r, sf, &rec)
        case .addExt, .addsExt, .subExt, .subsExt:
            var b = extendReg(xr(i.pointee.rm), i.pointee.shift, i.pointee.amount)
            let sub = i.pointee.op == .subExt || i.pointee.op == .subsExt
            if sub { b = ~b }
            let a = xsp(i.pointee.rn)
            let (r, f) = sf ? addWithCarry64(a, b, sub ? 1 : 0) : addWithCarry32(a, b, sub ? 1 : 0)
            if i.pointee.op == .addExt || i.pointee.op == .subExt {
                wsp(i.pointee.rd, r, sf, &rec)
            } else {
                setNZCV(f); wx(i.pointee.rd, r, sf, &rec)
            }
        case .andShift, .bicShift, .orrShift, .ornShift, .eorShift, .eonShift, .andsShift, .bicsShift:
            let a = xr(i.pointee.rn)
            let b = shiftReg(xr(i.pointee.rm), i.pointee.shift, i.pointee.amount, sf)
            let r: UInt64
            switch i.pointee.op {
            case .andShift, .andsShift: r = a & b
            case .bicShift, .bicsShift: r = a & ~b
            case .orrShift: r = a | b
            case .ornShift: r = a | ~b
            case .eorShift: r = a ^ b
            default: r = a ^ ~b
            }
            if i.pointee.op == .andsShift || i.pointee.op == .bicsShift { setNZCV(logicalFlags(r, sf)) }
            wx(i.pointee.rd, r, sf, &rec)
        case .lslv, .lsrv, .asrv, .rorv:
            let amt = UInt8(truncatingIfNeeded: xr(i.pointee.rm) & (sf ? 63 : 31))
            let type: UInt8 = i.pointee.op == .lslv ? 0 : (i.pointee.op == .lsrv ? 1 : (i.pointee.op == .asrv ? 2 : 3))
            wx(i.pointee.rd, shiftReg(xr(i.pointee.rn), type, amt, sf), sf, &rec)
        case .udiv:
            let a = xr(i.pointee.rn), b = xr(i.pointee.rm)
            let r: UInt64
            if sf { r = b == 0 ? 0 : a / b } else {
                let a32 = a & 0xffff_ffff, b32 = b & 0xffff_ffff
                r = b32 == 0 ? 0 : a32 / b32
            }
            wx(i.pointee.rd, r, sf, &rec)
        case .sdiv:
            let r: UInt64
            if sf {
                let a = Int64(bitPattern: xr(i.pointee.rn)), b = Int64(bitPattern: xr(i.pointee.rm))
                r = b == 0 ? 0 : UInt64(bitPattern: a.dividedReportingOverflow(by: b).partialValue)
            } else {
                let a = Int32(truncatingIfNeeded: xr(i.pointee.rn)), b = Int32(truncatingIfNeeded: xr(i.pointee.rm))
                r = b == 0 ? 0 : UInt64(UInt32(bitPattern: a.dividedReportingOverflow(by: b).partialValue))
            }
            wx(i.pointee.rd, r, sf, &rec)
        case .madd:
            wx(i.pointee.rd, xr(i.pointee.ra) &+ xr(i.pointee.rn) &* xr(i.pointee.rm), sf, &rec)
        case .msub:
            wx(i.pointee.rd, xr(i.pointee.ra) &- xr(i.pointee.rn) &* xr(i.pointee.rm), sf, &rec)
        case .csel, .csinc, .csinv, .csneg:
            let r: UInt64
            if conditionHolds(i.pointee.cond, s[Slot.pstate]) {
                r = xr(i.pointee.rn)
            } else {
                let m = xr(i.pointee.rm)
                switch i.pointee.op {
                case .csel: r = m
                case .csinc: r = m &+ 1
                case .csinv: r = ~m
                default: r = 0 &- m
                }
            }
            wx(i.pointee.rd, r, sf, &rec)

        // MARK: Loads and stores
        case .ldr, .str, .ldrs:
            return loadStore(i, pc, &rec)
        case .ldp, .stp, .ldnp, .stnp, .ldpsw:
            return loadStorePair(i, pc, &rec)
        case .ldxr, .ldaxr, .stxr, .stlxr, .ldxp, .ldaxp, .stxp, .stlxp, .ldar, .stlr:
            return exclusive(i, pc, &rec)
        case .adc, .adcs, .sbc, .sbcs, .ccmnReg, .ccmpReg, .ccmnImm, .ccmpImm, .rbit, .rev16, .rev32, .rev, .clz, .cls,
             .smaddl, .smsubl, .umaddl, .umsubl, .smulh, .umulh,
             .crc32b, .crc32h, .crc32w, .crc32x, .crc32cb, .crc32ch, .crc32cw, .crc32cx, .prfm:
            // Registers and flags only (Execute+Integer.swift).
            executeIntegerAddition(i, &rec)
        }
        s[Slot.pc] = next
        return .normal
    }

    /// Calls the SMC/HVC hook; records X0...X3 changes. True when handled (PC advanced).
    @inline(never)
    func callHook<R: Recorder>(_ pc: UInt64, _ rec: inout R, _ body: () -> HookResult) -> Bool {
        let before = (s[0], s[1], s[2], s[3])
        let r = body()
        if R.records {
            if s[0] != before.0 { rec.register(0, before.0, s[0]) }
            if s[1] != before.1 { rec.register(1, before.1, s[1]) }
            if s[2] != before.2 { rec.register(2, before.2, s[2]) }
            if s[3] != before.3 { rec.register(3, before.3, s[3]) }
        }
        if case .handled = r {
            rec.note(.hookHandled)
            s[Slot.pc] = pc &+ 4
            return true
        }
        return false
    }

    /// ERET: PC from ELR_EL2, PSTATE from SPSR_EL2, the exclusive monitor cleared (as QEMU does
    /// and the architecture requires). Only EL2h/EL2t exist here: a return to any
    /// other mode is an illegal exception return (PSTATE.IL set, EL unchanged), which makes the
    /// next instruction take an Illegal Execution State exception (EC 0x0E).
    @inline(never)
    func eret<R: Recorder>(_ pc: UInt64, _ rec: inout R) -> ExecStatus {
        clearMonitor(&rec)      // an exception return clears the local exclusive monitor
        let spsr = sys[Sys.spsr]
        let target = sys[Sys.elr]
        let keep: UInt64 = 0xf000_0000 | 0x3c0
        let m = spsr & 0x1f
        if m == 0x9 || m == 0x8 {
            s[Slot.pstate] = (spsr & (keep | (1 << 20))) | m
            // SPSR.IL = 1 returns into the illegal state too: the next fetch must go the slow way
            // to see it (found by the conformance corpus, eret_spsr.S: the run loop's fast path
            // executed the next instruction instead of taking EC 0x0e).
            if spsr & (1 << 20) != 0 { lastPageBase = ~0; lastPage = nil }
        } else {
            rec.note(.illegalReturn)
            s[Slot.pstate] = (spsr & keep) | (1 << 20) | (s[Slot.pstate] & 0xf)
            lastPageBase = ~0; lastPage = nil      // the next fetch goes the slow way and sees IL
        }
        s[Slot.pc] = target
        return .normal
    }

    /// The base register's value, the address a load or store accesses (base + offset, or the
    /// base itself for post-index; pc for a literal) and, for pre- and post-index, the value
    /// written back to Rn. Pair forms have no register offset, so one rule serves every form.
    @inline(__always)
    func transferAddress(_ i: UnsafePointer<Instruction>, _ pc: UInt64) -> (UInt64, UInt64, Bool, UInt64) {
        let base = i.pointee.mode == .literal ? pc : xsp(i.pointee.rn)
        switch i.pointee.mode {
        case .post: return (base, base, true, base &+ UInt64(bitPattern: i.pointee.imm))
        case .pre:
            let addr = base &+ UInt64(bitPattern: i.pointee.imm)
            return (base, addr, true, addr)
        case .register: return (base, base &+ extendReg(xr(i.pointee.rm), i.pointee.shift, i.pointee.amount), false, 0)
        default: return (base, base &+ UInt64(bitPattern: i.pointee.imm), false, 0)
        }
    }

    @inline(__always)
    func spAligned<R: Recorder>(_ i: UnsafePointer<Instruction>, _ base: UInt64, _ pc: UInt64, _ rec: inout R) -> Bool {
        if i.pointee.rn == 31 && base & 0xf != 0 && sys[Sys.sctlr] & 8 != 0 && configuration.checkSPAlignment {
            takeException(.spAlignment, iss: 0, far: nil, elr: pc, &rec)
            return false
        }
        return true
    }

    @inline(__always)
    func loadStore<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        let count = 1 << Int(i.pointee.size & 3)
        let (base, addr, writeback, wbValue) = transferAddress(i, pc)
        if i.pointee.mode != .literal && !spAligned(i, base, pc, &rec) { return .exception }
        // Syndrome as QEMU builds it: ISV + SAS/SSE/SRT/SF only without write-back.
        let isStore = i.pointee.op == .str
        let signed = i.pointee.op == .ldrs
        let sf64 = signed ? i.pointee.sf : i.pointee.size == 3
        var iss: UInt64 = isStore ? 1 << 6 : 0
        if !writeback {
            iss |= 1 << 24 | UInt64(i.pointee.size & 3) << 22 | (signed ? 1 << 21 : 0) | UInt64(i.pointee.rd & 31) << 16 | (sf64 ? 1 << 15 : 0)
        }
        if isStore {
            let v = xr(i.pointee.rd)
            if !storeBytes(addr, count, count, v, 0, iss, pc, &rec) { return .exception }
        } else {
            guard let raw = loadValue(addr, count, iss, pc, &rec) else { return .exception }
            var v = raw
            if signed {
                switch count {
                case 1: v = UInt64(bitPattern: Int64(Int8(truncatingIfNeeded: raw)))
                case 2: v = UInt64(bitPattern: Int64(Int16(truncatingIfNeeded: raw)))
                default: v = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: raw)))
                }
                wx(i.pointee.rd, v, i.pointee.sf, &rec)
            } else {
                wx(i.pointee.rd, v, true, &rec)
            }
        }
        if writeback { wsp(i.pointee.rn, wbValue, true, &rec) }
        s[Slot.pc] = pc &+ 4
        return .normal
    }

    /// LDP/STP, LDNP/STNP (the non-temporal hint has no effect here) and LDPSW.
    @inline(__always)
    func loadStorePair<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        let esize = i.pointee.sf && i.pointee.op != .ldpsw ? 8 : 4
        let (base, addr, writeback, wbValue) = transferAddress(i, pc)
        if !spAligned(i, base, pc, &rec) { return .exception }
        if i.pointee.op == .stp || i.pointee.op == .stnp {
            let a = xr(i.pointee.rd), b = xr(i.pointee.ra)
            let ok: Bool
            if esize == 8 {
                ok = storeBytes(addr, 16, 8, a, b, 1 << 6, pc, &rec)
            } else {
                ok = storeBytes(addr, 8, 4, (a & 0xffff_ffff) | (b << 32), 0, 1 << 6, pc, &rec)
            }
            if !ok { return .exception }
        } else {
            guard var (v1, v2) = loadPair(addr, esize, pc, &rec) else { return .exception }
            if i.pointee.op == .ldpsw {
                v1 = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: v1)))
                v2 = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: v2)))
            }
            wx(i.pointee.rd, v1, true, &rec)
            wx(i.pointee.ra, v2, true, &rec)
        }
        if writeback { wsp(i.pointee.rn, wbValue, true, &rec) }
        s[Slot.pc] = pc &+ 4
        return .normal
    }
}
