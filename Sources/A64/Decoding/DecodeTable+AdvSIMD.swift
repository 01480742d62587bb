/// The AdvSIMD and crypto instructions of ARMv8.0 that SuspendScope classifies word by word
/// (not modelled: they stop a run, printed as objdump 2.40 prints them). The groups in
/// `classifiedAdvSIMDGroups` cover the whole AdvSIMD/crypto/structure space and each is
/// enumerated completely for the Cortex-A57's features (ARMv8.0 with AES, SHA1, SHA256 and
/// PMULL64), so a word no entry takes is UNDEFINED, as objdump says (or, for FP16, dot
/// product, RDM, FCMA, BF16, I8MM, as the A57 lacks them).
extension DecodeTable {
    typealias SIMDSpec = (pattern: String, name: String, layout: SIMDLayout, allowed: UInt8)

    /// size:Q arrangements (bit `size << 1 | Q`): all but 1D, B/H/S only, H/S only, B only.
    static let allButD1: UInt8 = 0b1011_1111, bhs: UInt8 = 0b0011_1111, hs: UInt8 = 0b0011_1100, bOnly: UInt8 = 0b0000_0011

    static let advSIMDSpecs: [SIMDSpec] = {
        var t: [SIMDSpec] = []
        // Load/store multiple structures (opcode 15:12 fixes the register count), no offset and
        // post-index (Rm = 31: immediate).
        for (l, prefix) in [("0", "st"), ("1", "ld")] {
            for (opcode, name) in [("0000", "4"), ("0010", "1"), ("0100", "3"), ("0110", "1"), ("0111", "1"), ("1000", "2"), ("1010", "1")] {
                let allowed = name == "1" ? 0xff : allButD1
                t.append(("0Q0011000" + l + "000000" + opcode + "xxnnnnnddddd", prefix + name, .ldstMultiple, allowed))
                t.append(("0Q0011001" + l + "0mmmmm" + opcode + "xxnnnnnddddd", prefix + name, .ldstMultiple, allowed))
            }
            // Single structures: opcode 15:13 and R (21) give the register count; validity by word.
            for r in ["0", "1"] {
                for opc in ["000", "001", "010", "011", "100", "101"] {
                    let count = (Int(String(opc.last!))! << 1 | Int(r)!) + 1
                    t.append(("0Q0011010" + l + r + "00000" + opc + "xxxnnnnnddddd", prefix + String(count), .ldstSingle, 0xff))
                    t.append(("0Q0011011" + l + r + "mmmmm" + opc + "xxxnnnnnddddd", prefix + String(count), .ldstSingle, 0xff))
                }
                if l == "1" {
                    for (opc, c) in [("110", 0), ("111", 1)] {
                        let count = (c << 1 | Int(r)!) + 1
                        t.append(("0Q0011010" + l + r + "00000" + opc + "0xxnnnnnddddd", "ld\(count)r", .ldstReplicate, 0xff))
                        t.append(("0Q0011011" + l + r + "mmmmm" + opc + "0xxnnnnnddddd", "ld\(count)r", .ldstReplicate, 0xff))
                    }
                }
            }
        }
        // Copy.
        t.append(("0Q001110000xxxxx000001nnnnnddddd", "dup", .dupElement, 0xff))
        t.append(("0Q001110000xxxxx000011nnnnnddddd", "dup", .dupGeneral, 0xff))
        t.append(("0Q001110000xxxxx001011nnnnnddddd", "smov", .smov, 0xff))
        t.append(("0Q001110000xxxxx001111nnnnnddddd", "umov", .umov, 0xff))
        t.append(("01001110000xxxxx000111nnnnnddddd", "mov", .insGeneral, 0xff))
        t.append(("01101110000xxxxx0xxxx1nnnnnddddd", "mov", .insElement, 0xff))
        t.append(("01011110000xxxxx000001nnnnnddddd", "mov", .dupScalar, 0xff))
        // Modified immediate (o2 = 0; o2 = 1 is ARMv8.2 FP16 FMOV).
        func modImm(_ op: String, _ cmode: String, _ name: String, _ layout: SIMDLayout, _ allowed: UInt8 = 0b11) {
            t.append(("0Q" + op + "0111100000xxx" + cmode + "01xxxxxddddd", name, layout, allowed))
        }
        for s in ["00", "01", "10", "11"] {
            modImm("0", "0" + s + "0", "movi", .immShift32); modImm("0", "0" + s + "1", "orr", .immShift32)
            modImm("1", "0" + s + "0", "mvni", .immShift32); modImm("1", "0" + s + "1", "bic", .immShift32)
        }
        for s in ["0", "1"] {
            modImm("0", "10" + s + "0", "movi", .immShift16); modImm("0", "10" + s + "1", "orr", .immShift16)
            modImm("1", "10" + s + "0", "mvni", .immShift16); modImm("1", "10" + s + "1", "bic", .immShift16)
            modImm("0", "110" + s, "movi", .immMSL); modImm("1", "110" + s, "mvni", .immMSL)
        }
        modImm("0", "1110", "movi", .imm8)
        modImm("0", "1111", "fmov", .immFMOVS)
        modImm("1", "1110", "movi", .imm64)
        modImm("1", "1111", "fmov", .immFMOVD, 0b10)
        // Three same, integer: opcode 15:11 by U.
        let same: [(String, String, String, UInt8)] = [
            ("0", "00000", "shadd", bhs), ("0", "00001", "sqadd", allButD1), ("0", "00010", "srhadd", bhs),
            ("0", "00100", "shsub", bhs), ("0", "00101", "sqsub", allButD1), ("0", "00110", "cmgt", allButD1),
            ("0", "00111", "cmge", allButD1), ("0", "01000", "sshl", allButD1), ("0", "01001", "sqshl", allButD1),
            ("0", "01010", "srshl", allButD1), ("0", "01011", "sqrshl", allButD1), ("0", "01100", "smax", bhs),
            ("0", "01101", "smin", bhs), ("0", "01110", "sabd", bhs), ("0", "01111", "saba", bhs),
            ("0", "10000", "add", allButD1), ("0", "10001", "cmtst", allButD1), ("0", "10010", "mla", bhs),
            ("0", "10011", "mul", bhs), ("0", "10100", "smaxp", bhs), ("0", "10101", "sminp", bhs),
            ("0", "10110", "sqdmulh", hs), ("0", "10111", "addp", allButD1),
            ("1", "00000", "uhadd", bhs), ("1", "00001", "uqadd", allButD1), ("1", "00010", "urhadd", bhs),
            ("1", "00100", "uhsub", bhs), ("1", "00101", "uqsub", allButD1), ("1", "00110", "cmhi", allButD1),
            ("1", "00111", "cmhs", allButD1), ("1", "01000", "ushl", allButD1), ("1", "01001", "uqshl", allButD1),
            ("1", "01010", "urshl", allButD1), ("1", "01011", "uqrshl", allButD1), ("1", "01100", "umax", bhs),
            ("1", "01101", "umin", bhs), ("1", "01110", "uabd", bhs), ("1", "01111", "uaba", bhs),
            ("1", "10000", "sub", allButD1), ("1", "10001", "cmeq", allButD1), ("1", "10010", "mls", bhs),
            ("1", "10011", "pmul", bOnly), ("1", "10100", "umaxp", bhs), ("1", "10101", "uminp", bhs),
            ("1", "10110", "sqrdmulh", hs),
        ]
        for (u, opcode, name, allowed) in same {
            t.append(("0Q" + u + "01110TT1mmmmm" + opcode + "1nnnnnddddd", name, .same3, allowed))
        }
        for (u, size, name) in [("0", "00", "and"), ("0", "01", "bic"), ("0", "10", "orr"), ("0", "11", "orn"),
                                ("1", "00", "eor"), ("1", "01", "bsl"), ("1", "10", "bit"), ("1", "11", "bif")] {
            t.append(("0Q" + u + "01110" + size + "1mmmmm000111nnnnnddddd", name, .same3Logic, 0xff))
        }
        // Three same, FP (ARMv8.0: single and double; bit 23 and U select with the opcode).
        let sameFP: [(String, String, String, String)] = [
            ("0", "0", "11000", "fmaxnm"), ("0", "0", "11001", "fmla"), ("0", "0", "11010", "fadd"), ("0", "0", "11011", "fmulx"),
            ("0", "0", "11100", "fcmeq"), ("0", "0", "11110", "fmax"), ("0", "0", "11111", "frecps"),
            ("0", "1", "11000", "fminnm"), ("0", "1", "11001", "fmls"), ("0", "1", "11010", "fsub"), ("0", "1", "11110", "fmin"),
            ("0", "1", "11111", "frsqrts"),
            ("1", "0", "11000", "fmaxnmp"), ("1", "0", "11010", "faddp"), ("1", "0", "11011", "fmul"), ("1", "0", "11100", "fcmge"),
            ("1", "0", "11101", "facge"), ("1", "0", "11110", "fmaxp"), ("1", "0", "11111", "fdiv"),
            ("1", "1", "11000", "fminnmp"), ("1", "1", "11010", "fabd"), ("1", "1", "11100", "fcmgt"), ("1", "1", "11101", "facgt"),
            ("1", "1", "11110", "fminp"),
        ]
        for (u, a, opcode, name) in sameFP {
            t.append(("0Q" + u + "01110" + a + "T1mmmmm" + opcode + "1nnnnnddddd", name, .same3FP, 0b1011))
        }
        // Permute, extract, table lookup.
        for (opc, name) in [("001", "uzp1"), ("010", "trn1"), ("011", "zip1"), ("101", "uzp2"), ("110", "trn2"), ("111", "zip2")] {
            t.append(("0Q001110TT0mmmmm0" + opc + "10nnnnnddddd", name, .same3, allButD1))
        }
        t.append(("0Q101110000mmmmm0xxxx0nnnnnddddd", "ext", .ext, 0xff))
        for (op, name) in [("0", "tbl"), ("1", "tbx")] {
            t.append(("0Q001110000mmmmm0xx" + op + "00nnnnnddddd", name, .tbl, 0xff))
        }
        // Crypto (the A57 has AES, SHA1 and SHA256).
        for (opc, name) in [("00100", "aese"), ("00101", "aesd"), ("00110", "aesmc"), ("00111", "aesimc")] {
            t.append(("010011100010100" + opc + "10nnnnnddddd", name, .aes, 0xff))
        }
        for (opc, name, layout) in [("000", "sha1c", SIMDLayout.shaQSV), ("001", "sha1p", .shaQSV), ("010", "sha1m", .shaQSV),
                                    ("011", "sha1su0", .shaVVV), ("100", "sha256h", .shaQQV), ("101", "sha256h2", .shaQQV),
                                    ("110", "sha256su1", .shaVVV)] {
            t.append(("01011110000mmmmm0" + opc + "00nnnnnddddd", name, layout, 0xff))
        }
        for (opc, name, layout) in [("00000", "sha1h", SIMDLayout.shaSS), ("00001", "sha1su1", .shaVV), ("00010", "sha256su0", .shaVV)] {
            t.append(("010111100010100" + opc + "10nnnnnddddd", name, layout, 0xff))
        }
        t += shiftAndDifferentSpecs
        return t
    }()

