import Testing
import TestSupport
@testable import A64

@Suite struct DecodeTableTests {
    /// No word matches two entries, so decoding is unambiguous whatever the entry order.
    @Test func entriesDoNotOverlap() {
        let all = DecodeTable.entries
        for a in 0..<all.count {
            for b in (a + 1)..<all.count {
                let ea = all[a], eb = all[b]
                let overlap = (ea.value ^ eb.value) & ea.mask & eb.mask == 0
                #expect(!overlap, "\(ea.pattern) \(ea.op) overlaps \(eb.pattern) \(eb.op)")
            }
        }
    }

    /// The bucket index finds exactly what a linear scan finds.
    @Test func indexAgreesWithLinearScan() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<200_000 {
            let w = UInt32(truncatingIfNeeded: rng.next())
            let linear = DecodeTable.entries.firstIndex { w & $0.mask == $0.value }
            #expect(DecodeTable.match(w) == linear)
        }
    }

    /// Every entry's own pattern value (all fields zero) and all-ones fields behave.
    @Test func everyEntryDecodesItsOwnWords() throws {
        var rng = SplitMix64(seed: 1)
        for e in DecodeTable.entries {
            let words = [e.value, e.value | ~e.mask] + (0..<64).map { _ in e.value | (UInt32(truncatingIfNeeded: rng.next()) & ~e.mask) }
            var decodedAny = false
            for w in words {
                let i = Decoder.decode(w)
                if i.op == .undefined { continue }
                decodedAny = true
                #expect(i.op == e.op, "\(e.pattern)")
                #expect(try Encoder.encode(i) == w, "\(e.pattern) 0x\(String(w, radix: 16))")
            }
            #expect(decodedAny, "\(e.pattern) \(e.op) never decodes")
        }
    }
}
