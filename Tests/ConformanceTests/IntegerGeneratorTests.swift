import Testing
import TestSupport
import Conformance

/// The random programs draw from every ARMv8.0 integer family (so that the QEMU batches judge
/// them all), and the exclusive pairs come with CLREX, exceptions and other marks between.
@Suite struct IntegerGeneratorTests {
    @Test func everyFamilyIsDrawn() {
        var r = SplitMix64(seed: 2026)
        let text = ProgramGenerator.render((0..<200).map { _ in ProgramGenerator.generate(seed: r.next()) }, name: "families").source
        let mnemonics = Set(text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        let families = [
            "adc", "adcs", "sbc", "sbcs", "ngc", "ngcs", "ccmp", "ccmn", "rbit", "rev16", "rev32", "rev", "clz", "cls",
            "smaddl", "smsubl", "umaddl", "umsubl", "smull", "smnegl", "umull", "umnegl", "smulh", "umulh",
            "crc32b", "crc32h", "crc32w", "crc32x", "crc32cb", "crc32ch", "crc32cw", "crc32cx", "ldpsw", "ldnp", "stnp",
            "ldtr", "sttr", "ldtrb", "sttrb", "ldtrh", "sttrh", "ldtrsb", "ldtrsh", "ldtrsw", "prfm", "prfum",
            "ldxr", "ldxrb", "ldxrh", "ldaxr", "ldaxrb", "ldaxrh", "stxr", "stxrb", "stxrh", "stlxr", "stlxrb", "stlxrh",
            "ldxp", "ldaxp", "stxp", "stlxp", "ldar", "ldarb", "ldarh", "stlr", "stlrb", "stlrh", "clrex",
            "svc", "hvc", "brk", "udf", ".inst", "eret",
        ]
        for m in families { #expect(mnemonics.contains(m), "no \(m) in 200 random programs") }
        // Exclusive pairs with an exception, CLREX and a second mark between them.
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        func between(_ what: (String) -> Bool) -> Bool {
            lines.indices.contains { k in
                k + 2 < lines.count && lines[k].hasPrefix("ld") && lines[k].contains("xr") && what(lines[k + 1])
                    && lines[k + 2].hasPrefix("st") && lines[k + 2].contains("xr")
            }
        }
        #expect(between { $0 == "clrex" })
        #expect(between { ["svc", "hvc", "brk", "udf", ".inst"].contains(String($0.split(separator: " ").first ?? "")) })
        #expect(text.contains("msr     ELR_EL2, x27\n2:      eret"), "the vectors return with ERET")
    }
}
