/// The one declarative A64 decode table.
///
/// Every supported encoding is one `DecodeTable.Entry`: a 32-character bit pattern (bit 31
/// first) made of fixed `0`/`1` bits and field letters, the `Op` it decodes to, and a
/// `Format` that says how the fields map to `Instruction` fields (and back). The decoder
/// (`Decoder`) matches patterns; the encoder (`Encoder`) fills the same pattern's fields from
/// an `Instruction`, so the two cannot drift apart.
///
/// Field letters (each letter must be one contiguous run of bits):
///
///     d  Rd / Rt               n  Rn               m  Rm              a  Ra / Rt2
///     z  sf                    i  main immediate   l  immlo (ADR)     h  shift / hw / sh
///     k  imm6 / imm3 amount    N  N                r  immr            s  imms
///     c  cond                  o  option (extend)  S  S (LDR reg)     b  b5 (TBZ)
///     e  b40 (TBZ)             y  system-register / SYS op fields
///
/// (`s` is also the nzcv of CCMP/CCMN, `m` the Rs of the exclusives and `k` bit 20 of LDAR's Rs.)
///
/// No two entries overlap (a test checks it), so the first match is the only match.
public enum DecodeTable {
    /// Field identifiers, one per pattern letter.
    public enum Field: Int, CaseIterable, Sendable {
        case d, n, m, a, z, i, l, h, k, N, r, s, c, o, S, b, e, y

        init?(letter: Character) {
            switch letter {
            case "d": self = .d; case "n": self = .n; case "m": self = .m; case "a": self = .a
            case "z": self = .z; case "i": self = .i; case "l": self = .l; case "h": self = .h
            case "k": self = .k; case "N": self = .N; case "r": self = .r; case "s": self = .s
            case "c": self = .c; case "o": self = .o; case "S": self = .S; case "b": self = .b
            case "e": self = .e; case "y": self = .y
            default: return nil
            }
        }
    }

