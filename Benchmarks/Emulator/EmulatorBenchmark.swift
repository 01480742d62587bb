import A64
import Benchmark
import Foundation
import Machine

/// Emulator throughput (SPEC §6): a long integer loop with 10 breakpoint addresses armed,
/// run by the fast loop. Target: >= 200 million instructions per second in release.
///
/// Run with: `swift package --allow-writing-to-package-directory benchmark --target EmulatorBenchmark`
/// (or `swift run -c release EmulatorBenchmark` for the raw runner).

/// The loop body (6 instructions per iteration): arithmetic, logic, a load/store pair on a
/// scratch buffer, flag setting and a conditional branch, so the figure is not for NOPs.
///
///     _start: movz x1, #iterations(lo) ; movk x1, #iterations(hi), lsl #16
///             adr  x3, buffer          (on its own page, or on the code page)
///     loop:   add  x0, x0, #3
///             eor  x2, x2, x0, lsl #1
///             str  x2, [x3, #8]
///             ldr  x4, [x3, #8]
///             subs x1, x1, #1
///             b.ne loop
///             b    .
func loopProgram(iterations: UInt32, bufferOffset: Int64) throws -> [UInt32] {
    let insts: [Instruction] = [
        Instruction(op: .movz, sf: true, rd: 1, imm: Int64(iterations & 0xffff)),
        Instruction(op: .movk, sf: true, rd: 1, imm: Int64(iterations >> 16), amount: 16),
        Instruction(op: .adr, rd: 3, imm: bufferOffset - 8),
        Instruction(op: .addImm, sf: true, rd: 0, rn: 0, imm: 3),
        Instruction(op: .eorShift, sf: true, rd: 2, rn: 2, rm: 0, shift: Shift.lsl.rawValue, amount: 1),
        Instruction(op: .str, sf: true, rd: 2, rn: 3, imm: 8, size: 3, mode: .offset),
        Instruction(op: .ldr, sf: true, rd: 4, rn: 3, imm: 8, size: 3, mode: .offset),
        Instruction(op: .subsImm, sf: true, rd: 1, rn: 1, imm: 1),
        Instruction(op: .bcond, imm: -20, cond: Condition.ne.rawValue),
        Instruction(op: .b, imm: 0),
    ]
    return try insts.map(Encoder.encode) + [0, 0, 0, 0, 0, 0]
}

/// The integer loop of SPEC §6, ALU only (4 instructions per iteration):
///
///     loop:   add  x0, x0, #3
///             eor  x2, x2, x0, lsl #1
///             subs x1, x1, #1
///             b.ne loop
func integerLoop(iterations: UInt32) throws -> [UInt32] {
    let insts: [Instruction] = [
        Instruction(op: .movz, sf: true, rd: 1, imm: Int64(iterations & 0xffff)),
        Instruction(op: .movk, sf: true, rd: 1, imm: Int64(iterations >> 16), amount: 16),
        Instruction(op: .addImm, sf: true, rd: 0, rn: 0, imm: 3),
        Instruction(op: .eorShift, sf: true, rd: 2, rn: 2, rm: 0, shift: Shift.lsl.rawValue, amount: 1),
        Instruction(op: .subsImm, sf: true, rd: 1, rn: 1, imm: 1),
        Instruction(op: .bcond, imm: -12, cond: Condition.ne.rawValue),
        Instruction(op: .b, imm: 0),
    ]
    return try insts.map(Encoder.encode)
}

let base: UInt64 = 0x4008_0000
let iterations: UInt32 = 10_000_000
let instructionsPerRun = 3 + Int(iterations) * 6
/// Ten armed breakpoints that the loop never reaches.
let breakpoints: [UInt64] = (0..<10).map { base + 0x1000 + UInt64($0) * 0x40 }

let benchmarks = { @Sendable () -> Void in
    let separate = try! loopProgram(iterations: iterations, bufferOffset: 0x1_0000)
    let beside = try! loopProgram(iterations: iterations, bufferOffset: 4 * 12)
    let mips = BenchmarkMetric.custom("Minstr/s", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, mips], maxDuration: .seconds(10), maxIterations: 10)

    let integer = try! integerLoop(iterations: 15_000_000)

    func runLoop(_ benchmark: Benchmark, _ words: [UInt32], halt: UInt64 = base + 4 * 9, mmu: Bool = false) {
        let machine = Machine(entry: base)
        machine.load(words: words, at: base)
        if mmu {
            // RAM 1:1 through one level-1 block (T0SZ 25, 4 KiB granule): the data accesses
            // hit the one-entry translation cache, page changes go to the TLB.
            let l1: UInt64 = 0x4400_0000, desc: UInt64 = 0x4000_0000 | 0x701
            machine.memory.writeBytes((0..<8).map { UInt8(truncatingIfNeeded: desc >> UInt64(8 * $0)) }, at: l1 + 8)
            machine.setSystemRegister(named: "TCR_EL2", 0x8082_3519)
            machine.setSystemRegister(named: "TTBR0_EL2", l1)
            machine.setSystemRegister(named: "MAIR_EL2", 0xff)
            machine.mmuEnabled = true
        }
        benchmark.startMeasurement()
        let start = DispatchTime.now().uptimeNanoseconds
        let r = machine.run(maxSteps: instructionsPerRun + 10, breakpoints: breakpoints)
        let ns = DispatchTime.now().uptimeNanoseconds - start
        benchmark.stopMeasurement()
        precondition(r.reason == .halted(halt), "loop did not halt: \(r)")
        benchmark.measurement(mips, Int(Double(r.steps) / Double(ns) * 1000))
    }

    // SPEC §6: a long integer loop with 10 breakpoints armed.
    Benchmark("integer loop, 10 breakpoints armed (60M instructions)") { benchmark in
        runLoop(benchmark, integer, halt: base + 4 * 6)
    }

    // With a load and a store per iteration; data on its own page, as Xen keeps
    // resume_cpu_context in .data.
    Benchmark("run loop, 10 breakpoints armed (60M instructions)") { benchmark in
        runLoop(benchmark, separate)
    }

    // The same with the EL2 stage-1 MMU on (identity map through a 1 GiB block).
    Benchmark("run loop, MMU on (60M instructions)") { benchmark in
        runLoop(benchmark, separate, mmu: true)
    }

    // The same loop storing into the page its code is on: every store checks the decoded-page
    // cache and marks the overwritten slot stale (self-modifying-code correctness).
    Benchmark("run loop, data beside code (60M instructions)") { benchmark in
        runLoop(benchmark, beside)
    }

    Benchmark("step() with effects (1M instructions)") { benchmark in
        let machine = Machine(entry: base)
        machine.load(words: separate, at: base)
        benchmark.startMeasurement()
        let start = DispatchTime.now().uptimeNanoseconds
        var n = 0
        while n < 1_000_000 { blackHole(machine.step()); n += 1 }
        let ns = DispatchTime.now().uptimeNanoseconds - start
        benchmark.stopMeasurement()
        benchmark.measurement(mips, Int(Double(n) / Double(ns) * 1000))
    }
}