    /// immh patterns (with immb) by element size b, h, s, d.
    static let immhPatterns = ["0001xxx", "001xxxx", "01xxxxx", "1xxxxxx"]

    static let shiftAndDifferentSpecs: [SIMDSpec] = {
        var t: [SIMDSpec] = []
        // Shift by immediate, vector and scalar: (U, opcode, name, vector layout, vector sizes,
        // scalar layout or nil, scalar sizes); sizes as bits b = 1, h = 2, s = 4, d = 8.
        let shifts: [(String, String, String, SIMDLayout, UInt8, SIMDLayout?, UInt8)] = [
            ("0", "00000", "sshr", .shiftRight, 15, .sShiftRight, 8), ("0", "00010", "ssra", .shiftRight, 15, .sShiftRight, 8),
            ("0", "00100", "srshr", .shiftRight, 15, .sShiftRight, 8), ("0", "00110", "srsra", .shiftRight, 15, .sShiftRight, 8),
            ("0", "01010", "shl", .shiftLeft, 15, .sShiftLeft, 8), ("0", "01110", "sqshl", .shiftLeft, 15, .sShiftLeft, 15),
            ("0", "10000", "shrn", .shiftNarrow, 7, nil, 0), ("0", "10001", "rshrn", .shiftNarrow, 7, nil, 0),
            ("0", "10010", "sqshrn", .shiftNarrow, 7, .sShiftNarrow, 7), ("0", "10011", "sqrshrn", .shiftNarrow, 7, .sShiftNarrow, 7),
            ("0", "10100", "sshll", .shiftLong, 7, nil, 0), ("0", "11100", "scvtf", .shiftFixed, 12, .sShiftFixed, 12),
            ("0", "11111", "fcvtzs", .shiftFixed, 12, .sShiftFixed, 12),
            ("1", "00000", "ushr", .shiftRight, 15, .sShiftRight, 8), ("1", "00010", "usra", .shiftRight, 15, .sShiftRight, 8),
            ("1", "00100", "urshr", .shiftRight, 15, .sShiftRight, 8), ("1", "00110", "ursra", .shiftRight, 15, .sShiftRight, 8),
            ("1", "01000", "sri", .shiftRight, 15, .sShiftRight, 8), ("1", "01010", "sli", .shiftLeft, 15, .sShiftLeft, 8),
            ("1", "01100", "sqshlu", .shiftLeft, 15, .sShiftLeft, 15), ("1", "01110", "uqshl", .shiftLeft, 15, .sShiftLeft, 15),
            ("1", "10000", "sqshrun", .shiftNarrow, 7, .sShiftNarrow, 7), ("1", "10001", "sqrshrun", .shiftNarrow, 7, .sShiftNarrow, 7),
            ("1", "10010", "uqshrn", .shiftNarrow, 7, .sShiftNarrow, 7), ("1", "10011", "uqrshrn", .shiftNarrow, 7, .sShiftNarrow, 7),
            ("1", "10100", "ushll", .shiftLong, 7, nil, 0), ("1", "11100", "ucvtf", .shiftFixed, 12, .sShiftFixed, 12),
            ("1", "11111", "fcvtzu", .shiftFixed, 12, .sShiftFixed, 12),
        ]
        for (u, opcode, name, layout, sizes, scalar, scalarSizes) in shifts {
            for (k, immh) in immhPatterns.enumerated() {
                // A D element needs Q = 1 in the vector forms.
                if sizes >> k & 1 == 1 { t.append(("0Q" + u + "011110" + immh + opcode + "1nnnnnddddd", name, layout, k == 3 ? 0b10 : 0b11)) }
                if let scalar, scalarSizes >> k & 1 == 1 { t.append(("01" + u + "111110" + immh + opcode + "1nnnnnddddd", name, scalar, 0xff)) }
            }
        }
        // Three different (size 11 only for PMULL's 1Q, the A57's crypto PMULL64).
        let different: [(String, String, String, SIMDLayout, UInt8)] = [
            ("0", "0000", "saddl", .diffLong, 7), ("0", "0001", "saddw", .diffWide, 7), ("0", "0010", "ssubl", .diffLong, 7),
            ("0", "0011", "ssubw", .diffWide, 7), ("0", "0100", "addhn", .diffNarrow, 7), ("0", "0101", "sabal", .diffLong, 7),
            ("0", "0110", "subhn", .diffNarrow, 7), ("0", "0111", "sabdl", .diffLong, 7), ("0", "1000", "smlal", .diffLong, 7),
            ("0", "1001", "sqdmlal", .diffLong, 6), ("0", "1010", "smlsl", .diffLong, 7), ("0", "1011", "sqdmlsl", .diffLong, 6),
            ("0", "1100", "smull", .diffLong, 7), ("0", "1101", "sqdmull", .diffLong, 6), ("0", "1110", "pmull", .diffLong, 9),
            ("1", "0000", "uaddl", .diffLong, 7), ("1", "0001", "uaddw", .diffWide, 7), ("1", "0010", "usubl", .diffLong, 7),
            ("1", "0011", "usubw", .diffWide, 7), ("1", "0100", "raddhn", .diffNarrow, 7), ("1", "0101", "uabal", .diffLong, 7),
            ("1", "0110", "rsubhn", .diffNarrow, 7), ("1", "0111", "uabdl", .diffLong, 7), ("1", "1000", "umlal", .diffLong, 7),
            ("1", "1010", "umlsl", .diffLong, 7), ("1", "1100", "umull", .diffLong, 7),
        ]
        for (u, opcode, name, layout, sizes) in different {
            t.append(("0Q" + u + "01110TT1mmmmm" + opcode + "00nnnnnddddd", name, layout, sizes))
        }
        // Scalar three same: (U, opcode, name, sizes b h s d).
        let scalarSame: [(String, String, String, UInt8)] = [
            ("0", "00001", "sqadd", 15), ("0", "00101", "sqsub", 15), ("0", "00110", "cmgt", 8), ("0", "00111", "cmge", 8),
            ("0", "01000", "sshl", 8), ("0", "01001", "sqshl", 15), ("0", "01010", "srshl", 8), ("0", "01011", "sqrshl", 15),
            ("0", "10000", "add", 8), ("0", "10001", "cmtst", 8), ("0", "10110", "sqdmulh", 6),
            ("1", "00001", "uqadd", 15), ("1", "00101", "uqsub", 15), ("1", "00110", "cmhi", 8), ("1", "00111", "cmhs", 8),
            ("1", "01000", "ushl", 8), ("1", "01001", "uqshl", 15), ("1", "01010", "urshl", 8), ("1", "01011", "uqrshl", 15),
            ("1", "10000", "sub", 8), ("1", "10001", "cmeq", 8), ("1", "10110", "sqrdmulh", 6),
        ]
        for (u, opcode, name, sizes) in scalarSame {
            t.append(("01" + u + "11110TT1mmmmm" + opcode + "1nnnnnddddd", name, .sSame3, sizes))
        }
        for (u, a, opcode, name) in [("0", "0", "11011", "fmulx"), ("0", "0", "11100", "fcmeq"), ("0", "0", "11111", "frecps"),
                                     ("0", "1", "11111", "frsqrts"), ("1", "0", "11100", "fcmge"), ("1", "0", "11101", "facge"),
                                     ("1", "1", "11010", "fabd"), ("1", "1", "11100", "fcmgt"), ("1", "1", "11101", "facgt")] {
            t.append(("01" + u + "11110" + a + "T1mmmmm" + opcode + "1nnnnnddddd", name, .sSame3FP, 0xff))
        }
        // By element (vector and scalar): (U, opcode, name, vector layout, scalar layout or nil);
        // integer forms take H and S elements, FP forms S and D (bit 23 set; clear is FP16).
        let byElement: [(String, String, String, SIMDLayout?, SIMDLayout?)] = [
            ("0", "0010", "smlal", .idxLong, nil), ("0", "0011", "sqdmlal", .idxLong, .sIdxLong),
            ("0", "0110", "smlsl", .idxLong, nil), ("0", "0111", "sqdmlsl", .idxLong, .sIdxLong),
            ("0", "1000", "mul", .idxSame, nil), ("0", "1010", "smull", .idxLong, nil), ("0", "1011", "sqdmull", .idxLong, .sIdxLong),
            ("0", "1100", "sqdmulh", .idxSame, .sIdxSame), ("0", "1101", "sqrdmulh", .idxSame, .sIdxSame),
            ("1", "0000", "mla", .idxSame, nil), ("1", "0010", "umlal", .idxLong, nil), ("1", "0100", "mls", .idxSame, nil),
            ("1", "0110", "umlsl", .idxLong, nil), ("1", "1010", "umull", .idxLong, nil),
        ]
        for (u, opcode, name, vector, scalar) in byElement {
            if let vector { t.append(("0Q" + u + "01111TTxxxxxx" + opcode + "x0nnnnnddddd", name, vector, 0b0110)) }
            if let scalar { t.append(("01" + u + "11111TTxxxxxx" + opcode + "x0nnnnnddddd", name, scalar, 0b0110)) }
        }
        for (u, opcode, name) in [("0", "0001", "fmla"), ("0", "0101", "fmls"), ("0", "1001", "fmul"), ("1", "1001", "fmulx")] {
            t.append(("0Q" + u + "011111Txxxxxx" + opcode + "x0nnnnnddddd", name, .idxFP, 0b1100))
            t.append(("01" + u + "111111Txxxxxx" + opcode + "x0nnnnnddddd", name, .sIdxFP, 0b1100))
        }
        t += miscSpecs
        t += scalarMiscSpecs
        return t
    }()

