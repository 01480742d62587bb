/// The one system register catalogue. The decoder, assembler, disassembler, executor and the
/// panels all read this table; nothing else lists system registers.
///
/// Reset values and write masks follow QEMU's `cortex-a57` model at EL2 (virt,
/// virtualization=on, no EL3), checked by the conformance tests. Bitfields follow the Arm ARM
/// with E2H = 0.
///
/// Verified against QEMU (qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57, ELF loaded
/// with -kernel, read back with gdb-multiarch) by `scripts/qemu-sysreg-probe.py`: for every stored
/// register the program reads the reset value, then writes all-ones, zeros, 0x5555.. and 0xaaaa..
/// and reads each back. QEMU stores most EL2 registers raw (no RES0/RES1 enforcement), so most
/// write masks are all-ones and no register forces RES1 bits; the exceptions are noted per entry.
/// Reset PSTATE under QEMU: 0x400003c9 = EL2h, DAIF masked, and Z set (QEMU's ZF starts at 0,
/// which reads as Z = 1); SP = 0.
public enum SystemRegisterCatalogue {
    static func enc(_ op0: UInt8, _ op1: UInt8, _ crn: UInt8, _ crm: UInt8, _ op2: UInt8) -> SystemRegisterEncoding {
        SystemRegisterEncoding(op0: op0, op1: op1, crn: crn, crm: crm, op2: op2)
    }

    /// Every catalogued register, in a stable display order: the EL2 registers the suspend path
    /// runs on first, then (SystemRegisterCatalogue+Hypervisor.swift) the EL1/EL0 registers a
    /// hypervisor saves for its guests, the timers and counters, FPCR/FPSR and the ID registers.
    /// New registers go at the end: a register's index numbers its UNKNOWN value at power-off.
    public static let all: [SystemRegister] = suspendPath + guestRegisters + el2Additions + timers + floatingPoint + identification

