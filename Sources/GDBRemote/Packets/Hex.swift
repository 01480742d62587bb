/// Hex digits as the remote protocol writes them: lowercase, two per byte, little-endian for
/// register values.
public enum Hex {
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The value of one hex digit (either case), or nil.
    @inline(__always) public static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    public static func byte(_ b: UInt8) -> String { String(decoding: [digits[Int(b >> 4)], digits[Int(b & 15)]], as: UTF8.self) }

    /// Two hex digits per byte.
    public static func encode<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return out
    }

    /// `count` bytes of `v`, little-endian, as hex.
    public static func littleEndian(_ v: UInt64, bytes count: Int) -> [UInt8] {
        encode((0..<count).map { UInt8(truncatingIfNeeded: v >> UInt64(8 * $0)) })
    }

    /// Bytes from pairs of hex digits; nil if odd or not hex.
    public static func decode<C: Collection>(_ text: C) -> [UInt8]? where C.Element == UInt8 {
        guard text.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 2)
        var it = text.makeIterator()
        while let h = it.next(), let l = it.next() {
            guard let a = value(h), let b = value(l) else { return nil }
            out.append(a << 4 | b)
        }
        return out
    }

    /// A big-endian hex number (addresses, lengths) of at most 16 digits; nil otherwise.
    public static func number<C: Collection>(_ text: C) -> UInt64? where C.Element == UInt8 {
        guard !text.isEmpty, text.count <= 16 else { return nil }
        var v: UInt64 = 0
        for c in text {
            guard let d = value(c) else { return nil }
            v = v << 4 | UInt64(d)
        }
        return v
    }

    /// A little-endian value from hex bytes (a register as `p` / `g` carry it).
    public static func littleEndianValue(_ bytes: [UInt8]) -> UInt64 {
        var v: UInt64 = 0
        for (i, b) in bytes.prefix(8).enumerated() { v |= UInt64(b) << UInt64(8 * i) }
        return v
    }

    /// Lowercase hex of a number, no leading zeros ("0" for zero).
    public static func string(_ v: UInt64) -> String { String(v, radix: 16) }
}
