import A64

/// A decoded instruction specialised for the run loop (`Machine.run`): the common integer,
/// branch and load/store forms with everything that does not change between executions
/// resolved at decode time (register size, LSL amount, what register 31 means, the shifted
/// or negated immediate, a condition's truth table, a load/store's syndrome). Anything else is
/// `generic` and runs through `execute` on the slot's `Instruction`.
///
/// Register fields are indices into the machine's state buffer: register 31 read as ZR is
/// `Slot.zero` (always 0) and written as ZR is `Slot.sink` (never read). Forms where 31 means
/// SP stay generic (SP depends on PSTATE.SPSel at run time).
/// 16 bytes (the run loop indexes slots by `(pc & 0xffc) << 2`).
struct FastSlot {
    var kind: Kind
    var rd: UInt8
    var rn: UInt8
    var rm: UInt8
    /// Kind-specific: a shift amount, a carry in, a condition truth table (bit NZCV set when the
    /// condition holds for flags NZCV), a TBZ bit number, Ra, or a load/store's syndrome.
    var aux: UInt32
    /// Kind-specific: the operand (shifted, negated or inverted), a branch offset, a result mask
    /// (0xffff_ffff for W forms), an inversion mask (~0 for BIC/ORN/EON/BICS, SUBS), or the
    /// load/store offset.
    var imm: UInt64

    enum Kind: UInt8 {
        case generic
        /// X/W[rd] = X[rn] + imm (ADD/SUB immediate without SP; SUB has imm negated).
        case addImmX, addImmW
        /// rd = imm (MOVZ/MOVN: the final value).
        case movConst
        /// rd = X[rn] +/- imm; flags (ADDS/SUBS immediate, imm shifted).
        case addsImmX, addsImmW, subsImmX, subsImmW
        /// rd = (X[rn] op X[rm] << aux) & imm (ADD/SUB shifted register, LSL).
        case addLsl, subLsl
        /// rd = X[rn] +/- X[rm] << aux; flags (ADDS/SUBS shifted register, LSL).
        case addsLslX, addsLslW, subsLslX, subsLslW
        /// rd = X[rn] op ((X[rm] << aux) ^ imm) (logical shifted register, LSL; BIC/ORN/EON/BICS
        /// have imm = ~0).
        case andX, andW, orrX, orrW, eorX, eorW, andsX, andsW
        /// rd = (Ra +/- X[rn] * X[rm]) & imm; aux = Ra.
        case madd, msub
        /// rd = (cond ? X[rn] : f(X[rm])) & imm; aux = truth table.
        case csel, csinc, csinv, csneg
        /// rd = PC + imm / (PC & ~0xfff) + imm.
        case adr, adrp
        /// Branches (offset in imm; never 0 for B and B.cond: `b .` stays generic).
        case b, bl, bcond, cbzX, cbnzX, cbzW, cbnzW, tbz, tbnz
        /// PC = X[rn] (BR, RET), BLR.
        case br, blr
        /// LDR/STR (unsigned offset or unscaled) with a base other than SP: address X[rn] + imm,
        /// aux = the syndrome.
        case ldr1, ldr2, ldr4, ldr8, str1, str2, str4, str8
        /// SUBS/ANDS (CMP, TST) followed by B.cond in the next slot: both run in one dispatch
        /// when the next slot is still a `bcond` and the page holds no breakpoint (see
        /// `DecodedPage.fuse`).
        case subsImmXB, subsImmWB, subsLslXB, subsLslWB, andsXB, andsWB

        /// The fused form of a flag-setting kind, if it has one.
        var fused: Kind? {
            switch self {
            case .subsImmX: .subsImmXB
            case .subsImmW: .subsImmWB
            case .subsLslX: .subsLslXB
            case .subsLslW: .subsLslWB
            case .andsX: .andsXB
            case .andsW: .andsWB
            default: nil
            }
        }
    }

