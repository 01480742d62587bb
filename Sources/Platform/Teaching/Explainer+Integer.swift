import A64
import Machine

/// Explanations of the ARMv8.0 integer additions: what the conditional compare does with the
/// flags it finds (Xen's check_cpu_mode), where the carry comes from, what the exclusive
/// monitor holds and so whether a store-exclusive will succeed.
extension Explainer {
    func flagsText(_ nzcv: UInt64) -> String {
        let names = ["N", "Z", "C", "V"].enumerated().filter { nzcv >> UInt64(3 - $0.offset) & 1 != 0 }.map(\.element)
        return names.isEmpty ? "none set" : names.joined(separator: " ")
    }

    func integerExplanation(_ i: Instruction, text: String) -> Explanation? {
        let flags = m.nzcv >> 28
        func exclusiveMark() -> String {
            guard let mark = m.exclusiveMark else { return "the exclusive monitor holds no mark" }
            return "the exclusive monitor marks 0x\(hex(mark.address)) (\(mark.size) byte\(mark.size == 1 ? "" : "s"))"
        }
        switch i.op {
        case .ccmpReg, .ccmpImm, .ccmnReg, .ccmnImm:
            let cond = ConditionName.name(i.cond)
            let holds = Machine.conditionPasses(i.cond, pstate: m.pstate)
            let imm = i.op == .ccmpImm || i.op == .ccmnImm
            let other = imm ? "#0x\(hex(UInt64(bitPattern: i.imm)))" : "\(name(i.rm)) = \(val(i.rm))"
            let verb = i.op == .ccmpReg || i.op == .ccmpImm ? "compares" : "compares (adding, as CMN does)"
            var t = "conditional compare: if \(cond) holds it \(verb) \(name(i.rn)) = \(val(i.rn)) with \(other); otherwise it sets the flags to #0x\(hex(UInt64(i.imms & 15))) (\(flagsText(UInt64(i.imms & 15))))."
            t += " Now the flags are \(flagsText(flags)), so \(cond) \(holds ? "holds: the comparison is made" : "fails: the flags become #0x\(hex(UInt64(i.imms & 15)))")"
            if !imm || i.imms & 4 != 0 {
                t += ". Followed by b.eq this tests 'either comparison was equal', as Xen's check_cpu_mode does for EL2t or EL2h"
            }
            return Explanation(text: t)
        case .adc, .adcs, .sbc, .sbcs:
            let c = flags & 2 != 0 ? 1 : 0
            let sub = i.op == .sbc || i.op == .sbcs
            let setsFlags = i.op == .adcs || i.op == .sbcs
            let what = sub ? "\(name(i.rn)) - \(name(i.rm)) - \(1 - c) (the borrow: C = \(c))" : "\(name(i.rn)) + \(name(i.rm)) + \(c) (the carry: C = \(c))"
            return Explanation(text: "\(text): computes \(what) into \(name(i.rd))\(setsFlags ? " and sets the flags, so that a chain of these adds or subtracts numbers wider than a register" : "")")
        case .ldxr, .ldaxr, .ldxp, .ldaxp:
            let base = value(i.rn, sp: true)
            let acquire = i.op == .ldaxr || i.op == .ldaxp ? " with acquire semantics" : ""
            return Explanation(text: "load-exclusive\(acquire): loads from 0x\(hex(base)) and marks that address in the exclusive monitor, so that a store-exclusive to it succeeds only if nothing cleared the mark in between (now \(exclusiveMark()))")
        case .stxr, .stlxr, .stxp, .stlxp:
            let base = value(i.rn, sp: true)
            let size = (1 << Int(i.size)) * (i.op == .stxp || i.op == .stlxp ? 2 : 1)
            let marked = m.exclusiveMark.map { $0.address == base && $0.size == size } ?? false
            let status = "w\(i.rm == 31 ? "zr" : String(i.rm))"
            return Explanation(text: "store-exclusive: \(exclusiveMark()); a store of \(size) bytes to 0x\(hex(base)) \(marked ? "matches it, so it will write memory and set \(status) to 0" : "does not match, so it will write nothing and set \(status) to 1 (the loop retries)"); either way the mark is cleared")
        case .clrex:
            return Explanation(text: "clears the exclusive monitor (\(exclusiveMark())): a following store-exclusive fails")
        case .ldar, .stlr:
            let base = value(i.rn, sp: true)
            return Explanation(text: "\(i.op == .ldar ? "load-acquire from" : "store-release to") 0x\(hex(base)): an ordinary access that also orders the memory accesses around it (one core here, so only the access shows)")
        case .prfm:
            return Explanation(text: "\(text): a prefetch hint; it changes no register or memory and never faults")
        case .crc32b, .crc32h, .crc32w, .crc32x, .crc32cb, .crc32ch, .crc32cw, .crc32cx:
            return Explanation(text: "\(text): one step of a CRC-32\(i.op.rawValue >= Op.crc32cb.rawValue ? "C" : "") checksum, \(name(i.rn)) = \(val(i.rn)) updated with \(name(i.rm)) into \(name(i.rd))")
        default:
            return nil
        }
    }
}
