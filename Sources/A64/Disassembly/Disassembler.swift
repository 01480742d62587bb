/// Prints instructions exactly as GNU objdump 2.40 does after `GNUToolchain.normalise`
/// (single spaces, no `//` comments, no `<symbol>` annotations): the preferred alias, hex
/// immediates, decimal address offsets and bare hex branch targets.
public enum Disassembler {
    public static func text(word: UInt32, at pc: UInt64) -> String {
        text(Decoder.decode(word), at: pc)
    }

    public static func text(_ i: Instruction, at pc: UInt64) -> String {
        let sf = i.sf
        func r(_ n: UInt8, sp: Bool = false) -> String { RegisterName.general(n, sf: sf, sp: sp) }
        func x(_ n: UInt8, sp: Bool = false) -> String { RegisterName.x(n, sp: sp) }
        func w(_ n: UInt8, sp: Bool = false) -> String { RegisterName.w(n, sp: sp) }
        func target(_ offset: Int64) -> String { hex(pc &+ UInt64(bitPattern: offset)) }
        let size: UInt8 = sf ? 64 : 32

        switch i.op {
        case .undefined:
            return ".inst 0x\(hex(UInt64(UInt32(truncatingIfNeeded: i.imm)), width: 8)) ; undefined"

        case .adr: return "adr \(x(i.rd)), \(target(i.imm))"
        case .adrp: return "adrp \(x(i.rd)), \(hex((pc & ~0xfff) &+ UInt64(bitPattern: i.imm)))"

        case .addImm, .subImm, .addsImm, .subsImm:
            let shift = i.amount == 12 ? ", lsl #12" : ""
            let isS = i.op == .addsImm || i.op == .subsImm
            if i.op == .addImm && i.amount == 0 && i.imm == 0 && (i.rd == 31 || i.rn == 31) {
                return "mov \(r(i.rd, sp: true)), \(r(i.rn, sp: true))"
            }
            if isS && i.rd == 31 {
                return "\(i.op == .addsImm ? "cmn" : "cmp") \(r(i.rn, sp: true)), #0x\(hex(UInt64(bitPattern: i.imm)))\(shift)"
            }
            let m = i.op == .addImm ? "add" : i.op == .subImm ? "sub" : i.op == .addsImm ? "adds" : "subs"
            return "\(m) \(r(i.rd, sp: !isS)), \(r(i.rn, sp: true)), #0x\(hex(UInt64(bitPattern: i.imm)))\(shift)"

        case .andImm, .orrImm, .eorImm, .andsImm:
            var v = UInt64(bitPattern: i.imm)
            if !sf { v &= 0xffff_ffff }
            let imm = "#0x\(hex(v))"
            if i.op == .andsImm && i.rd == 31 { return "tst \(r(i.rn)), \(imm)" }
            if i.op == .orrImm && i.rn == 31
                && (i.rd == 31 || !(isWideConstant(v, sf: sf) || isWideConstant(~v, sf: sf))) {
                return "mov \(r(i.rd, sp: true)), \(imm)"
            }
            let m = i.op == .andImm ? "and" : i.op == .orrImm ? "orr" : i.op == .eorImm ? "eor" : "ands"
            return "\(m) \(r(i.rd, sp: i.op != .andsImm)), \(r(i.rn)), \(imm)"

        case .movz, .movn, .movk:
            let lsl = i.amount != 0 ? ", lsl #\(i.amount)" : ""
            if i.op == .movk { return "movk \(r(i.rd)), #0x\(hex(UInt64(bitPattern: i.imm)))\(lsl)" }
            let canAlias = !(i.imm == 0 && i.amount != 0) && !(i.op == .movn && !sf && i.imm == 0xffff)
            if canAlias {
                var v = UInt64(bitPattern: i.imm) << UInt64(i.amount & 63)
                if i.op == .movn { v = ~v }
                if !sf { v &= 0xffff_ffff }
                return "mov \(r(i.rd)), #0x\(hex(v))"
            }
            return "\(i.op == .movz ? "movz" : "movn") \(r(i.rd)), #0x\(hex(UInt64(bitPattern: i.imm)))\(lsl)"

        case .sbfm, .ubfm, .bfm:
            let rd = r(i.rd), rn = r(i.rn), immr = i.immr, imms = i.imms
            let top = size - 1
            switch i.op {
            case .sbfm:
                if imms == top { return "asr \(rd), \(rn), #\(immr)" }
                if imms < immr { return "sbfiz \(rd), \(rn), #\((size &- immr) & top), #\(imms &+ 1)" }
                if immr == 0 && (imms == 7 || imms == 15 || (sf && imms == 31)) {
                    return "\(imms == 7 ? "sxtb" : imms == 15 ? "sxth" : "sxtw") \(rd), \(w(i.rn))"
                }
                return "sbfx \(rd), \(rn), #\(immr), #\(imms &- immr &+ 1)"
            case .ubfm:
                if imms != top && imms &+ 1 == immr { return "lsl \(rd), \(rn), #\(top &- imms)" }
                if imms == top { return "lsr \(rd), \(rn), #\(immr)" }
                if imms < immr { return "ubfiz \(rd), \(rn), #\((size &- immr) & top), #\(imms &+ 1)" }
                if !sf && immr == 0 && (imms == 7 || imms == 15) {
                    return "\(imms == 7 ? "uxtb" : "uxth") \(rd), \(w(i.rn))"
                }
                return "ubfx \(rd), \(rn), #\(immr), #\(imms &- immr &+ 1)"
            default:
                if imms < immr {
                    if i.rn == 31 { return "bfc \(rd), #\((size &- immr) & top), #\(imms &+ 1)" }
                    return "bfi \(rd), \(rn), #\((size &- immr) & top), #\(imms &+ 1)"
                }
                return "bfxil \(rd), \(rn), #\(immr), #\(imms &- immr &+ 1)"
            }

        case .extr:
            if i.rn == i.rm { return "ror \(r(i.rd)), \(r(i.rn)), #\(i.imms)" }
            return "extr \(r(i.rd)), \(r(i.rn)), \(r(i.rm)), #\(i.imms)"

        case .b: return "b \(target(i.imm))"
        case .bl: return "bl \(target(i.imm))"
        case .bcond: return "b.\(ConditionName.name(i.cond)) \(target(i.imm))"
        case .cbz, .cbnz: return "\(i.op == .cbz ? "cbz" : "cbnz") \(r(i.rd)), \(target(i.imm))"
        case .tbz, .tbnz:
            return "\(i.op == .tbz ? "tbz" : "tbnz") \(RegisterName.general(i.rd, sf: i.cond >= 32)), #\(i.cond), \(target(i.imm))"
        case .br: return "br \(x(i.rn))"
        case .blr: return "blr \(x(i.rn))"
        case .ret: return i.rn == 30 ? "ret" : "ret \(x(i.rn))"
        case .eret: return "eret"
        case .svc, .hvc, .smc, .brk, .hlt:
            return "\(i.op) #0x\(hex(UInt64(bitPattern: i.imm)))"
        case .udf: return "udf #\(i.imm)"

        case .hint: return hintText(Int(i.imm & 127))
        case .clrex: return i.imm == 15 ? "clrex" : "clrex #0x\(hex(UInt64(bitPattern: i.imm)))"
        case .isb: return i.imm == 15 ? "isb" : "isb #0x\(hex(UInt64(bitPattern: i.imm)))"
        case .dsb:
            if i.imm == 0 { return "ssbb" }
            if i.imm == 4 { return "pssbb" }
            return "dsb \(barrierOption(Int(i.imm & 15)))"
        case .dmb: return "dmb \(barrierOption(Int(i.imm & 15)))"
        case .sb: return "sb"
        case .msrImm:
            let field: String
            switch i.sys {
            case DecodeTable.msrImmSys(op1: 0, op2: 5): field = "spsel"
            case DecodeTable.msrImmSys(op1: 3, op2: 6): field = "daifset"
            case DecodeTable.msrImmSys(op1: 3, op2: 7): field = "daifclr"
            default: field = SystemRegisterEncoding(packed: i.sys).genericName
            }
            return "msr \(field), #0x\(hex(UInt64(bitPattern: i.imm)))"
        case .sys:
            if let a = SystemInstructionName.alias(sys: i.sys) {
                return a.register ? "\(a.name), \(x(i.rd))" : a.name
            }
            let e = SystemRegisterEncoding(packed: i.sys)
            return "sys #\(e.op1), C\(e.crn), C\(e.crm), #\(e.op2)" + (i.rd == 31 ? "" : ", \(x(i.rd))")
        case .mrs: return "mrs \(x(i.rd)), \(SystemRegisterEncoding(packed: i.sys).displayName)"
        case .msr: return "msr \(SystemRegisterEncoding(packed: i.sys).displayName(read: false)), \(x(i.rd))"

        case .andShift, .bicShift, .orrShift, .ornShift, .eorShift, .eonShift, .andsShift, .bicsShift:
            let sh = shiftSuffix(i.shift, i.amount)
            if i.op == .orrShift && i.rn == 31 && i.shift == 0 && i.amount == 0 { return "mov \(r(i.rd)), \(r(i.rm))" }
            if i.op == .ornShift && i.rn == 31 { return "mvn \(r(i.rd)), \(r(i.rm))\(sh)" }
            if i.op == .andsShift && i.rd == 31 { return "tst \(r(i.rn)), \(r(i.rm))\(sh)" }
            let m = String("\(i.op)".dropLast(5))
            return "\(m) \(r(i.rd)), \(r(i.rn)), \(r(i.rm))\(sh)"

        case .addShift, .addsShift, .subShift, .subsShift:
            let sh = shiftSuffix(i.shift, i.amount)
            if (i.op == .addsShift || i.op == .subsShift) && i.rd == 31 {
                return "\(i.op == .addsShift ? "cmn" : "cmp") \(r(i.rn)), \(r(i.rm))\(sh)"
            }
            if i.op == .subShift && i.rn == 31 { return "neg \(r(i.rd)), \(r(i.rm))\(sh)" }
            if i.op == .subsShift && i.rn == 31 { return "negs \(r(i.rd)), \(r(i.rm))\(sh)" }
            let m = String("\(i.op)".dropLast(5))
            return "\(m) \(r(i.rd)), \(r(i.rn)), \(r(i.rm))\(sh)"

        case .addExt, .addsExt, .subExt, .subsExt:
            let isS = i.op == .addsExt || i.op == .subsExt
            let rmIsX = sf && (i.shift & 3) == 3
            let rm = RegisterName.general(i.rm, sf: rmIsX)
            let spInvolved = i.rn == 31 || (!isS && i.rd == 31)
            var ext: String
            if spInvolved && ((sf && i.shift == 3) || (!sf && i.shift == 2)) {
                ext = i.amount == 0 ? "" : ", lsl #\(i.amount)"
            } else {
                ext = ", \(OperatorName.extends[Int(i.shift & 7)])" + (i.amount == 0 ? "" : " #\(i.amount)")
            }
            if isS && i.rd == 31 {
                return "\(i.op == .addsExt ? "cmn" : "cmp") \(r(i.rn, sp: true)), \(rm)\(ext)"
            }
            let m = String("\(i.op)".dropLast(3))
            return "\(m) \(r(i.rd, sp: !isS)), \(r(i.rn, sp: true)), \(rm)\(ext)"

        case .lslv, .lsrv, .asrv, .rorv, .udiv, .sdiv:
            let m: String
            switch i.op {
            case .lslv: m = "lsl"; case .lsrv: m = "lsr"; case .asrv: m = "asr"; case .rorv: m = "ror"
            case .udiv: m = "udiv"; default: m = "sdiv"
            }
            return "\(m) \(r(i.rd)), \(r(i.rn)), \(r(i.rm))"
        case .madd, .msub:
            if i.ra == 31 { return "\(i.op == .madd ? "mul" : "mneg") \(r(i.rd)), \(r(i.rn)), \(r(i.rm))" }
            return "\(i.op) \(r(i.rd)), \(r(i.rn)), \(r(i.rm)), \(r(i.ra))"
        case .csel, .csinc, .csinv, .csneg:
            let inv = ConditionName.name(i.cond ^ 1)
            if i.cond < 14 {
                switch i.op {
                case .csinc, .csinv:
                    if i.rm == 31 && i.rn == 31 { return "\(i.op == .csinc ? "cset" : "csetm") \(r(i.rd)), \(inv)" }
                    if i.rm != 31 && i.rn == i.rm { return "\(i.op == .csinc ? "cinc" : "cinv") \(r(i.rd)), \(r(i.rn)), \(inv)" }
                case .csneg:
                    if i.rn == i.rm { return "cneg \(r(i.rd)), \(r(i.rn)), \(inv)" }
                default: break
                }
            }
            return "\(i.op) \(r(i.rd)), \(r(i.rn)), \(r(i.rm)), \(ConditionName.name(i.cond))"

        case .ldr, .str, .ldrs:
            let rt: String
            switch i.op {
            case .ldrs: rt = RegisterName.general(i.rd, sf: sf)
            default: rt = RegisterName.general(i.rd, sf: i.size == 3)
            }
            let unscaled = i.mode == .unscaled
            var m = i.op == .str ? (unscaled ? "stur" : "str") : i.op == .ldr ? (unscaled ? "ldur" : "ldr") : (unscaled ? "ldurs" : "ldrs")
            if i.mode == .unprivileged { m = i.op == .str ? "sttr" : i.op == .ldr ? "ldtr" : "ldtrs" }
            switch i.size {
            case 0: m += "b"
            case 1: m += "h"
            case 2 where i.op == .ldrs: m += "w"
            default: break
            }
            if i.mode == .literal { return "\(m) \(rt), \(target(i.imm))" }
            return "\(m) \(rt), \(address(i))"
        case .ldp, .stp:
            return "\(i.op) \(r(i.rd)), \(r(i.ra)), \(address(i))"
        case .adc, .adcs, .sbc, .sbcs, .ccmnReg, .ccmpReg, .ccmnImm, .ccmpImm, .rbit, .rev16, .rev32, .rev, .clz, .cls,
             .smaddl, .smsubl, .umaddl, .umsubl, .smulh, .umulh,
             .crc32b, .crc32h, .crc32w, .crc32x, .crc32cb, .crc32ch, .crc32cw, .crc32cx, .ldpsw, .ldnp, .stnp, .prfm,
             .ldxr, .ldaxr, .stxr, .stlxr, .ldxp, .ldaxp, .stxp, .stlxp, .ldar, .stlr:
            return integerText(i, at: pc)
        case .ldrV, .strV, .ldpV, .stpV, .ldnpV, .stnpV, .fmovToV, .fmovFromV:
            return floatingPointText(i, at: pc)
        case .notModelled:
            return SIMDText.text(word: UInt32(truncatingIfNeeded: i.imm), at: pc)
        }
    }

