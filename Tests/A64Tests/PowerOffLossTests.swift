import Testing
import A64

/// "Lost at power-off" is a property of each catalogue entry, with a documented default.
@Suite struct PowerOffLossTests {
    static func loss(_ name: String) -> PowerOffLoss? {
        SystemRegisterCatalogue.index(named: name).map { SystemRegisterCatalogue.all[$0].powerOff }
    }

    @Test func theRegistersThePathMustBringBackAreLost() {
        for name in ["VBAR_EL2", "VTCR_EL2", "VTTBR_EL2", "TPIDR_EL2", "MDCR_EL2", "HSTR_EL2", "CPTR_EL2", "HCR_EL2",
                     "CNTHCTL_EL2", "SCTLR_EL2", "TCR_EL2", "MAIR_EL2", "TTBR0_EL2"] {
            #expect(Self.loss(name) == .lost, "\(name)")
        }
        // Exception state and the PSTATE views hold nothing to bring back; identification
        // registers and the firmware's CNTFRQ_EL0 come back as they were.
        for name in ["ESR_EL2", "ELR_EL2", "SPSR_EL2", "FAR_EL2", "DAIF", "NZCV", "SPSel"] { #expect(Self.loss(name) == .transient, "\(name)") }
        for name in ["MIDR_EL1", "MPIDR_EL1", "ID_AA64MMFR0_EL1", "CNTFRQ_EL0", "CurrentEL"] { #expect(Self.loss(name) != .lost, "\(name)") }
    }

    @Test func theDefaultFollowsUnknownAfterPowerDown() {
        let enc = SystemRegisterEncoding(op0: 3, op1: 4, crn: 15, crm: 15, op2: 7)
        #expect(SystemRegister("A", enc, reset: 0, unknownAfterPowerDown: true, summary: "").powerOff == .lost)
        #expect(SystemRegister("B", enc, reset: 0, summary: "").powerOff == .kept)
        #expect(SystemRegister("C", enc, kind: .pstate, reset: 0, summary: "").powerOff == .transient)
        #expect(SystemRegister("D", enc, reset: 0, unknownAfterPowerDown: true, powerOff: .transient, summary: "").powerOff == .transient)
        // Every register the machine poisons at power-off is lost or transient, never kept.
        for r in SystemRegisterCatalogue.all where r.unknownAfterPowerDown { #expect(r.powerOff != .kept, "\(r.name)") }
    }
}
