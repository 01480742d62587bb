extension Disassembler {
    /// The SIMD&FP register file's loads, stores and FMOV, as objdump 2.40 prints them.
    static func floatingPointText(_ i: Instruction, at pc: UInt64) -> String {
        let v = { (n: UInt8) in RegisterName.vector(n, size: i.size) }
        switch i.op {
        case .ldrV, .strV:
            let load = i.op == .ldrV
            if i.mode == .literal { return "ldr \(v(i.rd)), \(hex(pc &+ UInt64(bitPattern: i.imm)))" }
            let m = i.mode == .unscaled ? (load ? "ldur" : "stur") : (load ? "ldr" : "str")
            return "\(m) \(v(i.rd)), \(address(i))"
        case .ldpV, .stpV, .ldnpV, .stnpV:
            let m = i.op == .ldpV ? "ldp" : i.op == .stpV ? "stp" : i.op == .ldnpV ? "ldnp" : "stnp"
            return "\(m) \(v(i.rd)), \(v(i.ra)), \(address(i))"
        case .fmovToV, .fmovFromV:
            let toV = i.op == .fmovToV
            let general = RegisterName.general(toV ? i.rn : i.rd, sf: i.size == 3)
            let fp = i.imm == 1 ? "v\(toV ? i.rd : i.rn).d[1]" : v(toV ? i.rd : i.rn)
            return i.op == .fmovToV ? "fmov \(fp), \(general)" : "fmov \(general), \(fp)"
        default:
            return ".inst 0x\(hex(UInt64(UInt32(truncatingIfNeeded: i.imm)), width: 8)) ; undefined"
        }
    }
}

extension RegisterName {
    /// `b0`, `h0`, `s0`, `d0` or `q0`: SIMD&FP register `n` viewed with 2^size bytes.
    public static func vector(_ n: UInt8, size: UInt8) -> String {
        ["b", "h", "s", "d", "q"][Int(min(size, 4))] + String(n)
    }
}
