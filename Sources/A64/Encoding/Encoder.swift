/// Encodes an `Instruction` by filling the fields of its `DecodeTable` pattern.
///
/// The entry is chosen by `op` and the properties a pattern fixes (access size, register
/// width, addressing mode, PSTATE field). The word is then decoded again: a combination the
/// decoder rejects as reserved is an error, so encode and decode cannot disagree.
public enum Encoder {
    public static func encode(_ i: Instruction) throws -> UInt32 {
        if i.op == .undefined || i.op == .notModelled {
            guard i.imm >= 0, i.imm <= Int64(UInt32.max) else {
                throw EncodingError("\(i.op == .undefined ? "undefined" : "not-modelled") word \(i.imm) out of range 0...\(UInt32.max)")
            }
            if i.op == .notModelled && Decoder.decode(UInt32(i.imm)).op != .notModelled {
                throw EncodingError("word 0x\(String(i.imm, radix: 16)) is not a SIMD&FP instruction that is not modelled")
            }
            return UInt32(i.imm)
        }
        var firstError: EncodingError?
        var tried = false
        for index in DecodeTable.byOp[Int(i.op.rawValue)] {
            let e = DecodeTable.entries[index]
            guard accepts(e.format, i) else { continue }
            // A pattern without the sf field fixes it in bit 31 (REV W/X, the long multiplies).
            if !e.has(.z) && Self.usesSF(e.format) && (e.value >> 31 != 0) != i.sf { continue }
            tried = true
            do {
                let word = try fill(e, i)
                // Entries do not overlap, so `e` is the entry the decoder would match.
                if Decoder.build(e, word) == nil {
                    throw EncodingError("\(i.op) with these operands is a reserved encoding (0x\(String(word, radix: 16)))")
                }
                return word
            } catch let error as EncodingError {
                if firstError == nil { firstError = error }
            }
        }
        if let firstError { throw firstError }
        precondition(!tried)
        throw EncodingError("\(i.op) has no encoding with size \(i.size), \(i.sf ? "64" : "32")-bit, mode \(i.mode)"
                            + (i.op == .msrImm ? ", PSTATE field 0x\(String(i.sys, radix: 16))" : ""))
    }

    /// Whether an entry's fixed properties match the instruction.
    static func accepts(_ f: DecodeTable.Format, _ i: Instruction) -> Bool {
        switch f {
        case .loadLiteral(let size, let sf): return i.mode == .literal && i.size == size && i.sf == sf
        case .loadStoreUnsigned(let size, let sf): return i.mode == .offset && i.size == size && i.sf == sf
        case .loadStoreImm9(let size, let sf, let mode): return i.mode == mode && i.size == size && i.sf == sf
        case .loadStoreRegister(let size, let sf): return i.mode == .register && i.size == size && i.sf == sf
        case .loadStorePair(let sf, let scale, let mode):
            let vector = i.op == .ldpV || i.op == .stpV || i.op == .ldnpV || i.op == .stnpV
            return i.mode == mode && i.sf == sf && (!vector || i.size == scale)
        case .fpMove(let size, let upper): return i.size == size && (i.imm == 1) == upper
        case .msrImm(let sys, _): return i.sys == sys
        case .exclusive(let size, _): return i.size == size
        default: return true
        }
    }

    /// Formats whose `Instruction.sf` is the register width of a pattern's sf field or bit 31.
    static func usesSF(_ f: DecodeTable.Format) -> Bool {
        switch f {
        case .dataProc1, .dataProc2, .dataProc3, .condCompare: return true
        default: return false
        }
    }

    static func putSigned(_ e: DecodeTable.Entry, _ f: DecodeTable.Field, _ v: Int64, _ word: inout UInt32, _ what: String) throws {
        let width = Int64(e.width(f))
        let lo = -(Int64(1) << (width - 1)), hi = (Int64(1) << (width - 1)) - 1
        guard v >= lo, v <= hi else { throw EncodingError("\(what) \(v) out of range \(lo)...\(hi)") }
        try e.put(f, UInt64(bitPattern: v) & ((1 << UInt64(width)) - 1), into: &word, what: what)
    }

