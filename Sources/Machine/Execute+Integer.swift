import A64

// The ARMv8.0 integer additions that touch only registers and flags: add/subtract with carry,
// conditional compare, the one-source operations, the long and high multiplies, CRC32, and
// PRFM (no architectural effect: it never faults, and does not even check SP alignment).

/// CountLeadingSignBits: the leading bits equal to the sign bit, not counting the sign bit.
@inline(__always) func leadingSignBits(_ v: UInt64, _ sf: Bool) -> UInt64 {
    if sf { return UInt64(((v ^ (v << 1)) | 1).leadingZeroBitCount) }
    let w = UInt32(truncatingIfNeeded: v)
    return UInt64(((w ^ (w << 1)) | 1).leadingZeroBitCount)
}

/// The bits of `v` in reverse order (RBIT of a 64-bit register).
@inline(__always) func reverseBits(_ v: UInt64) -> UInt64 {
    var x = v
    x = ((x >> 1) & 0x5555_5555_5555_5555) | ((x & 0x5555_5555_5555_5555) << 1)
    x = ((x >> 2) & 0x3333_3333_3333_3333) | ((x & 0x3333_3333_3333_3333) << 2)
    x = ((x >> 4) & 0x0f0f_0f0f_0f0f_0f0f) | ((x & 0x0f0f_0f0f_0f0f_0f0f) << 4)
    return x.byteSwapped
}

/// Bytes of each `unit`-byte group reversed (REV16: 2, REV32: 4, REV: the register size).
@inline(__always) func reverseBytes(_ v: UInt64, unit: Int, _ sf: Bool) -> UInt64 {
    let x = sf ? v : v & 0xffff_ffff
    switch unit {
    case 2:
        let r = ((x & 0x00ff_00ff_00ff_00ff) << 8) | ((x >> 8) & 0x00ff_00ff_00ff_00ff)
        return sf ? r : r & 0xffff_ffff
    case 4:
        let b = x.byteSwapped
        return (b >> 32) | (b << 32)
    default:
        return sf ? x.byteSwapped : UInt64(UInt32(truncatingIfNeeded: x).byteSwapped)
    }
}

/// CRC-32 / CRC-32C of the low `bytes` bytes of `value` into `acc`, as the Arm ARM defines the
/// CRC32 instructions (bit-reflected, no initial or final inversion).
enum CRC32 {
    static let table: [UInt32] = makeTable(0xedb8_8320)
    static let tableC: [UInt32] = makeTable(0x82f6_3b78)
    static func makeTable(_ poly: UInt32) -> [UInt32] {
        (0..<256).map { n in
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ poly : c >> 1 }
            return c
        }
    }
    static func update(_ acc: UInt32, _ value: UInt64, bytes: Int, castagnoli: Bool) -> UInt32 {
        let t = castagnoli ? tableC : table
        var c = acc
        for k in 0..<bytes {
            let b = UInt8(truncatingIfNeeded: value >> UInt64(8 * k))
            c = t[Int(UInt8(truncatingIfNeeded: c) ^ b)] ^ (c >> 8)
        }
        return c
    }
}

extension Machine {
    /// ConditionHolds for a condition code and PSTATE (SPSR layout), as the executor evaluates
    /// it: for the debugger's and the explainer's predictions.
    public static func conditionPasses(_ cond: UInt8, pstate: UInt64) -> Bool { conditionHolds(cond, pstate) }