    /// How the fields of an entry map to `Instruction` fields. Associated values are the
    /// properties an entry fixes by its constant bits (access size, register width, mode).
    public enum Format: Sendable, Equatable {
        /// ADR/ADRP: l = immlo, i = immhi, d.
        case pcRel
        /// ADD/SUB/ADDS/SUBS (immediate): z, h = sh, i = imm12, n, d.
        case addSubImm
        /// AND/ORR/EOR/ANDS (immediate): z, N, r, s, n, d.
        case logicalImm
        /// MOVN/MOVZ/MOVK: z, h = hw, i = imm16, d.
        case moveWide
        /// SBFM/BFM/UBFM: z, N, r, s, n, d.
        case bitfield
        /// EXTR: z, N, m, s = lsb, n, d.
        case extract
        /// B/BL: i = imm26.
        case branchImm
        /// B.cond: i = imm19, c.
        case condBranch
        /// CBZ/CBNZ: z, i = imm19, d.
        case compareBranch
        /// TBZ/TBNZ: b = b5, e = b40, i = imm14, d.
        case testBranch
        /// BR/BLR/RET: n.
        case branchReg
        /// ERET, SB: no fields.
        case noOperands
        /// SVC/HVC/SMC/BRK/HLT/UDF: i = imm16.
        case exception
        /// HINT: i = CRm:op2.
        case hint
        /// CLREX/DSB/DMB/ISB: i = CRm.
        case barrier
        /// MSR (immediate) to the PSTATE field op1/op2 (packed like `Instruction.sys`); i = CRm,
        /// which must be at most `maxCRm`.
        case msrImm(sys: UInt16, maxCRm: UInt8)
        /// SYS: y = op1:CRn:CRm:op2 (op0 = 1), d = Rt.
        case sys
        /// MRS/MSR (register): y = o0:op1:CRn:CRm:op2 (op0 = 2 + o0), d = Rt.
        case sysReg
        /// Logical (shifted register): z, h = shift, m, k = imm6, n, d.
        case logicalShift
        /// ADD/SUB (shifted register): z, h = shift (not ROR), m, k = imm6, n, d.
        case addSubShift
        /// ADD/SUB (extended register): z, m, o = option, k = imm3 (0...4), n, d.
        case addSubExt
        /// Two-source (divide, variable shifts): z, m, n, d.
        case dataProc2
        /// MADD/MSUB: z, m, a = Ra, n, d.
        case dataProc3
        /// CSEL/CSINC/CSINV/CSNEG: z, m, c, n, d.
        case condSelect
        /// LDR (literal) / LDRSW (literal): i = imm19, d.
        case loadLiteral(size: UInt8, sf: Bool)
        /// Load/store, unsigned scaled imm12: i, n, d.
        case loadStoreUnsigned(size: UInt8, sf: Bool)
        /// Load/store, signed imm9, unscaled / pre-index / post-index: i, n, d.
        case loadStoreImm9(size: UInt8, sf: Bool, mode: AddressingMode)
        /// Load/store, register offset: m, o = option, S, n, d.
        case loadStoreRegister(size: UInt8, sf: Bool)
        /// LDP/STP (32/64-bit), LDNP/STNP, LDPSW: i = imm7 (scaled by 1 << scale), a = Rt2, n, d.
        case loadStorePair(sf: Bool, scale: UInt8, mode: AddressingMode)
        /// CCMN/CCMP: z, m = Rm (register form) or i = imm5 (immediate form), c, n, s = nzcv.
        case condCompare
        /// One source (RBIT, REV16, REV32, REV, CLZ, CLS): z (or a fixed bit 31), n, d.
        case dataProc1
        /// Load/store exclusive, load-acquire/store-release: n, d; m = Rs and a = Rt2 where the
        /// pattern has them (fixed 11111 otherwise); k = bit 20 of Rs for LDAR (bits 19:16 fixed).
        /// `size` is the element size; `pair` for LDXP/STXP.
        case exclusive(size: UInt8, pair: Bool)
        /// FMOV between a general and a SIMD&FP register: n, d; `size` 2 (W/S) or 3 (X/D),
        /// `upper` for the top half of a Q register (V.D[1]).
        case fpMove(size: UInt8, upper: Bool)
        /// A SIMD&FP, AdvSIMD or crypto instruction that is not modelled: the whole word is the
        /// instruction (`Instruction.imm`); `form` says how the disassembler prints it.
        case simd(SIMDForm)
    }

    /// One compiled entry. A plain value without references, so the decoder's hot path copies
    /// it without reference counting.
    public struct Entry: Sendable {
        /// Position in `entries`.
        public let id: Int
        /// The pattern as written, bit 31 first.
        public var pattern: String { DecodeTable.specs[id].pattern }
        public let op: Op
        public let format: Format
        /// Fixed bits: `word & mask == value` for words of this entry.
        public let mask: UInt32
        public let value: UInt32
        /// Per `Field`: shift << 8 | width, or 0 when the pattern has no such field.
        let positions: SIMD32<UInt16>

        init(_ pattern: String, _ op: Op, _ format: Format, id: Int) {
            let chars = Array(pattern)
            precondition(chars.count == 32, "pattern \(pattern) is not 32 bits")
            var mask: UInt32 = 0, value: UInt32 = 0
            var lo = [Int](repeating: 99, count: Field.allCases.count)
            var hi = [Int](repeating: -1, count: Field.allCases.count)
            for (index, ch) in chars.enumerated() {
                let bit = 31 - index
                switch ch {
                case "0": mask |= 1 << UInt32(bit)
                case "1": mask |= 1 << UInt32(bit); value |= 1 << UInt32(bit)
                default:
                    // Bits the SIMD&FP forms read from the word themselves (Q, size, opcode
                    // extensions, indices): variable, but no `Field`.
                    if Self.formBits.contains(ch) { continue }
                    guard let f = Field(letter: ch) else { preconditionFailure("bad letter \(ch) in \(pattern)") }
                    lo[f.rawValue] = min(lo[f.rawValue], bit)
                    hi[f.rawValue] = max(hi[f.rawValue], bit)
                }
            }
            var positions = SIMD32<UInt16>()
            for f in Field.allCases where hi[f.rawValue] >= 0 {
                let width = hi[f.rawValue] - lo[f.rawValue] + 1
                for bit in lo[f.rawValue]...hi[f.rawValue] {
                    precondition(Field(letter: chars[31 - bit]) == f, "field \(f) not contiguous in \(pattern)")
                }
                positions[f.rawValue] = UInt16(lo[f.rawValue] << 8 | width)
            }
            self.id = id; self.op = op; self.format = format
            self.mask = mask; self.value = value; self.positions = positions
        }

