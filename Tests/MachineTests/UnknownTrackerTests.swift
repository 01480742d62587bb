import A64
import Assembler
import Machine
import Testing

/// The unknown-value tracker: propagation through each step's effects, the uses it reports and
/// their messages, the once-only rule, undo and checkpoints.
@Suite("unknown tracker")
struct UnknownTrackerTests {
    static let powerOff = UnknownOrigin(event: "power-off", step: 10)

    /// Runs `program` one step at a time (steps numbered from 11) with `unknown` marked lost at
    /// power-off, step 10, observing every step.
    final class Run {
        let m: Machine
        let t = UnknownTracker()
        var effects: [StepEffects] = []
        var records: [UnknownStepRecord] = []
        var uses: [UnknownUse] { records.flatMap(\.uses) }
        var nextStep = 11

        init(_ program: [Instruction], x: [Int: UInt64] = [:], unknown: [StateLocation] = [],
             setup: (Machine, UnknownTracker) -> Void = { _, _ in }) {
            m = machine(program)
            for (k, v) in x { m.setX(k, v) }
            for l in unknown { t.markUnknown(l, origin: UnknownTrackerTests.powerOff) }
            setup(m, t)
        }

        init(machine: Machine, unknown: [StateLocation]) {
            m = machine
            for l in unknown { t.markUnknown(l, origin: UnknownTrackerTests.powerOff) }
        }

        @discardableResult
        func step(_ n: Int = 1) -> [UnknownUse] {
            var found: [UnknownUse] = []
            for _ in 0..<n {
                let e = m.step()
                let r = t.observe(e, step: nextStep)
                nextStep += 1
                effects.append(e); records.append(r)
                found += r.uses
            }
            return found
        }

        /// Undoes every step (machine and tracker), newest first.
        func undoAll() {
            while let e = effects.popLast(), let r = records.popLast() {
                t.undo(r); m.undo(e); nextStep -= 1
            }
        }
    }

    static func pcOf(_ index: Int) -> UInt64 { codeBase + UInt64(4 * index) }
    static func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
    let p = UnknownTrackerTests.powerOff

    // MARK: Names and marking

    @Test("locations are named as the user sees them")
    func names() throws {
        #expect(StateLocation.register(0).name == "x0")
        #expect(StateLocation.register(30).name == "x30")
        #expect(StateLocation.register(31).name == "sp_el0")
        #expect(StateLocation.register(32).name == "sp")
        #expect(StateLocation.flags.name == "NZCV")
        #expect(StateLocation.memory(0x4010_0058).name == "memory 0x40100058")
        let vbar = try #require(SystemRegisterCatalogue.index(named: "VBAR_EL2"))
        #expect(StateLocation.systemRegister(vbar).name == "VBAR_EL2")
    }

