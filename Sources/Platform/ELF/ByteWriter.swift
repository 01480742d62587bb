/// Little-endian bytes for the ELF and DWARF writers: fixed-width integers, LEB128, C strings,
/// and back-patching of a length written before what it measures.
struct ByteWriter {
    var bytes: [UInt8] = []

    var count: Int { bytes.count }

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: UInt16) { le(UInt64(v), 2) }
    mutating func u32(_ v: UInt32) { le(UInt64(v), 4) }
    mutating func u64(_ v: UInt64) { le(v, 8) }

    mutating func le(_ v: UInt64, _ n: Int) {
        for i in 0..<n { bytes.append(UInt8(truncatingIfNeeded: v >> UInt64(8 * i))) }
    }

    /// Unsigned LEB128.
    mutating func uleb(_ value: UInt64) {
        var v = value
        repeat {
            var b = UInt8(v & 0x7f)
            v >>= 7
            if v != 0 { b |= 0x80 }
            bytes.append(b)
        } while v != 0
    }

    /// Signed LEB128.
    mutating func sleb(_ value: Int64) {
        var v = value
        while true {
            let b = UInt8(truncatingIfNeeded: v) & 0x7f
            v >>= 7
            let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0)
            bytes.append(done ? b : b | 0x80)
            if done { return }
        }
    }

    /// A NUL-terminated string (any NUL inside is dropped: names never hold one).
    mutating func cString(_ s: String) {
        bytes += s.utf8.filter { $0 != 0 }
        bytes.append(0)
    }

    mutating func append(_ other: [UInt8]) { bytes += other }

    /// Zero bytes up to a multiple of `alignment`.
    mutating func align(_ alignment: Int) {
        while bytes.count % alignment != 0 { bytes.append(0) }
    }

    /// Writes a 4-byte placeholder and returns where it is (see `patch32`).
    mutating func placeholder32() -> Int {
        let at = bytes.count
        u32(0)
        return at
    }

    mutating func patch32(at offset: Int, _ v: UInt32) {
        for i in 0..<4 { bytes[offset + i] = UInt8(truncatingIfNeeded: v >> UInt32(8 * i)) }
    }
}