        /// Letters of variable bits that are not fields: `DecodeTable.notModelledSIMD` writes Q,
        /// size (T), opcode extensions (x) and element-index bits (H, L, M) with them.
        static let formBits: Set<Character> = ["Q", "T", "x", "H", "L", "M"]

        /// Whether the pattern has the field.
        @inline(__always) public func has(_ f: Field) -> Bool { positions[f.rawValue] != 0 }

        /// Width in bits of a field (0 when absent).
        @inline(__always) public func width(_ f: Field) -> Int { Int(positions[f.rawValue] & 0xff) }

        /// The raw value of a field in `word`.
        @inline(__always) public func get(_ f: Field, _ word: UInt32) -> UInt32 {
            let p = positions[f.rawValue]
            let shift = UInt32(p >> 8), width = UInt32(p & 0xff)
            return (word >> shift) & ((1 << width) &- 1)
        }

        /// A field sign-extended from its width.
        @inline(__always) public func signed(_ f: Field, _ word: UInt32) -> Int64 {
            let width = UInt64(positions[f.rawValue] & 0xff)
            let raw = Int64(get(f, word))
            let shift = 64 &- width
            return (raw << shift) >> shift
        }

        /// Puts `v` into field `f` of `word`, failing if it does not fit.
        public func put(_ f: Field, _ v: UInt64, into word: inout UInt32, what: @autoclosure () -> String) throws {
            let p = positions[f.rawValue]
            precondition(p != 0, "field \(f) not in \(pattern)")
            let shift = UInt32(p >> 8), width = UInt64(p & 0xff)
            let maxValue: UInt64 = (1 << width) &- 1
            guard v <= maxValue else {
                throw EncodingError("\(what()) \(v) out of range 0...\(maxValue)")
            }
            word |= UInt32(truncatingIfNeeded: v) << shift
        }
    }

    static func E(_ p: String, _ op: Op, _ f: Format) -> (pattern: String, op: Op, format: Format) { (p, op, f) }

    /// Every entry, compiled.
    public static let entries: [Entry] = specs.enumerated().map { Entry($1.pattern, $1.op, $1.format, id: $0) }

