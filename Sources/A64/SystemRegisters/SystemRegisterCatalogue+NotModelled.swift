/// A system register the Cortex-A57 implements (QEMU's cortex-a57 reads or writes it at EL2
/// without an exception) that SuspendScope does not model: an MRS or MSR of it stops the run
/// with "not modelled by SuspendScope" instead of pretending (UNDEFINED, or a made-up value).
public struct UnmodelledSystemRegister: Sendable {
    public enum Access: Sendable { case read, write, readWrite }
    /// The architectural name (the Cortex-A57 TRM's for IMPLEMENTATION DEFINED registers, which
    /// objdump prints in the generic form).
    public let name: String
    public let encoding: SystemRegisterEncoding
    /// Which of MRS/MSR the core accepts; the other direction is UNDEFINED.
    public let access: Access
    /// What the register belongs to: "debug", "performance monitors", ...
    public let group: String

    public func allows(read: Bool) -> Bool {
        switch access {
        case .readWrite: return true
        case .read: return read
        case .write: return !read
        }
    }
}

extension SystemRegisterCatalogue {
    private static func r(_ name: String, _ op0: UInt8, _ op1: UInt8, _ crn: UInt8, _ crm: UInt8, _ op2: UInt8,
                          _ group: String, _ access: UnmodelledSystemRegister.Access = .readWrite) -> UnmodelledSystemRegister {
        UnmodelledSystemRegister(name: name, encoding: SystemRegisterEncoding(op0: op0, op1: op1, crn: crn, crm: crm, op2: op2),
                                 access: access, group: group)
    }

    /// Every register QEMU 7.2's cortex-a57 accepts at EL2 that is not in `all` and not in the
    /// reserved ID space (found by reading all 32768 op0 = 2/3 encodings with MRS under QEMU;
    /// OSLAR_EL1 and PMSWINC_EL0 are write-only). Executing an access stops the run as not
    /// modelled; the README lists the groups.
    public static let notModelled: [UnmodelledSystemRegister] = {
        var t: [UnmodelledSystemRegister] = []
        let debug = "debug", pmu = "performance monitors"
        for n in 0...5 {
            t.append(r("DBGBVR\(n)_EL1", 2, 0, 0, UInt8(n), 4, debug))
            t.append(r("DBGBCR\(n)_EL1", 2, 0, 0, UInt8(n), 5, debug))
        }
        for n in 0...3 {
            t.append(r("DBGWVR\(n)_EL1", 2, 0, 0, UInt8(n), 6, debug))
            t.append(r("DBGWCR\(n)_EL1", 2, 0, 0, UInt8(n), 7, debug))
        }
        t += [
            r("MDCCINT_EL1", 2, 0, 0, 2, 0, debug), r("MDSCR_EL1", 2, 0, 0, 2, 2, debug),
            r("MDRAR_EL1", 2, 0, 1, 0, 0, debug, .read), r("OSLAR_EL1", 2, 0, 1, 0, 4, debug, .write),
            r("OSLSR_EL1", 2, 0, 1, 1, 4, debug, .read), r("OSDLR_EL1", 2, 0, 1, 3, 4, debug),
            r("MDCCSR_EL0", 2, 3, 0, 1, 0, debug, .read), r("DBGVCR32_EL2", 2, 4, 0, 7, 0, debug),
            r("PMINTENSET_EL1", 3, 0, 9, 14, 1, pmu), r("PMINTENCLR_EL1", 3, 0, 9, 14, 2, pmu),
            r("PMCR_EL0", 3, 3, 9, 12, 0, pmu), r("PMCNTENSET_EL0", 3, 3, 9, 12, 1, pmu),
            r("PMCNTENCLR_EL0", 3, 3, 9, 12, 2, pmu), r("PMOVSCLR_EL0", 3, 3, 9, 12, 3, pmu),
            r("PMSWINC_EL0", 3, 3, 9, 12, 4, pmu, .write), r("PMSELR_EL0", 3, 3, 9, 12, 5, pmu),
            r("PMCEID0_EL0", 3, 3, 9, 12, 6, pmu, .read), r("PMCEID1_EL0", 3, 3, 9, 12, 7, pmu, .read),
            r("PMCCNTR_EL0", 3, 3, 9, 13, 0, pmu), r("PMXEVTYPER_EL0", 3, 3, 9, 13, 1, pmu),
            r("PMXEVCNTR_EL0", 3, 3, 9, 13, 2, pmu), r("PMUSERENR_EL0", 3, 3, 9, 14, 0, pmu),
            r("PMOVSSET_EL0", 3, 3, 9, 14, 3, pmu), r("PMCCFILTR_EL0", 3, 3, 14, 15, 7, pmu),
        ]
        for n in 0...5 {
            t.append(r("PMEVCNTR\(n)_EL0", 3, 3, 14, 8, UInt8(n), pmu))
            t.append(r("PMEVTYPER\(n)_EL0", 3, 3, 14, 12, UInt8(n), pmu))
        }
        let caches = "cache identification", impl = "IMPLEMENTATION DEFINED (Cortex-A57)", a32 = "AArch32 state"
        t += [
            r("CCSIDR_EL1", 3, 1, 0, 0, 0, caches, .read), r("CSSELR_EL1", 3, 2, 0, 0, 0, caches),
            r("L2CTLR_EL1", 3, 1, 11, 0, 2, impl), r("L2ECTLR_EL1", 3, 1, 11, 0, 3, impl),
            r("L2ACTLR_EL1", 3, 1, 15, 0, 0, impl), r("CPUACTLR_EL1", 3, 1, 15, 2, 0, impl),
            r("CPUECTLR_EL1", 3, 1, 15, 2, 1, impl), r("CPUMERRSR_EL1", 3, 1, 15, 2, 2, impl),
            r("L2MERRSR_EL1", 3, 1, 15, 2, 3, impl), r("CBAR_EL1", 3, 1, 15, 3, 0, impl, .read),
            r("DACR32_EL2", 3, 4, 3, 0, 0, a32), r("SPSR_irq", 3, 4, 4, 3, 0, a32), r("SPSR_abt", 3, 4, 4, 3, 1, a32),
            r("SPSR_und", 3, 4, 4, 3, 2, a32), r("SPSR_fiq", 3, 4, 4, 3, 3, a32), r("IFSR32_EL2", 3, 4, 5, 0, 1, a32),
            r("FPEXC32_EL2", 3, 4, 5, 3, 0, a32),
            r("HACR_EL2", 3, 4, 1, 1, 7, "EL2 (IMPLEMENTATION DEFINED traps)"),
            r("HPFAR_EL2", 3, 4, 6, 0, 4, "EL2 (stage-2 fault address)"),
            r("RVBAR_EL2", 3, 4, 12, 0, 1, "EL2 (reset vector)", .read),
        ]
        return t
    }()

    private static let notModelledByEncoding: [UInt16: Int] = {
        var d: [UInt16: Int] = [:]
        for (i, r) in notModelled.enumerated() { d[r.encoding.packed] = i }
        return d
    }()

    /// The implemented-but-not-modelled register with this encoding, if any.
    public static func notModelledRegister(for e: SystemRegisterEncoding) -> UnmodelledSystemRegister? {
        notModelledByEncoding[e.packed].map { notModelled[$0] }
    }
}
