import A64
import Assembler
import Machine
import Testing

/// EL2 stage-1 translation: walks, faults with their exact syndromes, the TLB and its
/// invalidation, undo, self-modifying code through an alias, and a Xen-shaped enable_mmu.
@Suite("EL2 stage-1 MMU")
struct MMUTests {
    // Descriptor bits.
    static let table: UInt64 = 0x3
    static let page: UInt64 = 0x703        // page (level 3), AF, SH inner, AttrIndx 0
    static let block: UInt64 = 0x701       // block (levels 1, 2), AF, SH inner
    static let ap2: UInt64 = 1 << 7
    static let af: UInt64 = 1 << 10
    static let xn: UInt64 = 1 << 54
    static let xnTable: UInt64 = 1 << 60
    static let apTable1: UInt64 = 1 << 62
    static let tables: UInt64 = 0x4400_0000

    func put(_ m: Machine, _ pa: UInt64, _ d: UInt64) {
        #expect(m.memory.writeBytes((0..<8).map { UInt8(truncatingIfNeeded: d >> UInt64(8 * $0)) }, at: pa))
    }

    /// TCR/TTBR/MAIR as a debugger poke, then SCTLR_EL2.M (and WXN) on.
    func enable(_ m: Machine, t0sz: UInt64, ttbr: UInt64 = tables, ps: UInt64 = 2, tg0: UInt64 = 0, wxn: Bool = false) {
        m.setSystemRegister(named: "TCR_EL2", 0x8080_3500 | ps << 16 | tg0 << 14 | t0sz)
        m.setSystemRegister(named: "TTBR0_EL2", ttbr)
        m.setSystemRegister(named: "MAIR_EL2", 0xff)
        m.setSystemRegister(named: "SCTLR_EL2", 1 | (wxn ? 1 << 19 : 0))
    }

    func load(_ source: String) throws -> (Machine, Program) {
        let program = try Assembler.assemble(source: source)
        let m = Machine(entry: program.entry)
        #expect(m.load(program.image, at: program.base))
        return (m, program)
    }

    /// The common map for executed programs (T0SZ 25, start level 1): RAM 0x4000_0000 1:1
    /// as a 1 GiB block, and VA 0x1_0000_0000 through a level-2 and a level-3 table:
    /// page 0 RW -> 0x4010_0000, 1 read-only -> 0x4010_1000, 2 AF = 0, 3 unmapped,
    /// 4 XN -> 0x4010_4000, 5 RW -> 0x4010_5000.
    func standardMap(_ m: Machine) {
        let l1 = Self.tables, l2 = l1 + 0x1000, l3 = l1 + 0x2000
        put(m, l1 + 8, 0x4000_0000 | Self.block)
        put(m, l1 + 4 * 8, l2 | Self.table)
        put(m, l2, l3 | Self.table)
        put(m, l3, 0x4010_0000 | Self.page)
        put(m, l3 + 8, 0x4010_1000 | Self.page | Self.ap2)
        put(m, l3 + 16, (0x4010_2000 | Self.page) & ~Self.af)
        put(m, l3 + 32, 0x4010_4000 | Self.page | Self.xn)
        put(m, l3 + 40, 0x4010_5000 | Self.page)
        enable(m, t0sz: 25)
    }

    // MARK: Walks

    @Test("MMU off: identity, address size fault beyond the 44-bit PARange")
    func mmuOff() {
        let m = Machine()
        #expect(!m.mmuEnabled)
        #expect(m.translate(virtual: 0x4008_0000) == .mapped(physical: 0x4008_0000, writable: true, executable: true, level: 0))
        guard case let .fault(status, level, _) = m.translate(virtual: 0x1000_0000_0000) else { Issue.record("no fault"); return }
        #expect(status == 0x00 && level == 0)
    }

    @Test("mmuEnabled sets SCTLR_EL2.M and drops cached translations")
    func mmuEnabledSetter() {
        let m = Machine()
        standardMap(m)
        #expect(m.translate(virtual: 0x1_0000_0010) == .mapped(physical: 0x4010_0010, writable: true, executable: true, level: 3))
        m.mmuEnabled = false
        #expect(m.systemRegister(named: "SCTLR_EL2")! & 1 == 0)
        #expect(m.translate(virtual: 0x1_0000_0010) == .mapped(physical: 0x1_0000_0010, writable: true, executable: true, level: 0))
        m.mmuEnabled = true
        #expect(m.systemRegister(named: "SCTLR_EL2")! & 1 == 1)
        #expect(m.translate(virtual: 0x1_0000_0010) == .mapped(physical: 0x4010_0010, writable: true, executable: true, level: 3))
    }

