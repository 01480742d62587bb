/// Text of the SIMD&FP, AdvSIMD and crypto instructions SuspendScope does not model, exactly
/// as objdump 2.40 prints them, and which field values each allows (the decoder's check).
public enum SIMDText {
    @inline(__always) static func ftype(_ w: UInt32) -> UInt32 { (w >> 22) & 3 }

    /// Whether `w` is a valid encoding of `form` (reserved size/arrangement combinations are not).
    static func isValid(_ form: SIMDForm, _ w: UInt32) -> Bool {
        if form.layout.rawValue >= SIMDLayout.ldstMultiple.rawValue { return AdvSIMDText.isValid(form, w) }
        guard form.allowed >> ftype(w) & 1 == 1 else { return false }
        switch form.layout {
        case .toFixed, .fromFixed:
            return w >> 31 == 1 || (w >> 15) & 1 == 1   // a W register: scale >= 32
        default:
            return true
        }
    }

    /// objdump's text of a not-modelled word (`.inst` when it is not one).
    public static func text(word w: UInt32, at pc: UInt64) -> String {
        guard let e = DecodeTable.matchEntry(w), case let .simd(form) = e.format, isValid(form, w) else {
            return ".inst 0x\(Disassembler.hex(UInt64(w), width: 8)) ; undefined"
        }
        if form.layout.rawValue >= SIMDLayout.ldstMultiple.rawValue { return AdvSIMDText.text(form, w) }
        let t = ftype(w)
        func f(_ n: UInt32, _ type: UInt32 = t) -> String { ["s", "d", "q", "h"][Int(type)] + String(n & 31) }
        func r(_ n: UInt32) -> String { RegisterName.general(UInt8(n & 31), sf: w >> 31 == 1) }
        let d = w & 31, n = (w >> 5) & 31, m = (w >> 16) & 31, a = (w >> 10) & 31
        let cond = ConditionName.name(UInt8((w >> 12) & 15))
        let ops: String
        switch form.layout {
        case .fp3: ops = "\(f(d)), \(f(n)), \(f(m)), \(f(a))"
        case .fp2: ops = "\(f(d)), \(f(n)), \(f(m))"
        case .fp1: ops = "\(f(d)), \(f(n))"
        case .fcvtToS: ops = "\(f(d, 0)), \(f(n))"
        case .fcvtToD: ops = "\(f(d, 1)), \(f(n))"
        case .fcvtToH: ops = "\(f(d, 3)), \(f(n))"
        case .fcmp: ops = "\(f(n)), \(f(m))"
        case .fcmpZero: ops = "\(f(n)), #0.0"
        case .fccmp: ops = "\(f(n)), \(f(m)), #0x\(Disassembler.hex(UInt64(w & 15))), \(cond)"
        case .fcsel: ops = "\(f(d)), \(f(n)), \(f(m)), \(ConditionName.name(UInt8((w >> 12) & 15)))"
        case .fmovImmediate: ops = "\(f(d)), #\(fpImmediate(UInt8((w >> 13) & 0xff)))"
        case .toInteger: ops = "\(r(d)), \(f(n))"
        case .fromInteger: ops = "\(f(d)), \(r(n))"
        case .toFixed: ops = "\(r(d)), \(f(n)), #\(64 - (w >> 10) & 63)"
        case .fromFixed: ops = "\(f(d)), \(r(n)), #\(64 - (w >> 10) & 63)"
        default: ops = ""
        }
        return form.name + " " + ops
    }

    /// VFPExpandImm(imm8) printed as C's `%.18e`: the value is (16 + imm8<3:0>) * 2^k with k in
    /// -7...0, so its decimal digits are (16 + frac) * 5^-k, exactly.
    static func fpImmediate(_ imm8: UInt8) -> String {
        let sign = imm8 >> 7 == 1 ? "-" : ""
        let frac = Int(imm8 & 15)
        // Exponent: NOT(b):cd - 3 as a 3-bit field (b = imm8<6>, cd = imm8<5:4>).
        let b = Int(imm8 >> 6 & 1), cd = Int(imm8 >> 4 & 3)
        let e = (b == 0 ? 4 + cd : cd) - 3        // value = (16 + frac) / 16 * 2^e, e in -3...4
        let k = e - 4                              // value = (16 + frac) * 2^k
        var digitsValue = 16 + frac
        for _ in 0..<(-k) { digitsValue *= 5 }
        let digits = String(digitsValue)
        let exponent = digits.count - 1 + k
        let mantissa = String(digits.first!) + "." + String(digits.dropFirst()) + String(repeating: "0", count: 18 - (digits.count - 1))
        let expText = (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
        return sign + mantissa + "e" + expText
    }
}