    @Test("mark, query and list: registers, then sp_el0, sp, NZCV, then system registers in catalogue order")
    func markAndList() throws {
        let t = UnknownTracker()
        #expect(t.isEmpty)
        let vbar = try #require(SystemRegisterCatalogue.index(named: "VBAR_EL2"))
        let hcr = try #require(SystemRegisterCatalogue.index(named: "HCR_EL2"))
        for l: StateLocation in [.systemRegister(hcr), .flags, .register(32), .systemRegister(vbar), .register(31), .register(30), .register(0)] {
            t.markUnknown(l, origin: p)
        }
        #expect(!t.isEmpty)
        #expect(t.unknownLocations == [.register(0), .register(30), .register(31), .register(32), .flags,
                                       .systemRegister(vbar), .systemRegister(hcr)])
        #expect(t.origin(of: .register(30)) == p)
        #expect(t.explanation(of: .register(30)) == "x30 lost at power-off, step 10; never restored")
        t.markKnown(.register(0))
        #expect(t.origin(of: .register(0)) == nil)
        // SP_EL0 and NZCV have catalogue entries: they are the same state as register 31 and the flags.
        let spEL0 = try #require(SystemRegisterCatalogue.index(named: "SP_EL0"))
        let nzcv = try #require(SystemRegisterCatalogue.index(named: "NZCV"))
        #expect(t.origin(of: .systemRegister(spEL0)) == p)
        t.markKnown(.systemRegister(nzcv))
        #expect(t.origin(of: .flags) == nil)
        // Out-of-range locations are ignored, never trap.
        // (33...36 are the PC, PSTATE, monitor and counter slots; 101 is past V31.)
        for r in [33, 36, 101, 999] { t.markUnknown(.register(r), origin: p) }
        t.markUnknown(.systemRegister(-1), origin: p)
        #expect(t.origin(of: .register(36)) == nil && t.origin(of: .register(101)) == nil && t.origin(of: .register(999)) == nil)
        for l in t.unknownLocations { t.markKnown(l) }
        #expect(t.isEmpty)
    }

    @Test("markPowerDown: registers, SP_EL0, SP_EL2, NZCV and the catalogue's power-down registers")
    func powerDown() {
        let t = UnknownTracker()
        t.markPowerDown(origin: p)
        let sysNames = t.unknownLocations.compactMap { l -> String? in
            if case .systemRegister = l { return l.name } else { return nil }
        }
        #expect(t.unknownLocations.prefix(34) == (0...32).map { .register($0) } + [.flags])
        // Then V0...V31, both halves: the SIMD&FP registers are UNKNOWN after a warm reset too.
        #expect(Array(t.unknownLocations.dropFirst(34).prefix(64)) == (0..<64).map { StateLocation.register(RegisterWrite.firstVector + $0) })
        #expect(StateLocation.register(RegisterWrite.index(vector: 3, high: true)).name == "v3[127:64]")
        #expect(sysNames == SystemRegisterCatalogue.all.filter(\.unknownAfterPowerDown).map(\.name))
        #expect(sysNames.contains("VBAR_EL2") && sysNames.contains("HCR_EL2"))
        #expect(t.unknownMemory.isEmpty)
    }

    @Test("nothing unknown: observe returns an empty record")
    func emptyFastPath() {
        let r = Run([movz(1, 5), addi(2, 1, 1), ldst(.str, 2, 3)], x: [3: dataBase])
        #expect(r.step(3).isEmpty)
        #expect(r.records.allSatisfy { $0.isEmpty })
        #expect(r.t.isEmpty)
    }

    // MARK: Propagation

    @Test("add, mov and orr carry unknownness; immediates clear it")
    func dataProcessing() {
        let r = Run([
            addi(2, 1, 4),                   // add x2, x1, #4      -> unknown
            reg(.orrShift, 3, 31, 2),        // mov x3, x2          -> unknown (derived from x1)
            reg(.addShift, 4, 5, 3),         // add x4, x5, x3      -> unknown
            reg(.orrShift, 6, 5, 7),         // orr x6, x5, x7      -> known
            movz(2, 5),                      // mov x2, #5          -> known
            Instruction(op: .orrImm, rd: 4, rn: 31, imm: 0xff), // mov x4, #0xff -> known
            movk(3, 1, hw: 1),               // movk keeps x3       -> still unknown
            bf(.bfm, 6, 1, immr: 0, imms: 7), // bfxil x6, x1      -> unknown (reads x1)
        ], unknown: [.register(1)])
        r.step(4)
        #expect(r.t.origin(of: .register(2)) == p)
        #expect(r.t.origin(of: .register(3)) == p)
        #expect(r.t.origin(of: .register(4)) == p)
        #expect(r.t.origin(of: .register(6)) == nil)
        #expect(r.t.explanation(of: .register(3)) == "x3 lost at power-off, step 10 (derived from x1); never restored")
        r.step(4)
        #expect(r.t.origin(of: .register(2)) == nil)
        #expect(r.t.origin(of: .register(4)) == nil)
        #expect(r.t.origin(of: .register(3)) == p)
        #expect(r.t.origin(of: .register(6)) == p)
        #expect(r.uses.isEmpty)               // computing with unknown values is not a use
    }

    @Test("mov sp, x2 and add x2, sp use the SP that SPSel selects")
    func stackPointer() {
        let r = Run([addi(31, 2, 0), addi(3, 31, 0)], unknown: [.register(2)])
        r.step()
        #expect(r.t.origin(of: .register(32)) == p)     // EL2h: sp is SP_EL2
        #expect(r.t.origin(of: .register(31)) == nil)
        r.step()
        #expect(r.t.origin(of: .register(3)) == p)
    }

    @Test("str makes the stored bytes unknown; ldr of them makes the register unknown; ldr of known memory clears it")
    func storeAndLoad() {
        let r = Run([
            ldst(.str, 30, 0),                      // str x30, [x0]
            ldst(.str, 30, 0, 8, size: 2),          // str w30, [x0, #8]: 4 bytes
            ldst(.ldr, 5, 0),                       // ldr x5, [x0]        -> unknown
            ldst(.ldr, 6, 0, 16),                   // ldr x6, [x0, #16]   -> known
            ldst(.ldr, 30, 0, 16),                  // ldr x30, [x0, #16]  -> x30 known again
            ldst(.ldr, 7, 0, 12, size: 2),          // ldr w7, [x0, #12]   -> known (bytes 12...15 untouched)
        ], x: [0: dataBase], unknown: [.register(30), .register(6)])
        r.step(2)
        #expect(r.t.unknownMemory == (0..<12).map { dataBase + UInt64($0) })
        #expect(r.t.origin(of: .memory(dataBase + 3)) == p)
        #expect(r.t.root(of: .memory(dataBase + 3)) == .register(30))
        r.step(4)
        #expect(r.t.origin(of: .register(5)) == p)
        #expect(r.t.root(of: .register(5)) == .register(30))
        #expect(r.t.origin(of: .register(6)) == nil)
        #expect(r.t.origin(of: .register(30)) == nil)
        #expect(r.t.origin(of: .register(7)) == nil)
        #expect(r.uses.map(\.kind) == [.storedDatum, .registerRestoredFromUnknownMemory])
    }

    @Test("stp writes each half's unknownness; ldp reads each half; write-back follows the base")
    func pairs() {
        let r = Run([
            pair(.stp, 19, 20, 0, 16, mode: .pre),  // stp x19, x20, [x0, #16]!
            pair(.ldp, 21, 22, 0, 0),               // ldp x21, x22, [x0]
            pair(.ldp, 23, 24, 1, 16, mode: .post), // ldp x23, x24, [x1], #16  (x1 unknown)
        ], x: [0: dataBase, 1: dataBase], unknown: [.register(19), .register(1)])
        r.step()
        #expect(r.t.unknownMemory == (16..<24).map { dataBase + UInt64($0) })
        #expect(r.t.origin(of: .register(0)) == nil)
        r.step()
        #expect(r.t.origin(of: .register(21)) == p)
        #expect(r.t.origin(of: .register(22)) == nil)
        r.step()
        // Loaded through an unknown address: the values and the written-back base are unknown.
        #expect(r.t.origin(of: .register(23)) == p)
        #expect(r.t.origin(of: .register(24)) == p)
        #expect(r.t.origin(of: .register(1)) == p)
        #expect(r.effects[2].memoryRead == MemoryRead(address: dataBase, count: 16))
    }

    @Test("mrs reads a system register's unknownness; msr writes it")
    func systemRegisters() throws {
        let vbar = try #require(SystemRegisterCatalogue.index(named: "VBAR_EL2"))
        let vttbr = try #require(SystemRegisterCatalogue.index(named: "VTTBR_EL2"))
        let r = Run([
            mrs(2, "VBAR_EL2"),          // x2 unknown (derived from VBAR_EL2)
            msr("VTTBR_EL2", 2),         // VTTBR unknown, reported
            movz(3, 0x800),
            msr("VBAR_EL2", 3),          // VBAR known again
            mrs(4, "VBAR_EL2"),          // known
        ], unknown: [.systemRegister(vbar)])
        r.step(2)
        #expect(r.t.origin(of: .register(2)) == p)
        #expect(r.t.root(of: .register(2)) == .systemRegister(vbar))
        #expect(r.t.origin(of: .systemRegister(vttbr)) == p)
        r.step(3)
        #expect(r.t.origin(of: .systemRegister(vbar)) == nil)
        #expect(r.t.origin(of: .register(4)) == nil)
        #expect(r.uses.count == 1)
        #expect(r.uses.first?.message == "msr at \(Self.hex(Self.pcOf(1))): VTTBR_EL2 restored from x2, which is unknown: x2 lost at power-off, step 10 (derived from VBAR_EL2); never restored")
    }

    @Test("flag-setting instructions pass their sources' unknownness to NZCV")
    func flagsFollowSources() {
        let r = Run([subsi(31, 1, 0), subsi(31, 2, 0)], unknown: [.register(1)])
        r.step()
        #expect(r.t.origin(of: .flags) == p)
        r.step()
        #expect(r.t.origin(of: .flags) == nil)
    }

    @Test("csel takes the selected source and the flags")
    func conditionalSelect() {
        // Reset PSTATE has Z set: eq holds and x1 is selected.
        let r = Run([csel(.csel, 3, 1, 2, .eq), csel(.csel, 4, 2, 1, .eq)], unknown: [.register(2)])
        r.step(2)
        #expect(r.t.origin(of: .register(3)) == nil)
        #expect(r.t.origin(of: .register(4)) == p)
        #expect(r.uses.isEmpty)
    }

    @Test("bl and blr write a known x30; exception entry writes known ESR/ELR/SPSR and clears NZCV")
    func knownWrites() throws {
        let r = Run([Instruction(op: .bl, imm: 4), Instruction(op: .svc, imm: 0)],
                    unknown: [.register(30), .flags]) { m, _ in m.setSystemRegister(named: "VBAR_EL2", dataBase) }
        let esr = try #require(SystemRegisterCatalogue.index(named: "ESR_EL2"))
        r.t.markUnknown(.systemRegister(esr), origin: p)
        r.step()
        #expect(r.t.origin(of: .register(30)) == nil)
        r.step()
        #expect(r.t.origin(of: .systemRegister(esr)) == nil)
        #expect(r.t.origin(of: .flags) == nil)
        #expect(r.t.isEmpty)
    }

    // MARK: Uses and their messages

    @Test("each kind of use is reported in plain words")
    func useMessages() throws {
        let r = Run([
            ldst(.ldr, 1, 3),                          // 0 address (base)
            Instruction(op: .ldr, sf: true, rd: 1, rn: 0, rm: 4, shift: Extend.uxtx.rawValue, size: 3, mode: .register), // 1 address (index)
            ldst(.str, 5, 0),                          // 2 stored datum
            msr("VBAR_EL2", 6),                        // 3 system register restored
            ldst(.ldr, 7, 0),                          // 4 register restored from unknown memory
            Instruction(op: .bcond, imm: 4, cond: Condition.ne.rawValue), // 5 condition (flags)
            Instruction(op: .cbz, rd: 8, imm: 4),      // 6 condition (register)
            Instruction(op: .br, rn: 9),               // 7 branch target
        ], x: [0: dataBase, 3: dataBase, 4: 8, 9: Self.pcOf(8)],
           unknown: [.register(3), .register(4), .register(5), .register(6), .flags, .register(8), .register(9)])
        let uses = r.step(8)
        let pc = { (k: Int) in Self.hex(Self.pcOf(k)) }
        #expect(uses.map(\.kind) == [.address, .address, .storedDatum, .systemRegisterRestored,
                                     .registerRestoredFromUnknownMemory, .condition, .condition, .branchTarget])
        #expect(uses.map(\.message) == [
            "ldr at \(pc(0)) uses x3 as an address, which is unknown: x3 lost at power-off, step 10; never restored",
            "ldr at \(pc(1)) uses x4 as an address index, which is unknown: x4 lost at power-off, step 10; never restored",
            "str at \(pc(2)) stores x5, which is unknown, to memory \(Self.hex(dataBase)): x5 lost at power-off, step 10; never restored",
            "msr at \(pc(3)): VBAR_EL2 restored from x6, which is unknown: x6 lost at power-off, step 10; never restored",
            "ldr at \(pc(4)): x7 restored from memory \(Self.hex(dataBase)), which is unknown: memory \(Self.hex(dataBase)) lost at power-off, step 10 (derived from x5); never restored",
            "b.ne at \(pc(5)) reads the flags, which are unknown: NZCV lost at power-off, step 10; never restored",
            "cbz at \(pc(6)) tests x8, which is unknown: x8 lost at power-off, step 10; never restored",
            "br at \(pc(7)) branches to x9, which is unknown: x9 lost at power-off, step 10; never restored",
        ])
        let vbar = try #require(SystemRegisterCatalogue.index(named: "VBAR_EL2"))
        #expect(uses[3].location == .systemRegister(vbar))
        #expect(uses[3].source == .register(6))
        #expect(uses[4].location == .register(7))
        #expect(uses[4].source == .memory(dataBase))
        #expect(uses.map(\.step) == Array(11...18))
        #expect(uses.map(\.pc) == (0..<8).map(Self.pcOf))
        #expect(uses.allSatisfy { $0.origin == p })
    }

    @Test("a faulting access through an unknown base still reports the address")
    func faultingAccess() {
        let r = Run([ldst(.ldr, 1, 3)], x: [3: 0x10], unknown: [.register(3), .flags])
        let uses = r.step()
        #expect(r.effects[0].exception != nil)
        #expect(uses.map(\.kind) == [.address])
        #expect(r.t.origin(of: .register(1)) == nil)   // the load wrote nothing
        #expect(r.t.origin(of: .flags) == nil)   // exception entry clears NZCV
    }

    @Test("eret to an unknown ELR_EL2 is a branch to an unknown target")
    func eretTarget() throws {
        let elr = try #require(SystemRegisterCatalogue.index(named: "ELR_EL2"))
        let r = Run([Instruction(op: .eret)], unknown: [.systemRegister(elr)]) { m, _ in
            m.setSystemRegister(named: "ELR_EL2", codeBase)
            m.setSystemRegister(named: "SPSR_EL2", 0x3c9)
        }
        let uses = r.step()
        #expect(uses.map(\.kind) == [.branchTarget])
        #expect(uses.first?.message == "eret at \(Self.hex(codeBase)) branches to ELR_EL2, which is unknown: ELR_EL2 lost at power-off, step 10; never restored")
    }

    @Test("each (kind, location, origin) is reported once")
    func onceOnly() {
        let r = Run([
            ldst(.str, 30, 0), ldst(.str, 30, 0, 8),       // the second store of x30: not reported again
            ldst(.ldr, 1, 0), ldst(.ldr, 1, 0, 8),         // x1 filled from unknown memory twice: once
            ldst(.ldr, 2, 0),                              // a different register: reported
            ldst(.str, 30, 0, 16),                         // x30 lost again (a new origin): reported
        ], x: [0: dataBase], unknown: [.register(30)])
        r.step(5)
        #expect(r.uses.map(\.kind) == [.storedDatum, .registerRestoredFromUnknownMemory, .registerRestoredFromUnknownMemory])
        #expect(r.uses.map(\.location) == [.register(30), .register(1), .register(2)])
        let later = UnknownOrigin(event: "second power-off", step: 16)
        r.t.markUnknown(.register(30), origin: later)
        let uses = r.step()
        #expect(uses.map(\.origin) == [later])
        #expect(uses.first?.message.hasSuffix("x30 lost at second power-off, step 16; never restored") == true)
    }

    // MARK: Undo and checkpoints

    @Test("undoing every step restores the initial shadow, including memory and the once-only state")
    func undoRoundTrip() throws {
        let vbar = try #require(SystemRegisterCatalogue.index(named: "VBAR_EL2"))
        let program: [Instruction] = [
            pair(.stp, 29, 30, 0, 16, mode: .post), ldst(.str, 2, 0), mrs(3, "VBAR_EL2"), msr("VTTBR_EL2", 3),
            subsi(31, 30, 1), csel(.csinc, 4, 5, 3, .ne), ldst(.ldr, 6, 0, -16), pair(.ldp, 7, 8, 0, -16),
            movz(30, 1), addi(2, 30, 0), msr("VBAR_EL2", 2), ret(),
        ]
        let r = Run(program, x: [0: dataBase], unknown: [.register(29), .register(30), .register(32), .systemRegister(vbar)])
        r.t.markUnknown(memory: dataBase + 40, count: 4, origin: p)
        let initial = r.t.snapshot()
        let machineInitial = r.m.snapshot()
        let uses = r.step(program.count)
        #expect(!uses.isEmpty)
        #expect(r.t.snapshot() != initial)
        let final = r.t.snapshot()
        r.undoAll()
        #expect(r.t.snapshot() == initial)
        #expect(r.m.snapshot() == machineInitial)
        // Replaying reports the same uses again (the once-only state was undone too).
        let again = r.step(program.count)
        #expect(again == uses)
        #expect(r.t.snapshot() == final)
    }

    @Test("snapshot and restore for checkpoints")
    func checkpoints() {
        let r = Run([ldst(.str, 30, 0), movz(30, 0)], x: [0: dataBase], unknown: [.register(30)])
        let cp = r.t.snapshot()
        r.step(2)
        #expect(r.t.origin(of: .register(30)) == nil)
        #expect(!r.t.unknownMemory.isEmpty)
        r.t.restore(cp)
        #expect(r.t.snapshot() == cp)
        #expect(r.t.origin(of: .register(30)) == p)
        #expect(r.t.unknownMemory.isEmpty)
        r.t.clear()
        #expect(r.t.isEmpty)
    }

    @Test("dc zva zeroes the block: its bytes become known; an unknown address is reported")
    func zeroBlock() {
        let dcZVA = SystemRegisterEncoding(op0: 1, op1: 3, crn: 7, crm: 4, op2: 1).packed
        let r = Run([ldst(.str, 30, 0, 8), Instruction(op: .sys, rd: 0, sys: dcZVA), Instruction(op: .sys, rd: 1, sys: dcZVA)],
                    x: [0: dataBase, 1: dataBase], unknown: [.register(30), .register(1)])
        r.step()
        #expect(r.t.unknownMemory.count == 8)
        r.step()
        #expect(r.t.unknownMemory.isEmpty)
        #expect(r.step().map(\.kind) == [.address])
    }

    @Test("loads record the bytes they read in the step's effects")
    func memoryReadEffects() {
        let m = machine([ldst(.ldr, 1, 0, 8, size: 2), pair(.ldp, 2, 3, 0, 0), ldst(.str, 1, 0), movz(1, 1)])
        m.setX(0, dataBase)
        #expect(m.step().memoryRead == MemoryRead(address: dataBase + 8, count: 4))
        #expect(m.step().memoryRead == MemoryRead(address: dataBase, count: 16))
        #expect(m.step().memoryRead == nil)
        #expect(m.step().memoryRead == nil)
    }

    // MARK: A realistic resume path

    @Test("a restore that forgets x30: ret reports exactly where x30 was lost, restored registers are known")
    func forgottenLinkRegister() throws {
        let program = try Assembler.assemble(source: """
        _start:
            ldr     x0, =ctx
            ldp     x19, x20, [x0, #0]
            ldp     x21, x22, [x0, #16]
            ldp     x23, x24, [x0, #32]
            ldp     x25, x26, [x0, #48]
            ldp     x27, x28, [x0, #64]
            ldr     x29, [x0, #80]          // x30 (at #88) is forgotten
            ldr     x2, [x0, #96]
            mov     sp, x2
        done:
            ret
            .ltorg
            .balign 16
        ctx:
            .quad 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 0x40080000, 0x4070fff0
        """)
        let m = Machine(entry: program.entry)
        #expect(m.load(program.image, at: program.base))
        let r = Run(machine: m, unknown: (19...30).map { .register($0) } + [.register(32)])
        let done = try #require(program.symbols.address(of: "done"))
        var uses: [UnknownUse] = []
        while m.pc != done { uses += r.step() }
        #expect(uses.isEmpty)
        #expect(r.t.unknownLocations == [.register(30)])
        #expect(m.sp == 0x4070_fff0)
        let ret = r.step()
        #expect(ret.count == 1)
        #expect(ret.first?.kind == .branchTarget)
        #expect(ret.first?.location == .register(30))
        #expect(ret.first?.origin == p)
        #expect(ret.first?.message == "ret at \(Self.hex(done)) branches to x30, which is unknown: x30 lost at power-off, step 10; never restored")
    }
}