    static func scaled(_ v: Int64, by shift: Int, _ what: String) throws -> Int64 {
        let unit = Int64(1) << Int64(shift)
        guard v & (unit - 1) == 0 else { throw EncodingError("\(what) \(v) is not a multiple of \(unit)") }
        return v >> Int64(shift)
    }

    static func fill(_ e: DecodeTable.Entry, _ i: Instruction) throws -> UInt32 {
        var w = e.value
        func put(_ f: DecodeTable.Field, _ v: UInt64, _ what: String) throws { try e.put(f, v, into: &w, what: what) }
        func putU(_ f: DecodeTable.Field, _ v: Int64, _ what: String) throws {
            guard v >= 0 else { throw EncodingError("\(what) \(v) out of range 0...\((1 << e.width(f)) - 1)") }
            try put(f, UInt64(v), what)
        }
        func regs() throws {
            if e.has(.d) { try put(.d, UInt64(i.rd), "register") }
            if e.has(.n) { try put(.n, UInt64(i.rn), "register") }
            if e.has(.m) { try put(.m, UInt64(i.rm), "register") }
            if e.has(.a) { try put(.a, UInt64(i.ra), "register") }
            if e.has(.z) { try put(.z, i.sf ? 1 : 0, "sf") }
        }
        try regs()
        let regBits: UInt8 = i.sf ? 63 : 31
        switch e.format {
        case .pcRel:
            var v = i.imm
            if i.op == .adrp { v = try scaled(v, by: 12, "page offset") }
            guard v >= -(1 << 20), v < (1 << 20) else {
                throw EncodingError("offset \(i.imm) out of range \(i.op == .adrp ? "-4294967296...4294963200" : "-1048576...1048575")")
            }
            try put(.l, UInt64(v & 3), "immlo")
            try put(.i, UInt64(bitPattern: v >> 2) & 0x7ffff, "immhi")
        case .addSubImm:
            guard i.amount == 0 || i.amount == 12 else { throw EncodingError("shift \(i.amount) must be 0 or 12") }
            try put(.h, i.amount == 12 ? 1 : 0, "shift")
            try putU(.i, i.imm, "immediate")
        case .logicalImm:
            var value = UInt64(bitPattern: i.imm)
            if !i.sf {
                guard value >> 32 == 0 || value >> 32 == 0xffff_ffff else {
                    throw EncodingError("immediate 0x\(String(value, radix: 16)) does not fit in 32 bits")
                }
                value &= 0xffff_ffff
            }
            var fields = (n: i.n, immr: i.immr, imms: i.imms)
            if BitmaskImmediate.decode(n: i.n, immr: i.immr, imms: i.imms, sf: i.sf) != value {
                guard let f = BitmaskImmediate.encode(value, sf: i.sf) else {
                    throw EncodingError("immediate 0x\(String(value, radix: 16)) is not a valid bitmask immediate")
                }
                fields = f
            }
            try put(.N, UInt64(fields.n), "N"); try put(.r, UInt64(fields.immr), "immr"); try put(.s, UInt64(fields.imms), "imms")
        case .moveWide:
            let maxShift = i.sf ? 48 : 16
            guard i.amount % 16 == 0, Int(i.amount) <= maxShift else {
                throw EncodingError("shift \(i.amount) must be one of \(stride(from: 0, through: maxShift, by: 16).map(String.init).joined(separator: ", "))")
            }
            try put(.h, UInt64(i.amount / 16), "shift")
            try putU(.i, i.imm, "immediate")
        case .bitfield, .extract:
            try put(.N, i.sf ? 1 : 0, "N")
            guard i.imms <= regBits else { throw EncodingError("imms \(i.imms) out of range 0...\(regBits)") }
            if e.format == .bitfield {
                guard i.immr <= regBits else { throw EncodingError("immr \(i.immr) out of range 0...\(regBits)") }
                try put(.r, UInt64(i.immr), "immr")
            }
            try put(.s, UInt64(i.imms), e.format == .extract ? "lsb" : "imms")
        case .branchImm, .condBranch, .compareBranch, .testBranch, .loadLiteral:
            try putSigned(e, .i, try scaled(i.imm, by: 2, "offset"), &w, "offset")
            if e.has(.c) { try put(.c, UInt64(i.cond), "condition") }
            if e.format == .testBranch {
                guard i.cond <= 63 else { throw EncodingError("bit number \(i.cond) out of range 0...63") }
                try put(.b, UInt64(i.cond >> 5), "bit"); try put(.e, UInt64(i.cond & 31), "bit")
            }
        case .branchReg, .noOperands:
            break
        case .exception, .hint, .barrier:
            try putU(.i, i.imm, "immediate")
        case .msrImm(_, let maxCRm):
            guard i.imm >= 0, i.imm <= Int64(maxCRm) else { throw EncodingError("immediate \(i.imm) out of range 0...\(maxCRm)") }
            try putU(.i, i.imm, "immediate")
        case .sys:
            guard i.sys >> 14 == 1 else { throw EncodingError("SYS operation must have op0 = 1") }
            try put(.y, UInt64(i.sys & 0x3fff), "system operation")
        case .sysReg:
            guard i.sys >> 15 == 1 else { throw EncodingError("system register must have op0 = 2 or 3") }
            try put(.y, UInt64(i.sys & 0x7fff), "system register")
        case .logicalShift, .addSubShift:
            if e.format == .addSubShift && i.shift == 3 { throw EncodingError("ROR is not allowed in arithmetic instructions") }
            try put(.h, UInt64(i.shift), "shift type")
            guard i.amount <= regBits else { throw EncodingError("shift amount \(i.amount) out of range 0...\(regBits)") }
            try put(.k, UInt64(i.amount), "shift amount")
        case .addSubExt:
            try put(.o, UInt64(i.shift), "extend")
            guard i.amount <= 4 else { throw EncodingError("extend shift \(i.amount) out of range 0...4") }
            try put(.k, UInt64(i.amount), "extend shift")
        case .dataProc2, .dataProc3:
            break
        case .condSelect:
            try put(.c, UInt64(i.cond), "condition")
        case .loadStoreUnsigned(let size, _):
            let v = try scaled(i.imm, by: Int(size), "offset")
            guard v >= 0, v <= 4095 else {
                throw EncodingError("offset \(i.imm) out of range 0...\(4095 << Int(size))")
            }
            try put(.i, UInt64(v), "offset")
        case .loadStoreImm9:
            try putSigned(e, .i, i.imm, &w, "offset")
        case .loadStoreRegister(let size, _):
            guard i.shift & 2 != 0, i.shift <= 7 else { throw EncodingError("extend of a register offset must be uxtw, lsl, sxtw or sxtx") }
            try put(.o, UInt64(i.shift), "extend")
            guard i.amount == 0 || i.amount == size else { throw EncodingError("shift amount \(i.amount) must be 0 or \(size)") }
            try put(.S, (i.imms != 0 || i.amount != 0) ? 1 : 0, "S")
        case .loadStorePair(_, let scale, _):
            try putSigned(e, .i, try scaled(i.imm, by: Int(scale), "offset"), &w, "offset")
        case .condCompare:
            if e.has(.i) {
                guard i.imm >= 0 && i.imm <= 31 else { throw EncodingError("immediate \(i.imm) out of range 0...31") }
                try putU(.i, i.imm, "immediate")
            }
            try put(.c, UInt64(i.cond), "condition")
            try put(.s, UInt64(i.imms), "nzcv")
        case .dataProc1, .fpMove:
            break
        case .simd:
            preconditionFailure("not-modelled words are encoded from their word")
        case .exclusive:
            // Fields the pattern fixes to ones must be ones (31) in the instruction.
            if !e.has(.m) {
                if e.has(.k) {
                    guard i.rm & 15 == 15 else { throw EncodingError("status field \(i.rm) must be 15 or 31 for \(i.op)") }
                    try put(.k, UInt64(i.rm >> 4), "status field")
                } else if i.rm != 31 {
                    throw EncodingError("\(i.op) has no status register (field \(i.rm) must be 31)")
                }
            }
            if !e.has(.a) && i.ra != 31 { throw EncodingError("\(i.op) has no second register (field \(i.ra) must be 31)") }
        }
        return w
    }
}