    static let miscSpecs: [SIMDSpec] = {
        var t: [SIMDSpec] = []
        let all = allButD1, fpSzQ: UInt8 = 0b1011
        // Two-register misc, integer: (U, opcode, name, layout, size:Q set).
        let misc: [(String, String, String, SIMDLayout, UInt8)] = [
            ("0", "00000", "rev64", .misc, bhs), ("0", "00001", "rev16", .misc, bOnly), ("0", "00010", "saddlp", .miscPairLong, bhs),
            ("0", "00011", "suqadd", .misc, all), ("0", "00100", "cls", .misc, bhs), ("0", "00101", "cnt", .misc, bOnly),
            ("0", "00110", "sadalp", .miscPairLong, bhs), ("0", "00111", "sqabs", .misc, all), ("0", "01000", "cmgt", .miscZero, all),
            ("0", "01001", "cmeq", .miscZero, all), ("0", "01010", "cmlt", .miscZero, all), ("0", "01011", "abs", .misc, all),
            ("0", "10010", "xtn", .miscNarrow, bhs), ("0", "10100", "sqxtn", .miscNarrow, bhs),
            ("1", "00000", "rev32", .misc, 0b1111), ("1", "00010", "uaddlp", .miscPairLong, bhs), ("1", "00011", "usqadd", .misc, all),
            ("1", "00100", "clz", .misc, bhs), ("1", "00110", "uadalp", .miscPairLong, bhs), ("1", "00111", "sqneg", .misc, all),
            ("1", "01000", "cmge", .miscZero, all), ("1", "01001", "cmle", .miscZero, all), ("1", "01011", "neg", .misc, all),
            ("1", "10010", "sqxtun", .miscNarrow, bhs), ("1", "10011", "shll", .miscSHLL, bhs), ("1", "10100", "uqxtn", .miscNarrow, bhs),
        ]
        for (u, opcode, name, layout, sizes) in misc {
            t.append(("0Q" + u + "01110TT10000" + opcode + "10nnnnnddddd", name, layout, sizes))
        }
        // NOT (printed mvn) and RBIT share U = 1, opcode 00101 by size.
        t.append(("0Q10111000100000010110nnnnnddddd", "mvn", .misc, bOnly))
        t.append(("0Q10111001100000010110nnnnnddddd", "rbit", .misc, 0xff))
        // FP (bit 23 = a): (U, a, opcode, name, layout).
        let fp: [(String, String, String, String, SIMDLayout)] = [
            ("0", "0", "10110", "fcvtn", .miscFCVTN), ("0", "0", "10111", "fcvtl", .miscFCVTL), ("1", "0", "10110", "fcvtxn", .miscFCVTN),
            ("0", "0", "11000", "frintn", .miscFP), ("0", "0", "11001", "frintm", .miscFP), ("0", "0", "11010", "fcvtns", .miscFP),
            ("0", "0", "11011", "fcvtms", .miscFP), ("0", "0", "11100", "fcvtas", .miscFP), ("0", "0", "11101", "scvtf", .miscFP),
            ("0", "1", "01100", "fcmgt", .miscFPZero), ("0", "1", "01101", "fcmeq", .miscFPZero), ("0", "1", "01110", "fcmlt", .miscFPZero),
            ("0", "1", "01111", "fabs", .miscFP), ("0", "1", "11000", "frintp", .miscFP), ("0", "1", "11001", "frintz", .miscFP),
            ("0", "1", "11010", "fcvtps", .miscFP), ("0", "1", "11011", "fcvtzs", .miscFP), ("0", "1", "11101", "frecpe", .miscFP),
            ("1", "0", "11000", "frinta", .miscFP), ("1", "0", "11001", "frintx", .miscFP), ("1", "0", "11010", "fcvtnu", .miscFP),
            ("1", "0", "11011", "fcvtmu", .miscFP), ("1", "0", "11100", "fcvtau", .miscFP), ("1", "0", "11101", "ucvtf", .miscFP),
            ("1", "1", "01100", "fcmge", .miscFPZero), ("1", "1", "01101", "fcmle", .miscFPZero), ("1", "1", "01111", "fneg", .miscFP),
            ("1", "1", "11001", "frinti", .miscFP), ("1", "1", "11010", "fcvtpu", .miscFP), ("1", "1", "11011", "fcvtzu", .miscFP),
            ("1", "1", "11101", "frsqrte", .miscFP), ("1", "1", "11111", "fsqrt", .miscFP),
        ]
        for (u, a, opcode, name, layout) in fp {
            let allowed: UInt8 = name == "fcvtxn" ? 0b10 : layout == .miscFCVTN || layout == .miscFCVTL ? 0b11 : fpSzQ
            t.append(("0Q" + u + "01110" + a + "T10000" + opcode + "10nnnnnddddd", name, layout, allowed))
        }
        // URECPE/URSQRTE: 2S/4S only (size 10).
        t.append(("0Q00111010100001110010nnnnnddddd", "urecpe", .misc, 0b0011_0000))
        t.append(("0Q10111010100001110010nnnnnddddd", "ursqrte", .misc, 0b0011_0000))
        // Across lanes: 8B/16B, 4H/8H, 4S (not 2S).
        let lanes: UInt8 = 0b0010_1111
        for (u, opcode, name, layout) in [("0", "00011", "saddlv", SIMDLayout.acrossLong), ("0", "01010", "smaxv", .across),
                                          ("0", "11010", "sminv", .across), ("0", "11011", "addv", .across),
                                          ("1", "00011", "uaddlv", .acrossLong), ("1", "01010", "umaxv", .across),
                                          ("1", "11010", "uminv", .across)] {
            t.append(("0Q" + u + "01110TT11000" + opcode + "10nnnnnddddd", name, layout, lanes))
        }
        for (a, opcode, name) in [("0", "01100", "fmaxnmv"), ("0", "01111", "fmaxv"), ("1", "01100", "fminnmv"), ("1", "01111", "fminv")] {
            t.append(("01101110" + a + "011000" + opcode + "10nnnnnddddd", name, .acrossFP, 0xff))
        }
        return t
    }()

