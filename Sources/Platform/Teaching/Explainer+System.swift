import A64
import Machine

/// Explanations of the system instructions and the SIMD&FP register file: what a DC, IC, TLBI
/// or AT operation does here, that the hint space runs as NOP on the Cortex-A57, where a
/// SIMD&FP load or store goes (a context field when it is one), and why a run stops at an
/// instruction that is not modelled.
extension Explainer {
    func systemExplanation(_ i: Instruction, text: String) -> Explanation? {
        switch i.op {
        case .sys:
            switch SystemOperation(sys: i.sys) {
            case .zeroBlock:
                let size = UInt64(Machine.zeroBlockSize)
                let va = value(i.rd) & ~(size - 1)
                return Explanation(text: "\(text): zeroes the \(size)-byte block (DCZID_EL0) at 0x\(hex(va)) that \(name(i.rd)) = \(val(i.rd)) falls in")
            case .tlbInvalidate:
                return Explanation(text: "\(text): invalidates cached translations (the emulator keeps no TLB: nothing is stale, so it has no effect)")
            case .cacheMaintenance:
                return Explanation(text: "\(text): cache maintenance (caches are not modelled: memory is always coherent here, so it has no effect)")
            case .addressTranslation(let el2, let el0, let stage2, let write):
                let regime = el2 ? "the EL2 regime" : stage2 ? "the EL1&0 regime, stage 1 then 2" : "the EL1&0 regime"
                return Explanation(text: "\(text): translates \(name(i.rd)) = \(val(i.rd)) through \(regime) as a\(el0 ? "n EL0" : "") \(write ? "write" : "read") and writes the result (the physical address, or F = 1 and the fault) to PAR_EL1; no exception is taken")
            case .undefined:
                return Explanation(text: "\(text): the Cortex-A57 (ARMv8.0) does not implement this operation at EL2: it is UNDEFINED")
            }
        case .hint where ![0, 2, 3].contains(i.imm):
            return Explanation(text: "\(text): a hint the Cortex-A57 (ARMv8.0) runs as NOP (its feature came later, or it only advises the core)")
        case .ldrV, .strV, .ldpV, .stpV, .ldnpV, .stnpV:
            let store = i.op == .strV || i.op == .stpV || i.op == .stnpV
            let letter = ["b", "h", "s", "d", "q"][Int(min(i.size, 4))]
            let pair = i.op != .ldrV && i.op != .strV
            let names = "\(letter)\(i.rd)" + (pair ? " and \(letter)\(i.ra)" : "")
            let bytes = (1 << Int(i.size)) * (pair ? 2 : 1)
            if i.mode == .literal {
                return Explanation(text: "\(text): loads \(names) (\(bytes) bytes) from the literal pool")
            }
            let base = value(i.rn, sp: true)
            let addr = i.mode == .post ? base : base &+ UInt64(bitPattern: i.imm)
            var t = "\(store ? "stores" : "loads") \(names) (\(bytes) bytes of SIMD&FP state) \(store ? "to" : "from") 0x\(hex(addr))"
            if let f = field(at: addr) { t += ", \(built.manifest.contextSymbol) field \(f.name) at offset \(f.offset)" }
            if m.systemRegister(named: "CPTR_EL2").map({ $0 & (1 << 10) != 0 }) == true {
                t += "; CPTR_EL2.TFP is set, so it traps to EL2 (EC 0x07) instead"
            }
            return Explanation(text: t, field: field(at: addr)?.name, offset: field(at: addr)?.offset)
        case .fmovToV, .fmovFromV:
            return Explanation(text: "\(text): copies the bits unchanged between a general register and the SIMD&FP register file (no conversion)")
        case .notModelled:
            return Explanation(text: Machine.notModelledMessage(text) + ". The Cortex-A57 runs it, but SuspendScope does not model it: the run stops here rather than guess")
        default:
            return nil
        }
    }
}
