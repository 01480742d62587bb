import A64

enum Instructions {
    /// Operand-less hint mnemonics (NOP, WFI, YIELD, ...), from the disassembler's own names.
    static func hint(_ m: String) -> Int64? { HintName.code(m).map { Int64($0) } ?? (m == "dgh" ? 6 : nil) }
    static let exceptions: [String: Op] = ["svc": .svc, "hvc": .hvc, "smc": .smc, "brk": .brk, "hlt": .hlt, "udf": .udf]
    static let addSub: Set<String> = ["add", "sub", "adds", "subs", "cmp", "cmn"]
    static let logical: [String: (imm: Op, shifted: Op, invert: Bool)] = [
        "and": (.andImm, .andShift, false), "orr": (.orrImm, .orrShift, false), "eor": (.eorImm, .eorShift, false),
        "ands": (.andsImm, .andsShift, false), "bic": (.andImm, .bicShift, true), "orn": (.orrImm, .ornShift, true),
        "eon": (.eorImm, .eonShift, true), "bics": (.andsImm, .bicsShift, true),
    ]
    static let shifts: [String: (Shift, Op)] = ["lsl": (.lsl, .lslv), "lsr": (.lsr, .lsrv), "asr": (.asr, .asrv), "ror": (.ror, .rorv)]
    static let extends: [String: Extend] = ["uxtb": .uxtb, "uxth": .uxth, "uxtw": .uxtw, "uxtx": .uxtx,
                                            "sxtb": .sxtb, "sxth": .sxth, "sxtw": .sxtw, "sxtx": .sxtx]
    /// Three registers of one width: the two-source operations and add/subtract with carry.
    static let twoSource: [String: Op] = ["udiv": .udiv, "sdiv": .sdiv, "lslv": .lslv, "lsrv": .lsrv, "asrv": .asrv, "rorv": .rorv,
                                          "adc": .adc, "adcs": .adcs, "sbc": .sbc, "sbcs": .sbcs]
    static let condSelect: [String: Op] = ["csel": .csel, "csinc": .csinc, "csinv": .csinv, "csneg": .csneg]
    /// mnemonic -> (op, size or -1 from the register, W/X target for ldrs (nil: from register), unscaled only)
    static let loadStore: [String: (op: Op, size: Int, unscaled: Bool)] = [
        "ldr": (.ldr, -1, false), "str": (.str, -1, false),
        "ldrb": (.ldr, 0, false), "strb": (.str, 0, false), "ldrh": (.ldr, 1, false), "strh": (.str, 1, false),
        "ldrsb": (.ldrs, 0, false), "ldrsh": (.ldrs, 1, false), "ldrsw": (.ldrs, 2, false),
        "ldur": (.ldr, -1, true), "stur": (.str, -1, true),
        "ldurb": (.ldr, 0, true), "sturb": (.str, 0, true), "ldurh": (.ldr, 1, true), "sturh": (.str, 1, true),
        "ldursb": (.ldrs, 0, true), "ldursh": (.ldrs, 1, true), "ldursw": (.ldrs, 2, true),
    ]
    static let others: Set<String> = [
        "mov", "movz", "movn", "movk", "tst", "neg", "negs", "mvn",
        "ubfm", "sbfm", "bfm", "ubfx", "sbfx", "ubfiz", "sbfiz", "bfi", "bfxil", "uxtb", "uxth", "sxtb", "sxth", "sxtw",
        "extr", "madd", "msub", "mul", "mneg", "cset", "csetm", "cinc", "cinv", "cneg",
        "adr", "adrp", "b", "bl", "br", "blr", "ret", "cbz", "cbnz", "tbz", "tbnz", "ldp", "stp",
        "mrs", "msr", "isb", "dsb", "dmb", "sb", "clrex", "hint", "eret", "tlbi", "dc", "ic", "at", "sys", "fmov",
        "psb", "tsb", "bti", "ssbb", "pssbb",
    ]

    static func condition(ofBranch m: String) -> UInt8? {
        if m.hasPrefix("b."), let c = ConditionName.code(String(m.dropFirst(2))) { return c }
        if m.count == 3, m.hasPrefix("b"), let c = ConditionName.code(String(m.dropFirst())) { return c }
        return nil
    }

    static func isKnown(_ m: String) -> Bool {
        others.contains(m) || addSub.contains(m) || logical[m] != nil || shifts[m] != nil || twoSource[m] != nil
            || condSelect[m] != nil || loadStore[m] != nil || hint(m) != nil || exceptions[m] != nil
            || condition(ofBranch: m) != nil || IntegerInstructions.isKnown(m)
    }
}

extension Assembly {
    func encodeInstruction(_ st: Statement, pc: UInt64) throws -> UInt32 {
        var p = OperandParser(st: st, assembly: self, pc: pc)
        let inst = try p.build()
        do {
            return try Encoder.encode(inst)
        } catch let e as EncodingError {
            throw AssemblyError(p.errorLocation ?? st.mnemonicToken.location, "\(e.message) in '\(st.mnemonic)'")
        }
    }
}

/// Reads the operands of one instruction (second pass: all symbols have addresses) and builds
/// the `Instruction` GNU as would encode, choosing aliases the way it does.
struct OperandParser {
    let st: Statement
    let assembly: Assembly
    let pc: UInt64
    let groups: [[Token]]
    /// Where an encoder error (range, alignment) is reported: the operand holding the value.
    var errorLocation: SourceLocation?

    init(st: Statement, assembly: Assembly, pc: UInt64) {
        self.st = st; self.assembly = assembly; self.pc = pc
        groups = st.operands.isEmpty ? [] : assembly.splitOperands(st.operands)
    }

    var m: String { st.mnemonic }

    // MARK: Messages

    func endLocation(of t: Token) -> SourceLocation { st.line.location(at: t.end) }

    /// Location of operand `i` (or just after the previous one when missing).
    func location(_ i: Int) -> SourceLocation {
        if i < groups.count, let f = groups[i].first { return f.location }
        if let last = st.operands.last { return endLocation(of: last) }
        return endLocation(of: st.mnemonicToken)
    }
    func after(_ i: Int) -> String { i == 0 ? "after '\(st.mnemonicToken.identifier ?? m)'" : "after ','" }
    func found(_ i: Int) -> String {
        guard i < groups.count, !groups[i].isEmpty else { return "end of line" }
        let g = groups[i]
        if g.count == 1 { return g[0].text }
        let line = st.line.text
        let s = g[0].start, e = g[g.count - 1].end
        return s < e && e <= line.count ? quoted(line[s..<e]) : g[0].text
    }
    func expected(_ i: Int, _ what: String) -> AssemblyError {
        AssemblyError(location(i), "expected \(what) \(after(i)) but found \(found(i))")
    }

