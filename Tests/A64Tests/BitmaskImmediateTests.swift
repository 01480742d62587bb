import Testing
@testable import A64

@Suite struct BitmaskImmediateTests {
    /// Every valid (N, immr, imms) decodes to a value that encodes back to the canonical fields
    /// (immr reduced modulo the element size), which decode to the same value.
    @Test func roundTripsAllFieldCombinations() {
        var valid = 0
        for sf in [false, true] {
            for n in 0...(sf ? 1 : 0) {
                for immr in 0..<64 {
                    for imms in 0..<64 {
                        guard let v = BitmaskImmediate.decode(n: UInt8(n), immr: UInt8(immr), imms: UInt8(imms), sf: sf) else { continue }
                        valid += 1
                        guard let f = BitmaskImmediate.encode(v, sf: sf) else {
                            Issue.record("no encoding for 0x\(String(v, radix: 16)) from \(n) \(immr) \(imms)"); continue
                        }
                        #expect(f.imms == UInt8(imms) && f.n == UInt8(n))
                        #expect(BitmaskImmediate.decode(n: f.n, immr: f.immr, imms: f.imms, sf: sf) == v)
                        // Canonical immr is the decoded rotation modulo the element size.
                        let esize = elementSize(n: n, imms: imms)
                        #expect(Int(f.immr) == immr % esize)
                    }
                }
            }
        }
        #expect(valid > 5334)
    }

    func elementSize(n: Int, imms: Int) -> Int {
        if n == 1 { return 64 }
        var size = 32
        while size >= 2 && imms & size != 0 { size /= 2 }
        return size
    }

    @Test func distinctValueCounts() {
        var values64 = Set<UInt64>(), values32 = Set<UInt64>()
        for n in 0...1 { for r in 0..<64 { for s in 0..<64 {
            if let v = BitmaskImmediate.decode(n: UInt8(n), immr: UInt8(r), imms: UInt8(s), sf: true) { values64.insert(v) }
            if let v = BitmaskImmediate.decode(n: UInt8(n), immr: UInt8(r), imms: UInt8(s), sf: false) { values32.insert(v) }
        } } }
        #expect(values64.count == 5334)
        #expect(values32.count == 1302)
    }

    @Test func rejectsUnencodable() {
        #expect(BitmaskImmediate.encode(0, sf: true) == nil)
        #expect(BitmaskImmediate.encode(~0, sf: true) == nil)
        #expect(BitmaskImmediate.encode(0xffff_ffff, sf: false) == nil)
        #expect(BitmaskImmediate.encode(0x1_0000_0000, sf: false) == nil)
        #expect(BitmaskImmediate.encode(0x1234, sf: true) == nil)
        #expect(BitmaskImmediate.encode(0xff, sf: true)! == (1, 0, 7))
        #expect(BitmaskImmediate.encode(0xff, sf: false)! == (0, 0, 7))
        #expect(BitmaskImmediate.encode(0x5555_5555_5555_5555, sf: true)! == (0, 0, 0x3c))
        #expect(BitmaskImmediate.decode(n: 1, immr: 0, imms: 0, sf: false) == nil)
        #expect(BitmaskImmediate.decode(n: 1, immr: 0, imms: 63, sf: true) == nil)
    }
}
