/// The system instructions and the SIMD&FP register file in random programs: MRS/MSR round
/// trips of the EL1, EL0 and EL2 registers a hypervisor saves and restores, FPCR/FPSR, AT
/// S1E2R/W with PAR_EL1 read back, the hint space, TLBI/IC/DC maintenance, and SIMD&FP loads,
/// stores, pairs and FMOV (values brought back to general registers, stores into the scratch
/// buffer, so that QEMU judges them). With CPTR_EL2.TFP set by the first stream's random MSRs
/// the SIMD&FP items take the trap, as QEMU does.
///
/// They come from `Gen.r3`, a stream of their own, so that a seed keeps its other items. Left
/// out: the counters and timers (QEMU's count real time), AT of the EL1&0 regime (random
/// HCR_EL2.VM and SCTLR_EL1.M make it a stage-2 walk SuspendScope does not model).
extension Gen {
    /// EL1/EL0 and EL2 registers without side effects at EL2 with the EL1&0 regime unused.
    static let roundTripRegisters = [
        "SCTLR_EL1", "TTBR0_EL1", "TTBR1_EL1", "TCR_EL1", "MAIR_EL1", "AMAIR_EL1", "VBAR_EL1", "CONTEXTIDR_EL1",
        "TPIDR_EL0", "TPIDR_EL1", "TPIDRRO_EL0", "SP_EL1", "ELR_EL1", "SPSR_EL1", "ESR_EL1", "FAR_EL1", "PAR_EL1",
        "CPACR_EL1", "CNTKCTL_EL1", "AFSR0_EL1", "AFSR1_EL1", "ACTLR_EL1", "VMPIDR_EL2", "VPIDR_EL2", "AMAIR_EL2",
        "AFSR0_EL2", "AFSR1_EL2", "ACTLR_EL2", "FPCR", "FPSR",
    ]
    static let hints = ["esb", "csdb", "psb csync", "bti", "bti c", "bti j", "bti jc", "paciasp", "autiasp", "pacibsp",
                        "autibsp", "paciaz", "xpaclri", "pacia1716", "autib1716", "hint #0x7f", "hint #0x2a", "sev",
                        "sevl", "yield", "nop"]
    static let maintenance = ["tlbi vmalle1", "tlbi vmalle1is", "tlbi vmalls12e1", "tlbi vmalls12e1is", "tlbi alle1",
                              "tlbi alle1is", "tlbi alle2is", "ic ialluis", "ic iallu"]
    static let maintenanceWithRegister = ["tlbi vae1", "tlbi vae1is", "tlbi vaae1", "tlbi vale1is", "tlbi aside1",
                                          "tlbi vae2", "tlbi vale2is", "tlbi ipas2e1", "tlbi ipas2le1is", "ic ivau",
                                          "dc cvau", "dc cvac", "dc civac", "dc ivac", "dc isw", "dc csw", "dc cisw"]

    /// An item of the system and SIMD&FP families (about one item in four), or nil.
    mutating func systemAdditionItem() -> Item? {
        swap(&r, &r3)
        defer { swap(&r, &r3) }
        guard r.chance(25) else { return nil }
        let text: String
        switch r.below(100) {
        case 0..<25:
            let reg = r.pick(Self.roundTripRegisters)
            text = "msr \(reg), \(s(false))\nmrs \(d(false)), \(reg)"
        case 25..<33:
            text = "at \(r.pick(["s1e2r", "s1e2w"])), \(r.chance(50) ? "x16" : d(false))\nmrs \(d(false)), PAR_EL1"
        case 33..<45: text = r.pick(Self.hints)
        case 45..<55:
            text = r.chance(40) ? r.pick(Self.maintenance) : "\(r.pick(Self.maintenanceWithRegister)), \(r.chance(50) ? "x16" : d(false))"
        default: text = floatingPointItem()
        }
        return Item(text: text, removable: true)
    }

    /// SIMD&FP loads and stores in every size and index form over the scratch buffer, pairs,
    /// and FMOV both ways; loaded values come back to x0..x15.
    mutating func floatingPointItem() -> String {
        let v = r.below(32), v2 = (v + 1 + r.below(31)) % 32
        let buf = ProgramGenerator.bufferBytes
        func back() -> String { "\nfmov \(d(false)), \(r.chance(50) ? "d\(v)" : "v\(v).d[1]")" }
        switch r.below(8) {
        case 0:
            let (reg, size) = r.pick([("b", 0), ("h", 1), ("s", 2), ("d", 3), ("q", 4)])
            return "ldr \(reg)\(v), [x16, #\(r.below(buf >> size) << size)]" + back()
        case 1:
            let (reg, size) = r.pick([("b", 0), ("h", 1), ("s", 2), ("d", 3), ("q", 4)])
            return "str \(reg)\(v), [x16, #\(r.below(buf >> size) << size)]"
        case 2:
            let (reg, size) = r.pick([("b", 0), ("h", 1), ("s", 2), ("d", 3), ("q", 4)])
            let off = r.range(0...(buf - (1 << size) - 64)) - 64
            return "add x17, x16, #64\n\(r.chance(50) ? "ldur" : "stur") \(reg)\(v), [x17, #\(off)]" + back()
        case 3:
            let (reg, size) = r.pick([("s", 2), ("d", 3), ("q", 4)])
            let unit = 1 << size
            let k = r.below(buf / unit - 1)
            return "\(r.pick(["ldp", "stp", "ldnp", "stnp"])) \(reg)\(v), \(reg)\(v2), [x16, #\(k * unit)]" + back()
        case 4:
            let (reg, size) = r.pick([("s", 2), ("d", 3), ("q", 4)])
            let unit = 1 << size
            return "add x17, x16, #\(4 * unit)\n\(r.pick(["ldp", "stp"])) \(reg)\(v), \(reg)\(v2), [x17, #\(r.range(-4...2) * unit)]\(r.chance(50) ? "!" : "")"
        case 5:
            let (reg, size) = r.pick([("b", 0), ("h", 1), ("s", 2), ("d", 3), ("q", 4)])
            return "add x17, x16, #128\n\(r.pick(["ldr", "str"])) \(reg)\(v), [x17], #\(r.range(-8...8) << size)" + back()
        case 6:
            let (reg, size) = r.pick([("b", 0), ("h", 1), ("s", 2), ("d", 3), ("q", 4)])
            return "mov x18, #\(r.below(buf >> size))\n\(r.pick(["ldr", "str"])) \(reg)\(v), [x16, x18, lsl #\(size)]" + back()
        default:
            switch r.below(6) {
            case 0: return "fmov d\(v), \(s(false))"
            case 1: return "fmov s\(v), \(s(true))"
            case 2: return "fmov v\(v).d[1], \(s(false))"
            case 3: return "fmov \(d(false)), d\(v)"
            case 4: return "fmov \(d(true)), s\(v)"
            default: return "fmov \(d(false)), v\(v).d[1]"
            }
        }
    }
}