    @Test("start level 0 (T0SZ 16): four levels down to a 4 KiB page")
    func startLevel0() {
        let m = Machine()
        let l0 = Self.tables, l1 = l0 + 0x1000, l2 = l0 + 0x2000, l3 = l0 + 0x3000
        let va: UInt64 = 0x0000_0a00_0020_3000
        put(m, l0 + 20 * 8, l1 | Self.table)
        put(m, l1, l2 | Self.table)
        put(m, l2 + 8, l3 | Self.table)
        put(m, l3 + 3 * 8, 0x4010_0000 | Self.page)
        enable(m, t0sz: 16)
        #expect(m.mmuEnabled)
        #expect(m.translate(virtual: va + 0x18) == .mapped(physical: 0x4010_0018, writable: true, executable: true, level: 3))
        guard case let .fault(status, level, text) = m.translate(virtual: va + 0x1000) else { Issue.record("no fault"); return }
        #expect(status == 0x07 && level == 3)
        #expect(text.hasPrefix("translation fault at level 3 (no mapping for VA 0xa0000204000"))
    }

    @Test("start level 1 (T0SZ 25): a 1 GiB block; T0SZ 32: a 4-entry level-1 table")
    func startLevel1() {
        let m = Machine()
        put(m, Self.tables + 4 * 8, 0x4000_0000 | Self.block)
        enable(m, t0sz: 25)
        #expect(m.translate(virtual: 0x1_0001_2345) == .mapped(physical: 0x4001_2345, writable: true, executable: true, level: 1))
        // Beyond the 39-bit input range.
        guard case let .fault(status, level, _) = m.translate(virtual: 0x80_0000_0000) else { Issue.record("no fault"); return }
        #expect(status == 0x04 && level == 0)
        // T0SZ 32: 4 entries, the base only aligned to their 32 bytes (as QEMU masks it).
        put(m, Self.tables + 0x20 + 3 * 8, 0x4000_0000 | Self.block)
        enable(m, t0sz: 32, ttbr: Self.tables + 0x20)
        #expect(m.translate(virtual: 0xc000_0010) == .mapped(physical: 0x4000_0010, writable: true, executable: true, level: 1))
    }

    @Test("start level 2 (T0SZ 34): a 2 MiB block")
    func startLevel2() {
        let m = Machine()
        put(m, Self.tables + 3 * 8, 0x4020_0000 | Self.block)
        enable(m, t0sz: 34)
        #expect(m.translate(virtual: 0x60_1234) == .mapped(physical: 0x4020_1234, writable: true, executable: true, level: 2))
        guard case let .fault(status, level, _) = m.translate(virtual: 0x4000_0000) else { Issue.record("no fault"); return }
        #expect(status == 0x04 && level == 0)
    }

    // MARK: Faults and permissions (translate API)

    func fault(_ t: Translation) -> (UInt8, Int)? {
        if case let .fault(s, l, _) = t { return (s, l) }
        return nil
    }

    @Test("every fault kind with its status code and level")
    func faultKinds() {
        let m = Machine()
        standardMap(m)
        let base: UInt64 = 0x1_0000_0000
        #expect(fault(m.translate(virtual: base + 0x3000))! == (0x07, 3))                 // translation L3
        #expect(fault(m.translate(virtual: base + 0x20_0000))! == (0x06, 2))              // translation L2
        #expect(fault(m.translate(virtual: base + 0x4000_0000))! == (0x05, 1))            // translation L1
        #expect(fault(m.translate(virtual: base + 0x2000))! == (0x0b, 3))                 // access flag
        #expect(fault(m.translate(virtual: base + 0x1000, write: true))! == (0x0f, 3))    // AP[2] write
        #expect(m.translate(virtual: base + 0x1008) == .mapped(physical: 0x4010_1008, writable: false, executable: true, level: 3))
        #expect(fault(m.translate(virtual: base + 0x4000, fetch: true))! == (0x0f, 3))    // XN fetch
        #expect(m.translate(virtual: base + 0x4000, write: true) == .mapped(physical: 0x4010_4000, writable: true, executable: false, level: 3))
        // A block at level 0 (T0SZ 16) and a level-3 descriptor with bit 1 clear.
        put(m, Self.tables + 0x2000 + 6 * 8, 0x4010_6000 | 0x701)
        #expect(fault(m.translate(virtual: base + 0x6000))! == (0x07, 3))
        let l0 = Self.tables + 0x8000
        put(m, l0, 0x4000_0000 | Self.block)
        enable(m, t0sz: 16, ttbr: l0)
        #expect(fault(m.translate(virtual: 0x1000))! == (0x04, 0))
        // Walk from a table base that is not RAM: external abort on the walk at the start level.
        enable(m, t0sz: 25, ttbr: 0x1000_0000)
        #expect(fault(m.translate(virtual: 0x1000))! == (0x15, 1))
        // Output address beyond PS (32 bits).
        put(m, Self.tables + 0x9000 + 8, 0x1_4000_0000 | Self.block)
        enable(m, t0sz: 25, ttbr: Self.tables + 0x9000, ps: 0)
        #expect(fault(m.translate(virtual: 0x4000_0000))! == (0x01, 1))
        // TG0 other than 4 KiB: translation fault at level 0.
        standardMap(m)
        enable(m, t0sz: 25, tg0: 1)
        #expect(fault(m.translate(virtual: base))! == (0x04, 0))
    }

