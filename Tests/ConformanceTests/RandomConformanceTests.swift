import Foundation
import Testing
import TestSupport
import Conformance

/// Randomised programs, judged by QEMU: `batches` images of `programsPerBatch` programs each
/// (one QEMU launch per image; batches run in parallel). The base seed is fresh every run
/// unless SUSPENDSCOPE_CONFORMANCE_SEED is set; every failure prints its program's seed and a
/// shrunk reproducer. Add failing seeds to `regressionSeeds` once the emulator is fixed.
@Suite struct RandomConformanceTests {
    static let programsPerBatch = 40
    /// 10 batches (400 programs) by default; SUSPENDSCOPE_CONFORMANCE_BATCHES=N for a longer hunt.
    static let batches = Int(ProcessInfo.processInfo.environment["SUSPENDSCOPE_CONFORMANCE_BATCHES"] ?? "") ?? 10

    static let baseSeed: UInt64 = {
        if let s = ProcessInfo.processInfo.environment["SUSPENDSCOPE_CONFORMANCE_SEED"], let v = UInt64(s) { return v }
        var g = SystemRandomNumberGenerator()
        return g.next()
    }()

    /// Seeds that once found a divergence (or cover a corner on purpose); judged on every run.
    /// Checked to fail with the fix reverted:
    /// - NZCV kept on exception entry (QEMU clears it): programs ending in brk/svc/hvc/udf.
    /// - DC ZVA as a no-op (QEMU zeroes 64 bytes): programs with `dc zva`.
    /// - FAR of a misaligned load from unmapped memory (QEMU aligns it down): found by these seeds.
    /// Seeds name programs of this generator version: `regressionSeedsKeepTheirFeatures` fails
    /// when a generator change stops them exercising what they were kept for (pick new ones
    /// then). The corpus programs (exceptions.S, system_instructions.S, unaligned_aborts.S,
    /// eret_spsr.S) are the generator-independent regressions.
    static let regressionSeeds: [UInt64] = [
        7491495690303768641, 9443613860101814017, 4693350435082127106,     // exception entry NZCV
        3802634193036222849, 8260070155572844463, 7436524280575535245,     // DC ZVA
        7596900076860836023,                                                // FAR of misaligned unmapped loads
        1, 2, 3,
    ]

    static func seeds(batch: Int) -> [UInt64] {
        var r = SplitMix64(seed: baseSeed ^ UInt64(batch) &* 0x9e37_79b9)
        return (0..<programsPerBatch).map { _ in r.next() }
    }

    @Test(.enabled(if: toolsPresent, toolsComment), arguments: 0..<batches)
    func randomBatch(_ batch: Int) {
        judge(seeds: Self.seeds(batch: batch), name: "random batch \(batch) (base seed \(Self.baseSeed))")
    }

    @Test(.enabled(if: toolsPresent, toolsComment))
    func regressionSeedList() {
        judge(seeds: Self.regressionSeeds, name: "regression seeds")
    }

    @Test func regressionSeedsKeepTheirFeatures() {
        func text(_ seed: UInt64) -> String { ProgramGenerator.render([ProgramGenerator.generate(seed: seed)], name: "r").source }
        for s: UInt64 in [7491495690303768641, 9443613860101814017, 4693350435082127106] {
            #expect(["brk #", "svc #", "hvc #", "udf #"].contains { text(s).contains($0) }, "seed \(s) has no exception")
        }
        for s: UInt64 in [3802634193036222849, 8260070155572844463, 7436524280575535245] {
            #expect(text(s).contains("dc zva"), "seed \(s) has no dc zva")
        }
        #expect(text(7596900076860836023).contains("movz x17, #0x5000, lsl #16"), "no unmapped access")
    }

    func judge(seeds: [UInt64], name: String) {
        let programs = seeds.map { ProgramGenerator.generate(seed: $0) }
        let c = ProgramGenerator.render(programs, name: name)
        let v = Harness.judge(c, timeout: 60, explain: false)
        #expect(v.stopsCompared == programs.count || !v.passed)
        guard !v.passed else { return }
        // The program that failed: the stop that diverged, or the first stop not reached.
        let index = min(v.divergence?.stopIndex ?? v.stopsCompared, programs.count - 1)
        let bad = programs[index]
        var message = "\(name): program seed \(bad.seed) (#\(index)) fails: \(v.divergence?.description ?? v.problem ?? "?")\n"
        let alone = Harness.judge(ProgramGenerator.render([bad], name: "seed \(bad.seed)"), timeout: 20)
        if alone.passed {
            message += "(it passes when run alone: a state leak between batched programs)\n" + v.report
        } else if let sig = alone.signature {
            let (small, sv) = Shrinker.shrink(bad, signature: sig)
            message += "shrunk from \(bad.items.count) to \(small.items.count) items:\n" + (sv?.report ?? alone.report)
        }
        Issue.record(Comment(rawValue: message))
    }
}