    /// The table as written: pattern, op, format; grouped as in the Arm ARM's top-level decode.
    static let specs: [(pattern: String, op: Op, format: Format)] = {
        var t: [(pattern: String, op: Op, format: Format)] = [
            // MARK: Data processing — immediate
            E("0ll10000iiiiiiiiiiiiiiiiiiiddddd", .adr, .pcRel),
            E("1ll10000iiiiiiiiiiiiiiiiiiiddddd", .adrp, .pcRel),
            E("z00100010hiiiiiiiiiiiinnnnnddddd", .addImm, .addSubImm),
            E("z01100010hiiiiiiiiiiiinnnnnddddd", .addsImm, .addSubImm),
            E("z10100010hiiiiiiiiiiiinnnnnddddd", .subImm, .addSubImm),
            E("z11100010hiiiiiiiiiiiinnnnnddddd", .subsImm, .addSubImm),
            E("z00100100Nrrrrrrssssssnnnnnddddd", .andImm, .logicalImm),
            E("z01100100Nrrrrrrssssssnnnnnddddd", .orrImm, .logicalImm),
            E("z10100100Nrrrrrrssssssnnnnnddddd", .eorImm, .logicalImm),
            E("z11100100Nrrrrrrssssssnnnnnddddd", .andsImm, .logicalImm),
            E("z00100101hhiiiiiiiiiiiiiiiiddddd", .movn, .moveWide),
            E("z10100101hhiiiiiiiiiiiiiiiiddddd", .movz, .moveWide),
            E("z11100101hhiiiiiiiiiiiiiiiiddddd", .movk, .moveWide),
            E("z00100110Nrrrrrrssssssnnnnnddddd", .sbfm, .bitfield),
            E("z01100110Nrrrrrrssssssnnnnnddddd", .bfm, .bitfield),
            E("z10100110Nrrrrrrssssssnnnnnddddd", .ubfm, .bitfield),
            E("z00100111N0mmmmmssssssnnnnnddddd", .extr, .extract),

            // MARK: Branches, exception generation, system
            E("000101iiiiiiiiiiiiiiiiiiiiiiiiii", .b, .branchImm),
            E("100101iiiiiiiiiiiiiiiiiiiiiiiiii", .bl, .branchImm),
            E("01010100iiiiiiiiiiiiiiiiiii0cccc", .bcond, .condBranch),
            E("z0110100iiiiiiiiiiiiiiiiiiiddddd", .cbz, .compareBranch),
            E("z0110101iiiiiiiiiiiiiiiiiiiddddd", .cbnz, .compareBranch),
            E("b0110110eeeeeiiiiiiiiiiiiiiddddd", .tbz, .testBranch),
            E("b0110111eeeeeiiiiiiiiiiiiiiddddd", .tbnz, .testBranch),
            E("1101011000011111000000nnnnn00000", .br, .branchReg),
            E("1101011000111111000000nnnnn00000", .blr, .branchReg),
            E("1101011001011111000000nnnnn00000", .ret, .branchReg),
            E("11010110100111110000001111100000", .eret, .noOperands),
            E("11010100000iiiiiiiiiiiiiiii00001", .svc, .exception),
            E("11010100000iiiiiiiiiiiiiiii00010", .hvc, .exception),
            E("11010100000iiiiiiiiiiiiiiii00011", .smc, .exception),
            E("11010100001iiiiiiiiiiiiiiii00000", .brk, .exception),
            E("11010100010iiiiiiiiiiiiiiii00000", .hlt, .exception),
            E("0000000000000000iiiiiiiiiiiiiiii", .udf, .exception),
            E("11010101000000110010iiiiiii11111", .hint, .hint),
            E("11010101000000110011iiii01011111", .clrex, .barrier),
            E("11010101000000110011iiii10011111", .dsb, .barrier),
            E("11010101000000110011iiii10111111", .dmb, .barrier),
            E("11010101000000110011iiii11011111", .isb, .barrier),
            E("11010101000000110011000011111111", .sb, .noOperands),
            // MSR (immediate): SPSel (op1 0, op2 5, CRm 0...1), DAIFSet (3, 6), DAIFClr (3, 7).
            E("11010101000000000100iiii10111111", .msrImm, .msrImm(sys: msrImmSys(op1: 0, op2: 5), maxCRm: 1)),
            E("11010101000000110100iiii11011111", .msrImm, .msrImm(sys: msrImmSys(op1: 3, op2: 6), maxCRm: 15)),
            E("11010101000000110100iiii11111111", .msrImm, .msrImm(sys: msrImmSys(op1: 3, op2: 7), maxCRm: 15)),
            E("1101010100001yyyyyyyyyyyyyyddddd", .sys, .sys),
            E("110101010001yyyyyyyyyyyyyyyddddd", .msr, .sysReg),
            E("110101010011yyyyyyyyyyyyyyyddddd", .mrs, .sysReg),

            // MARK: Data processing — register
            E("z0001010hh0mmmmmkkkkkknnnnnddddd", .andShift, .logicalShift),
            E("z0001010hh1mmmmmkkkkkknnnnnddddd", .bicShift, .logicalShift),
            E("z0101010hh0mmmmmkkkkkknnnnnddddd", .orrShift, .logicalShift),
            E("z0101010hh1mmmmmkkkkkknnnnnddddd", .ornShift, .logicalShift),
            E("z1001010hh0mmmmmkkkkkknnnnnddddd", .eorShift, .logicalShift),
            E("z1001010hh1mmmmmkkkkkknnnnnddddd", .eonShift, .logicalShift),
            E("z1101010hh0mmmmmkkkkkknnnnnddddd", .andsShift, .logicalShift),
            E("z1101010hh1mmmmmkkkkkknnnnnddddd", .bicsShift, .logicalShift),
            E("z0001011hh0mmmmmkkkkkknnnnnddddd", .addShift, .addSubShift),
            E("z0101011hh0mmmmmkkkkkknnnnnddddd", .addsShift, .addSubShift),
            E("z1001011hh0mmmmmkkkkkknnnnnddddd", .subShift, .addSubShift),
            E("z1101011hh0mmmmmkkkkkknnnnnddddd", .subsShift, .addSubShift),
            E("z0001011001mmmmmoookkknnnnnddddd", .addExt, .addSubExt),
            E("z0101011001mmmmmoookkknnnnnddddd", .addsExt, .addSubExt),
            E("z1001011001mmmmmoookkknnnnnddddd", .subExt, .addSubExt),
            E("z1101011001mmmmmoookkknnnnnddddd", .subsExt, .addSubExt),
            E("z0011010110mmmmm000010nnnnnddddd", .udiv, .dataProc2),
            E("z0011010110mmmmm000011nnnnnddddd", .sdiv, .dataProc2),
            E("z0011010110mmmmm001000nnnnnddddd", .lslv, .dataProc2),
            E("z0011010110mmmmm001001nnnnnddddd", .lsrv, .dataProc2),
            E("z0011010110mmmmm001010nnnnnddddd", .asrv, .dataProc2),
            E("z0011010110mmmmm001011nnnnnddddd", .rorv, .dataProc2),
            E("z0011011000mmmmm0aaaaannnnnddddd", .madd, .dataProc3),
            E("z0011011000mmmmm1aaaaannnnnddddd", .msub, .dataProc3),
            E("z0011010100mmmmmcccc00nnnnnddddd", .csel, .condSelect),
            E("z0011010100mmmmmcccc01nnnnnddddd", .csinc, .condSelect),
            E("z1011010100mmmmmcccc00nnnnnddddd", .csinv, .condSelect),
            E("z1011010100mmmmmcccc01nnnnnddddd", .csneg, .condSelect),

            // MARK: Loads and stores
            E("00011000iiiiiiiiiiiiiiiiiiiddddd", .ldr, .loadLiteral(size: 2, sf: false)),
            E("01011000iiiiiiiiiiiiiiiiiiiddddd", .ldr, .loadLiteral(size: 3, sf: true)),
            E("10011000iiiiiiiiiiiiiiiiiiiddddd", .ldrs, .loadLiteral(size: 2, sf: true)),
        ]
        // LDP/STP: opc (bit 31 = sf, bit 30 = 0), mode bits 24:23, L bit 22.
        for (modeBits, mode) in [("01", AddressingMode.post), ("10", .offset), ("11", .pre)] {
            for (l, op) in [("0", Op.stp), ("1", Op.ldp)] {
                for sf in [false, true] {
                    t.append(E((sf ? "1" : "0") + "010100" + modeBits + l + "iiiiiiiaaaaannnnnddddd", op,
                               .loadStorePair(sf: sf, scale: sf ? 3 : 2, mode: mode)))
                }
            }
        }
        // Single-register loads and stores: (size, opc) -> op and register width.
        for size in 0...3 {
            let sz = size == 0 ? "00" : size == 1 ? "01" : size == 2 ? "10" : "11"
            var kinds: [(String, Op, Bool)] = [("00", .str, size == 3), ("01", .ldr, size == 3)]
            if size < 3 { kinds.append(("10", .ldrs, true)) }
            if size < 2 { kinds.append(("11", .ldrs, false)) }
            for (opc, op, sf) in kinds {
                let s = UInt8(size)
                t.append(E(sz + "111001" + opc + "iiiiiiiiiiiinnnnnddddd", op, .loadStoreUnsigned(size: s, sf: sf)))
                t.append(E(sz + "111000" + opc + "0iiiiiiiii00nnnnnddddd", op, .loadStoreImm9(size: s, sf: sf, mode: .unscaled)))
                t.append(E(sz + "111000" + opc + "0iiiiiiiii01nnnnnddddd", op, .loadStoreImm9(size: s, sf: sf, mode: .post)))
                t.append(E(sz + "111000" + opc + "0iiiiiiiii11nnnnnddddd", op, .loadStoreImm9(size: s, sf: sf, mode: .pre)))
                t.append(E(sz + "111000" + opc + "0iiiiiiiii10nnnnnddddd", op, .loadStoreImm9(size: s, sf: sf, mode: .unprivileged)))
                t.append(E(sz + "111000" + opc + "1mmmmmoooS10nnnnnddddd", op, .loadStoreRegister(size: s, sf: sf)))
            }
        }
        t += integerAdditions
        t += floatingPointRegisterFile
        t += notModelledSIMD
        return t
    }()

