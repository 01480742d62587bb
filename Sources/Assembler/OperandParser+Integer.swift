import A64

/// The mnemonics of the ARMv8.0 integer additions (`DecodeTable.integerAdditions`; ADC/SBC are
/// read with the two-source operations, `Instructions.twoSource`) and the
/// architecture features GNU as 2.40 needs before it accepts some of them.
enum IntegerInstructions {
    static let negateCarry: [String: Op] = ["ngc": .sbc, "ngcs": .sbcs]
    static let condCompare: [String: (reg: Op, imm: Op)] = ["ccmn": (.ccmnReg, .ccmnImm), "ccmp": (.ccmpReg, .ccmpImm)]
    static let oneSource: [String: Op] = ["rbit": .rbit, "rev16": .rev16, "rev32": .rev32, "rev": .rev, "rev64": .rev,
                                          "clz": .clz, "cls": .cls]
    /// Long multiply-accumulate and their three-operand aliases (Ra = XZR).
    static let longMultiply: [String: (op: Op, accumulates: Bool)] = [
        "smaddl": (.smaddl, true), "smsubl": (.smsubl, true), "umaddl": (.umaddl, true), "umsubl": (.umsubl, true),
        "smull": (.smaddl, false), "smnegl": (.smsubl, false), "umull": (.umaddl, false), "umnegl": (.umsubl, false),
    ]
    static let highMultiply: [String: Op] = ["smulh": .smulh, "umulh": .umulh]
    static let crc: [String: Op] = ["crc32b": .crc32b, "crc32h": .crc32h, "crc32w": .crc32w, "crc32x": .crc32x,
                                    "crc32cb": .crc32cb, "crc32ch": .crc32ch, "crc32cw": .crc32cw, "crc32cx": .crc32cx]
    static let pairs: [String: Op] = ["ldnp": .ldnp, "stnp": .stnp, "ldpsw": .ldpsw]
    /// LDTR/STTR family: op and access size (-1: from the register).
    static let unprivileged: [String: (op: Op, size: Int)] = [
        "ldtr": (.ldr, -1), "sttr": (.str, -1), "ldtrb": (.ldr, 0), "sttrb": (.str, 0), "ldtrh": (.ldr, 1),
        "sttrh": (.str, 1), "ldtrsb": (.ldrs, 0), "ldtrsh": (.ldrs, 1), "ldtrsw": (.ldrs, 2),
    ]
    /// Exclusives and acquire/release: op and access size (-1: from the register; pairs: element).
    static let exclusive: [String: (op: Op, size: Int)] = {
        var d: [String: (Op, Int)] = [:]
        for (m, op) in [("ldxr", Op.ldxr), ("ldaxr", .ldaxr), ("stxr", .stxr), ("stlxr", .stlxr), ("ldar", .ldar), ("stlr", .stlr)] {
            d[m] = (op, -1); d[m + "b"] = (op, 0); d[m + "h"] = (op, 1)
        }
        for (m, op) in [("ldxp", Op.ldxp), ("ldaxp", .ldaxp), ("stxp", .stxp), ("stlxp", .stlxp)] { d[m] = (op, -1) }
        return d
    }()
    static let prefetch: Set<String> = ["prfm", "prfum"]

    static func isKnown(_ m: String) -> Bool {
        negateCarry[m] != nil || condCompare[m] != nil || oneSource[m] != nil
            || longMultiply[m] != nil || highMultiply[m] != nil || crc[m] != nil || pairs[m] != nil
            || unprivileged[m] != nil || exclusive[m] != nil || prefetch.contains(m)
    }

    /// What GNU as 2.40 needs before it accepts `m` (checked where the instruction stands).
    static func requirement(_ m: String) -> ArchitectureFeatures.Requirement? {
        if crc[m] != nil { return .crc }
        if m == "rev64" { return .armv8_2 }
        return nil
    }
}

