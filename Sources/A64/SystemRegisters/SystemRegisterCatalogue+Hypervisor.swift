/// The catalogue beyond the EL2 suspend path: the EL1 and EL0 registers a hypervisor saves and
/// restores for its guests, the EL2 registers it programs per guest, the generic timers and
/// counters, FPCR/FPSR, and the identification registers it reads at boot.
///
/// Reset values and write masks are what QEMU 7.2's cortex-a57 at EL2 reads back
/// (scripts/qemu-sysreg-probe.py: reset, then all-ones, zeros, 0x55.., 0xaa..). QEMU stores most
/// of these registers raw (no RES0/RES1 enforcement), so most masks are all-ones; the exceptions
/// say so. ACTLR, AFSR0/1 and AMAIR read as zero and ignore writes on QEMU's cortex-a57 (their
/// contents are IMPLEMENTATION DEFINED; the masks are zero).
///
/// Power-off: the EL1/EL0 registers, the per-guest EL2 registers, the timers and FPCR/FPSR are
/// architecturally UNKNOWN after the warm reset that follows a power-down (VPIDR_EL2 and
/// VMPIDR_EL2 reset to MIDR/MPIDR only where EL2 is the highest Exception level; a platform with
/// EL3 firmware, as PSCI implies, leaves them UNKNOWN): `.lost`. The counters and ID registers are
/// `.kept`.
extension SystemRegisterCatalogue {
    /// EL1/EL0 state a hypervisor switches per guest (Xen's `ctxt_switch_to`/`from`).
    static let guestRegisters: [SystemRegister] = [
        // QEMU: bits [43:37] read as zero, the rest raw (M, EE probed too: no effect at EL2).
        SystemRegister("SCTLR_EL1", enc(3, 0, 1, 0, 0), reset: 0xc5_0838, writeMask: 0xffff_f01f_ffff_ffff, unknownAfterPowerDown: true,
                       fields: [
                        BitField("UCI", 26, "EL0 cache maintenance"), BitField("EE", 25, "big-endian data at EL1"),
                        BitField("E0E", 24, "big-endian data at EL0"), BitField("WXN", 19, "writable implies execute-never"),
                        BitField("nTWE", 18, "WFE at EL0 not trapped"), BitField("nTWI", 16, "WFI at EL0 not trapped"),
                        BitField("UCT", 15, "EL0 access to CTR_EL0"), BitField("DZE", 14, "EL0 DC ZVA"),
                        BitField("I", 12, "instruction cache enable"), BitField("UMA", 9, "EL0 DAIF access"),
                        BitField("SA0", 4, "SP alignment check at EL0"), BitField("SA", 3, "SP alignment check"),
                        BitField("C", 2, "data cache enable"), BitField("A", 1, "alignment check"), BitField("M", 0, "MMU enable (EL1&0)"),
                       ],
                       summary: "System Control Register (EL1)"),
        SystemRegister("ACTLR_EL1", enc(3, 0, 1, 0, 1), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Control Register (EL1): IMPLEMENTATION DEFINED, reads as zero"),
        SystemRegister("CPACR_EL1", enc(3, 0, 1, 0, 2), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("TTA", 28, "trap trace register access"),
                                BitField("FPEN", 21, 20, "FP/SIMD at EL1/EL0: 1 EL0 traps, 3 no trap")],
                       summary: "Architectural Feature Access Control Register"),
        SystemRegister("TTBR0_EL1", enc(3, 0, 2, 0, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("ASID", 63, 48, "address space id"), BitField("BADDR", 47, 1, "translation table base"),
                                BitField("CnP", 0, "common not private")],
                       summary: "Translation Table Base Register 0 (EL1)"),
        SystemRegister("TTBR1_EL1", enc(3, 0, 2, 0, 1), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("ASID", 63, 48, "address space id"), BitField("BADDR", 47, 1, "translation table base"),
                                BitField("CnP", 0, "common not private")],
                       summary: "Translation Table Base Register 1 (EL1)"),
        SystemRegister("TCR_EL1", enc(3, 0, 2, 0, 2), reset: 0, unknownAfterPowerDown: true,
                       fields: [
                        BitField("TBI1", 38, "top byte ignored (TTBR1)"), BitField("TBI0", 37, "top byte ignored (TTBR0)"),
                        BitField("AS", 36, "16-bit ASID"), BitField("IPS", 34, 32, "intermediate physical address size"),
                        BitField("TG1", 31, 30, "TTBR1 granule: 1 16K, 2 4K, 3 64K"), BitField("SH1", 29, 28, "TTBR1 shareability"),
                        BitField("ORGN1", 27, 26, "TTBR1 outer cacheability"), BitField("IRGN1", 25, 24, "TTBR1 inner cacheability"),
                        BitField("EPD1", 23, "no TTBR1 walks"), BitField("A1", 22, "ASID from TTBR1"),
                        BitField("T1SZ", 21, 16, "TTBR1 region is 64 - T1SZ bits"), BitField("TG0", 15, 14, "TTBR0 granule: 0 4K, 1 64K, 2 16K"),
                        BitField("SH0", 13, 12, "TTBR0 shareability"), BitField("ORGN0", 11, 10, "TTBR0 outer cacheability"),
                        BitField("IRGN0", 9, 8, "TTBR0 inner cacheability"), BitField("EPD0", 7, "no TTBR0 walks"),
                        BitField("T0SZ", 5, 0, "TTBR0 region is 64 - T0SZ bits"),
                       ],
                       summary: "Translation Control Register (EL1)"),
        SystemRegister("SPSR_EL1", enc(3, 0, 4, 0, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("N", 31), BitField("Z", 30), BitField("C", 29), BitField("V", 28),
                                BitField("D", 9), BitField("A", 8), BitField("I", 7), BitField("F", 6),
                                BitField("M", 3, 0, "mode: 0x5 EL1h, 0x4 EL1t, 0x0 EL0t")],
                       summary: "Saved Program Status Register (EL1)"),
        SystemRegister("ELR_EL1", enc(3, 0, 4, 0, 1), reset: 0, unknownAfterPowerDown: true,
                       summary: "Exception Link Register (EL1)"),
        SystemRegister("SP_EL1", enc(3, 4, 4, 1, 0), reset: 0, unknownAfterPowerDown: true,
                       summary: "Stack pointer (EL1)"),
        SystemRegister("AFSR0_EL1", enc(3, 0, 5, 1, 0), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Fault Status Register 0 (EL1): reads as zero"),
        SystemRegister("AFSR1_EL1", enc(3, 0, 5, 1, 1), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Fault Status Register 1 (EL1): reads as zero"),
        SystemRegister("ESR_EL1", enc(3, 0, 5, 2, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("EC", 31, 26, "exception class"), BitField("IL", 25, "32-bit instruction"),
                                BitField("ISS", 24, 0, "instruction specific syndrome")],
                       summary: "Exception Syndrome Register (EL1)"),
        SystemRegister("FAR_EL1", enc(3, 0, 6, 0, 0), reset: 0, unknownAfterPowerDown: true,
                       summary: "Fault Address Register (EL1)"),
        // AT writes it (see Machine's AddressTranslation); the two layouts share the register.
        SystemRegister("PAR_EL1", enc(3, 0, 7, 4, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: [
                        BitField("ATTR", 63, 56, "memory attributes (MAIR encoding), when F = 0"),
                        BitField("PA", 47, 12, "physical address, when F = 0"),
                        BitField("LPAE", 11, "64-bit format (always 1 here)"),
                        BitField("NS", 9, "non-secure (F = 0); S, stage-2 fault (F = 1)"),
                        BitField("SH", 8, 7, "shareability (F = 0); bit 8 PTW, fault on a stage-2 walk of a stage-1 table (F = 1)"),
                        BitField("FST", 6, 1, "fault status code, when F = 1"), BitField("F", 0, "the translation faulted"),
                       ],
                       summary: "Physical Address Register: the result of the last AT"),
        SystemRegister("MAIR_EL1", enc(3, 0, 10, 2, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: (0...7).reversed().map { BitField("Attr\($0)", $0 * 8 + 7, $0 * 8, "memory attribute \($0)") },
                       summary: "Memory Attribute Indirection Register (EL1)"),
        SystemRegister("AMAIR_EL1", enc(3, 0, 10, 3, 0), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Memory Attribute Indirection Register (EL1): reads as zero"),
        // QEMU masks bits [4:0], as for VBAR_EL2.
        SystemRegister("VBAR_EL1", enc(3, 0, 12, 0, 0), reset: 0, writeMask: ~UInt64(0x1f), unknownAfterPowerDown: true,
                       fields: [BitField("VBA", 63, 11, "vector base address (2 KiB aligned)")],
                       summary: "Vector Base Address Register (EL1)"),
        SystemRegister("CONTEXTIDR_EL1", enc(3, 0, 13, 0, 1), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("PROCID", 31, 0, "process identifier")],
                       summary: "Context ID Register (EL1)"),
        SystemRegister("TPIDR_EL1", enc(3, 0, 13, 0, 4), reset: 0, unknownAfterPowerDown: true,
                       summary: "Thread ID register (EL1)"),
        SystemRegister("TPIDR_EL0", enc(3, 3, 13, 0, 2), reset: 0, unknownAfterPowerDown: true,
                       summary: "Thread ID register (EL0, read/write)"),
        SystemRegister("TPIDRRO_EL0", enc(3, 3, 13, 0, 3), reset: 0, unknownAfterPowerDown: true,
                       summary: "Thread ID register (EL0, read-only at EL0)"),
        SystemRegister("CNTKCTL_EL1", enc(3, 0, 14, 1, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: [
                        BitField("EL0PTEN", 9, "EL0 physical timer access"), BitField("EL0VTEN", 8, "EL0 virtual timer access"),
                        BitField("EVNTI", 7, 4, "event stream trigger bit"), BitField("EVNTDIR", 3, "event direction"),
                        BitField("EVNTEN", 2, "event stream enable"), BitField("EL0VCTEN", 1, "EL0 virtual counter access"),
                        BitField("EL0PCTEN", 0, "EL0 physical counter access"),
                       ],
                       summary: "Counter-timer Kernel Control register"),
    ]

    /// EL2 registers beyond the suspend path's.
    static let el2Additions: [SystemRegister] = [
        SystemRegister("VPIDR_EL2", enc(3, 4, 0, 0, 0), reset: 0x411f_d070, unknownAfterPowerDown: true,
                       fields: [BitField("Implementer", 31, 24), BitField("Variant", 23, 20),
                                BitField("Architecture", 19, 16), BitField("PartNum", 15, 4), BitField("Revision", 3, 0)],
                       summary: "Virtualization Processor ID Register: what EL1 reads as MIDR_EL1"),
        SystemRegister("VMPIDR_EL2", enc(3, 4, 0, 0, 5), reset: 0x8000_0000, unknownAfterPowerDown: true,
                       fields: [BitField("Aff3", 39, 32), BitField("U", 30, "uniprocessor"), BitField("MT", 24, "multithreaded"),
                                BitField("Aff2", 23, 16), BitField("Aff1", 15, 8), BitField("Aff0", 7, 0)],
                       summary: "Virtualization Multiprocessor ID Register: what EL1 reads as MPIDR_EL1"),
        SystemRegister("ACTLR_EL2", enc(3, 4, 1, 0, 1), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Control Register (EL2): IMPLEMENTATION DEFINED, reads as zero"),
        SystemRegister("AFSR0_EL2", enc(3, 4, 5, 1, 0), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Fault Status Register 0 (EL2): reads as zero"),
        SystemRegister("AFSR1_EL2", enc(3, 4, 5, 1, 1), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Fault Status Register 1 (EL2): reads as zero"),
        SystemRegister("AMAIR_EL2", enc(3, 4, 10, 3, 0), reset: 0, writeMask: 0, unknownAfterPowerDown: true,
                       summary: "Auxiliary Memory Attribute Indirection Register (EL2): reads as zero"),
        SystemRegister("CNTVOFF_EL2", enc(3, 4, 14, 0, 3), reset: 0, unknownAfterPowerDown: true,
                       summary: "Counter-timer Virtual Offset: CNTVCT_EL0 = CNTPCT_EL0 - CNTVOFF_EL2"),
    ]

    static let timerControlFields: [BitField] = [
        BitField("ISTATUS", 2, "condition met (read only)"), BitField("IMASK", 1, "interrupt masked"), BitField("ENABLE", 0, "timer enabled"),
    ]

    /// The generic timers and the counts. A CTL's ENABLE and IMASK are stored (QEMU: writing
    /// all-ones reads back 7 with the condition met); CVAL is raw.
    static let timers: [SystemRegister] = [
        SystemRegister("CNTPCT_EL0", enc(3, 3, 14, 0, 1), kind: .counter(offset: nil), reset: 0, writeMask: 0,
                       summary: "Counter-timer Physical Count: one per instruction executed (deterministic)"),
        SystemRegister("CNTVCT_EL0", enc(3, 3, 14, 0, 2), kind: .counter(offset: "CNTVOFF_EL2"), reset: 0, writeMask: 0,
                       summary: "Counter-timer Virtual Count: CNTPCT_EL0 - CNTVOFF_EL2"),
        SystemRegister("CNTHP_CTL_EL2", enc(3, 4, 14, 2, 1), kind: .timerControl(compare: "CNTHP_CVAL_EL2", virtual: false),
                       reset: 0, writeMask: 0x3, unknownAfterPowerDown: true, fields: timerControlFields,
                       summary: "Counter-timer Hypervisor Physical Timer Control"),
        SystemRegister("CNTHP_CVAL_EL2", enc(3, 4, 14, 2, 2), reset: 0, unknownAfterPowerDown: true,
                       summary: "Counter-timer Hypervisor Physical Timer CompareValue"),
        SystemRegister("CNTHP_TVAL_EL2", enc(3, 4, 14, 2, 0), kind: .timerValue(compare: "CNTHP_CVAL_EL2", virtual: false),
                       reset: 0, writeMask: 0xffff_ffff, powerOff: .kept,
                       summary: "Counter-timer Hypervisor Physical Timer TimerValue (a view of CVAL)"),
        SystemRegister("CNTP_CTL_EL0", enc(3, 3, 14, 2, 1), kind: .timerControl(compare: "CNTP_CVAL_EL0", virtual: false),
                       reset: 0, writeMask: 0x3, unknownAfterPowerDown: true, fields: timerControlFields,
                       summary: "Counter-timer Physical Timer Control"),
        SystemRegister("CNTP_CVAL_EL0", enc(3, 3, 14, 2, 2), reset: 0, unknownAfterPowerDown: true,
                       summary: "Counter-timer Physical Timer CompareValue"),
        SystemRegister("CNTP_TVAL_EL0", enc(3, 3, 14, 2, 0), kind: .timerValue(compare: "CNTP_CVAL_EL0", virtual: false),
                       reset: 0, writeMask: 0xffff_ffff, powerOff: .kept,
                       summary: "Counter-timer Physical Timer TimerValue (a view of CVAL)"),
        SystemRegister("CNTV_CTL_EL0", enc(3, 3, 14, 3, 1), kind: .timerControl(compare: "CNTV_CVAL_EL0", virtual: true),
                       reset: 0, writeMask: 0x3, unknownAfterPowerDown: true, fields: timerControlFields,
                       summary: "Counter-timer Virtual Timer Control"),
        SystemRegister("CNTV_CVAL_EL0", enc(3, 3, 14, 3, 2), reset: 0, unknownAfterPowerDown: true,
                       summary: "Counter-timer Virtual Timer CompareValue"),
        SystemRegister("CNTV_TVAL_EL0", enc(3, 3, 14, 3, 0), kind: .timerValue(compare: "CNTV_CVAL_EL0", virtual: true),
                       reset: 0, writeMask: 0xffff_ffff, powerOff: .kept,
                       summary: "Counter-timer Virtual Timer TimerValue (a view of CVAL)"),
    ]

    /// FP/SIMD control and status. Accesses trap to EL2 when CPTR_EL2.TFP = 1 (EC 0x07).
    static let floatingPoint: [SystemRegister] = [
        // QEMU cortex-a57 (no FP16): AHP, DN, FZ, RMode, Stride and Len are stored; the trap
        // enables and FZ16 read as zero. All-ones reads back 0x07f70000.
        SystemRegister("FPCR", enc(3, 3, 4, 4, 0), reset: 0, writeMask: 0x07f7_0000, unknownAfterPowerDown: true,
                       fields: [
                        BitField("AHP", 26, "alternative half-precision"), BitField("DN", 25, "default NaN"),
                        BitField("FZ", 24, "flush to zero"), BitField("RMode", 23, 22, "rounding: 0 nearest, 1 +inf, 2 -inf, 3 zero"),
                        BitField("Stride", 21, 20, "AArch32 vector stride"), BitField("Len", 18, 16, "AArch32 vector length"),
                       ],
                       summary: "Floating-point Control Register"),
        SystemRegister("FPSR", enc(3, 3, 4, 4, 1), reset: 0, writeMask: 0xf800_009f, unknownAfterPowerDown: true,
                       fields: [
                        BitField("N", 31, "AArch32 compare: negative"), BitField("Z", 30), BitField("C", 29), BitField("V", 28),
                        BitField("QC", 27, "saturation"), BitField("IDC", 7, "input denormal"), BitField("IXC", 4, "inexact"),
                        BitField("UFC", 3, "underflow"), BitField("OFC", 2, "overflow"), BitField("DZC", 1, "divide by zero"),
                        BitField("IOC", 0, "invalid operation"),
                       ],
                       summary: "Floating-point Status Register (cumulative exception flags)"),
    ]

    /// A read-only identification register with QEMU cortex-a57's value.
    static func id(_ name: String, _ e: SystemRegisterEncoding, _ value: UInt64, _ summary: String,
                   fields: [BitField] = []) -> SystemRegister {
        SystemRegister(name, e, kind: .readOnly, reset: value, writeMask: 0, fields: fields, summary: summary)
    }

    /// Identification registers, as QEMU cortex-a57 reads them. The rest of the ID space
    /// (op0 3, op1 0, CRn 0, CRm 1...7) is reserved on ARMv8.0 and reads as zero
    /// (`isReservedIDSpace`), including what later architectures put there (ID_AA64ZFR0_EL1,
    /// ID_AA64SMFR0_EL1, ID_PFR2_EL1: GNU as 2.40 takes those names only with +sve, +sme or a
    /// later .arch).
    static let identification: [SystemRegister] = [
        id("REVIDR_EL1", enc(3, 0, 0, 0, 6), 0, "Revision ID Register"),
        id("ID_AA64PFR0_EL1", enc(3, 0, 0, 4, 0), 0x222, "AArch64 Processor Feature Register 0",
           fields: [BitField("GIC", 27, 24, "system register GIC interface"), BitField("AdvSIMD", 23, 20, "0 implemented"),
                    BitField("FP", 19, 16, "0 implemented"), BitField("EL3", 15, 12), BitField("EL2", 11, 8, "2 AArch64 and AArch32"),
                    BitField("EL1", 7, 4), BitField("EL0", 3, 0)]),
        id("ID_AA64PFR1_EL1", enc(3, 0, 0, 4, 1), 0, "AArch64 Processor Feature Register 1"),
        id("ID_AA64DFR0_EL1", enc(3, 0, 0, 5, 0), 0x1030_5106, "AArch64 Debug Feature Register 0",
           fields: [BitField("CTX_CMPs", 31, 28), BitField("WRPs", 23, 20), BitField("BRPs", 15, 12),
                    BitField("PMUVer", 11, 8), BitField("TraceVer", 7, 4), BitField("DebugVer", 3, 0)]),
        id("ID_AA64DFR1_EL1", enc(3, 0, 0, 5, 1), 0, "AArch64 Debug Feature Register 1"),
        id("ID_AA64AFR0_EL1", enc(3, 0, 0, 5, 4), 0, "AArch64 Auxiliary Feature Register 0"),
        id("ID_AA64AFR1_EL1", enc(3, 0, 0, 5, 5), 0, "AArch64 Auxiliary Feature Register 1"),
        id("ID_AA64ISAR0_EL1", enc(3, 0, 0, 6, 0), 0x1_1120, "AArch64 Instruction Set Attribute Register 0",
           fields: [BitField("CRC32", 19, 16, "1 CRC32 instructions"), BitField("SHA2", 15, 12, "1 SHA256"),
                    BitField("SHA1", 11, 8, "1 SHA1"), BitField("AES", 7, 4, "2 AES and PMULL")]),
        id("ID_AA64ISAR1_EL1", enc(3, 0, 0, 6, 1), 0, "AArch64 Instruction Set Attribute Register 1"),
        id("ID_AA64ISAR2_EL1", enc(3, 0, 0, 6, 2), 0, "AArch64 Instruction Set Attribute Register 2"),
        id("ID_AA64MMFR1_EL1", enc(3, 0, 0, 7, 1), 0, "AArch64 Memory Model Feature Register 1 (no VHE, PAN, VMID16)"),
        id("ID_AA64MMFR2_EL1", enc(3, 0, 0, 7, 2), 0, "AArch64 Memory Model Feature Register 2"),
        id("ID_PFR0_EL1", enc(3, 0, 0, 1, 0), 0x131, "AArch32 Processor Feature Register 0"),
        id("ID_PFR1_EL1", enc(3, 0, 0, 1, 1), 0x1_1001, "AArch32 Processor Feature Register 1"),
        id("ID_DFR0_EL1", enc(3, 0, 0, 1, 2), 0x301_0006, "AArch32 Debug Feature Register 0"),
        id("ID_AFR0_EL1", enc(3, 0, 0, 1, 3), 0, "AArch32 Auxiliary Feature Register 0"),
        id("ID_MMFR0_EL1", enc(3, 0, 0, 1, 4), 0x1010_1105, "AArch32 Memory Model Feature Register 0"),
        id("ID_MMFR1_EL1", enc(3, 0, 0, 1, 5), 0x4000_0000, "AArch32 Memory Model Feature Register 1"),
        id("ID_MMFR2_EL1", enc(3, 0, 0, 1, 6), 0x126_0000, "AArch32 Memory Model Feature Register 2"),
        id("ID_MMFR3_EL1", enc(3, 0, 0, 1, 7), 0x210_2211, "AArch32 Memory Model Feature Register 3"),
        id("ID_ISAR0_EL1", enc(3, 0, 0, 2, 0), 0x210_1110, "AArch32 Instruction Set Attribute Register 0"),
        id("ID_ISAR1_EL1", enc(3, 0, 0, 2, 1), 0x1311_2111, "AArch32 Instruction Set Attribute Register 1"),
        id("ID_ISAR2_EL1", enc(3, 0, 0, 2, 2), 0x2123_2042, "AArch32 Instruction Set Attribute Register 2"),
        id("ID_ISAR3_EL1", enc(3, 0, 0, 2, 3), 0x111_2131, "AArch32 Instruction Set Attribute Register 3"),
        id("ID_ISAR4_EL1", enc(3, 0, 0, 2, 4), 0x1_1142, "AArch32 Instruction Set Attribute Register 4"),
        id("ID_ISAR5_EL1", enc(3, 0, 0, 2, 5), 0x1_1121, "AArch32 Instruction Set Attribute Register 5"),
        id("ID_MMFR4_EL1", enc(3, 0, 0, 2, 6), 0, "AArch32 Memory Model Feature Register 4"),
        id("ID_ISAR6_EL1", enc(3, 0, 0, 2, 7), 0, "AArch32 Instruction Set Attribute Register 6"),
        id("MVFR0_EL1", enc(3, 0, 0, 3, 0), 0x1011_0222, "AArch32 Media and VFP Feature Register 0"),
        id("MVFR1_EL1", enc(3, 0, 0, 3, 1), 0x1211_1111, "AArch32 Media and VFP Feature Register 1"),
        id("MVFR2_EL1", enc(3, 0, 0, 3, 2), 0x43, "AArch32 Media and VFP Feature Register 2"),
        id("ID_DFR1_EL1", enc(3, 0, 0, 3, 5), 0, "AArch32 Debug Feature Register 1"),
        id("ID_MMFR5_EL1", enc(3, 0, 0, 3, 6), 0, "AArch32 Memory Model Feature Register 5"),
        id("CTR_EL0", enc(3, 3, 0, 0, 1), 0x8444_c004, "Cache Type Register",
           fields: [BitField("CWG", 27, 24, "cache writeback granule (log2 words)"), BitField("ERG", 23, 20, "exclusives reservation granule"),
                    BitField("DminLine", 19, 16, "smallest data cache line (log2 words)"), BitField("L1Ip", 15, 14, "L1 instruction cache policy"),
                    BitField("IminLine", 3, 0, "smallest instruction cache line (log2 words)")]),
        id("DCZID_EL0", enc(3, 3, 0, 0, 7), 0x4, "Data Cache Zero ID register: DC ZVA zeroes 4 << BS bytes",
           fields: [BitField("DZP", 4, "DC ZVA prohibited"), BitField("BS", 3, 0, "log2 of the block size in words")]),
        id("CLIDR_EL1", enc(3, 1, 0, 0, 1), 0xa20_0023, "Cache Level ID Register"),
        id("AIDR_EL1", enc(3, 1, 0, 0, 7), 0, "Auxiliary ID Register"),
        id("ISR_EL1", enc(3, 0, 12, 1, 0), 0, "Interrupt Status Register (no interrupts are modelled: always zero)",
           fields: [BitField("A", 8, "SError pending"), BitField("I", 7, "IRQ pending"), BitField("F", 6, "FIQ pending")]),
    ]

    /// Whether an encoding is in the reserved part of the ID space (op0 3, op1 0, CRn 0,
    /// CRm 1...7), which ARMv8.0 defines as read-as-zero; MSR to it is UNDEFINED.
    public static func isReservedIDSpace(_ e: SystemRegisterEncoding) -> Bool {
        e.op0 == 3 && e.op1 == 0 && e.crn == 0 && e.crm >= 1 && e.crm <= 7 && register(for: e) == nil
    }
}