    func count(_ n: Int, optional: Int = 0) throws {
        if groups.count > n + optional {
            let g = groups[n + optional]
            let comma = g.first.map { t -> SourceLocation in t.location } ?? location(n + optional)
            throw AssemblyError(comma, "too many operands for '\(m)' (expected \(optional == 0 ? "\(n)" : "\(n)...\(n + optional)"))")
        }
        if groups.count < n {
            throw expected(groups.count, "\(groups.isEmpty ? "an operand" : "another operand")")
        }
        for (i, g) in groups.enumerated() where g.isEmpty { throw expected(i, "an operand") }
    }

    // MARK: Operand readers

    func register(_ i: Int) -> Register? {
        guard i < groups.count, groups[i].count == 1, let n = groups[i][0].identifier else { return nil }
        return Registers.parse(n)
    }

    /// A general register. `sp`: whether SP (not ZR) may appear; `width`: nil any, else required.
    /// `zeroToo`: register 31 may also be written as the zero register (add/sub with register
    /// operands, which then take the shifted-register form).
    func reg(_ i: Int, sp: Bool = false, width: Bool? = nil, zeroToo: Bool = false) throws -> Register {
        let what = width == nil ? "a register" : width! ? "a 64-bit (X) register" : "a 32-bit (W) register"
        guard let r = register(i) else { throw expected(i, what) }
        if let width, r.is64 != width { throw expected(i, what) }
        if r.isSP && !sp { throw AssemblyError(location(i), "\(found(i)) is not allowed here (expected a general register or \(r.is64 ? "xzr" : "wzr"))") }
        if r.isZR && sp && !zeroToo && r.number == 31 {
            throw AssemblyError(location(i), "\(found(i)) is not allowed here (this operand is \(r.is64 ? "sp" : "wsp") when 31)")
        }
        return r
    }

    func sameWidth(_ r: Register, _ i: Int, as sf: Bool) throws {
        if r.is64 != sf { throw expected(i, sf ? "a 64-bit (X) register" : "a 32-bit (W) register") }
    }

    func isImmediate(_ i: Int) -> Bool {
        guard i < groups.count, let f = groups[i].first else { return false }
        if f.isPunct("#") { return true }
        return register(i) == nil
    }

    /// Evaluates tokens as a final value (addresses known).
    func evaluate(_ tokens: [Token], at i: Int) throws -> Int64 {
        guard !tokens.isEmpty else { throw expected(i, "an expression") }
        var p = ExpressionParser(tokens: tokens, index: 0, line: st.line)
        let e = try p.parse()
        if p.index < tokens.count {
            throw AssemblyError(tokens[p.index].location, "unexpected \(tokens[p.index].text) in operand \(i + 1) of '\(m)'")
        }
        return try e.evaluate(assembly.finalContext(dot: pc))
    }

    /// `#expr`, `expr`, or (with `allowLo12`) `#:lo12:expr` / `:lo12:expr` (low 12 bits).
    /// Returns (value, isLo12). Other relocation operators are not allowed here.
    mutating func immediate(_ i: Int, what: String = "an immediate", allowLo12: Bool = false) throws -> (Int64, Bool) {
        guard i < groups.count, !groups[i].isEmpty else { throw expected(i, what) }
        var g = groups[i][...]
        if g.first!.isPunct("#") { g = g.dropFirst() }
        if register(i) != nil { throw expected(i, what) }
        var lo12 = false
        if let (op, at) = try relocationPrefix(&g) {
            guard op == .lo12, allowLo12 else { throw relocationNotAllowed(op, at) }
            lo12 = true
        }
        errorLocation = groups[i][0].location
        if g.isEmpty { throw expected(i, what) }
        if let f = g.first, let n = f.identifier, Registers.parse(n) != nil, g.count == 1 { throw expected(i, what) }
        var v = try evaluate(Array(g), at: i)
        if lo12 { v &= 0xfff }
        return (v, lo12)
    }

    mutating func imm(_ i: Int, what: String = "an immediate") throws -> Int64 { try immediate(i, what: what).0 }

    /// A branch or PC-relative target checked against the reach of the instruction.
    mutating func target(_ i: Int, reach: Int64, what: String) throws -> Int64 {
        let off = try target(i)
        if what != "adr" && off & 3 != 0 {
            throw AssemblyError(location(i), "\(what) target 0x\(String(UInt64(bitPattern: off &+ Int64(bitPattern: pc)), radix: 16)) is not 4-byte aligned")
        }
        guard off >= -reach && off < reach else {
            throw AssemblyError(location(i), "\(what) target out of range: offset \(off) bytes, '\(m)' reaches -\(reach)...\(reach - (what == "adr" ? 1 : 4))")
        }
        return off
    }

    /// A label/expression target; returns the byte offset from this instruction.
    mutating func target(_ i: Int) throws -> Int64 {
        guard i < groups.count, !groups[i].isEmpty else { throw expected(i, "a label or address") }
        if register(i) != nil { throw expected(i, "a label or address") }
        errorLocation = groups[i][0].location
        var g = groups[i]
        if g[0].isPunct("#") { g.removeFirst() }
        let v = try evaluate(g, at: i)
        return v &- Int64(bitPattern: pc)
    }

    func identifierOperand(_ i: Int) -> String? {
        guard i < groups.count, groups[i].count == 1 else { return nil }
        return groups[i][0].identifier?.lowercased()
    }

    func conditionOperand(_ i: Int, allowAL: Bool = true) throws -> UInt8 {
        guard let s = identifierOperand(i), let c = ConditionName.code(s) else { throw expected(i, "a condition (eq, ne, hs, lo, ...)") }
        if !allowAL && c >= 14 { throw AssemblyError(location(i), "condition \(found(i)) is not allowed with '\(m)'") }
        return c
    }

    /// `lsl #n` style modifier: returns (name, amount or nil).
    mutating func modifier(_ i: Int) throws -> (String, Int64?)? {
        guard i < groups.count, let f = groups[i].first, let name = f.identifier?.lowercased() else { return nil }
        let rest = Array(groups[i].dropFirst())
        if rest.isEmpty { return (name, nil) }
        var g = rest
        if g[0].isPunct("#") { g.removeFirst() }
        errorLocation = rest[0].location
        return (name, try evaluate(g, at: i))
    }

