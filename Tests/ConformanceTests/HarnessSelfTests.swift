import Foundation
import Testing
import TestSupport
import Conformance
import Assembler

/// The harness's own pieces, without QEMU: output parsing, comparison order, generator
/// determinism, and that our side runs every generated program to its end label.
@Suite struct HarnessSelfTests {
    @Test func parsesGDBOutput() {
        let regs = (0..<31).map { String($0 + 1, radix: 16) }.joined(separator: " ")
        let text = """
        Breakpoint 1, 0x000000004008000c in done ()
        @@STOP done
        @@R \(regs) 40100000 4008000c ffffffff600003c9
        @@S VBAR_EL2 0x40081000
        @@S MPIDR_EL1 void
        @@M buf
        0x40090010 <buf>:\t0x0000000000000005\t0x0000000000003344
        0x40090020 <buf+16>:\t0x0000000000000007
        @@E
        @@STOP never
        """
        let states = GDBOutput.parse(text)
        #expect(states.count == 1)
        #expect(states[0].x[0] == 1 && states[0].x[30] == 31)
        #expect(states[0].sp == 0x4010_0000 && states[0].pc == 0x4008_000c)
        #expect(states[0].cpsr == 0x6000_03c9)
        #expect(states[0].systemRegisters == ["VBAR_EL2": 0x4008_1000])
        #expect(states[0].memory["buf"] == [5, 0x3344, 7])
    }

    @Test func firstDifferenceIsInFieldOrder() {
        let a = ObservedState(stop: "done", x: Array(repeating: 0, count: 31), sp: 0, pc: 4, cpsr: 0x3c9,
                              systemRegisters: ["VBAR_EL2": 1, "HCR_EL2": 2], memory: ["buf": [1, 2]])
        var b = a
        b.memory["buf"] = [1, 3]; b.systemRegisters["HCR_EL2"] = 9; b.cpsr = 0x400003c9
        let order = ["VBAR_EL2", "HCR_EL2"]
        #expect(Comparison.firstDifference(qemu: a, ours: b, stopIndex: 0, systemRegisterOrder: order)?.field == "cpsr")
        b.cpsr = a.cpsr
        #expect(Comparison.firstDifference(qemu: a, ours: b, stopIndex: 0, systemRegisterOrder: order)?.field == "HCR_EL2")
        b.systemRegisters = a.systemRegisters
        #expect(Comparison.firstDifference(qemu: a, ours: b, stopIndex: 0, systemRegisterOrder: order)?.field == "mem buf+8")
        b.memory = a.memory
        #expect(Comparison.firstDifference(qemu: a, ours: b, stopIndex: 0, systemRegisterOrder: order) == nil)
    }

    @Test func generatorIsDeterministic() {
        let a = ProgramGenerator.render([ProgramGenerator.generate(seed: 42)], name: "a").source
        let b = ProgramGenerator.render([ProgramGenerator.generate(seed: 42)], name: "a").source
        #expect(a == b)
        #expect(a != ProgramGenerator.render([ProgramGenerator.generate(seed: 43)], name: "a").source)
    }

    /// Every generated program assembles with our assembler and reaches its end label on our
    /// Machine (so a QEMU-side failure to stop is never the generator's fault).
    @Test func ourSideRunsGeneratedBatches() throws {
        var r = SplitMix64(seed: 7)
        let programs = (0..<100).map { _ in ProgramGenerator.generate(seed: r.next()) }
        let c = ProgramGenerator.render(programs, name: "self-test")
        let program = try Assembler.assemble(source: c.source, fileName: "self.S",
                                             options: AssemblerOptions(base: Harness.base))
        let run = try SuspendScopeSide(program: program).run(stops: c.stops)
        #expect(run.problem == nil)
        #expect(run.states.count == programs.count)
    }
}

/// The generator reaches every kind of item it knows (so a silent change cannot drop a family).
@Suite struct GeneratorCoverageTests {
    @Test func everyFamilyAppears() {
        var r = SplitMix64(seed: 11)
        let text = ProgramGenerator.render((0..<300).map { _ in ProgramGenerator.generate(seed: r.next()) }, name: "c").source
        for needle in ["eret", "brk #", "svc #", "hvc #", "udf #", "dc zva", "msr SPSel, #0", "SCTLR_EL2, x17", "ldp ", "stp ",
                       "ldrs", "ldur", "], #", "]!", "sxtw", "uxtw", "blr x18", "bl ", "cbnz x17", "b.ne", "tbz", "tbnz",
                       "cbz", "udiv", "sdiv", "madd", "msub", "extr", "bfxil", "csneg", "movk", "mrs ", "msr NZCV", "DAIFClr"] {
            #expect(text.contains(needle), "no \(needle) in 300 generated programs")
        }
    }
}
