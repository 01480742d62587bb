import A64

/// The SIMD&FP register file's instructions SuspendScope models (LDR/STR/LDUR/STUR of B, H, S,
/// D, Q; LDP/STP/LDNP/STNP of S, D, Q; FMOV between general and SIMD&FP registers), and a clear
/// message for the FP/SIMD instructions it does not model.
extension OperandParser {
    /// A SIMD&FP register at operand `i` (one token).
    func vectorRegister(_ i: Int) -> VectorRegister? {
        guard i < groups.count, groups[i].count >= 1, let n = groups[i][0].identifier else { return nil }
        return VectorRegister.parse(n)
    }

    /// Builds a modelled SIMD&FP instruction, nil when `m` with these operands is not one, or
    /// throws the not-modelled message for a SIMD&FP form SuspendScope does not model.
    mutating func buildFloatingPoint() throws -> Instruction? {
        let usesVector = (0..<groups.count).contains { vectorRegister($0) != nil }
        switch m {
        case "ldr", "str", "ldur", "stur":
            guard let v = vectorRegister(0), let size = v.size, groups[0].count == 1 else { break }
            let load = m == "ldr" || m == "ldur"
            var i = try loadStore(load ? .ldrV : .strV, Int(size), unscaledOnly: m.hasPrefix("ld") ? m == "ldur" : m == "stur",
                                  transfer: Register(number: v.number, is64: false, isSP: false))
            i.sf = false
            return i
        case "ldp", "stp", "ldnp", "stnp":
            guard let v = vectorRegister(0), let size = v.size, groups[0].count == 1 else { break }
            try count(3, optional: 1)
            guard size >= 2 && size <= 4 else {
                throw AssemblyError(location(0), "expected an S, D or Q register for '\(m)' but found \(found(0))")
            }
            guard let v2 = vectorRegister(1), v2.size == size, groups[1].count == 1 else {
                throw expected(1, ["", "", "an S", "a D", "a Q"][Int(size)] + " register")
            }
            let op: Op = ["ldp": .ldpV, "stp": .stpV, "ldnp": .ldnpV, "stnp": .stnpV][m]!
            return try pairAddress(Instruction(op: op, sf: false, rd: v.number, ra: v2.number, size: size), scale: Int64(1) << Int64(size))
        case "fmov":
            if let i = try fmovGeneral() { return i }
        default:
            break
        }
        guard usesVector else { return nil }
        throw AssemblyError(st.mnemonicToken.location, Self.notModelledMessage(st.mnemonicToken.identifier ?? m))
    }

    /// FMOV between a general register and S, D or V.D[1]; nil for the other FMOV forms.
    mutating func fmovGeneral() throws -> Instruction? {
        guard groups.count == 2 else { return nil }
        func upper(_ i: Int) -> UInt8? {
            // `v1.d[1]`: the identifier `v1.d`, then `[`, `1`, `]`.
            let g = groups[i]
            guard g.count == 4, let v = VectorRegister.parse(g[0].identifier ?? ""), v.arrangement == "d",
                  g[1].isPunct("["), g[3].isPunct("]"), g[2].kind == .number(1) else { return nil }
            return v.number
        }
        if let r = register(0), !r.isSP {
            if let v = vectorRegister(1), let size = v.size, groups[1].count == 1, size == (r.is64 ? 3 : 2) {
                return Instruction(op: .fmovFromV, sf: r.is64, rd: r.number, rn: v.number, size: size)
            }
            if r.is64, let n = upper(1) { return Instruction(op: .fmovFromV, sf: true, rd: r.number, rn: n, imm: 1, size: 3) }
            if vectorRegister(1) != nil {
                throw expected(1, r.is64 ? "a D register or v<n>.d[1]" : "an S register")
            }
            return nil
        }
        if let r = register(1), !r.isSP {
            if let v = vectorRegister(0), let size = v.size, groups[0].count == 1, size == (r.is64 ? 3 : 2) {
                return Instruction(op: .fmovToV, sf: r.is64, rd: v.number, rn: r.number, size: size)
            }
            if r.is64, let n = upper(0) { return Instruction(op: .fmovToV, sf: true, rd: n, rn: r.number, imm: 1, size: 3) }
            throw expected(0, r.is64 ? "a D register or v<n>.d[1]" : "an S register")
        }
        return nil
    }

    /// What the assembler says about a SIMD&FP instruction it does not assemble.
    static func notModelledMessage(_ mnemonic: String) -> String {
        "'\(mnemonic)' with SIMD&FP operands is not modelled by SuspendScope (it models the SIMD&FP loads, stores and "
            + "FMOV to and from general registers); .inst with the word GNU as gives assembles it, and a run stops there as not modelled"
    }
}
