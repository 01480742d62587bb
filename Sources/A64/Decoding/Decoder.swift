/// Decodes A64 words through `DecodeTable`.
///
/// Total: every 32-bit word gives either a supported instruction or `.undefined` with
/// `imm = Int64(word)`. Only architecturally valid encodings are accepted; reserved fields
/// (32-bit forms with shift amounts >= 32, N != sf in bitfield/EXTR, reserved bitmask
/// immediates, imm3 > 4, ROR in arithmetic shifts, non-W/X extends in register offsets...)
/// decode as `.undefined`.
///
/// CONSTRAINED UNPREDICTABLE choices made here (all are allowed by the Arm ARM):
/// - loads with write-back whose Rt equals Rn (Rn != SP), LDP/LDNP/LDPSW with Rt == Rt2, and
///   LDP/LDPSW with write-back where Rt or Rt2 equals Rn: UNDEFINED (objdump agrees for LDPSW;
///   it prints LDP/LDNP).
/// - stores with write-back whose Rt equals Rn: decoded normally (the executor stores the
///   register's value before the write-back).
/// - the exclusives, as objdump prints them and QEMU runs them: STXR/STXP with Rs == Rt, Rt2 or
///   Rn, and LDXP with Rt == Rt2, are decoded normally (the store writes the registers' values
///   read before the status is written; LDXP writes Rt then Rt2). The should-be-one Rs/Rt2
///   fields objdump ignores are decoded and kept (`DecodeTable.integerAdditions`); LDAR with
///   them not ones is UNDEFINED, as objdump has it (QEMU would run it as LDAR).
public enum Decoder {
    public static func decode(_ word: UInt32) -> Instruction {
        guard let entry = DecodeTable.matchEntry(word), let i = build(entry, word) else {
            return undefined(word)
        }
        return i
    }

    @inline(__always) static func undefined(_ word: UInt32) -> Instruction {
        var i = Instruction.undefined
        i.imm = Int64(word)
        return i
    }