    static let scalarMiscSpecs: [SIMDSpec] = {
        var t: [SIMDSpec] = []
        let misc: [(String, String, String, SIMDLayout, UInt8)] = [
            ("0", "00011", "suqadd", .sMisc, 15), ("0", "00111", "sqabs", .sMisc, 15), ("0", "01000", "cmgt", .sMiscZero, 8),
            ("0", "01001", "cmeq", .sMiscZero, 8), ("0", "01010", "cmlt", .sMiscZero, 8), ("0", "01011", "abs", .sMisc, 8),
            ("0", "10100", "sqxtn", .sMiscNarrow, 7),
            ("1", "00011", "usqadd", .sMisc, 15), ("1", "00111", "sqneg", .sMisc, 15), ("1", "01000", "cmge", .sMiscZero, 8),
            ("1", "01001", "cmle", .sMiscZero, 8), ("1", "01011", "neg", .sMisc, 8), ("1", "10010", "sqxtun", .sMiscNarrow, 7),
            ("1", "10100", "uqxtn", .sMiscNarrow, 7),
        ]
        for (u, opcode, name, layout, sizes) in misc {
            t.append(("01" + u + "11110TT10000" + opcode + "10nnnnnddddd", name, layout, sizes))
        }
        let fp: [(String, String, String, String, SIMDLayout)] = [
            ("0", "0", "11010", "fcvtns", .sMiscFP), ("0", "0", "11011", "fcvtms", .sMiscFP), ("0", "0", "11100", "fcvtas", .sMiscFP),
            ("0", "0", "11101", "scvtf", .sMiscFP), ("0", "1", "01100", "fcmgt", .sMiscFPZero), ("0", "1", "01101", "fcmeq", .sMiscFPZero),
            ("0", "1", "01110", "fcmlt", .sMiscFPZero), ("0", "1", "11010", "fcvtps", .sMiscFP), ("0", "1", "11011", "fcvtzs", .sMiscFP),
            ("0", "1", "11101", "frecpe", .sMiscFP), ("0", "1", "11111", "frecpx", .sMiscFP),
            ("1", "0", "11010", "fcvtnu", .sMiscFP), ("1", "0", "11011", "fcvtmu", .sMiscFP), ("1", "0", "11100", "fcvtau", .sMiscFP),
            ("1", "0", "11101", "ucvtf", .sMiscFP), ("1", "1", "01100", "fcmge", .sMiscFPZero), ("1", "1", "01101", "fcmle", .sMiscFPZero),
            ("1", "1", "11010", "fcvtpu", .sMiscFP), ("1", "1", "11011", "fcvtzu", .sMiscFP), ("1", "1", "11101", "frsqrte", .sMiscFP),
        ]
        for (u, a, opcode, name, layout) in fp {
            t.append(("01" + u + "11110" + a + "T10000" + opcode + "10nnnnnddddd", name, layout, 0xff))
        }
        t.append(("0111111001100001011010nnnnnddddd", "fcvtxn", .sFCVTXN, 0xff))
        // Scalar pairwise: ADDP (D from 2D) and the FP pairs (S from 2S, D from 2D).
        t.append(("0101111011110001101110nnnnnddddd", "addp", .sPairAdd, 0xff))
        for (a, opcode, name) in [("0", "01100", "fmaxnmp"), ("0", "01101", "faddp"), ("0", "01111", "fmaxp"),
                                  ("1", "01100", "fminnmp"), ("1", "01111", "fminp")] {
            t.append(("01111110" + a + "T11000" + opcode + "10nnnnnddddd", name, .sPairFP, 0xff))
        }
        // Scalar three different: H and S sources.
        for (opcode, name) in [("1001", "sqdmlal"), ("1011", "sqdmlsl"), ("1101", "sqdmull")] {
            t.append(("01011110TT1mmmmm" + opcode + "00nnnnnddddd", name, .sDiff, 0b0110))
        }
        return t
    }()