    // MARK: Build

    mutating func build() throws -> Instruction {
        if let i = try buildFloatingPoint() { return i }
        if let i = try buildIntegerAddition() { return i }
        if let c = Instructions.condition(ofBranch: m) {
            try count(1)
            return Instruction(op: .bcond, imm: try target(0, reach: 1 << 20, what: "branch"), cond: c)
        }
        if let op = Instructions.exceptions[m] {
            try count(1)
            let v = try imm(0)
            guard v >= 0 && v <= 0xffff else { throw AssemblyError(location(0), "immediate \(v) out of range 0...65535") }
            return Instruction(op: op, imm: v)
        }
        if Instructions.addSub.contains(m) { return try addSub() }
        if let l = Instructions.logical[m] { return try logical(l.imm, l.shifted, l.invert, rdIndex: 0) }
        if let (shift, op) = Instructions.shifts[m] { return try shiftAlias(shift, op) }
        if let op = Instructions.twoSource[m] {
            try count(3)
            let rd = try reg(0); let rn = try reg(1); let rm = try reg(2)
            try sameWidth(rn, 1, as: rd.is64); try sameWidth(rm, 2, as: rd.is64)
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: rn.number, rm: rm.number)
        }
        if let op = Instructions.condSelect[m] {
            try count(4)
            let rd = try reg(0); let rn = try reg(1); let rm = try reg(2)
            try sameWidth(rn, 1, as: rd.is64); try sameWidth(rm, 2, as: rd.is64)
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: rn.number, rm: rm.number, cond: try conditionOperand(3))
        }
        if let ls = Instructions.loadStore[m] { return try loadStore(ls.op, ls.size, unscaledOnly: ls.unscaled) }
        if !Instructions.others.contains(m), let h = Instructions.hint(m) {
            try count(0)
            return Instruction(op: .hint, imm: h)
        }

        switch m {
        case "mov": return try mov()
        case "movz", "movn", "movk":
            if let rd = register(0), let inst = try moveWideRelocation(rd) { return inst }
            try count(2, optional: 1)
            let rd = try reg(0)
            let v = try imm(1)
            var shift: Int64 = 0
            if groups.count == 3 {
                guard let (name, amount) = try modifier(2), name == "lsl", let a = amount else { throw expected(2, "'lsl #amount'") }
                shift = a
            }
            guard v >= 0 && v <= 0xffff else { throw AssemblyError(location(1), "immediate \(v) out of range 0...65535 for '\(m)'") }
            guard [0, 16, 32, 48].contains(shift), rd.is64 || shift <= 16 else {
                throw AssemblyError(location(2), "shift \(shift) must be \(rd.is64 ? "0, 16, 32 or 48" : "0 or 16")")
            }
            let op: Op = m == "movz" ? .movz : m == "movn" ? .movn : .movk
            return Instruction(op: op, sf: rd.is64, rd: rd.number, imm: v, amount: UInt8(shift))
        case "tst":
            return try logical(.andsImm, .andsShift, false, rdIndex: nil)
        case "neg", "negs", "mvn":
            try count(2, optional: 1)
            let rd = try reg(0); let rm = try reg(1)
            try sameWidth(rm, 1, as: rd.is64)
            let (shift, amount) = try shiftOperand(2, allowROR: m == "mvn")
            let op: Op = m == "neg" ? .subShift : m == "negs" ? .subsShift : .ornShift
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: 31, rm: rm.number, shift: shift, amount: amount)
        case "ubfm", "sbfm", "bfm":
            try count(4)
            let rd = try reg(0); let rn = try reg(1)
            try sameWidth(rn, 1, as: rd.is64)
            let r = try imm(2), s = try imm(3)
            let maxBit: Int64 = rd.is64 ? 63 : 31
            guard r >= 0 && r <= maxBit else { throw AssemblyError(location(2), "immr \(r) out of range 0...\(maxBit)") }
            guard s >= 0 && s <= maxBit else { throw AssemblyError(location(3), "imms \(s) out of range 0...\(maxBit)") }
            let op: Op = m == "ubfm" ? .ubfm : m == "sbfm" ? .sbfm : .bfm
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: rn.number, n: rd.is64 ? 1 : 0, immr: UInt8(r), imms: UInt8(s))
        case "ubfx", "sbfx", "ubfiz", "sbfiz", "bfi", "bfxil":
            try count(4)
            let rd = try reg(0); let rn = try reg(1)
            try sameWidth(rn, 1, as: rd.is64)
            let size: Int64 = rd.is64 ? 64 : 32
            let lsb = try imm(2), width = try imm(3)
            guard lsb >= 0 && lsb < size else { throw AssemblyError(location(2), "lsb \(lsb) out of range 0...\(size - 1)") }
            guard width >= 1 && width <= size - lsb else { throw AssemblyError(location(3), "width \(width) out of range 1...\(size - lsb)") }
            let op: Op = m.hasPrefix("u") ? .ubfm : m.hasPrefix("s") ? .sbfm : .bfm
            let insert = m.hasSuffix("iz") || m == "bfi"
            let immr = insert ? (size - lsb) % size : lsb
            let imms = insert ? width - 1 : lsb + width - 1
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: rn.number, n: rd.is64 ? 1 : 0, immr: UInt8(immr), imms: UInt8(imms))
        case "uxtb", "uxth", "sxtb", "sxth", "sxtw":
            try count(2)
            let rd = try reg(0, width: m == "sxtw" ? true : nil)
            let rn = try reg(1, width: false)
            let imms: UInt8 = m.hasSuffix("b") ? 7 : m.hasSuffix("h") ? 15 : 31
            // UXTB/UXTH always write a W register (GNU as accepts an X name and encodes the W form).
            let sf = m.hasPrefix("u") ? false : rd.is64
            return Instruction(op: m.hasPrefix("u") ? .ubfm : .sbfm, sf: sf, rd: rd.number, rn: rn.number,
                               n: sf ? 1 : 0, immr: 0, imms: imms)
        case "extr":
            try count(4)
            let rd = try reg(0); let rn = try reg(1); let rm = try reg(2)
            try sameWidth(rn, 1, as: rd.is64); try sameWidth(rm, 2, as: rd.is64)
            let lsb = try imm(3)
            let maxBit: Int64 = rd.is64 ? 63 : 31
            guard lsb >= 0 && lsb <= maxBit else { throw AssemblyError(location(3), "lsb \(lsb) out of range 0...\(maxBit)") }
            return Instruction(op: .extr, sf: rd.is64, rd: rd.number, rn: rn.number, rm: rm.number, imms: UInt8(lsb))
        case "madd", "msub", "mul", "mneg":
            let four = m == "madd" || m == "msub"
            try count(four ? 4 : 3)
            let rd = try reg(0); let rn = try reg(1); let rm = try reg(2)
            try sameWidth(rn, 1, as: rd.is64); try sameWidth(rm, 2, as: rd.is64)
            var ra: UInt8 = 31
            if four { let r = try reg(3); try sameWidth(r, 3, as: rd.is64); ra = r.number }
            return Instruction(op: (m == "madd" || m == "mul") ? .madd : .msub, sf: rd.is64, rd: rd.number, rn: rn.number, rm: rm.number, ra: ra)
        case "cset", "csetm":
            try count(2)
            let rd = try reg(0)
            let c = try conditionOperand(1, allowAL: false)
            return Instruction(op: m == "cset" ? .csinc : .csinv, sf: rd.is64, rd: rd.number, rn: 31, rm: 31, cond: c ^ 1)
        case "cinc", "cinv", "cneg":
            try count(3)
            let rd = try reg(0); let rn = try reg(1)
            try sameWidth(rn, 1, as: rd.is64)
            let c = try conditionOperand(2, allowAL: false)
            let op: Op = m == "cinc" ? .csinc : m == "cinv" ? .csinv : .csneg
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: rn.number, rm: rn.number, cond: c ^ 1)
        case "adr", "adrp":
            try count(2)
            let rd = try reg(0, width: true)
            errorLocation = location(1)
            var g = groups[1][...]
            if let (op, at) = try relocationPrefix(&g) {
                // `adrp xN, :pg_hi21:sym` is plain ADRP; nothing else takes an operator here.
                guard m == "adrp", op == .pg_hi21 || op == .pg_hi21_nc else { throw relocationNotAllowed(op, at) }
                guard !g.isEmpty else { throw expected(1, "an expression after ':\(op.rawValue):'") }
                let t = try evaluate(Array(g), at: 1)
                return Instruction(op: .adrp, rd: rd.number, imm: (t & ~0xfff) &- (Int64(bitPattern: pc) & ~0xfff))
            }
            if m == "adr" { return Instruction(op: .adr, rd: rd.number, imm: try target(1, reach: 1 << 20, what: "adr")) }
            let t = try target(1) &+ Int64(bitPattern: pc)
            let off = (t & ~0xfff) &- (Int64(bitPattern: pc) & ~0xfff)
            return Instruction(op: .adrp, rd: rd.number, imm: off)
        case "b", "bl":
            try count(1)
            return Instruction(op: m == "b" ? .b : .bl, imm: try target(0, reach: 1 << 27, what: "branch"))
        case "br", "blr":
            try count(1)
            return Instruction(op: m == "br" ? .br : .blr, rn: try reg(0, width: true).number)
        case "ret":
            try count(0, optional: 1)
            return Instruction(op: .ret, rn: groups.isEmpty ? 30 : try reg(0, width: true).number)
        case "eret":
            try count(0)
            return Instruction(op: .eret)
        case "cbz", "cbnz":
            try count(2)
            let rt = try reg(0)
            return Instruction(op: m == "cbz" ? .cbz : .cbnz, sf: rt.is64, rd: rt.number, imm: try target(1, reach: 1 << 20, what: "branch"))
        case "tbz", "tbnz":
            try count(3)
            let rt = try reg(0)
            let bit = try imm(1)
            let maxBit: Int64 = rt.is64 ? 63 : 31
            guard bit >= 0 && bit <= maxBit else { throw AssemblyError(location(1), "bit number \(bit) out of range 0...\(maxBit)") }
            return Instruction(op: m == "tbz" ? .tbz : .tbnz, sf: bit >= 32, rd: rt.number, imm: try target(2, reach: 1 << 15, what: "branch"), cond: UInt8(bit))
        case "ldp", "stp": return try pair()
        case "mrs":
            try count(2)
            let rt = try reg(0, width: true)
            return Instruction(op: .mrs, rd: rt.number, sys: try systemRegister(1))
        case "msr":
            try count(2)
            if let f = identifierOperand(0), let (op1, op2) = Registers.pstateFields[f], isImmediate(1) {
                let v = try imm(1)
                let maxV: Int64 = f == "spsel" ? 1 : 15
                guard v >= 0 && v <= maxV else { throw AssemblyError(location(1), "immediate \(v) out of range 0...\(maxV) for \(f)") }
                return Instruction(op: .msrImm, imm: v, sys: DecodeTable.msrImmSys(op1: op1, op2: op2))
            }
            let sys = try systemRegister(0)
            let rt = try reg(1, width: true)
            return Instruction(op: .msr, rd: rt.number, sys: sys)
        case "isb", "dsb", "dmb":
            try count(m == "isb" ? 0 : 1, optional: m == "isb" ? 1 : 0)
            var v: Int64 = 15
            if !groups.isEmpty {
                if let s = identifierOperand(0) {
                    guard let o = BarrierName.code(s).map({ Int64($0) }), m != "isb" || o == 15 else {
                        throw expected(0, m == "isb" ? "'sy' or #imm" : "a barrier option (sy, ish, ishst, ld, ...)")
                    }
                    v = o
                } else {
                    v = try imm(0)
                    guard v >= 0 && v <= 15 else { throw AssemblyError(location(0), "barrier option \(v) out of range 0...15") }
                }
            }
            let op: Op = m == "isb" ? .isb : m == "dsb" ? .dsb : .dmb
            return Instruction(op: op, imm: v)
        case "clrex":
            try count(0, optional: 1)
            var v: Int64 = 15
            if !groups.isEmpty {
                v = try imm(0)
                guard v >= 0 && v <= 15 else { throw AssemblyError(location(0), "immediate \(v) out of range 0...15") }
            }
            return Instruction(op: .clrex, imm: v)
        case "sb":
            try count(0)
            return Instruction(op: .sb)
        case "ssbb", "pssbb":
            // DSB with options 0 and 4, as objdump prints them.
            try count(0)
            return Instruction(op: .dsb, imm: m == "ssbb" ? 0 : 4)
        case "psb", "tsb", "bti":
            // Hints with an operand: `psb csync`, `tsb csync`, `bti`, `bti c`, `bti j`, `bti jc`.
            try count(m == "bti" ? 0 : 1, optional: m == "bti" ? 1 : 0)
            let name = m + (groups.isEmpty ? "" : " " + (identifierOperand(0) ?? ""))
            guard let h = HintName.code(name) else {
                throw expected(0, m == "bti" ? "c, j or jc" : "csync")
            }
            return Instruction(op: .hint, imm: Int64(h))
        case "hint":
            try count(1)
            let v = try imm(0)
            guard v >= 0 && v <= 127 else { throw AssemblyError(location(0), "hint \(v) out of range 0...127") }
            return Instruction(op: .hint, imm: v)
        case "tlbi", "dc", "ic", "at":
            // The one SYS alias table (objdump's names) names every operation.
            guard let name = identifierOperand(0), let (sys, needsReg) = SystemInstructionName.sys(named: m + " " + name) else {
                let examples = SystemInstructionName.table.map(\.name).filter { $0.hasPrefix(m + " ") }.prefix(4)
                    .map { String($0.dropFirst(m.count + 1)) }
                throw expected(0, "a \(m.uppercased()) operation (e.g. \(examples.joined(separator: ", ")))")
            }
            try count(needsReg ? 2 : 1)
            let rt: UInt8 = needsReg ? try reg(1, width: true).number : 31
            return Instruction(op: .sys, rd: rt, sys: sys)
        case "sys":
            try count(4, optional: 1)
            let op1 = try imm(0)
            guard op1 >= 0 && op1 <= 7 else { throw AssemblyError(location(0), "op1 \(op1) out of range 0...7") }
            func cr(_ i: Int) throws -> UInt8 {
                guard let s = identifierOperand(i), s.hasPrefix("c"), let v = UInt8(s.dropFirst()), v <= 15 else {
                    throw expected(i, "a control register name C0...C15")
                }
                return v
            }
            let crn = try cr(1), crm = try cr(2)
            let op2 = try imm(3)
            guard op2 >= 0 && op2 <= 7 else { throw AssemblyError(location(3), "op2 \(op2) out of range 0...7") }
            let rt: UInt8 = groups.count == 5 ? try reg(4, width: true).number : 31
            return Instruction(op: .sys, rd: rt, sys: SystemRegisterEncoding(op0: 1, op1: UInt8(op1), crn: crn, crm: crm, op2: UInt8(op2)).packed)
        default:
            throw AssemblyError(st.mnemonicToken.location, "unknown instruction '\(st.mnemonicToken.identifier ?? m)'")
        }
    }

    func systemRegister(_ i: Int) throws -> UInt16 {
        guard let s = identifierOperand(i) else { throw expected(i, "a system register name") }
        if let e = SystemRegisterEncoding(name: s) { return e.packed }
        throw AssemblyError(location(i), "unknown system register \(found(i)) (use the generic form S<op0>_<op1>_C<n>_C<m>_<op2>)")
    }

    /// Optional `shift #amount` at operand i (absent: LSL #0).
    mutating func shiftOperand(_ i: Int, allowROR: Bool) throws -> (UInt8, UInt8) {
        guard i < groups.count else { return (0, 0) }
        guard let (name, amount) = try modifier(i), let s = ["lsl": Shift.lsl, "lsr": .lsr, "asr": .asr, "ror": .ror][name],
              allowROR || s != .ror else {
            throw expected(i, allowROR ? "a shift (lsl, lsr, asr, ror)" : "a shift (lsl, lsr, asr)")
        }
        guard let a = amount else { throw AssemblyError(endLocation(of: groups[i][0]), "expected '#amount' after \(groups[i][0].text)") }
        guard a >= 0 && a <= 63 else { throw AssemblyError(location(i), "shift amount \(a) out of range") }
        return (s.rawValue, UInt8(a))
    }

    // MARK: Families

    mutating func mov() throws -> Instruction {
        try count(2)
        guard let rd = register(0) else { throw expected(0, "a register") }
        if let rm = register(1) {
            try sameWidth(rm, 1, as: rd.is64)
            if (rd.isSP && rm.isZR) || (rd.isZR && rm.isSP) {
                throw AssemblyError(location(1), "cannot move between \(found(0)) and \(found(1)) (31 is sp in one and zr in the other)")
            }
            if rd.isSP || rm.isSP {
                return Instruction(op: .addImm, sf: rd.is64, rd: rd.number, rn: rm.number, imm: 0)
            }
            return Instruction(op: .orrShift, sf: rd.is64, rd: rd.number, rn: 31, rm: rm.number)
        }
        let v = try imm(1)
        let sf = rd.is64
        if !sf && v >> 32 != 0 && v >> 32 != -1 {
            throw AssemblyError(location(1), "immediate \(v) does not fit in 32 bits")
        }
        let mask: UInt64 = sf ? ~0 : 0xffff_ffff
        let u = UInt64(bitPattern: v) & mask
        func single(_ x: UInt64) -> (UInt64, UInt8)? {
            for hw in 0..<(sf ? 4 : 2) where x & ~(UInt64(0xffff) << UInt64(hw * 16)) == 0 {
                return (x >> UInt64(hw * 16), UInt8(hw * 16))
            }
            return nil
        }
        if !rd.isSP {
            if let (c, s) = single(u) { return Instruction(op: .movz, sf: sf, rd: rd.number, imm: Int64(c), amount: s) }
            if let (c, s) = single(~u & mask) { return Instruction(op: .movn, sf: sf, rd: rd.number, imm: Int64(c), amount: s) }
        }
        if let f = BitmaskImmediate.encode(u, sf: sf) {
            return Instruction(op: .orrImm, sf: sf, rd: rd.number, rn: 31, imm: Int64(bitPattern: u), n: f.n, immr: f.immr, imms: f.imms)
        }
        throw AssemblyError(location(1), "immediate 0x\(String(u, radix: 16)) cannot be loaded by a single 'mov' (use 'ldr \(groups[0].first?.identifier ?? "xN"), =value' or movz/movk)")
    }

    mutating func addSub() throws -> Instruction {
        let compare = m == "cmp" || m == "cmn"
        let setsFlags = compare || m.hasSuffix("s")
        var subtract = m.hasPrefix("sub") || m == "cmp"
        let base = compare ? 0 : 1
        try count(base + 2, optional: 1)
        let i2 = base + 1
        // With a register third operand, xzr/wzr may stand as Rd or Rn: GNU as then uses the
        // shifted-register form, where 31 is the zero register.
        let registerForm = !isImmediate(i2)
        let rd: Register
        if compare { rd = Register(number: 31, is64: true, isSP: false) } else { rd = try reg(0, sp: !setsFlags, zeroToo: registerForm) }
        let rn = try reg(base, sp: true, zeroToo: registerForm)
        let sf = compare ? rn.is64 : rd.is64
        if !compare { try sameWidth(rn, base, as: sf) }
        let zeroIndex = rn.isZR && rn.number == 31 ? base : !compare && rd.isZR && rd.number == 31 ? 0 : nil
        if isImmediate(i2) {
            var (v, lo12) = try immediate(i2, allowLo12: m == "add")
            var amount: UInt8 = 0
            if groups.count > i2 + 1 {
                guard let (name, a) = try modifier(i2 + 1), name == "lsl", let a, a == 0 || a == 12 else {
                    throw expected(i2 + 1, "'lsl #0' or 'lsl #12'")
                }
                amount = UInt8(a)
                if v < 0 && v > -0x1000 { v = -v; subtract.toggle() }
            } else if !lo12 {
                if v < 0 && v > -0x100_0000 { v = -v; subtract.toggle() }
                if v > 0xfff && v & 0xfff == 0 && v >> 12 <= 0xfff { v >>= 12; amount = 12 }
            }
            guard v >= 0 && v <= 0xfff else {
                throw AssemblyError(location(i2), "immediate \(v) out of range 0...4095 (optionally shifted by 12) for '\(m)'")
            }
            let op: Op = subtract ? (setsFlags ? .subsImm : .subImm) : (setsFlags ? .addsImm : .addImm)
            return Instruction(op: op, sf: sf, rd: rd.number, rn: rn.number, imm: v, amount: amount)
        }
        let rm = try reg(i2)
        if let z = zeroIndex, rd.isSP || rn.isSP {
            throw AssemblyError(location(z), "\(found(z)) cannot be combined with sp: expected a general register")
        }
        var useExtend = rd.isSP || rn.isSP
        var ext: Extend = sf ? .uxtx : .uxtw
        var shift: UInt8 = 0, amount: UInt8 = 0
        if groups.count > i2 + 1 {
            guard let (name, a) = try modifier(i2 + 1) else { throw expected(i2 + 1, "a shift or extend") }
            if let e = Instructions.extends[name] {
                useExtend = true; ext = e
                let amt = a ?? 0
                guard amt >= 0 && amt <= 4 else { throw AssemblyError(location(i2 + 1), "extend shift \(amt) out of range 0...4") }
                amount = UInt8(amt)
            } else if let s = ["lsl": Shift.lsl, "lsr": .lsr, "asr": .asr][name] {
                guard let a else { throw AssemblyError(endLocation(of: groups[i2 + 1][0]), "expected '#amount' after \(groups[i2 + 1][0].text)") }
                if useExtend {
                    guard s == .lsl, a >= 0 && a <= 4 else { throw AssemblyError(location(i2 + 1), "with sp only 'lsl #0...4' is allowed") }
                    amount = UInt8(a)
                } else {
                    guard a >= 0 && a < (sf ? 64 : 32) else { throw AssemblyError(location(i2 + 1), "shift amount \(a) out of range 0...\(sf ? 63 : 31)") }
                    shift = s.rawValue; amount = UInt8(a)
                }
            } else { throw expected(i2 + 1, "a shift (lsl, lsr, asr) or extend (uxtw, sxtw, ...)") }
        }
        if useExtend, let z = zeroIndex {
            throw AssemblyError(location(z), "\(found(z)) is not allowed with an extend: expected a shift (lsl, lsr, asr) or a general register")
        }
        if useExtend {
            let wantsX = ext == .uxtx || ext == .sxtx
            // GNU as also takes a W register with UXTX/SXTX.
            if sf { if !wantsX { try sameWidth(rm, i2, as: false) } } else { try sameWidth(rm, i2, as: false) }
            let op: Op = subtract ? (setsFlags ? .subsExt : .subExt) : (setsFlags ? .addsExt : .addExt)
            return Instruction(op: op, sf: sf, rd: rd.number, rn: rn.number, rm: rm.number, shift: ext.rawValue, amount: amount)
        }
        try sameWidth(rm, i2, as: sf)
        if rn.isSP { throw AssemblyError(location(base), "sp is not allowed with a shifted register") }
        let op: Op = subtract ? (setsFlags ? .subsShift : .subShift) : (setsFlags ? .addsShift : .addShift)
        return Instruction(op: op, sf: sf, rd: rd.number, rn: rn.number, rm: rm.number, shift: shift, amount: amount)
    }

    mutating func logical(_ immOp: Op, _ shiftOp: Op, _ invert: Bool, rdIndex: Int?) throws -> Instruction {
        let base = rdIndex == nil ? 0 : 1
        try count(base + 2, optional: 1)
        var rd = Register(number: 31, is64: true, isSP: false)
        let rn = try reg(base)
        let sf: Bool
        if rdIndex != nil {
            rd = try reg(0, sp: immOp != .andsImm && isImmediate(base + 1))
            sf = rd.is64
            try sameWidth(rn, base, as: sf)
        } else { sf = rn.is64 }
        let i2 = base + 1
        if isImmediate(i2) {
            // GNU as has an immediate alias for BIC only (not ORN/EON/BICS).
            if ["orn", "eon", "bics"].contains(m) { throw expected(i2, "a register") }
            guard groups.count == i2 + 1 else { throw AssemblyError(location(i2 + 1), "too many operands for '\(m)'") }
            var v = try imm(i2)
            if !sf && v >> 32 != 0 && v >> 32 != -1 { throw AssemblyError(location(i2), "immediate \(v) does not fit in 32 bits") }
            if invert { v = ~v }
            let u = UInt64(bitPattern: v) & (sf ? ~0 : 0xffff_ffff)
            guard let f = BitmaskImmediate.encode(u, sf: sf) else {
                throw AssemblyError(location(i2), "immediate 0x\(String(u, radix: 16)) is not a valid bitmask immediate for '\(m)'")
            }
            return Instruction(op: immOp, sf: sf, rd: rd.number, rn: rn.number, imm: Int64(bitPattern: u), n: f.n, immr: f.immr, imms: f.imms)
        }
        let rm = try reg(i2)
        try sameWidth(rm, i2, as: sf)
        let (shift, amount) = try shiftOperand(i2 + 1, allowROR: true)
        if amount >= (sf ? 64 : 32) { throw AssemblyError(location(i2 + 1), "shift amount \(amount) out of range 0...\(sf ? 63 : 31)") }
        return Instruction(op: shiftOp, sf: sf, rd: rd.number, rn: rn.number, rm: rm.number, shift: shift, amount: amount)
    }

    mutating func shiftAlias(_ shift: Shift, _ op: Op) throws -> Instruction {
        try count(3)
        let rd = try reg(0); let rn = try reg(1)
        try sameWidth(rn, 1, as: rd.is64)
        let size: Int64 = rd.is64 ? 64 : 32
        if !isImmediate(2) {
            let rm = try reg(2)
            try sameWidth(rm, 2, as: rd.is64)
            return Instruction(op: op, sf: rd.is64, rd: rd.number, rn: rn.number, rm: rm.number)
        }
        let s = try imm(2)
        guard s >= 0 && s < size else { throw AssemblyError(location(2), "shift amount \(s) out of range 0...\(size - 1)") }
        let n: UInt8 = rd.is64 ? 1 : 0
        switch shift {
        case .lsl:
            return Instruction(op: .ubfm, sf: rd.is64, rd: rd.number, rn: rn.number, n: n, immr: UInt8((size - s) % size), imms: UInt8(size - 1 - s))
        case .lsr:
            return Instruction(op: .ubfm, sf: rd.is64, rd: rd.number, rn: rn.number, n: n, immr: UInt8(s), imms: UInt8(size - 1))
        case .asr:
            return Instruction(op: .sbfm, sf: rd.is64, rd: rd.number, rn: rn.number, n: n, immr: UInt8(s), imms: UInt8(size - 1))
        case .ror:
            return Instruction(op: .extr, sf: rd.is64, rd: rd.number, rn: rn.number, rm: rn.number, imms: UInt8(s))
        }
    }

    /// A `[Xn ...]` operand: returns (base, tokens inside after the base, writeback).
    func memory(_ i: Int) throws -> (Register, [[Token]], Bool) {
        guard i < groups.count, let f = groups[i].first, f.isPunct("[") else { throw expected(i, "an address '[Xn...]'") }
        let g = groups[i]
        guard let close = g.lastIndex(where: { $0.isPunct("]") }) else {
            throw AssemblyError(endLocation(of: g[g.count - 1]), "expected ']' to close the address")
        }
        var writeback = false
        if close + 1 < g.count {
            guard g[close + 1].isPunct("!"), close + 2 == g.count else {
                throw AssemblyError(g[close + 1].location, "unexpected \(g[close + 1].text) after ']'")
            }
            writeback = true
        }
        let inner = Array(g[1..<close])
        let parts = assembly.splitOperands(inner)
        guard let bt = parts.first, bt.count == 1, let bn = bt[0].identifier, let b = Registers.parse(bn), b.is64, !b.isZR else {
            let t = inner.first
            throw AssemblyError(t?.location ?? endLocation(of: f), "expected a 64-bit base register or sp after '[' but found \(t?.text ?? "']'")")
        }
        for (k, p) in parts.enumerated() where p.isEmpty {
            throw AssemblyError(k > 0 ? endLocation(of: inner[0]) : f.location, "expected an offset after ',' in the address")
        }
        return (b, Array(parts.dropFirst()), writeback)
    }

    /// `transfer` stands in for operand 0 (PRFM's prefetch operation, read by the caller).
    mutating func loadStore(_ op: Op, _ fixedSize: Int, unscaledOnly: Bool, transfer: Register? = nil) throws -> Instruction {
        try count(2, optional: 1)
        let rt = try transfer ?? reg(0)
        var size = fixedSize
        var sf: Bool
        switch op {
        case .ldrs:
            if fixedSize == 2 { try sameWidth(rt, 0, as: true) }
            sf = rt.is64
        default:
            if fixedSize < 0 { size = rt.is64 ? 3 : 2 } else { try sameWidth(rt, 0, as: false) }
            sf = size == 3
        }
        let scale = Int64(1) << Int64(size)
        // Literal forms.
        if let f = groups[1].first, !f.isPunct("[") {
            guard !unscaledOnly, (op == .ldr || op == .prfm) && fixedSize < 0 || (op == .ldrs && size == 2) || (op == .ldrV && size >= 2) else {
                throw expected(1, "an address '[Xn...]'")
            }
            try count(2)
            let offset: Int64
            if f.isPunct("=") {
                guard let sym = st.literalSymbol else { throw expected(1, "an expression after '='") }
                errorLocation = f.location
                offset = try assembly.finalContext(dot: pc).resolve(sym, f.location, 0).offset &- Int64(bitPattern: pc)
            } else {
                offset = try target(1, reach: 1 << 20, what: "literal")
            }
            guard offset >= -(1 << 20) && offset < (1 << 20) else {
                throw AssemblyError(location(1), "literal pool entry out of range of '\(m)' (offset \(offset) bytes; add a .ltorg nearer)")
            }
            return Instruction(op: op, sf: sf, rd: rt.number, imm: offset, size: UInt8(size), mode: .literal)
        }
        let (base, parts, writeback) = try memory(1)
        var inst = Instruction(op: op, sf: sf, rd: rt.number, rn: base.number, size: UInt8(size))
        if groups.count == 3 {
            // post-index
            guard !writeback, parts.isEmpty, !unscaledOnly else { throw AssemblyError(location(2), "unexpected post-index offset here") }
            let v = try imm(2, what: "a post-index offset")
            guard v >= -256 && v <= 255 else { throw AssemblyError(location(2), "post-index offset \(v) out of range -256...255") }
            inst.mode = .post; inst.imm = v
            return inst
        }
        if parts.isEmpty {
            if writeback { throw AssemblyError(location(1), "pre-index needs an offset: '[Xn, #imm]!'") }
            inst.mode = unscaledOnly ? .unscaled : .offset
            return inst
        }
        let off = parts[0]
        // Register offset?
        if off.count == 1, let n = off[0].identifier, let rm = Registers.parse(n) {
            guard !unscaledOnly, !writeback else { throw AssemblyError(off[0].location, "a register offset is not allowed here") }
            guard !rm.isSP else { throw AssemblyError(off[0].location, "expected an index register but found \(off[0].text)") }
            var ext: Extend = .uxtx
            var amount: Int64 = 0
            var explicit = false
            if parts.count > 1 {
                let mod = parts[1]
                guard let name = mod[0].identifier?.lowercased(),
                      let e = ["lsl": Extend.uxtx, "uxtw": .uxtw, "sxtw": .sxtw, "sxtx": .sxtx][name] else {
                    throw AssemblyError(mod[0].location, "expected lsl, uxtw, sxtw or sxtx but found \(mod[0].text)")
                }
                ext = e
                if mod.count > 1 {
                    var g = Array(mod.dropFirst())
                    if g[0].isPunct("#") { g.removeFirst() }
                    amount = try evaluate(g, at: 1)
                    explicit = true
                } else if name == "lsl" {
                    throw AssemblyError(endLocation(of: mod[0]), "expected '#amount' after 'lsl'")
                }
                guard amount == 0 || amount == Int64(size) else {
                    throw AssemblyError(mod[0].location, "shift amount \(amount) must be 0 or \(size) for this access size")
                }
                if parts.count > 2 { throw AssemblyError(parts[2].first?.location ?? location(1), "unexpected operand in address") }
            }
            let wantsX = ext == .uxtx || ext == .sxtx
            guard rm.is64 == wantsX else {
                throw AssemblyError(off[0].location, "expected a \(wantsX ? "64-bit (X)" : "32-bit (W)") index register for \(wantsX ? (ext == .sxtx ? "sxtx" : "lsl") : "uxtw/sxtw") but found \(off[0].text)")
            }
            inst.mode = .register; inst.rm = rm.number; inst.shift = ext.rawValue
            inst.amount = UInt8(amount); inst.imms = (explicit && (size == 0 || amount != 0)) ? 1 : 0
            return inst
        }
        guard parts.count == 1 else { throw AssemblyError(parts[1].first?.location ?? location(1), "unexpected operand in address") }
        // Immediate offset.
        var g = off
        if g[0].isPunct("#") { g.removeFirst() }
        var lo12 = false
        var rest = g[...]
        if let (op, at) = try relocationPrefix(&rest) {
            // GNU as takes :lo12: only in the unsigned-offset form of LDR/STR.
            guard op == .lo12, !writeback, !unscaledOnly else {
                throw AssemblyError(at.location, "relocation ':\(op.rawValue):' is not allowed in this address of '\(st.mnemonicToken.identifier ?? m)'")
            }
            lo12 = true; g = Array(rest)
        }
        errorLocation = off[0].location
        var v = try evaluate(g, at: 1)
        if lo12 { v &= 0xfff }
        inst.imm = v
        if writeback {
            guard v >= -256 && v <= 255 else { throw AssemblyError(off[0].location, "pre-index offset \(v) out of range -256...255") }
            inst.mode = .pre
        } else if unscaledOnly {
            guard v >= -256 && v <= 255 else { throw AssemblyError(off[0].location, "offset \(v) out of range -256...255 for '\(m)'") }
            inst.mode = .unscaled
        } else if v >= 0 && v % scale == 0 && v / scale <= 4095 {
            inst.mode = .offset
        } else if !lo12 && v >= -256 && v <= 255 {
            inst.mode = .unscaled
        } else {
            throw AssemblyError(off[0].location, "offset \(v) out of range: expected a multiple of \(scale) in 0...\(4095 * scale) or -256...255")
        }
        return inst
    }

    /// LDP/STP, LDNP/STNP (offset only) and LDPSW (X registers, 4-byte elements).
    mutating func pair() throws -> Instruction {
        try count(3, optional: 1)
        let op: Op = ["ldp": .ldp, "stp": .stp, "ldnp": .ldnp, "stnp": .stnp, "ldpsw": .ldpsw][m] ?? .ldp
        let rt = try reg(0, width: op == .ldpsw ? true : nil); let rt2 = try reg(1)
        try sameWidth(rt2, 1, as: rt.is64)
        let inst = Instruction(op: op, sf: rt.is64, rd: rt.number, ra: rt2.number)
        return try pairAddress(inst, scale: rt.is64 && op != .ldpsw ? 8 : 4)
    }

    /// The address of a pair (operand 2, and a post-index operand 3) with elements of `scale`
    /// bytes: fills rn, mode and imm of `inst`.
    mutating func pairAddress(_ partial: Instruction, scale: Int64) throws -> Instruction {
        var inst = partial
        let op = inst.op
        let (base, parts, writeback) = try memory(2)
        let nonTemporal = op == .ldnp || op == .stnp || op == .ldnpV || op == .stnpV
        if nonTemporal && (writeback || groups.count == 4) {
            throw AssemblyError(location(groups.count == 4 ? 3 : 2), "'\(m)' has no write-back form")
        }
        inst.rn = base.number
        let what = "a multiple of \(scale) in \(-64 * scale)...\(63 * scale)"
        if groups.count == 4 {
            guard !writeback, parts.isEmpty else { throw AssemblyError(location(3), "unexpected post-index offset here") }
            let v = try imm(3)
            guard v % scale == 0 && v / scale >= -64 && v / scale <= 63 else { throw AssemblyError(location(3), "offset \(v) out of range: expected \(what)") }
            inst.mode = .post; inst.imm = v
            return inst
        }
        if parts.isEmpty {
            if writeback { throw AssemblyError(location(2), "pre-index needs an offset: '[Xn, #imm]!'") }
            inst.mode = .offset
            return inst
        }
        guard parts.count == 1 else { throw AssemblyError(parts[1].first?.location ?? location(2), "unexpected operand in address") }
        var g = parts[0]
        errorLocation = g[0].location
        if g[0].isPunct("#") { g.removeFirst() }
        if g.count == 1, let n = g[0].identifier, Registers.parse(n) != nil {
            throw AssemblyError(g[0].location, "expected an immediate offset but found \(g[0].text) ('\(m)' has no register offset form)")
        }
        let v = try evaluate(g, at: 2)
        guard v % scale == 0 && v / scale >= -64 && v / scale <= 63 else { throw AssemblyError(parts[0][0].location, "offset \(v) out of range: expected \(what)") }
        inst.mode = writeback ? .pre : .offset
        inst.imm = v
        return inst
    }
}