extension OperandParser {
    /// Builds an instruction of `IntegerInstructions`, or nil when `m` is not one of them.
    mutating func buildIntegerAddition() throws -> Instruction? {
        if let op = IntegerInstructions.negateCarry[m] {
            try count(2)
            let rd = try reg(0); let rm = try reg(1)
            try sameWidth(rm, 1, as: rd.is64)
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: 31, rm: rm.number)
        }
        if let ops = IntegerInstructions.condCompare[m] {
            try count(4)
            let rn = try reg(0)
            let nzcv = try imm(2, what: "an NZCV value (#0...#15)")
            guard nzcv >= 0 && nzcv <= 15 else { throw AssemblyError(location(2), "NZCV value \(nzcv) out of range 0...15") }
            let cond = try conditionOperand(3)
            if isImmediate(1) {
                let v = try imm(1)
                guard v >= 0 && v <= 31 else { throw AssemblyError(location(1), "immediate \(v) out of range 0...31 for '\(m)'") }
                return Instruction(op: ops.imm, sf: rn.is64, rn: rn.number, imm: v, cond: cond, imms: UInt8(nzcv))
            }
            let rm = try reg(1)
            try sameWidth(rm, 1, as: rn.is64)
            return Instruction(op: ops.reg, sf: rn.is64, rn: rn.number, rm: rm.number, cond: cond, imms: UInt8(nzcv))
        }
        if let op = IntegerInstructions.oneSource[m] {
            try count(2)
            let xOnly = m == "rev32" || m == "rev64"
            let rd = try reg(0, width: xOnly ? true : nil); let rn = try reg(1)
            try sameWidth(rn, 1, as: rd.is64)
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: rn.number)
        }
        if let (op, accumulates) = IntegerInstructions.longMultiply[m] {
            try count(accumulates ? 4 : 3)
            let rd = try reg(0, width: true); let rn = try reg(1, width: false); let rm = try reg(2, width: false)
            let ra: UInt8 = accumulates ? try reg(3, width: true).number : 31
            return Instruction(op: op, sf: true, rd: rd.number, rn: rn.number, rm: rm.number, ra: ra)
        }
        if let op = IntegerInstructions.highMultiply[m] {
            try count(3)
            let rd = try reg(0, width: true); let rn = try reg(1, width: true); let rm = try reg(2, width: true)
            return Instruction(op: op, sf: true, rd: rd.number, rn: rn.number, rm: rm.number, ra: 31)
        }
        if let op = IntegerInstructions.crc[m] {
            try count(3)
            let x = op == .crc32x || op == .crc32cx
            let rd = try reg(0, width: false); let rn = try reg(1, width: false); let rm = try reg(2, width: x)
            return Instruction(op: op, sf: x, rd: rd.number, rn: rn.number, rm: rm.number)
        }
        if IntegerInstructions.pairs[m] != nil { return try pair() }
        if let (op, size) = IntegerInstructions.unprivileged[m] {
            var inst = try loadStore(op, size, unscaledOnly: true)
            guard inst.mode == .unscaled else {
                throw AssemblyError(location(1), "'\(m)' takes only '[Xn{, #simm9}]' (no write-back)")
            }
            inst.mode = .unprivileged
            return inst
        }
        if IntegerInstructions.prefetch.contains(m) { return try prefetch() }
        if let (op, size) = IntegerInstructions.exclusive[m] { return try exclusive(op, size) }
        return nil
    }

    /// PRFM/PRFUM: a prefetch operation name (`pldl1keep`...) or `#0...#31`, then any address
    /// form of `ldr x` (PRFM) or `ldur x` (PRFUM); no write-back.
    mutating func prefetch() throws -> Instruction {
        let code: UInt8
        if let name = identifierOperand(0), Registers.parse(name) == nil, !isImmediateSymbol(name) {
            guard let c = PrefetchName.code(name) else {
                throw expected(0, "a prefetch operation (pldl1keep, pstl2strm, plil3keep, ... or #0...#31)")
            }
            code = c
        } else {
            let v = try imm(0, what: "a prefetch operation")
            guard v >= 0 && v <= 31 else { throw AssemblyError(location(0), "prefetch operation \(v) out of range 0...31") }
            code = UInt8(v)
        }
        let inst = try loadStore(.prfm, -1, unscaledOnly: m == "prfum",
                                 transfer: Register(number: code, is64: true, isSP: false))
        guard inst.mode != .pre && inst.mode != .post else {
            throw AssemblyError(location(1), "'\(m)' has no write-back form")
        }
        return inst
    }

    /// Whether an identifier operand names a symbol rather than a prefetch operation (so that
    /// `prfm SOME_CONSTANT, [x0]` is evaluated).
    func isImmediateSymbol(_ name: String) -> Bool { PrefetchName.code(name) == nil && assembly.symbols[name] != nil }

    /// `[Xn|SP]` or `[Xn|SP, #0]`: the only address of the exclusives and acquire/release forms.
    mutating func baseOnly(_ i: Int) throws -> UInt8 {
        let (base, parts, writeback) = try memory(i)
        if writeback { throw AssemblyError(location(i), "'\(m)' has no write-back form") }
        if let off = parts.first {
            var g = off
            if g[0].isPunct("#") { g.removeFirst() }
            if try evaluate(g, at: i) != 0 || parts.count > 1 {
                throw AssemblyError(off[0].location, "the offset of '\(m)' can only be 0")
            }
        }
        return base.number
    }

    mutating func exclusive(_ op: Op, _ fixedSize: Int) throws -> Instruction {
        let stores = op == .stxr || op == .stlxr || op == .stxp || op == .stlxp
        let pair = op == .ldxp || op == .ldaxp || op == .stxp || op == .stlxp
        let first = stores ? 1 : 0
        try count(first + (pair ? 3 : 2))
        var rs: UInt8 = 31
        if stores { rs = try reg(0, width: false).number }
        let rt = try reg(first, width: fixedSize >= 0 ? false : nil)
        var rt2: UInt8 = 31
        if pair {
            let r = try reg(first + 1)
            try sameWidth(r, first + 1, as: rt.is64)
            rt2 = r.number
        }
        let base = try baseOnly(first + (pair ? 2 : 1))
        let size = fixedSize >= 0 ? fixedSize : (rt.is64 ? 3 : 2)
        return Instruction(op: op, sf: size == 3, rd: rt.number, rn: base, rm: rs, ra: rt2, size: UInt8(size), mode: .offset)
    }
}
