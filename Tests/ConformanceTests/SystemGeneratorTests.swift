import Testing
import TestSupport
import Conformance

/// The random programs draw from the system and SIMD&FP families (so that the QEMU batches of
/// RandomConformanceTests judge them): MRS/MSR of the hypervisor's EL1/EL0 registers, AT with
/// PAR_EL1, the hint space, TLBI/IC/DC, SIMD&FP loads/stores/pairs and FMOV both ways.
@Suite struct SystemGeneratorTests {
    @Test func everyFamilyIsDrawn() {
        var r = SplitMix64(seed: 2027)
        let text = ProgramGenerator.render((0..<200).map { _ in ProgramGenerator.generate(seed: r.next()) }, name: "families").source
        let lines = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
        let mnemonics = Set(lines.compactMap { $0.split(separator: " ").first.map(String.init) })
        for m in ["at", "tlbi", "ic", "dc", "esb", "csdb", "psb", "bti", "paciasp", "autiasp", "xpaclri", "sev", "sevl",
                  "fmov", "ldur", "stur", "ldnp", "stnp"] {
            #expect(mnemonics.contains(m), "no \(m) in 200 random programs")
        }
        for needle in ["ldr q", "str q", "ldr b", "str h", "ldp d", "stp s", "mrs x", "msr TTBR1_EL1", "msr FPCR",
                       "mrs x", "PAR_EL1", "v1.d[1]", "dc zva"] {
            #expect(text.contains(needle), "no '\(needle)' in 200 random programs")
        }
        #expect(lines.contains { $0.hasPrefix("at s1e2") }, "AT S1E2R/W")
    }
}
