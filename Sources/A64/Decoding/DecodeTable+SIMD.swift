/// How a not-modelled SIMD&FP, AdvSIMD or crypto instruction is printed and which field values
/// it allows: plain values (an index into `SIMDForm.mnemonics` and two bytes), so that table
/// entries stay trivially copyable.
public struct SIMDForm: Sendable, Equatable {
    /// Index into `SIMDForm.mnemonics`.
    public let mnemonic: UInt16
    public let layout: SIMDLayout
    /// Which element sizes / arrangements the entry allows (meaning depends on `layout`): for
    /// the scalar FP forms, bit `t` allows ftype `t` (bits 23:22; 0 single, 1 double, 3 half).
    public let allowed: UInt8

    public var name: String { SIMDForm.mnemonics[Int(mnemonic)] }

    /// Interned mnemonics, in table order of first use.
    public static let mnemonics: [String] = DecodeTable.simdMnemonics
}

/// Operand layouts of the not-modelled instructions (see Disassembler+SIMD.swift). `F` is a
/// scalar FP register of the instruction's ftype, `R` a general register of its sf.
public enum SIMDLayout: UInt8, Sendable {
    /// Fd, Fn, Fm, Fa (FMADD ...).
    case fp3
    /// Fd, Fn, Fm (FADD ...).
    case fp2
    /// Fd, Fn (FABS, FSQRT, FRINT* ...).
    case fp1
    /// FCVT to single, double or half: Sd/Dd/Hd, Fn.
    case fcvtToS, fcvtToD, fcvtToH
    /// Fn, Fm / Fn, #0.0.
    case fcmp, fcmpZero
    /// Fn, Fm, #nzcv, cond.
    case fccmp
    /// Fd, Fn, Fm, cond.
    case fcsel
    /// Fd, #imm (the 8-bit FP immediate, as objdump prints it: %.18e).
    case fmovImmediate
    /// Rd, Fn / Fd, Rn (FCVT*S/U, SCVTF, UCVTF).
    case toInteger, fromInteger
    /// Rd, Fn, #fbits / Fd, Rn, #fbits (fixed point; a W register needs fbits <= 32).
    case toFixed, fromFixed
    // AdvSIMD and crypto (DecodeTable+AdvSIMD.swift); `allowed` bit `size << 1 | Q` unless said.
    /// LD1-LD4/ST1-ST4 multiple structures; single structure (validity from the word); LDnR.
    case ldstMultiple, ldstSingle, ldstReplicate
    /// DUP (element, general), SMOV, UMOV (mov alias), INS general/element (mov), DUP scalar (mov).
    case dupElement, dupGeneral, smov, umov, insGeneral, insElement, dupScalar
    /// Modified immediate: 32-bit LSL, 16-bit LSL, MSL, 8-bit, 64-bit, FMOV single/double.
    case immShift32, immShift16, immMSL, imm8, imm64, immFMOVS, immFMOVD
    /// Three registers of one arrangement (integer, also permutes); logic (8B/16B); FP (sz:Q).
    case same3, same3Logic, same3FP
    /// EXT, TBL/TBX.
    case ext, tbl
    /// AES (16B), SHA1C/P/M (Q, S, V.4S), SHA256H/H2 (Q, Q, V.4S), 4S x3, 4S x2, SHA1H (S, S).
    case aes, shaQSV, shaQQV, shaVVV, shaVV, shaSS
    /// Shift by immediate, vector: right, left, narrowing (…2 for Q), lengthening (sxtl/uxtl for
    /// #0), fixed-point conversion; scalar: right, left, narrowing, conversion. The element size
    /// is fixed by the entry's immh pattern.
    case shiftRight, shiftLeft, shiftNarrow, shiftLong, shiftFixed, sShiftRight, sShiftLeft, sShiftNarrow, sShiftFixed
    /// Three different: long (…2 for Q), wide, narrowing high half; PMULL.
    case diffLong, diffWide, diffNarrow
    /// Scalar three same, integer (size) and FP (sz).
    case sSame3, sSame3FP
    /// By element: vector same arrangement, long (…2 for Q), FP; scalar same, long, FP.
    case idxSame, idxLong, idxFP, sIdxSame, sIdxLong, sIdxFP
    /// Two-register misc: same arrangement (size:Q), pairwise long, compare with #0, narrowing
    /// (…2 for Q), SHLL, FP (sz:Q), FP compare with #0.0, FCVTN/FCVTXN and FCVTL (sz).
    case misc, miscPairLong, miscZero, miscNarrow, miscSHLL, miscFP, miscFPZero, miscFCVTN, miscFCVTL
    /// Across lanes: integer (size:Q), long (wider scalar), FP (4S only).
    case across, acrossLong, acrossFP
    /// Scalar two-register misc (sizes b h s d as bits), with #0, narrowing, FP (sz), FP with
    /// #0.0, FCVTXN; scalar pairwise ADDP and FP; scalar three different (SQDMLAL ...).
    case sMisc, sMiscZero, sMiscNarrow, sMiscFP, sMiscFPZero, sFCVTXN, sPairAdd, sPairFP, sDiff
}