    /// Groups of the AdvSIMD/crypto space whose every ARMv8.0 instruction has an entry above, as
    /// (mask, value): a word there that no entry takes is UNDEFINED on the Cortex-A57.
    static let classifiedAdvSIMDGroups: [(mask: UInt32, value: UInt32)] = [
        (0xbe00_0000, 0x0c00_0000),     // load/store multiple and single structures, all index forms
        // Vector, bit 21 clear: copy, permute, EXT, TBL/TBX (ARMv8.0), FP16 and "three same
        // extra" (ARMv8.1 and later); scalar, bit 21 clear: DUP (element), SHA 3-register,
        // and the same later additions.
        (0x9f20_0000, 0x0e00_0000), (0xdf20_0000, 0x5e00_0000),
        (0x9ff8_0400, 0x0f00_0400),     // modified immediate
        (0x9f20_0400, 0x0e20_0400),     // three same
        (0x9f80_0400, 0x0f00_0400), (0xdf80_0400, 0x5f00_0400),   // shift by immediate, vector and scalar
        (0x9f20_0c00, 0x0e20_0000),     // three different
        (0xdf20_0400, 0x5e20_0400),     // scalar three same
        (0x9f00_0400, 0x0f00_0000), (0xdf00_0400, 0x5f00_0000),   // by element, vector and scalar
        // Bit 21 set, bits 11:10 = 10: two-register misc, across lanes, AES, their FP16 forms
        // (ARMv8.2); scalar: two-register misc, pairwise, SHA 2-register, FP16.
        (0x9f20_0c00, 0x0e20_0800), (0xdf20_0c00, 0x5e20_0800),
        (0x9f00_0400, 0x0f00_0400), (0xdf00_0400, 0x5f00_0400),   // modified immediate and shifts (bit 23 set: none)
        (0xdf20_0c00, 0x5e20_0000),     // scalar three different
        (0xff3e_0c00, 0x4e28_0800), (0xff3e_0c00, 0x5e28_0800),   // AES, SHA 2-register
    ]
}
