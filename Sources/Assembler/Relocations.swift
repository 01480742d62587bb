import A64

/// GNU as's relocation operators (`#:lo12:sym`, `:abs_g1_nc:sym`, `:pg_hi21:sym`), resolved at
/// link time the way ld applies the relocations they select. Where GNU as accepts each:
/// - `:lo12:` in `add` (immediate) and in the unsigned-offset form of LDR/STR (the value is the
///   low 12 bits of the address, scaled by the access size);
/// - `:abs_g0:`..`:abs_g3:` (and `_nc`, and `_s` for MOVZ/MOVN) in MOVZ, MOVN, MOVK: the 16-bit
///   group `n` of the value, in the instruction's `hw = n`; unless `_nc`, ld's range check (the
///   value fits in 16(n+1) bits; signed for `_s`, where a negative value makes the instruction
///   MOVN of the inverted group); with a W register only groups 0 and 1;
/// - `:pg_hi21:`, `:pg_hi21_nc:` in ADRP (no `#`).
/// Others (`:got:`, `:tprel_*:`, ...) are GNU relocations SuspendScope does not link.
enum RelocationOperator: String {
    case lo12
    case abs_g0, abs_g0_nc, abs_g0_s
    case abs_g1, abs_g1_nc, abs_g1_s
    case abs_g2, abs_g2_nc, abs_g2_s
    case abs_g3
    case pg_hi21, pg_hi21_nc

    /// The 16-bit group of a MOVW operator.
    var group: Int? {
        switch self {
        case .abs_g0, .abs_g0_nc, .abs_g0_s: return 0
        case .abs_g1, .abs_g1_nc, .abs_g1_s: return 1
        case .abs_g2, .abs_g2_nc, .abs_g2_s: return 2
        case .abs_g3: return 3
        default: return nil
        }
    }
    var signed: Bool { rawValue.hasSuffix("_s") }
    var checked: Bool { !rawValue.hasSuffix("_nc") }
}

extension OperandParser {
    /// Removes a leading `:name:` from an operand's tokens (after any `#`).
    func relocationPrefix(_ g: inout ArraySlice<Token>) throws -> (RelocationOperator, Token)? {
        guard g.count >= 3, g[g.startIndex].isPunct(":"), let r = g[g.startIndex + 1].identifier, g[g.startIndex + 2].isPunct(":") else {
            return nil
        }
        let nameToken = g[g.startIndex + 1]
        guard let op = RelocationOperator(rawValue: r.lowercased()) else {
            throw AssemblyError(nameToken.location, "unsupported relocation ':\(r):' (SuspendScope links :lo12:, :abs_g0:...:abs_g3: with _nc/_s, and :pg_hi21:)")
        }
        g = g.dropFirst(3)
        return (op, nameToken)
    }

    func relocationNotAllowed(_ op: RelocationOperator, _ at: Token) -> AssemblyError {
        AssemblyError(at.location, "relocation ':\(op.rawValue):' is not allowed with '\(st.mnemonicToken.identifier ?? m)'")
    }

    /// MOVZ/MOVN/MOVK with `#:abs_gN[_nc|_s]:expr` at operand 1, or nil when operand 1 has no
    /// relocation operator.
    mutating func moveWideRelocation(_ rd: Register) throws -> Instruction? {
        guard groups.count > 1, !groups[1].isEmpty else { return nil }
        var g = groups[1][...]
        if g.first!.isPunct("#") { g = g.dropFirst() }
        guard let (op, at) = try relocationPrefix(&g) else { return nil }
        guard let n = op.group else { throw relocationNotAllowed(op, at) }
        if m == "movk" && op.signed { throw AssemblyError(at.location, "relocation ':\(op.rawValue):' is not allowed with MOVK (signed groups are for MOVZ/MOVN)") }
        if !rd.is64 && n > 1 { throw AssemblyError(at.location, "relocation ':\(op.rawValue):' is not allowed with a 32-bit register (only groups 0 and 1)") }
        try count(2)
        errorLocation = groups[1][0].location
        guard !g.isEmpty else { throw expected(1, "an expression after ':\(op.rawValue):'") }
        let v = try evaluate(Array(g), at: 1)
        let bits = 16 * (n + 1)
        if op.checked && n < 3 {
            if op.signed {
                let limit = Int64(1) << Int64(bits)
                guard v >= -limit && v < limit else {
                    throw AssemblyError(location(1), "value 0x\(String(UInt64(bitPattern: v), radix: 16)) does not fit ':\(op.rawValue):' (a signed \(bits + 1)-bit value)")
                }
            } else {
                guard UInt64(bitPattern: v) >> UInt64(bits) == 0 else {
                    throw AssemblyError(location(1), "value 0x\(String(UInt64(bitPattern: v), radix: 16)) does not fit ':\(op.rawValue):' (an unsigned \(bits)-bit value)")
                }
            }
        }
        var opcode: Op = m == "movz" ? .movz : m == "movn" ? .movn : .movk
        var value = UInt64(bitPattern: v)
        if op.signed {
            // ld turns the instruction into MOVN of the inverted value when it is negative.
            if v < 0 { opcode = .movn; value = ~value } else { opcode = .movz }
        }
        let imm = Int64((value >> UInt64(16 * n)) & 0xffff)
        return Instruction(op: opcode, sf: rd.is64, rd: rd.number, imm: imm, amount: UInt8(16 * n))
    }
}
