extension Disassembler {
    /// The ARMv8.0 integer additions (`DecodeTable.integerAdditions`), as objdump 2.40 prints them.
    static func integerText(_ i: Instruction, at pc: UInt64) -> String {
        let sf = i.sf
        func r(_ n: UInt8) -> String { RegisterName.general(n, sf: sf) }
        func x(_ n: UInt8) -> String { RegisterName.x(n) }
        func w(_ n: UInt8) -> String { RegisterName.w(n) }
        let base = "[\(RegisterName.x(i.rn, sp: true))]"
        /// b/h suffix of the exclusives and acquire/release forms.
        let suffix = i.size == 0 ? "b" : i.size == 1 ? "h" : ""
        switch i.op {
        case .adc, .adcs:
            return "\(i.op) \(r(i.rd)), \(r(i.rn)), \(r(i.rm))"
        case .sbc, .sbcs:
            if i.rn == 31 { return "\(i.op == .sbc ? "ngc" : "ngcs") \(r(i.rd)), \(r(i.rm))" }
            return "\(i.op) \(r(i.rd)), \(r(i.rn)), \(r(i.rm))"
        case .ccmnReg, .ccmpReg, .ccmnImm, .ccmpImm:
            let m = i.op == .ccmnReg || i.op == .ccmnImm ? "ccmn" : "ccmp"
            let second = i.op == .ccmnImm || i.op == .ccmpImm ? "#0x\(hex(UInt64(bitPattern: i.imm) & 31))" : r(i.rm)
            return "\(m) \(r(i.rn)), \(second), #0x\(hex(UInt64(i.imms & 15))), \(ConditionName.name(i.cond))"
        case .rbit, .rev16, .rev32, .rev, .clz, .cls:
            return "\(i.op) \(r(i.rd)), \(r(i.rn))"
        case .smaddl, .smsubl, .umaddl, .umsubl:
            if i.ra == 31 {
                let alias = [Op.smaddl: "smull", .smsubl: "smnegl", .umaddl: "umull", .umsubl: "umnegl"][i.op]!
                return "\(alias) \(x(i.rd)), \(w(i.rn)), \(w(i.rm))"
            }
            return "\(i.op) \(x(i.rd)), \(w(i.rn)), \(w(i.rm)), \(x(i.ra))"
        case .smulh, .umulh:
            return "\(i.op) \(x(i.rd)), \(x(i.rn)), \(x(i.rm))"
        case .crc32b, .crc32h, .crc32w, .crc32cb, .crc32ch, .crc32cw:
            return "\(i.op) \(w(i.rd)), \(w(i.rn)), \(w(i.rm))"
        case .crc32x, .crc32cx:
            return "\(i.op) \(w(i.rd)), \(w(i.rn)), \(x(i.rm))"
        case .ldpsw:
            return "ldpsw \(x(i.rd)), \(x(i.ra)), \(address(i))"
        case .ldnp, .stnp:
            return "\(i.op) \(r(i.rd)), \(r(i.ra)), \(address(i))"
        case .prfm:
            let op = PrefetchName.text(i.rd)
            if i.mode == .literal { return "prfm \(op), \(hex(pc &+ UInt64(bitPattern: i.imm)))" }
            return "\(i.mode == .unscaled ? "prfum" : "prfm") \(op), \(address(i))"
        case .ldxr, .ldaxr, .ldar:
            return "\(i.op)\(suffix) \(r(i.rd)), \(base)"
        case .stlr:
            return "stlr\(suffix) \(r(i.rd)), \(base)"
        case .stxr, .stlxr:
            return "\(i.op)\(suffix) \(w(i.rm)), \(r(i.rd)), \(base)"
        case .ldxp, .ldaxp:
            return "\(i.op) \(r(i.rd)), \(r(i.ra)), \(base)"
        case .stxp, .stlxp:
            return "\(i.op) \(w(i.rm)), \(r(i.rd)), \(r(i.ra)), \(base)"
        default:
            return ".inst 0x\(hex(UInt64(UInt32(truncatingIfNeeded: i.imm)), width: 8)) ; undefined"
        }
    }
}

/// Names of the PRFM prefetch operations (the Rt field), both directions.
public enum PrefetchName {
    /// `pldl1keep`...: type (bits 4:3: pld, pli, pst), target (2:1: l1, l2, l3), policy (0: keep,
    /// strm). Values without a name (target 11, type 11) print as objdump does: `#0x06`.
    public static func name(_ op: UInt8) -> String? {
        let type = Int(op >> 3) & 3, target = Int(op >> 1) & 3
        guard op < 32, type < 3, target < 3 else { return nil }
        return ["pld", "pli", "pst"][type] + "l\(target + 1)" + (op & 1 == 0 ? "keep" : "strm")
    }
    /// The operand objdump prints.
    public static func text(_ op: UInt8) -> String {
        if let n = name(op) { return n }
        let h = String(op & 31, radix: 16)
        return "#0x" + (h.count < 2 ? "0" : "") + h
    }
    /// The prfop of a name (case-insensitive), if any.
    public static func code(_ name: String) -> UInt8? {
        let n = name.lowercased()
        return (0..<32).first { Self.name(UInt8($0)) == n }.map { UInt8($0) }
    }
}