    /// Maps the fields of a matched entry to an `Instruction`, or nil for a reserved encoding.
    static func build(_ e: DecodeTable.Entry, _ w: UInt32) -> Instruction? {
        let op = e.op
        func reg(_ f: DecodeTable.Field) -> UInt8 { UInt8(truncatingIfNeeded: e.get(f, w)) }
        func u8(_ f: DecodeTable.Field) -> UInt8 { UInt8(truncatingIfNeeded: e.get(f, w)) }
        // A pattern without the sf field fixes it in bit 31 (REV Xd, the long multiplies, CRC32X).
        var sf: Bool { e.has(.z) ? e.get(.z, w) != 0 : e.value >> 31 != 0 }
        switch e.format {
        case .pcRel:
            let raw = (e.signed(.i, w) << 2) | Int64(e.get(.l, w))
            return Instruction(op: op, rd: reg(.d), imm: op == .adrp ? raw << 12 : raw)
        case .addSubImm:
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), imm: Int64(e.get(.i, w)),
                               amount: e.get(.h, w) != 0 ? 12 : 0)
        case .logicalImm:
            let n = u8(.N), r = u8(.r), s = u8(.s)
            guard let v = BitmaskImmediate.decode(n: n, immr: r, imms: s, sf: sf) else { return nil }
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), imm: Int64(bitPattern: v),
                               n: n, immr: r, imms: s)
        case .moveWide:
            let hw = e.get(.h, w)
            if !sf && hw >= 2 { return nil }
            return Instruction(op: op, sf: sf, rd: reg(.d), imm: Int64(e.get(.i, w)), amount: UInt8(hw * 16))
        case .bitfield:
            let n = u8(.N), r = u8(.r), s = u8(.s)
            guard (n != 0) == sf, sf || (r < 32 && s < 32) else { return nil }
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), n: n, immr: r, imms: s)
        case .extract:
            let n = u8(.N), s = u8(.s)
            guard (n != 0) == sf, sf || s < 32 else { return nil }
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), rm: reg(.m), n: n, imms: s)
        case .branchImm:
            return Instruction(op: op, imm: e.signed(.i, w) << 2)
        case .condBranch:
            return Instruction(op: op, imm: e.signed(.i, w) << 2, cond: u8(.c))
        case .compareBranch:
            return Instruction(op: op, sf: sf, rd: reg(.d), imm: e.signed(.i, w) << 2)
        case .testBranch:
            let bit = u8(.b) << 5 | u8(.e)
            return Instruction(op: op, sf: bit >= 32, rd: reg(.d), imm: e.signed(.i, w) << 2, cond: bit)
        case .branchReg:
            return Instruction(op: op, rn: reg(.n))
        case .noOperands:
            return Instruction(op: op)
        case .exception, .hint, .barrier:
            return Instruction(op: op, imm: Int64(e.get(.i, w)))
        case .msrImm(let sys, let maxCRm):
            let crm = e.get(.i, w)
            guard crm <= UInt32(maxCRm) else { return nil }
            return Instruction(op: op, imm: Int64(crm), sys: sys)
        case .sys:
            return Instruction(op: op, rd: reg(.d), sys: 0x4000 | UInt16(truncatingIfNeeded: e.get(.y, w)))
        case .sysReg:
            return Instruction(op: op, rd: reg(.d), sys: 0x8000 | UInt16(truncatingIfNeeded: e.get(.y, w)))
        case .logicalShift, .addSubShift:
            let shift = u8(.h), amount = u8(.k)
            if e.format == .addSubShift && shift == 3 { return nil }
            if !sf && amount >= 32 { return nil }
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), rm: reg(.m), shift: shift, amount: amount)
        case .addSubExt:
            let amount = u8(.k)
            guard amount <= 4 else { return nil }
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), rm: reg(.m), shift: u8(.o), amount: amount)
        case .dataProc2:
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), rm: reg(.m))
        case .dataProc3:
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), rm: reg(.m), ra: reg(.a))
        case .condSelect:
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n), rm: reg(.m), cond: u8(.c))
        case .loadLiteral(let size, let xsf):
            return Instruction(op: op, sf: xsf, rd: reg(.d), imm: e.signed(.i, w) << 2, size: size, mode: .literal)
        case .loadStoreUnsigned(let size, let xsf):
            return Instruction(op: op, sf: xsf, rd: reg(.d), rn: reg(.n), imm: Int64(e.get(.i, w)) << Int64(size),
                               size: size, mode: .offset)
        case .loadStoreImm9(let size, let xsf, let mode):
            let rt = reg(.d), rn = reg(.n)
            if (mode == .pre || mode == .post) && (op == .ldr || op == .ldrs) && rt == rn && rn != 31 { return nil }
            return Instruction(op: op, sf: xsf, rd: rt, rn: rn, imm: e.signed(.i, w), size: size, mode: mode)
        case .loadStoreRegister(let size, let xsf):
            let option = u8(.o), s = u8(.S)
            guard option & 2 != 0 else { return nil }
            return Instruction(op: op, sf: xsf, rd: reg(.d), rn: reg(.n), rm: reg(.m), shift: option,
                               amount: s != 0 ? size : 0, imms: s, size: size, mode: .register)
        case .loadStorePair(let xsf, let scale, let mode):
            let rt = reg(.d), rt2 = reg(.a), rn = reg(.n)
            if op == .ldp || op == .ldnp || op == .ldpsw {
                if rt == rt2 { return nil }
                if mode != .offset && rn != 31 && (rt == rn || rt2 == rn) { return nil }
            }
            // SIMD&FP pairs: the same choice for Vt == Vt2 (no write-back conflict: other files).
            let vector = op == .ldpV || op == .stpV || op == .ldnpV || op == .stnpV
            if vector && (op == .ldpV || op == .ldnpV) && rt == rt2 { return nil }
            return Instruction(op: op, sf: xsf, rd: rt, rn: rn, ra: rt2, imm: e.signed(.i, w) << Int64(scale),
                               size: vector ? scale : 0, mode: mode)
        case .condCompare:
            let isImm = e.has(.i)
            return Instruction(op: op, sf: sf, rn: reg(.n), rm: isImm ? 0 : reg(.m), imm: isImm ? Int64(e.get(.i, w)) : 0,
                               cond: u8(.c), imms: u8(.s))
        case .dataProc1:
            return Instruction(op: op, sf: sf, rd: reg(.d), rn: reg(.n))
        case .fpMove(let size, let upper):
            return Instruction(op: op, sf: size == 3, rd: reg(.d), rn: reg(.n), imm: upper ? 1 : 0, size: size)
        case .simd(let form):
            guard SIMDText.isValid(form, w) else { return nil }
            return Instruction(op: .notModelled, imm: Int64(w))
        case .exclusive(let size, _):
            let rs: UInt8 = e.has(.m) ? reg(.m) : (e.has(.k) ? 15 | u8(.k) << 4 : 31)
            return Instruction(op: op, sf: size == 3, rd: reg(.d), rn: reg(.n), rm: rs, ra: e.has(.a) ? reg(.a) : 31,
                               size: size, mode: .offset)
        }
    }
}