    @Test("WXN, APTable[1] and XNTable")
    func hierarchicalPermissions() {
        let m = Machine()
        standardMap(m)
        enable(m, t0sz: 25, wxn: true)
        #expect(m.translate(virtual: 0x1_0000_0000) == .mapped(physical: 0x4010_0000, writable: true, executable: false, level: 3))
        #expect(m.translate(virtual: 0x1_0000_1000) == .mapped(physical: 0x4010_1000, writable: false, executable: true, level: 3))
        enable(m, t0sz: 25)
        put(m, Self.tables + 4 * 8, (Self.tables + 0x1000) | Self.table | Self.apTable1)
        put(m, Self.tables + 0x1000, (Self.tables + 0x2000) | Self.table | Self.xnTable)
        enable(m, t0sz: 25)   // the poke flushes the TLB
        #expect(m.translate(virtual: 0x1_0000_0000) == .mapped(physical: 0x4010_0000, writable: false, executable: false, level: 3))
    }

    // MARK: Exact syndromes of executed accesses

    func runToException(_ m: Machine) -> ExceptionTaken? {
        if case let .exception(e) = m.run(maxSteps: 100).reason { return e }
        return nil
    }

    @Test("data and instruction aborts: ESR_EL2, FAR_EL2, ELR_EL2")
    func executedFaults() throws {
        let src = """
        _start:
            ldr x1, [x2]
        l_store:
            str x1, [x3]
        l_word:
            ldr w1, [x4]
        l_fetch:
            br x5
        """
        let cases: [(String, UInt64, UInt64, UInt64)] = [
            ("_start", 0x1_0000_3000, 0x97c1_8007, 0),           // translation fault L3, read
            ("l_store", 0x1_0000_1008, 0x97c1_804f, 0),          // permission fault L3, write
            ("l_word", 0x1_0000_2004, 0x9781_000b, 0),           // access flag L3, 32-bit
        ]
        for (label, va, esr, _) in cases {
            let (m, p) = try load(src)
            standardMap(m)
            m.pc = try #require(p.symbols.address(of: label))
            for r in 2...4 { m.setX(r, va) }
            let e = try #require(runToException(m))
            #expect(e.esr == esr, "\(label): \(String(e.esr, radix: 16))")
            #expect(e.far == va)
            #expect(e.elr == m.systemRegister(named: "ELR_EL2"))
            #expect(m.systemRegister(named: "FAR_EL2") == va)
        }
        for (va, esr) in [(UInt64(0x1_0000_4000), UInt64(0x8600_000f)), (0x1_0000_3000, 0x8600_0007), (0x1_4000_0000, 0x8600_0005)] {
            let (m, p) = try load(src)
            standardMap(m)
            m.pc = try #require(p.symbols.address(of: "l_fetch"))
            m.setX(5, va)
            let e = try #require(runToException(m))
            #expect(e.esr == esr)
            #expect(e.far == va && e.elr == va)
        }
        // External abort on the walk: the level-2 table of a store is not RAM (DFSC 0x16, WnR).
        let (m, p) = try load(src)
        standardMap(m)
        put(m, Self.tables + 4 * 8, 0x1000_0000 | Self.table)
        m.pc = try #require(p.symbols.address(of: "l_store"))
        m.setX(3, 0x1_0000_0000)
        let e = try #require(runToException(m))
        #expect(e.esr == 0x97c1_8056)
        #expect(e.far == 0x1_0000_0000)
        // And for a fetch: the walk from a table base that is not RAM (IFSC 0x15).
        m.setSystemRegister(named: "TTBR0_EL2", 0x1000_0000)
        m.pc = 0x4008_0000
        let f = try #require(runToException(m))
        #expect(f.esr == 0x8600_0015)
        #expect(f.far == 0x4008_0000)
    }

