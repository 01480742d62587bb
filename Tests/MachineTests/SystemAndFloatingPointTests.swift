import A64
import Assembler
@testable import Machine
import Testing
import TestSupport

/// System instructions, the hypervisor's EL1/EL0/timer/ID registers and the SIMD&FP register
/// file on the machine: what a user of the debugger would see change (or not) after each.
/// (QEMU judges the same families in Tests/ConformanceTests: the random programs' system
/// stream and Corpus/system_fp.S.)
@Suite struct SystemAndFloatingPointTests {
    func run(_ body: String, x: [Int: UInt64] = [:], setup: (Machine) -> Void = { _ in }) throws -> Machine {
        try IntegerAdditionTests.run(body, x: x, setup: setup)
    }

    /// The hint space runs as NOP on ARMv8.0 (BTI, PAC, ESB, PSB, CSDB, ...): nothing changes
    /// but the PC (x30 and x17 keep their values through the PAC hints).
    @Test func hintsRunAsNOP() throws {
        var names: [String] = []
        for n in 0..<128 where n != 2 && n != 3 {   // WFE and WFI wait
            let t = Disassembler.hintText(n)
            names.append(t.hasPrefix("hint") ? "hint #\(n)" : t)
        }
        let before = try run("nop", x: [16: 0x1234, 17: 0x5678, 30: 0x9abc])
        let m = try run(names.joined(separator: "\n"), x: [16: 0x1234, 17: 0x5678, 30: 0x9abc])
        #expect(m.pc == codeBase + UInt64(4 * names.count))
        #expect(m.x(16) == 0x1234 && m.x(17) == 0x5678 && m.x(30) == 0x9abc)
        #expect(m.snapshot().registers.enumerated().filter { $0.offset != Slot.pc && $0.offset != Slot.counter }
            .map(\.element) == before.snapshot().registers.enumerated().filter { $0.offset != Slot.pc && $0.offset != Slot.counter }.map(\.element))
    }

    /// Cache maintenance and TLB invalidation of ARMv8.0 run without architectural effect; the
    /// EL3 and post-ARMv8.0 operations are UNDEFINED at EL2 on the Cortex-A57 (EC 0), as in QEMU.
    @Test func maintenanceOperations() throws {
        let ops = SystemInstructionName.table.filter {
            if case .cacheMaintenance = SystemOperation(sys: 0x4000 | $0.key) { return true }
            if case .tlbInvalidate = SystemOperation(sys: 0x4000 | $0.key) { return true }
            return false
        }
        #expect(ops.count == 36)
        let m = try run(ops.map { $0.name + ($0.register ? ", x16" : "") }.joined(separator: "\n"), x: [16: 0x4010_0000])
        #expect(m.pc == codeBase + UInt64(4 * ops.count))
        #expect(m.systemRegister(named: "ESR_EL2") == 0)
        for bad in [".arch armv8.4-a\ntlbi rvae1is, x0", ".arch armv8.2-a\ndc cvap, x0", "tlbi alle3", "at s1e3r, x0"] {
            let m = try run(bad)
            #expect(m.systemRegister(named: "ESR_EL2") == 0x0200_0000, "\(bad)")   // EC 0, IL 1
        }
    }

    /// AT writes PAR_EL1 from the stage-1 walk: with the EL2 MMU off the identity (NS, the
    /// 64-bit format bit, Device nGnRnE), and a fault code with F = 1 beyond the physical range.
    @Test func addressTranslationWritesPAR() throws {
        var m = try run("at s1e2r, x0\nmrs x1, par_el1", x: [0: 0x4010_0abc])
        #expect(m.x(1) == 0x4010_0000 | 1 << 11 | 1 << 9)
        m = try run("at s1e2w, x0\nmrs x1, par_el1", x: [0: 1 << 50])
        #expect(m.x(1) & 1 == 1 && m.x(1) & (1 << 11) != 0)
        #expect(m.systemRegister(named: "ESR_EL2") == 0)   // reported, not taken
    }

    /// DC ZVA zeroes exactly the DCZID_EL0 block (64 bytes on the A57) holding the address.
    @Test func zeroBlockFollowsDCZID() throws {
        let m = try run("mrs x2, dczid_el0\nmov x3, #-1\nstp x3, x3, [x0, #-16]\nstp x3, x3, [x0, #64]\ndc zva, x1",
                        x: [0: 0x4010_0040, 1: 0x4010_0040 + 17]) { m in
            m.load([UInt8](repeating: 0xee, count: 64), at: 0x4010_0040)
        }
        #expect(m.x(2) == 4 && Machine.zeroBlockSize == 64)
        #expect(m.memory.readBytes(at: 0x4010_0040, count: 64) == [UInt8](repeating: 0, count: 64))
        #expect(m.memory.readRAM(0x4010_0030, 8) == ~0 && m.memory.readRAM(0x4010_0080, 8) == ~0)
    }

    /// The EL1/EL0 registers a hypervisor saves and restores keep what is written (through
    /// their QEMU write masks); the ID registers read QEMU cortex-a57's values; the counters
    /// follow the step count.
    @Test func hypervisorRegisters() throws {
        let names = ["sctlr_el1", "ttbr0_el1", "ttbr1_el1", "tcr_el1", "mair_el1", "amair_el1", "vbar_el1",
                     "contextidr_el1", "tpidr_el0", "tpidr_el1", "tpidrro_el0", "sp_el1", "elr_el1", "spsr_el1",
                     "esr_el1", "far_el1", "par_el1", "cpacr_el1", "cntkctl_el1", "cntvoff_el2", "afsr0_el1",
                     "afsr1_el1", "actlr_el1", "vmpidr_el2", "vpidr_el2", "cntv_cval_el0", "cntp_cval_el0", "cnthp_cval_el2"]
        var body = ""
        for (k, n) in names.enumerated() { body += "mov x0, #\(0x1000 + 8 * k)\nmsr \(n), x0\nmrs x\(1 + k % 20), \(n)\nstr x\(1 + k % 20), [x28, #\(8 * k)]\n" }
        let m = try run(body + "mrs x1, midr_el1\nmrs x2, id_aa64pfr0_el1\nmrs x3, mpidr_el1\nmrs x4, cntvct_el0\nmrs x5, cntpct_el0\nmrs x6, cntvoff_el2",
                        x: [28: 0x4010_0000])
        for (k, n) in names.enumerated() {
            let r = SystemRegisterCatalogue.register(named: n.uppercased())
            #expect(r != nil, "\(n) is in the catalogue")
            guard let r else { continue }
            let written = UInt64(0x1000 + 8 * k)
            #expect(m.memory.readRAM(0x4010_0000 + UInt64(8 * k), 8) == (written & r.writeMask) | (r.reset & ~r.writeMask), "\(n)")
        }
        #expect(m.x(1) == 0x411f_d070)
        #expect(m.x(2) == 0x222)   // AArch64 and AArch32 at EL0..EL2, no EL3 (QEMU with secure=off)
        #expect(m.x(3) == 0x8000_0000)
        // One step later; CNTVCT = CNTPCT - CNTVOFF_EL2; the count is the instructions executed.
        #expect(m.x(5) == m.x(4) &+ m.x(6) &+ 1 && m.x(5) == UInt64(4 * names.count + 4), "\(m.x(4)) \(m.x(5)) \(m.x(6))")
    }

    /// SIMD&FP loads, stores and FMOV: sizes, zeroing of the upper bits, pairs, undo.
    @Test func registerFileLoadsStoresAndFMOV() throws {
        let m = try run("""
            ldr q0, [x0]
            ldr s1, [x0]
            ldp d2, d3, [x0]
            str q0, [x0, #32]
            fmov x5, v0.d[1]
            fmov x6, d2
            fmov w7, s1
            fmov v9.d[1], x6
            ldr b10, [x0, #15]
            stur h10, [x0, #64]
            mrs x11, fpcr
            mov x12, #0x0400000
            msr fpcr, x12
            mrs x13, fpcr
            """, x: [0: 0x4010_0000]) { m in
            m.load((0..<16).map { UInt8(0x10 + $0) }, at: 0x4010_0000)
        }
        #expect(m.vector(0) == (0x1716_1514_1312_1110, 0x1f1e_1d1c_1b1a_1918))
        #expect(m.vector(1) == (0x1312_1110, 0))
        #expect(m.vector(2) == (0x1716_1514_1312_1110, 0) && m.vector(3) == (0x1f1e_1d1c_1b1a_1918, 0))
        #expect(m.memory.readRAM(0x4010_0020, 8) == 0x1716_1514_1312_1110 && m.memory.readRAM(0x4010_0028, 8) == 0x1f1e_1d1c_1b1a_1918)
        #expect(m.x(5) == 0x1f1e_1d1c_1b1a_1918 && m.x(6) == 0x1716_1514_1312_1110 && m.x(7) == 0x1312_1110)
        #expect(m.vector(9).high == 0x1716_1514_1312_1110)
        #expect(m.vector(10) == (0x1f, 0) && m.memory.readRAM(0x4010_0040, 2) == 0x1f)
        #expect(m.x(11) == 0 && m.x(13) == 0x0400000)
    }

    @Test func undoRestoresVectorRegisters() throws {
        let m = Machine(entry: codeBase)
        let p = try Assembler.assemble(source: "_start: ldr q0, [x0]\nfmov d1, x2\n", options: AssemblerOptions(base: codeBase))
        m.load(p.image, at: codeBase)
        m.load([UInt8](repeating: 0x5a, count: 16), at: 0x4010_0000)
        m.setX(0, 0x4010_0000); m.setX(2, 7)
        m.setVector(0, low: 1, high: 2); m.setVector(1, low: 3, high: 4)
        let e1 = m.step(), e2 = m.step()
        #expect(m.vector(0) == (0x5a5a_5a5a_5a5a_5a5a, 0x5a5a_5a5a_5a5a_5a5a) && m.vector(1) == (7, 0))
        m.undo(e2); m.undo(e1)
        #expect(m.vector(0) == (1, 2) && m.vector(1) == (3, 4) && m.pc == codeBase)
    }

    /// CPTR_EL2.TFP traps every SIMD&FP instruction to EL2 with EC 0x07 (QEMU's ISS: CV, COND 0xe).
    @Test func cptrTFPTraps() throws {
        for body in ["ldr q0, [x0]", "fmov x1, d0", "mrs x1, fpsr", "stp s0, s1, [x0]"] {
            let m = try run("mov x9, #0x400\nmsr cptr_el2, x9\nisb\n" + body, x: [0: 0x4010_0000])
            #expect(m.systemRegister(named: "ESR_EL2") == 0x1e00_0000 | 1 << 25 | 0x1e0_0000, "\(body)")
        }
    }

    /// A word the Cortex-A57 executes but SuspendScope does not model stops the run: nothing
    /// changes, the PC stays, and no exception is taken.
    @Test func notModelledStops() throws {
        let m = Machine(entry: codeBase)
        let word: UInt32 = 0x1e62_2820   // fadd d0, d1, d2
        m.load(words: [word], at: codeBase)
        let e = m.step()
        #expect(e.notes.contains(.notModelled))
        #expect(m.pc == codeBase && e.exception == nil && m.systemRegister(named: "ESR_EL2") == 0)
        #expect(Machine.notModelledMessage(m.instructionText(at: codeBase)) == "not modelled by SuspendScope: fadd d0, d1, d2")
        let r = m.run(maxSteps: 10)
        #expect(r.reason == .notModelled(codeBase))
    }
}