    /// `Instruction.sys` of an MSR (immediate) PSTATE field.
    public static func msrImmSys(op1: UInt8, op2: UInt8) -> UInt16 {
        SystemRegisterEncoding(op0: 0, op1: op1, crn: 4, crm: 0, op2: op2).packed
    }

    // MARK: First-level index

    /// Entries are bucketed by bits [31:21] of the word.
    static let indexShift: UInt32 = 21
    static let bucketCount = 1 << 11

    /// The compiled table in one value, so the hot path pays for one lazy-global check.
    struct Compiled {
        let entries: [Entry]
        /// For each bucket, `starts[b]..<starts[b + 1]` is the range of `list` holding the
        /// indices of the entries that can match words of that bucket.
        let starts: [Int32]
        let list: [Int16]
    }
    static let compiled: Compiled = {
        let index = buildIndex()
        return Compiled(entries: entries, starts: index.starts, list: index.list)
    }()

    private static func buildIndex() -> (starts: [Int32], list: [Int16]) {
        var starts: [Int32] = []
        var list: [Int16] = []
        let topMask: UInt32 = ~((1 << indexShift) &- 1)
        for bucket in 0..<bucketCount {
            starts.append(Int32(list.count))
            let bits = UInt32(bucket) << indexShift
            for (i, e) in entries.enumerated() where (bits ^ e.value) & e.mask & topMask == 0 {
                list.append(Int16(i))
            }
        }
        starts.append(Int32(list.count))
        return (starts, list)
    }

    /// Entry indices by op, for the encoder.
    static let byOp: [[Int]] = {
        var d = [[Int]](repeating: [], count: Op.allCases.count)
        for (i, e) in entries.enumerated() { d[Int(e.op.rawValue)].append(i) }
        return d
    }()

    /// The index of the entry matching `word`, if any.
    public static func match(_ word: UInt32) -> Int? { matchEntry(word)?.id }

    /// The entry matching `word`, if any.
    @inline(__always) static func matchEntry(_ word: UInt32) -> Entry? {
        let c = compiled
        let b = Int(word >> indexShift)
        return c.starts.withUnsafeBufferPointer { starts in
            c.list.withUnsafeBufferPointer { list in
                c.entries.withUnsafeBufferPointer { all in
                    var k = Int(starts[b])
                    let end = Int(starts[b + 1])
                    while k < end {
                        let e = all[Int(list[k])]
                        if word & e.mask == e.value { return e }
                        k += 1
                    }
                    return nil
                }
            }
        }
    }
}