    /// `[xn, #imm]`, `[xn, #imm]!`, `[xn], #imm`, `[xn, xm, lsl #3]`.
    static func address(_ i: Instruction) -> String {
        let base = RegisterName.x(i.rn, sp: true)
        switch i.mode {
        case .pre: return "[\(base), #\(i.imm)]!"
        case .post: return "[\(base)], #\(i.imm)"
        case .register:
            let option = i.shift & 7
            let rm = RegisterName.general(i.rm, sf: option & 1 == 1)
            let s = i.imms != 0
            if option == 3 { return s ? "[\(base), \(rm), lsl #\(i.amount)]" : "[\(base), \(rm)]" }
            return "[\(base), \(rm), \(OperatorName.extends[Int(option)])\(s ? " #\(i.amount)" : "")]"
        default:
            return i.imm == 0 ? "[\(base)]" : "[\(base), #\(i.imm)]"
        }
    }

    static func shiftSuffix(_ shift: UInt8, _ amount: UInt8) -> String {
        shift == 0 && amount == 0 ? "" : ", \(OperatorName.shifts[Int(shift & 3)]) #\(amount)"
    }

    /// Whether MOVZ can produce `value` (binutils' aarch64_wide_constant_p). objdump keeps `orr`
    /// rather than the `mov` alias when MOVZ or MOVN could produce the value, unless the
    /// destination is SP (which MOVZ cannot write). This differs from the Arm ARM's
    /// MoveWidePreferred for some values, e.g. `orr x8, xzr, #0xffff8000ffffffff`.
    static func isWideConstant(_ value: UInt64, sf: Bool) -> Bool {
        var v = value
        if !sf {
            guard v >> 32 == 0 || v >> 32 == 0xffff_ffff else { return false }
            v &= 0xffff_ffff
        }
        for shift in stride(from: 0, to: sf ? 64 : 32, by: 16) where v & (0xffff << UInt64(shift)) == v {
            return true
        }
        return false
    }