    @Test("a page-crossing access over discontiguous pages reads, writes and undoes both parts")
    func pageCrossing() throws {
        let (m, _) = try load("""
        _start:
            ldr x1, [x2]
            str x3, [x2]
            ldr x4, [x5]
            b .
        """)
        let l1 = Self.tables, l2 = l1 + 0x1000, l3 = l1 + 0x2000
        put(m, l1 + 8, 0x4000_0000 | Self.block)
        put(m, l1 + 4 * 8, l2 | Self.table)
        put(m, l2, l3 | Self.table)
        put(m, l3, 0x4010_1000 | Self.page)          // VA page 0 -> PA page 1
        put(m, l3 + 8, 0x4010_0000 | Self.page)      // VA page 1 -> PA page 0
        enable(m, t0sz: 25)
        m.memory.writeBytes([1, 2, 3, 4], at: 0x4010_1ffc)
        m.memory.writeBytes([5, 6, 7, 8], at: 0x4010_0000)
        m.setX(2, 0x1_0000_0ffc)
        m.setX(3, 0x1122_3344_5566_7788)
        m.setX(5, 0x1_0000_1ffc)                     // second page unmapped
        _ = m.step()
        #expect(m.x(1) == 0x0807_0605_0403_0201)
        let st = m.step()
        #expect(m.memory.readBytes(at: 0x4010_1ffc, count: 4) == [0x88, 0x77, 0x66, 0x55])
        #expect(m.memory.readBytes(at: 0x4010_0000, count: 4) == [0x44, 0x33, 0x22, 0x11])
        let f = m.step()
        #expect(f.exception?.far == 0x1_0000_2000)   // the second page's base, as QEMU
        #expect(f.exception.map { $0.esr & 0x3f } == 0x07)
        m.undo(f)
        m.undo(st)
        #expect(m.memory.readBytes(at: 0x4010_1ffc, count: 4) == [1, 2, 3, 4])
        #expect(m.memory.readBytes(at: 0x4010_0000, count: 4) == [5, 6, 7, 8])
    }

    // MARK: TLB

    let tlbProgram = """
    _start:
        ldr x1, [x2]        // VA 0x1_0000_0000 -> PA 0x4010_0000
        str x4, [x3]        // repoint the level-3 entry to 0x4010_5000 (through the 1:1 map)
        ldr x5, [x2]        // stale: the TLB still holds the old page
    flush:
        tlbi alle2
        ldr x6, [x2]
        b .
    """

    func tlbMachine(_ src: String) throws -> Machine {
        let (m, _) = try load(src)
        standardMap(m)
        m.memory.writeBytes([0x11], at: 0x4010_0000)
        m.memory.writeBytes([0x55], at: 0x4010_5000)
        m.setX(2, 0x1_0000_0000)
        m.setX(3, Self.tables + 0x2000)
        m.setX(4, 0x4010_5000 | Self.page)
        m.setX(7, Self.tables)
        return m
    }

    @Test("the TLB keeps a stale entry until TLBI ALLE2")
    func staleUntilTLBI() throws {
        let m = try tlbMachine(tlbProgram)
        #expect(m.run(maxSteps: 100).reason == .halted(0x4008_0014))
        #expect(m.x(1) == 0x11)
        #expect(m.x(5) == 0x11)
        #expect(m.x(6) == 0x55)
    }

    @Test("an MSR to TTBR0_EL2 flushes the TLB")
    func msrFlushes() throws {
        let m = try tlbMachine(tlbProgram.replacingOccurrences(of: "tlbi alle2", with: "msr TTBR0_EL2, x7"))
        #expect(m.run(maxSteps: 100).reason == .halted(0x4008_0014))
        #expect(m.x(5) == 0x11)
        #expect(m.x(6) == 0x55)
    }

    @Test("step() notes a TLBI")
    func tlbiNote() throws {
        let m = try tlbMachine(tlbProgram)
        for _ in 0..<3 { _ = m.step() }
        #expect(m.step().notes.contains(.tlbInvalidate))
    }

    // MARK: Undo, self-modifying code

