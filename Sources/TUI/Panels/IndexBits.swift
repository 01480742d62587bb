/// A set of small indices (0..<128) in two words: the registers (effects numbering) and system
/// registers (catalogue index) a step or a stretch of steps changed, asked once per drawn
/// register without hashing.
struct IndexBits {
    private var lo: UInt64 = 0, hi: UInt64 = 0

    init() {}

    init<S: Sequence>(_ indices: S) where S.Element == Int {
        for i in indices { insert(i) }
    }

    /// Adds `i`; an index outside 0..<128 is ignored.
    mutating func insert(_ i: Int) {
        if i >= 0 && i < 64 { lo |= 1 << UInt64(i) } else if i >= 64 && i < 128 { hi |= 1 << UInt64(i - 64) }
    }

    func contains(_ i: Int) -> Bool {
        i >= 0 && i < 64 ? lo >> UInt64(i) & 1 == 1 : i >= 64 && i < 128 ? hi >> UInt64(i - 64) & 1 == 1 : false
    }
}