    static let hintNames: [Int: String] = [
        0: "nop", 1: "yield", 2: "wfe", 3: "wfi", 4: "sev", 5: "sevl", 7: "xpaclri", 8: "pacia1716",
        10: "pacib1716", 12: "autia1716", 14: "autib1716", 16: "esb", 17: "psb csync", 18: "tsb csync",
        20: "csdb", 22: "clearbhb", 24: "paciaz", 25: "paciasp", 26: "pacibz", 27: "pacibsp", 28: "autiaz",
        29: "autiasp", 30: "autibz", 31: "autibsp", 32: "bti", 34: "bti c", 36: "bti j", 38: "bti jc",
    ]

    /// HINT #imm as objdump 2.40 prints it (names from disassembling all 128 values).
    public static func hintText(_ imm: Int) -> String { hintNames[imm] ?? "hint #0x\(hex(UInt64(bitPattern: Int64(imm))))" }

    static let barrierNames = ["#0x00", "oshld", "oshst", "osh", "#0x04", "nshld", "nshst", "nsh",
                               "#0x08", "ishld", "ishst", "ish", "#0x0c", "ld", "st", "sy"]
    /// DSB/DMB option text as objdump prints it.
    public static func barrierOption(_ crm: Int) -> String { barrierNames[crm & 15] }

    static func hex(_ v: UInt64, width: Int = 0) -> String {
        let s = String(v, radix: 16)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