    @Test("undo across the MSR that turns the MMU on leaves no stale translation")
    func undoMMUOn() throws {
        let (m, _) = try load("""
        _start:
            msr SCTLR_EL2, x1
            ldr x3, [x2]
            b .
        """)
        standardMap(m)
        m.setSystemRegister(named: "SCTLR_EL2", 0)
        #expect(!m.mmuEnabled)
        m.memory.writeBytes([0x42], at: 0x4010_0000)
        m.setX(1, 1)
        m.setX(2, 0x1_0000_0000)
        let a = m.step()
        #expect(m.mmuEnabled)
        let b = m.step()
        #expect(m.x(3) == 0x42)
        m.undo(b)
        m.undo(a)
        #expect(!m.mmuEnabled)
        #expect(m.pc == 0x4008_0000 && m.x(3) == 0)
        // MMU off again: the same load now goes to physical 0x1_0000_0000 (not RAM).
        m.pc = 0x4008_0004
        let c = m.step()
        #expect(c.exception?.esr == 0x97c3_8010)   // external abort, SRT 3
        m.undo(c)
        m.pc = 0x4008_0000
        _ = m.step(); _ = m.step()
        #expect(m.x(3) == 0x42)
    }

    @Test("a store through a virtual alias patches the executing code page")
    func selfModifyingThroughAlias() throws {
        let (m, p) = try load("""
        _start:
            ldr     w1, patch
            adr     x2, target
            add     x2, x2, x6      // the alias of target
            str     w1, [x2]
        target:
            mov     x0, #1
        done:
            b       .
        patch:
            mov     x0, #2
        """)
        put(m, Self.tables + 8, 0x4000_0000 | Self.block)
        put(m, Self.tables + 4 * 8, 0x4000_0000 | Self.block)
        enable(m, t0sz: 25)
        m.setX(6, 0xc000_0000)
        let r = m.run(maxSteps: 100)
        #expect(r.reason == .halted(try #require(p.symbols.address(of: "done"))))
        #expect(m.x(0) == 2)
    }

    // MARK: A Xen-shaped program

    @Test("a program builds its tables, enables the MMU in a 1:1 page and runs at a high alias")
    func enableMMUProgram() throws {
        let (m, p) = try load("""
        _start:
            adr     x0, l0
            adr     x1, l1
            adr     x2, l2
            adr     x3, l3
            add     x7, x1, #3
            str     x7, [x0, #20 * 8]       // L0[20]: 0x00000a00_00000000
            str     x7, [x0]                // L0[0]: the same L1 serves the 1:1 page
            add     x7, x2, #3
            str     x7, [x1]                // L1[0]: VA 0x0 and the high image
            adr     x8, _start
            add     x7, x3, #3
            str     x7, [x2, #8]            // L2[1]: + 0x200000 (high image)
            mov     x9, #0x703
            add     x7, x8, x9
            str     x7, [x3]                // L3[0]: image page 0
            add     x7, x7, #1, lsl #12
            str     x7, [x3, #8]            // L3[1]: image page 1
            // The 1:1 page: L1[1] -> L2' -> L3', L3'[0x80] = page 0.
            adr     x4, l2id
            adr     x5, l3id
            add     x7, x4, #3
            str     x7, [x1, #8]
            add     x7, x5, #3
            str     x7, [x4]
            add     x7, x8, x9
            str     x7, [x5, #0x80 * 8]
            mov     x9, #0xff
            msr     MAIR_EL2, x9
            movz    x9, #0x8082, lsl #16
            movk    x9, #0x3510
            msr     TCR_EL2, x9
            msr     TTBR0_EL2, x0
            tlbi    alle2
            dsb     sy
            isb
            mov     x9, #1
            msr     SCTLR_EL2, x9
            isb
            movz    x10, #0x0a00, lsl #32
            movk    x10, #0x0020, lsl #16
            adr     x11, high
            sub     x11, x11, x8
            add     x11, x11, x10
            br      x11
        back:
            b       .
            .balign 4096
        high:
            adr     x12, .
            ldr     x13, value
            ldr     x14, =back
            br      x14
        value:
            .quad   0x600d
            .ltorg
            .balign 4096
        l0: .skip 4096
        l1: .skip 4096
        l2: .skip 4096
        l3: .skip 4096
        l2id: .skip 4096
        l3id: .skip 4096
        """)
        let r = m.run(maxSteps: 1000)
        #expect(r.reason == .halted(try #require(p.symbols.address(of: "back"))))
        #expect(m.mmuEnabled)
        #expect(m.x(12) == 0x0000_0a00_0020_1000)
        #expect(m.x(13) == 0x600d)
        #expect(m.translate(virtual: 0x0000_0a00_0020_1000) == .mapped(physical: 0x4008_1000, writable: true, executable: true, level: 3))
        #expect(fault(m.translate(virtual: 0x4008_1000))! == (0x07, 3))
    }
}
