extension DecodeTable {
    /// The ARMv8.0 general-purpose-register families beyond the first table: add/subtract with
    /// carry, conditional compare, one-source operations, long and high multiplies, CRC32, LDPSW,
    /// LDNP/STNP, PRFM/PRFUM, the exclusives and load-acquire/store-release (the unprivileged
    /// loads and stores are in the single-register loop of `specs`). Which field values are
    /// accepted follows what GNU objdump 2.40 prints as an instruction (checked by sweeping every
    /// field value of each family):
    ///
    /// - ADC/SBC need bits 15:10 = 0; CCMP/CCMN need bits 10 and 4 = 0.
    /// - SMULH/UMULH: objdump ignores the Ra field (the architecture wants 11111; QEMU ignores it
    ///   too), so every Ra decodes and is kept for re-encoding.
    /// - LDXR/LDAXR ignore Rs and Rt2; STXR/STLXR ignore Rt2; LDXP/LDAXP ignore Rs; STLR ignores
    ///   Rs and Rt2. LDAR needs Rt2 = 11111 and Rs = x1111 (LDARH: 11111). Pairs with 8- or 16-bit
    ///   elements are CASP (ARMv8.1): UNDEFINED here.
    /// - LDLAR/STLLR (ARMv8.1 LORegions), CAS (ARMv8.1 LSE), CTZ/CNT, the pointer-authentication
    ///   one-source forms and REV64 as its own encoding do not exist on the Cortex-A57: UNDEFINED.
    static var integerAdditions: [(pattern: String, op: Op, format: Format)] {
        var t: [(pattern: String, op: Op, format: Format)] = [
            // MARK: Add/subtract with carry
            E("z0011010000mmmmm000000nnnnnddddd", .adc, .dataProc2),
            E("z0111010000mmmmm000000nnnnnddddd", .adcs, .dataProc2),
            E("z1011010000mmmmm000000nnnnnddddd", .sbc, .dataProc2),
            E("z1111010000mmmmm000000nnnnnddddd", .sbcs, .dataProc2),
            // MARK: Conditional compare (register, immediate)
            E("z0111010010mmmmmcccc00nnnnn0ssss", .ccmnReg, .condCompare),
            E("z1111010010mmmmmcccc00nnnnn0ssss", .ccmpReg, .condCompare),
            E("z0111010010iiiiicccc10nnnnn0ssss", .ccmnImm, .condCompare),
            E("z1111010010iiiiicccc10nnnnn0ssss", .ccmpImm, .condCompare),
            // MARK: Data processing, one source
            E("z101101011000000000000nnnnnddddd", .rbit, .dataProc1),
            E("z101101011000000000001nnnnnddddd", .rev16, .dataProc1),
            E("0101101011000000000010nnnnnddddd", .rev, .dataProc1),
            E("1101101011000000000011nnnnnddddd", .rev, .dataProc1),
            E("1101101011000000000010nnnnnddddd", .rev32, .dataProc1),
            E("z101101011000000000100nnnnnddddd", .clz, .dataProc1),
            E("z101101011000000000101nnnnnddddd", .cls, .dataProc1),
            // MARK: Long and high multiplies (64-bit only)
            E("10011011001mmmmm0aaaaannnnnddddd", .smaddl, .dataProc3),
            E("10011011001mmmmm1aaaaannnnnddddd", .smsubl, .dataProc3),
            E("10011011101mmmmm0aaaaannnnnddddd", .umaddl, .dataProc3),
            E("10011011101mmmmm1aaaaannnnnddddd", .umsubl, .dataProc3),
            E("10011011010mmmmm0aaaaannnnnddddd", .smulh, .dataProc3),
            E("10011011110mmmmm0aaaaannnnnddddd", .umulh, .dataProc3),
            // MARK: CRC32 (sf = 1 only with sz = 11)
            E("00011010110mmmmm010000nnnnnddddd", .crc32b, .dataProc2),
            E("00011010110mmmmm010001nnnnnddddd", .crc32h, .dataProc2),
            E("00011010110mmmmm010010nnnnnddddd", .crc32w, .dataProc2),
            E("10011010110mmmmm010011nnnnnddddd", .crc32x, .dataProc2),
            E("00011010110mmmmm010100nnnnnddddd", .crc32cb, .dataProc2),
            E("00011010110mmmmm010101nnnnnddddd", .crc32ch, .dataProc2),
            E("00011010110mmmmm010110nnnnnddddd", .crc32cw, .dataProc2),
            E("10011010110mmmmm010111nnnnnddddd", .crc32cx, .dataProc2),
            // MARK: Prefetch (size 11, opc 10 of the single-register forms; literal opc 11)
            E("1111100110iiiiiiiiiiiinnnnnddddd", .prfm, .loadStoreUnsigned(size: 3, sf: true)),
            E("11111000100iiiiiiiii00nnnnnddddd", .prfm, .loadStoreImm9(size: 3, sf: true, mode: .unscaled)),
            E("11111000101mmmmmoooS10nnnnnddddd", .prfm, .loadStoreRegister(size: 3, sf: true)),
            E("11011000iiiiiiiiiiiiiiiiiiiddddd", .prfm, .loadLiteral(size: 3, sf: true)),
        ]
        // LDPSW (opc 01, L = 1): post, offset, pre. LDNP/STNP: mode bits 000 (no-allocate).
        for (modeBits, mode) in [("01", AddressingMode.post), ("10", .offset), ("11", .pre)] {
            t.append(E("0110100" + modeBits + "1iiiiiiiaaaaannnnnddddd", .ldpsw, .loadStorePair(sf: true, scale: 2, mode: mode)))
        }
        for sf in [false, true] {
            for (l, op) in [("0", Op.stnp), ("1", Op.ldnp)] {
                t.append(E((sf ? "1" : "0") + "01010000" + l + "iiiiiiiaaaaannnnnddddd", op,
                           .loadStorePair(sf: sf, scale: sf ? 3 : 2, mode: .offset)))
            }
        }
        // Exclusives: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt.
        for size in 0...3 {
            let sz = ["00", "01", "10", "11"][size]
            let s = UInt8(size)
            t.append(E(sz + "001000000mmmmm0aaaaannnnnddddd", .stxr, .exclusive(size: s, pair: false)))
            t.append(E(sz + "001000000mmmmm1aaaaannnnnddddd", .stlxr, .exclusive(size: s, pair: false)))
            t.append(E(sz + "001000010mmmmm0aaaaannnnnddddd", .ldxr, .exclusive(size: s, pair: false)))
            t.append(E(sz + "001000010mmmmm1aaaaannnnnddddd", .ldaxr, .exclusive(size: s, pair: false)))
            t.append(E(sz + "001000100mmmmm1aaaaannnnnddddd", .stlr, .exclusive(size: s, pair: false)))
            t.append(E(sz + "001000110" + (size == 1 ? "1" : "k") + "1111111111nnnnnddddd", .ldar, .exclusive(size: s, pair: false)))
            if size >= 2 {
                t.append(E(sz + "001000001mmmmm0aaaaannnnnddddd", .stxp, .exclusive(size: s, pair: true)))
                t.append(E(sz + "001000001mmmmm1aaaaannnnnddddd", .stlxp, .exclusive(size: s, pair: true)))
                t.append(E(sz + "001000011mmmmm0aaaaannnnnddddd", .ldxp, .exclusive(size: s, pair: true)))
                t.append(E(sz + "001000011mmmmm1aaaaannnnnddddd", .ldaxp, .exclusive(size: s, pair: true)))
            }
        }
        return t
    }
}
