extension DecodeTable {
    /// The SIMD&FP register file as hypervisors save and restore it: LDR/STR/LDUR/STUR of B, H,
    /// S, D and Q registers in every index form, LDR (literal) of S/D/Q, LDP/STP/LDNP/STNP of
    /// S/D/Q, and FMOV between general and SIMD&FP registers. (The `V` bit, 26, set; the access
    /// size is size:opc<1> for single registers, opc for pairs.) The unprivileged forms
    /// (LDTR/STTR) have no SIMD&FP variant: those words are UNDEFINED, as are FMOV to or from
    /// H registers (FP16, ARMv8.2).
    static var floatingPointRegisterFile: [(pattern: String, op: Op, format: Format)] {
        var t: [(pattern: String, op: Op, format: Format)] = []
        // (size bits, opc<1>, log2 bytes)
        for (sz, high, size) in [("00", "0", UInt8(0)), ("01", "0", 1), ("10", "0", 2), ("11", "0", 3), ("00", "1", 4)] {
            for (l, op) in [("0", Op.strV), ("1", Op.ldrV)] {
                let opc = high + l
                t.append(E(sz + "111101" + opc + "iiiiiiiiiiiinnnnnddddd", op, .loadStoreUnsigned(size: size, sf: false)))
                t.append(E(sz + "111100" + opc + "0iiiiiiiii00nnnnnddddd", op, .loadStoreImm9(size: size, sf: false, mode: .unscaled)))
                t.append(E(sz + "111100" + opc + "0iiiiiiiii01nnnnnddddd", op, .loadStoreImm9(size: size, sf: false, mode: .post)))
                t.append(E(sz + "111100" + opc + "0iiiiiiiii11nnnnnddddd", op, .loadStoreImm9(size: size, sf: false, mode: .pre)))
                t.append(E(sz + "111100" + opc + "1mmmmmoooS10nnnnnddddd", op, .loadStoreRegister(size: size, sf: false)))
            }
        }
        for (opc, size) in [("00", UInt8(2)), ("01", 3), ("10", 4)] {
            t.append(E(opc + "011100iiiiiiiiiiiiiiiiiiiddddd", .ldrV, .loadLiteral(size: size, sf: false)))
            for (modeBits, mode, ops) in [("00", AddressingMode.offset, (Op.stnpV, Op.ldnpV)), ("01", .post, (.stpV, .ldpV)),
                                          ("10", .offset, (.stpV, .ldpV)), ("11", .pre, (.stpV, .ldpV))] {
                t.append(E(opc + "10110" + modeBits + "0iiiiiiiaaaaannnnnddddd", ops.0, .loadStorePair(sf: false, scale: size, mode: mode)))
                t.append(E(opc + "10110" + modeBits + "1iiiiiiiaaaaannnnnddddd", ops.1, .loadStorePair(sf: false, scale: size, mode: mode)))
            }
        }
        t += [
            E("0001111000100110000000nnnnnddddd", .fmovFromV, .fpMove(size: 2, upper: false)),
            E("0001111000100111000000nnnnnddddd", .fmovToV, .fpMove(size: 2, upper: false)),
            E("1001111001100110000000nnnnnddddd", .fmovFromV, .fpMove(size: 3, upper: false)),
            E("1001111001100111000000nnnnnddddd", .fmovToV, .fpMove(size: 3, upper: false)),
            E("1001111010101110000000nnnnnddddd", .fmovFromV, .fpMove(size: 3, upper: true)),
            E("1001111010101111000000nnnnnddddd", .fmovToV, .fpMove(size: 3, upper: true)),
        ]
        return t
    }
}