    /// AddWithCarry(a, b, 0) and AddWithCarry(a, NOT(b), 1) with their NZCV (bits 31:28), in
    /// the direct forms (C of a subtraction is "no borrow", a >= b).
    @inline(__always) static func adds64(_ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
        let r = a &+ b
        let n = (r >> 32) & 0x8000_0000
        let z: UInt64 = r == 0 ? 0x4000_0000 : 0
        let c: UInt64 = r < a ? 0x2000_0000 : 0
        let v = (((a ^ r) & (b ^ r)) >> 63) << 28
        return (r, n | z | c | v)
    }
    @inline(__always) static func subs64(_ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
        let r = a &- b
        let n = (r >> 32) & 0x8000_0000
        let z: UInt64 = r == 0 ? 0x4000_0000 : 0
        let c: UInt64 = a >= b ? 0x2000_0000 : 0
        let v = (((a ^ b) & (a ^ r)) >> 63) << 28
        return (r, n | z | c | v)
    }
    /// The 32-bit forms: operands are the low 32 bits, the result is zero-extended.
    @inline(__always) static func adds32(_ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
        let a32 = a & 0xffff_ffff, b32 = b & 0xffff_ffff
        let r = (a32 &+ b32) & 0xffff_ffff
        let n = r & 0x8000_0000
        let z: UInt64 = r == 0 ? 0x4000_0000 : 0
        let c: UInt64 = r < a32 ? 0x2000_0000 : 0
        let v = ((((a32 ^ r) & (b32 ^ r)) >> 31) & 1) << 28
        return (r, n | z | c | v)
    }
    @inline(__always) static func subs32(_ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
        let a32 = a & 0xffff_ffff, b32 = b & 0xffff_ffff
        let r = (a32 &- b32) & 0xffff_ffff
        let n = r & 0x8000_0000
        let z: UInt64 = r == 0 ? 0x4000_0000 : 0
        let c: UInt64 = a32 >= b32 ? 0x2000_0000 : 0
        let v = ((((a32 ^ b32) & (a32 ^ r)) >> 31) & 1) << 28
        return (r, n | z | c | v)
    }

    static let generic = FastSlot(kind: .generic, rd: 0, rn: 0, rm: 0, aux: 0, imm: 0)

    init(kind: Kind, rd: UInt8, rn: UInt8, rm: UInt8, aux: UInt32, imm: UInt64) {
        self.kind = kind; self.rd = rd; self.rn = rn; self.rm = rm; self.aux = aux; self.imm = imm
    }

    /// The truth table of a condition over the 16 NZCV values.
    static func truthTable(_ cond: UInt8) -> UInt32 {
        var t: UInt32 = 0
        for v in 0..<16 where conditionHolds(cond, UInt64(v) << 28) { t |= 1 << UInt32(v) }
        return t
    }