extension DecodeTable {
    /// The scalar FP data-processing instructions of ARMv8.0 (what the Cortex-A57 implements
    /// beyond the register file SuspendScope models): their words stop a run as not modelled
    /// and print as objdump 2.40 prints them. ftype 3 (half precision) is ARMv8.2 FP16 but for
    /// FCVT to and from half, which ARMv8.0 has; ftype 2 is unallocated.
    static let fpScalarSpecs: [(pattern: String, name: String, layout: SIMDLayout, allowed: UInt8)] = {
        var t: [(pattern: String, name: String, layout: SIMDLayout, allowed: UInt8)] = []
        let sd: UInt8 = 0b11
        // 3 sources: o1 (21), o0 (15).
        for (o1, o0, name) in [("0", "0", "fmadd"), ("0", "1", "fmsub"), ("1", "0", "fnmadd"), ("1", "1", "fnmsub")] {
            t.append(("00011111TT" + o1 + "xxxxx" + o0 + "xxxxxxxxxxxxxxx", name, .fp3, sd))
        }
        // 2 sources: opcode 15:12.
        for (k, name) in ["fmul", "fdiv", "fadd", "fsub", "fmax", "fmin", "fmaxnm", "fminnm", "fnmul"].enumerated() {
            t.append(("00011110TT1xxxxx" + bits(k, 4) + "10xxxxxxxxxx", name, .fp2, sd))
        }
        // 1 source: opcode 20:15.
        for (k, name) in [(0, "fmov"), (1, "fabs"), (2, "fneg"), (3, "fsqrt"), (8, "frintn"), (9, "frintp"), (10, "frintm"),
                          (11, "frintz"), (12, "frinta"), (14, "frintx"), (15, "frinti")] {
            t.append(("00011110TT1" + bits(k, 6) + "10000xxxxxxxxxx", name, .fp1, sd))
        }
        t.append(("00011110TT1" + bits(4, 6) + "10000xxxxxxxxxx", "fcvt", .fcvtToS, 0b1010))
        t.append(("00011110TT1" + bits(5, 6) + "10000xxxxxxxxxx", "fcvt", .fcvtToD, 0b1001))
        t.append(("00011110TT1" + bits(7, 6) + "10000xxxxxxxxxx", "fcvt", .fcvtToH, 0b0011))
        // Compare: opcode2 4:0 (Rm is ignored by the #0.0 forms).
        for (op2, name, layout) in [("00000", "fcmp", SIMDLayout.fcmp), ("01000", "fcmp", .fcmpZero),
                                    ("10000", "fcmpe", .fcmp), ("11000", "fcmpe", .fcmpZero)] {
            t.append(("00011110TT1xxxxx001000xxxxx" + op2, name, layout, sd))
        }
        t.append(("00011110TT1xxxxxxxxx01xxxxx0xxxx", "fccmp", .fccmp, sd))
        t.append(("00011110TT1xxxxxxxxx01xxxxx1xxxx", "fccmpe", .fccmp, sd))
        t.append(("00011110TT1xxxxxxxxx11xxxxxxxxxx", "fcsel", .fcsel, sd))
        t.append(("00011110TT1xxxxxxxx10000000xxxxx", "fmov", .fmovImmediate, sd))
        // Conversions to and from general registers: rmode 20:19, opcode 18:16 (FMOV, 110/111
        // with rmode 00, is the modelled register-file entry).
        for (rmode, opcode, name, layout) in [("00", "000", "fcvtns", SIMDLayout.toInteger), ("00", "001", "fcvtnu", .toInteger),
                                              ("00", "010", "scvtf", .fromInteger), ("00", "011", "ucvtf", .fromInteger),
                                              ("00", "100", "fcvtas", .toInteger), ("00", "101", "fcvtau", .toInteger),
                                              ("01", "000", "fcvtps", .toInteger), ("01", "001", "fcvtpu", .toInteger),
                                              ("10", "000", "fcvtms", .toInteger), ("10", "001", "fcvtmu", .toInteger),
                                              ("11", "000", "fcvtzs", .toInteger), ("11", "001", "fcvtzu", .toInteger)] {
            t.append(("x0011110TT1" + rmode + opcode + "000000xxxxxxxxxx", name, layout, sd))
        }
        for (rmode, opcode, name, layout) in [("00", "010", "scvtf", SIMDLayout.fromFixed), ("00", "011", "ucvtf", .fromFixed),
                                              ("11", "000", "fcvtzs", .toFixed), ("11", "001", "fcvtzu", .toFixed)] {
            t.append(("x0011110TT0" + rmode + opcode + "xxxxxxxxxxxxxxxx", name, layout, sd))
        }
        return t
    }()

    static func bits(_ v: Int, _ n: Int) -> String {
        String((0..<n).reversed().map { v >> $0 & 1 == 1 ? "1" : "0" })
    }

    static let simdMnemonics: [String] = {
        var seen: [String] = []
        for s in fpScalarSpecs + advSIMDSpecs where !seen.contains(s.name) { seen.append(s.name) }
        return seen
    }()

    static var notModelledSIMD: [(pattern: String, op: Op, format: Format)] {
        (fpScalarSpecs + advSIMDSpecs).map { s in
            (s.pattern, .notModelled,
             .simd(SIMDForm(mnemonic: UInt16(simdMnemonics.firstIndex(of: s.name)!), layout: s.layout, allowed: s.allowed)))
        }
    }
}