    /// Executes an instruction of `DecodeTable.integerAdditions` that changes only registers and
    /// flags (the caller advances the PC).
    @inline(never)
    func executeIntegerAddition<R: Recorder>(_ i: UnsafePointer<Instruction>, _ rec: inout R) {
        let sf = i.pointee.sf
        let op = i.pointee.op
        switch op {
        case .adc, .adcs, .sbc, .sbcs:
            let carry = (s[Slot.pstate] >> 29) & 1
            let a = xr(i.pointee.rn)
            let b = op == .adc || op == .adcs ? xr(i.pointee.rm) : ~xr(i.pointee.rm)
            let (r, f) = sf ? addWithCarry64(a, b, carry) : addWithCarry32(a, b, carry)
            if op == .adcs || op == .sbcs { setNZCV(f) }
            wx(i.pointee.rd, r, sf, &rec)
        case .ccmnReg, .ccmpReg, .ccmnImm, .ccmpImm:
            if conditionHolds(i.pointee.cond, s[Slot.pstate]) {
                let a = xr(i.pointee.rn)
                let imm = op == .ccmnImm || op == .ccmpImm
                let b = imm ? UInt64(bitPattern: i.pointee.imm) & 31 : xr(i.pointee.rm)
                let sub = op == .ccmpReg || op == .ccmpImm
                let (_, f) = sf ? addWithCarry64(a, sub ? ~b : b, sub ? 1 : 0) : addWithCarry32(a, sub ? ~b : b, sub ? 1 : 0)
                setNZCV(f)
            } else {
                setNZCV(UInt64(i.pointee.imms & 15) << 28)
            }
        case .rbit:
            let v = xr(i.pointee.rn)
            let r = sf ? reverseBits(v) : reverseBits(v & 0xffff_ffff) >> 32
            wx(i.pointee.rd, r, sf, &rec)
        case .rev16:
            wx(i.pointee.rd, reverseBytes(xr(i.pointee.rn), unit: 2, sf), sf, &rec)
        case .rev32:
            wx(i.pointee.rd, reverseBytes(xr(i.pointee.rn), unit: 4, true), true, &rec)
        case .rev:
            wx(i.pointee.rd, reverseBytes(xr(i.pointee.rn), unit: 8, sf), sf, &rec)
        case .clz:
            let v = xr(i.pointee.rn)
            let r = sf ? UInt64(v.leadingZeroBitCount) : UInt64(UInt32(truncatingIfNeeded: v).leadingZeroBitCount)
            wx(i.pointee.rd, r, sf, &rec)
        case .cls:
            wx(i.pointee.rd, leadingSignBits(xr(i.pointee.rn), sf), sf, &rec)
        case .smaddl, .smsubl, .umaddl, .umsubl:
            let signed = op == .smaddl || op == .smsubl
            let n = xr(i.pointee.rn), m = xr(i.pointee.rm)
            let a = signed ? UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: n))) : n & 0xffff_ffff
            let b = signed ? UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: m))) : m & 0xffff_ffff
            let product = a &* b
            let acc = xr(i.pointee.ra)
            wx(i.pointee.rd, op == .smaddl || op == .umaddl ? acc &+ product : acc &- product, true, &rec)
        case .smulh:
            let r = Int64(bitPattern: xr(i.pointee.rn)).multipliedFullWidth(by: Int64(bitPattern: xr(i.pointee.rm))).high
            wx(i.pointee.rd, UInt64(bitPattern: r), true, &rec)
        case .umulh:
            wx(i.pointee.rd, xr(i.pointee.rn).multipliedFullWidth(by: xr(i.pointee.rm)).high, true, &rec)
        case .crc32b, .crc32h, .crc32w, .crc32x, .crc32cb, .crc32ch, .crc32cw, .crc32cx:
            let bytes: Int
            switch op {
            case .crc32b, .crc32cb: bytes = 1
            case .crc32h, .crc32ch: bytes = 2
            case .crc32w, .crc32cw: bytes = 4
            default: bytes = 8
            }
            let castagnoli = op == .crc32cb || op == .crc32ch || op == .crc32cw || op == .crc32cx
            let r = CRC32.update(UInt32(truncatingIfNeeded: xr(i.pointee.rn)), xr(i.pointee.rm), bytes: bytes, castagnoli: castagnoli)
            wx(i.pointee.rd, UInt64(r), false, &rec)
        case .prfm:
            break   // a hint with no architectural effect
        default:
            break   // not an integer addition (`execute` sends only these here)
        }
    }
}