    /// The registers of the first catalogue (the EL2 suspend path).
    static let suspendPath: [SystemRegister] = [
        // QEMU masks only bits [4:0] (vbar_write: value & ~0x1f), not [10:0] as the Arm ARM's RES0:
        // all-ones reads back 0xffffffffffffffe0.
        SystemRegister("VBAR_EL2", enc(3, 4, 12, 0, 0), reset: 0, writeMask: ~UInt64(0x1f),
                       unknownAfterPowerDown: true,
                       fields: [BitField("VBA", 63, 11, "vector base address (2 KiB aligned)")],
                       summary: "Vector Base Address Register (EL2)"),
        SystemRegister("VTCR_EL2", enc(3, 4, 2, 1, 2), reset: 0, unknownAfterPowerDown: true,
                       fields: [
                        BitField("SL2", 33, "start level -1 (with DS)"), BitField("DS", 32, "52-bit descriptors"),
                        BitField("RES1", 31, "reserved, reads as one"),
                        BitField("NSA", 30, "non-secure stage-2 output"), BitField("NSW", 29, "non-secure stage-2 walks"),
                        BitField("HWU", 28, 25, "hardware use bits"), BitField("HD", 22, "hardware dirty flag"),
                        BitField("HA", 21, "hardware access flag"), BitField("VS", 19, "16-bit VMID"),
                        BitField("PS", 18, 16, "physical address size"), BitField("TG0", 15, 14, "granule: 0 4K, 1 64K, 2 16K"),
                        BitField("SH0", 13, 12, "shareability: 0 non, 2 outer, 3 inner"),
                        BitField("ORGN0", 11, 10, "outer cacheability: 0 NC, 1 WBWA, 2 WT, 3 WBnWA"),
                        BitField("IRGN0", 9, 8, "inner cacheability: 0 NC, 1 WBWA, 2 WT, 3 WBnWA"),
                        BitField("SL0", 7, 6, "stage-2 starting level"), BitField("T0SZ", 5, 0, "IPA size is 64 - T0SZ bits"),
                       ],
                       summary: "Virtualization Translation Control Register"),
        SystemRegister("VTTBR_EL2", enc(3, 4, 2, 1, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("VMID", 63, 48, "virtual machine id"), BitField("BADDR", 47, 1, "stage-2 table base"),
                                BitField("CnP", 0, "common not private")],
                       summary: "Virtualization Translation Table Base Register"),
        SystemRegister("TPIDR_EL2", enc(3, 4, 13, 0, 2), reset: 0, unknownAfterPowerDown: true,
                       fields: [], summary: "Thread ID register (EL2): Xen's per-cpu offset"),
        // QEMU resets HPMN to the number of PMU counters (6); all 64 bits store raw.
        SystemRegister("MDCR_EL2", enc(3, 4, 1, 1, 1), reset: 0x6, unknownAfterPowerDown: true,
                       fields: [
                        BitField("HPMD", 17, "PMU counting disabled at EL2"), BitField("EnSPM", 15, "SPM access"),
                        BitField("TPMS", 14, "trap profiling buffer"), BitField("E2PB", 13, 12, "profiling buffer owner"),
                        BitField("TDRA", 11, "trap debug ROM access"), BitField("TDOSA", 10, "trap debug OS access"),
                        BitField("TDA", 9, "trap debug access"), BitField("TDE", 8, "route debug exceptions to EL2"),
                        BitField("HPME", 7, "EL2 counters enabled"), BitField("TPM", 6, "trap PMU access"),
                        BitField("TPMCR", 5, "trap PMCR access"), BitField("HPMN", 4, 0, "counters accessible below EL2"),
                       ],
                       summary: "Monitor Debug Configuration Register (EL2)"),
        SystemRegister("HSTR_EL2", enc(3, 4, 1, 1, 3), reset: 0, unknownAfterPowerDown: true,
                       fields: (0...15).reversed().filter { $0 != 4 && $0 != 14 }.map {
                           BitField("T\($0)", $0, "trap AArch32 CP15 accesses with CRn=\($0)")
                       },
                       summary: "Hypervisor System Trap Register"),
        SystemRegister("CPTR_EL2", enc(3, 4, 1, 1, 2), reset: 0, unknownAfterPowerDown: true,
                       fields: [
                        BitField("TCPAC", 31, "trap CPACR accesses"), BitField("TAM", 30, "trap activity monitor"),
                        BitField("TTA", 20, "trap trace register access"), BitField("TSM", 12, "trap SME"),
                        BitField("TFP", 10, "trap FP/SIMD"), BitField("TZ", 8, "trap SVE"),
                       ],
                       summary: "Architectural Feature Trap Register (EL2)"),
        // QEMU cortex-a57 (ARMv8.0, no VHE/RAS/PAuth...): only bits [33:0] are writable, E2H (34) and
        // everything above read as zero: all-ones reads back 0x3ffffffff.
        SystemRegister("HCR_EL2", enc(3, 4, 1, 1, 0), reset: 0, writeMask: 0x3_ffff_ffff, unknownAfterPowerDown: true,
                       fields: hcrFields, summary: "Hypervisor Configuration Register"),
        // QEMU resets EL1PCEN and EL1PCTEN to 1 (0x3).
        SystemRegister("CNTHCTL_EL2", enc(3, 4, 14, 1, 0), reset: 0x3, unknownAfterPowerDown: true,
                       fields: [
                        BitField("EVNTI", 7, 4, "event stream trigger bit"), BitField("EVNTDIR", 3, "event direction"),
                        BitField("EVNTEN", 2, "event stream enable"), BitField("EL1PCEN", 1, "EL1 physical timer access"),
                        BitField("EL1PCTEN", 0, "EL1 physical counter access"),
                       ],
                       summary: "Counter-timer Hypervisor Control Register"),
        // QEMU: reset value 0 (no RES1 bits set, not the Arm ARM's 0x30c50830), RES1 not enforced;
        // bits [43:37] read as zero; everything else (M and EE assumed, not probed) stores raw.
        // Lost at power-off: the firmware wakes the core with SCTLR_EL2 at its RES1 value (MMU and
        // caches off), so the value Xen ran with must be programmed again (cpu_init, enable_mmu).
        SystemRegister("SCTLR_EL2", enc(3, 4, 1, 0, 0), reset: 0, writeMask: 0xffff_f01f_ffff_ffff, powerOff: .lost,
                       fields: [
                        BitField("DSSBS", 44, "default SSBS"), BitField("BT", 36, "BTI guarded"),
                        BitField("EE", 25, "big-endian data"), BitField("IESB", 21, "implicit error sync"),
                        BitField("WXN", 19, "writable implies execute-never"), BitField("I", 12, "instruction cache enable"),
                        BitField("SA", 3, "SP alignment check"), BitField("C", 2, "data cache enable"),
                        BitField("A", 1, "alignment check"), BitField("M", 0, "MMU enable"),
                       ],
                       summary: "System Control Register (EL2)"),
        // QEMU stores TCR_EL2 raw: RES1 bits 31 and 23 are not forced, all-ones reads back all-ones.
        SystemRegister("TCR_EL2", enc(3, 4, 2, 0, 2), reset: 0, unknownAfterPowerDown: true,
                       fields: [
                        BitField("TBI", 20, "top byte ignored"), BitField("PS", 18, 16, "physical address size"),
                        BitField("TG0", 15, 14, "granule: 0 4K, 1 64K, 2 16K"),
                        BitField("SH0", 13, 12, "shareability: 0 non, 2 outer, 3 inner"),
                        BitField("ORGN0", 11, 10, "outer cacheability"), BitField("IRGN0", 9, 8, "inner cacheability"),
                        BitField("T0SZ", 5, 0, "VA size is 64 - T0SZ bits"),
                       ],
                       summary: "Translation Control Register (EL2)"),
        SystemRegister("MAIR_EL2", enc(3, 4, 10, 2, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: (0...7).reversed().map { BitField("Attr\($0)", $0 * 8 + 7, $0 * 8, "memory attribute \($0)") },
                       summary: "Memory Attribute Indirection Register (EL2)"),
        SystemRegister("TTBR0_EL2", enc(3, 4, 2, 0, 0), reset: 0, unknownAfterPowerDown: true,
                       fields: [BitField("BADDR", 47, 1, "translation table base"), BitField("CnP", 0, "common not private")],
                       summary: "Translation Table Base Register 0 (EL2)"),
        SystemRegister("ESR_EL2", enc(3, 4, 5, 2, 0), reset: 0, unknownAfterPowerDown: true, powerOff: .transient,
                       fields: [BitField("EC", 31, 26, "exception class"), BitField("IL", 25, "32-bit instruction"),
                                BitField("ISS", 24, 0, "instruction specific syndrome")],
                       summary: "Exception Syndrome Register (EL2)"),
        SystemRegister("ELR_EL2", enc(3, 4, 4, 0, 1), reset: 0, unknownAfterPowerDown: true, powerOff: .transient, fields: [],
                       summary: "Exception Link Register (EL2)"),
        SystemRegister("SPSR_EL2", enc(3, 4, 4, 0, 0), reset: 0, unknownAfterPowerDown: true, powerOff: .transient,
                       fields: [
                        BitField("N", 31, "negative"), BitField("Z", 30, "zero"), BitField("C", 29, "carry"),
                        BitField("V", 28, "overflow"), BitField("SS", 21, "software step"), BitField("IL", 20, "illegal execution state"),
                        BitField("D", 9, "debug masked"), BitField("A", 8, "SError masked"), BitField("I", 7, "IRQ masked"),
                        BitField("F", 6, "FIQ masked"), BitField("M", 3, 0, "mode: 0x9 EL2h, 0x8 EL2t, 0x5 EL1h"),
                       ],
                       summary: "Saved Program Status Register (EL2)"),
        SystemRegister("FAR_EL2", enc(3, 4, 6, 0, 0), reset: 0, unknownAfterPowerDown: true, powerOff: .transient, fields: [],
                       summary: "Fault Address Register (EL2)"),
        SystemRegister("SP_EL0", enc(3, 0, 4, 1, 0), reset: 0, fields: [],
                       summary: "Stack pointer (EL0)"),
        SystemRegister("CurrentEL", enc(3, 0, 4, 2, 2), kind: .readOnly, reset: 0x8, writeMask: 0,
                       fields: [BitField("EL", 3, 2, "current exception level")],
                       summary: "Current Exception Level"),
        SystemRegister("SPSel", enc(3, 0, 4, 2, 0), kind: .pstate, reset: 1, writeMask: 1,
                       fields: [BitField("SP", 0, "use SP_ELx (1) or SP_EL0 (0)")],
                       summary: "Stack pointer select"),
        SystemRegister("DAIF", enc(3, 3, 4, 2, 1), kind: .pstate, reset: 0x3c0, writeMask: 0x3c0,
                       fields: [BitField("D", 9, "debug masked"), BitField("A", 8, "SError masked"),
                                BitField("I", 7, "IRQ masked"), BitField("F", 6, "FIQ masked")],
                       summary: "Interrupt mask bits"),
        // QEMU's reset PSTATE has Z set (reads 0x40000000).
        SystemRegister("NZCV", enc(3, 3, 4, 2, 0), kind: .pstate, reset: 0x4000_0000, writeMask: 0xf000_0000,
                       fields: [BitField("N", 31, "negative"), BitField("Z", 30, "zero"),
                                BitField("C", 29, "carry"), BitField("V", 28, "overflow")],
                       summary: "Condition flags"),
        SystemRegister("MPIDR_EL1", enc(3, 0, 0, 0, 5), kind: .readOnly, reset: 0x8000_0000, writeMask: 0,
                       fields: [BitField("Aff3", 39, 32), BitField("U", 30, "uniprocessor"), BitField("MT", 24, "multithreaded"),
                                BitField("Aff2", 23, 16), BitField("Aff1", 15, 8), BitField("Aff0", 7, 0)],
                       summary: "Multiprocessor Affinity Register"),
        SystemRegister("MIDR_EL1", enc(3, 0, 0, 0, 0), kind: .readOnly, reset: 0x411f_d070, writeMask: 0,
                       fields: [BitField("Implementer", 31, 24), BitField("Variant", 23, 20),
                                BitField("Architecture", 19, 16), BitField("PartNum", 15, 4), BitField("Revision", 3, 0)],
                       summary: "Main ID Register"),
        SystemRegister("ID_AA64MMFR0_EL1", enc(3, 0, 0, 7, 0), kind: .readOnly, reset: 0x1124, writeMask: 0,
                       fields: [BitField("TGran4", 31, 28), BitField("TGran64", 27, 24), BitField("TGran16", 23, 20),
                                BitField("BigEnd", 11, 8), BitField("ASIDBits", 7, 4), BitField("PARange", 3, 0, "physical address range")],
                       summary: "AArch64 Memory Model Feature Register 0"),
        // QEMU stores all 64 bits (upper half is RES0 in the Arm ARM).
        SystemRegister("CNTFRQ_EL0", enc(3, 3, 14, 0, 0), reset: 62_500_000,
                       fields: [], summary: "Counter-timer Frequency register"),
    ]

    static let hcrFields: [BitField] = {
        let names: [(String, Int, Int, String)] = [
            ("TWEDEL", 63, 60, ""), ("TWEDEn", 59, 59, ""), ("TID5", 58, 58, ""), ("DCT", 57, 57, ""), ("ATA", 56, 56, ""),
            ("TTLBOS", 55, 55, ""), ("TTLBIS", 54, 54, ""), ("EnSCXT", 53, 53, ""), ("TOCU", 52, 52, ""),
            ("AMVOFFEN", 51, 51, ""), ("TICAB", 50, 50, ""), ("TID4", 49, 49, ""), ("GPF", 48, 48, ""), ("FIEN", 47, 47, ""),
            ("FWB", 46, 46, ""), ("NV2", 45, 45, ""), ("AT", 44, 44, ""), ("NV1", 43, 43, ""), ("NV", 42, 42, ""),
            ("API", 41, 41, ""), ("APK", 40, 40, ""), ("TME", 39, 39, ""), ("MIOCNCE", 38, 38, ""), ("TEA", 37, 37, ""),
            ("TERR", 36, 36, ""), ("TLOR", 35, 35, ""), ("E2H", 34, 34, "EL2 host"), ("ID", 33, 33, "stage-2 instruction access cacheability disable"),
            ("CD", 32, 32, "stage-2 data access cacheability disable"), ("RW", 31, 31, "EL1 is AArch64"),
            ("TRVM", 30, 30, "trap reads of VM controls"), ("HCD", 29, 29, "HVC disable"), ("TDZ", 28, 28, "trap DC ZVA"),
            ("TGE", 27, 27, "trap general exceptions"), ("TVM", 26, 26, "trap virtual memory controls"),
            ("TTLB", 25, 25, "trap TLB maintenance"), ("TPU", 24, 24, "trap cache maintenance to PoU"),
            ("TPCP", 23, 23, "trap cache maintenance to PoC"), ("TSW", 22, 22, "trap set/way cache maintenance"),
            ("TACR", 21, 21, "trap ACTLR"), ("TIDCP", 20, 20, "trap implementation defined"), ("TSC", 19, 19, "trap SMC"),
            ("TID3", 18, 18, "trap ID group 3"), ("TID2", 17, 17, "trap ID group 2"), ("TID1", 16, 16, "trap ID group 1"),
            ("TID0", 15, 15, "trap ID group 0"), ("TWE", 14, 14, "trap WFE"), ("TWI", 13, 13, "trap WFI"),
            ("DC", 12, 12, "default cacheability"), ("BSU", 11, 10, "barrier shareability upgrade"),
            ("FB", 9, 9, "force broadcast"), ("VSE", 8, 8, "virtual SError"), ("VI", 7, 7, "virtual IRQ"),
            ("VF", 6, 6, "virtual FIQ"), ("AMO", 5, 5, "route SError to EL2"), ("IMO", 4, 4, "route IRQ to EL2"),
            ("FMO", 3, 3, "route FIQ to EL2"), ("PTW", 2, 2, "protected table walk"),
            ("SWIO", 1, 1, "set/way invalidation override"), ("VM", 0, 0, "stage-2 translation enable"),
        ]
        return names.map { BitField($0.0, $0.1, $0.2, $0.3) }
    }()

    private static let byEncoding: [UInt16: Int] = {
        var d: [UInt16: Int] = [:]
        for (i, r) in all.enumerated() { d[r.encoding.packed] = i }
        return d
    }()
    private static let byName: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, r) in all.enumerated() { d[r.name.uppercased()] = i }
        return d
    }()

    /// The index of a register in `all`, by encoding.
    public static func index(of encoding: SystemRegisterEncoding) -> Int? { byEncoding[encoding.packed] }

    /// The register with this encoding, if catalogued.
    public static func register(for encoding: SystemRegisterEncoding) -> SystemRegister? {
        byEncoding[encoding.packed].map { all[$0] }
    }

    /// The register with this name (case-insensitive), if catalogued.
    public static func register(named name: String) -> SystemRegister? {
        byName[name.uppercased()].map { all[$0] }
    }

    /// The index in `all` of the register with this name (case-insensitive).
    public static func index(named name: String) -> Int? { byName[name.uppercased()] }
}