    /// Specialises a decoded instruction; `generic` when it has no fast form.
    init(_ i: Instruction) {
        self = .generic
        let sf = i.sf
        let zr = { (r: UInt8) -> UInt8 in r == 31 ? UInt8(Slot.zero) : r }     // read as ZR
        let sink = { (r: UInt8) -> UInt8 in r == 31 ? UInt8(Slot.sink) : r }   // written as ZR
        let mask: UInt64 = sf ? ~0 : 0xffff_ffff
        let imm = UInt64(bitPattern: i.imm)
        let shifted = imm &<< UInt64(i.amount & 63)
        let amount = UInt32(i.amount) & (sf ? 63 : 31)
        func set(_ k: Kind, rd: UInt8 = 0, rn: UInt8 = 0, rm: UInt8 = 0, aux: UInt32 = 0, imm: UInt64 = 0) {
            self = FastSlot(kind: k, rd: rd, rn: rn, rm: rm, aux: aux, imm: imm)
        }
        switch i.op {
        case .addImm, .subImm:
            guard i.rd != 31 && i.rn != 31 else { return }
            set(sf ? .addImmX : .addImmW, rd: i.rd, rn: i.rn, imm: i.op == .addImm ? shifted : 0 &- shifted)
        case .addsImm, .subsImm:
            guard i.rn != 31 else { return }
            let k: Kind = i.op == .subsImm ? (sf ? .subsImmX : .subsImmW) : (sf ? .addsImmX : .addsImmW)
            set(k, rd: sink(i.rd), rn: i.rn, imm: shifted)
        case .movz:
            set(.movConst, rd: sink(i.rd), imm: shifted & mask)
        case .movn:
            set(.movConst, rd: sink(i.rd), imm: ~shifted & mask)
        case .addShift, .subShift:
            guard i.shift == Shift.lsl.rawValue else { return }
            set(i.op == .addShift ? .addLsl : .subLsl, rd: sink(i.rd), rn: zr(i.rn), rm: zr(i.rm), aux: amount, imm: mask)
        case .addsShift, .subsShift:
            guard i.shift == Shift.lsl.rawValue else { return }
            let k: Kind = i.op == .subsShift ? (sf ? .subsLslX : .subsLslW) : (sf ? .addsLslX : .addsLslW)
            set(k, rd: sink(i.rd), rn: zr(i.rn), rm: zr(i.rm), aux: amount)
        case .andShift, .bicShift, .orrShift, .ornShift, .eorShift, .eonShift, .andsShift, .bicsShift:
            guard i.shift == Shift.lsl.rawValue else { return }
            let k: Kind
            switch i.op {
            case .andShift, .bicShift: k = sf ? .andX : .andW
            case .orrShift, .ornShift: k = sf ? .orrX : .orrW
            case .eorShift, .eonShift: k = sf ? .eorX : .eorW
            default: k = sf ? .andsX : .andsW
            }
            let invert = [.bicShift, .ornShift, .eonShift, .bicsShift].contains(i.op)
            set(k, rd: sink(i.rd), rn: zr(i.rn), rm: zr(i.rm), aux: amount, imm: invert ? ~0 : 0)
        case .madd, .msub:
            set(i.op == .madd ? .madd : .msub, rd: sink(i.rd), rn: zr(i.rn), rm: zr(i.rm), aux: UInt32(zr(i.ra)), imm: mask)
        case .csel, .csinc, .csinv, .csneg:
            let k: Kind = i.op == .csel ? .csel : (i.op == .csinc ? .csinc : (i.op == .csinv ? .csinv : .csneg))
            set(k, rd: sink(i.rd), rn: zr(i.rn), rm: zr(i.rm), aux: Self.truthTable(i.cond), imm: mask)
        case .adr:
            set(.adr, rd: sink(i.rd), imm: imm)
        case .adrp:
            set(.adrp, rd: sink(i.rd), imm: imm)
        case .b:
            guard i.imm != 0 else { return }
            set(.b, imm: imm)
        case .bl:
            set(.bl, imm: imm)
        case .bcond:
            guard i.imm != 0 else { return }
            set(.bcond, aux: Self.truthTable(i.cond), imm: imm)
        case .cbz:
            set(sf ? .cbzX : .cbzW, rd: zr(i.rd), imm: imm)
        case .cbnz:
            set(sf ? .cbnzX : .cbnzW, rd: zr(i.rd), imm: imm)
        case .tbz, .tbnz:
            set(i.op == .tbz ? .tbz : .tbnz, rd: zr(i.rd), aux: UInt32(i.cond & 63), imm: imm)
        case .br, .ret:
            set(.br, rn: zr(i.rn))
        case .blr:
            set(.blr, rn: zr(i.rn))
        case .ldr, .str:
            guard i.mode == .offset || i.mode == .unscaled || i.mode == .unprivileged, i.rn != 31,
                  i.imm >= Int64(Int32.min) && i.imm <= Int64(Int32.max) else { return }
            // The syndrome loadStore builds without write-back (ISV, SAS, SRT, SF; WnR for stores).
            let store = i.op == .str
            let size = i.size & 3
            let iss = UInt32(1 << 24) | UInt32(size) << 22 | UInt32(i.rd & 31) << 16 | (size == 3 ? 1 << 15 : 0) | (store ? 1 << 6 : 0)
            let kinds: [Kind] = store ? [.str1, .str2, .str4, .str8] : [.ldr1, .ldr2, .ldr4, .ldr8]
            set(kinds[Int(size)], rd: store ? zr(i.rd) : sink(i.rd), rn: i.rn, aux: iss, imm: imm)
        default:
            return
        }
    }
}
