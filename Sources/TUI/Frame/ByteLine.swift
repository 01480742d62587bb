/// A short line of UTF-8 assembled on the stack (no `String`, no allocation), for the rows a
/// panel builds from numbers every frame ("step 431", "[12] ", "NZCV -Z-- ..."). Holds up to
/// 96 bytes; what goes past that is dropped.
struct ByteLine {
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
        = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    static let capacity = 96
    /// Bytes held.
    private(set) var count = 0

    init() {}

    init(_ s: StaticString) { append(s) }

    mutating func append(byte b: UInt8) {
        guard count < Self.capacity else { return }
        let i = count
        withUnsafeMutableBytes(of: &storage) { $0[i] = b }
        count += 1
    }

    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { src in
            let n = min(src.count, Self.capacity - count), at = count
            guard n > 0 else { return }
            withUnsafeMutableBytes(of: &storage) { dst in
                for k in 0..<n { dst[at + k] = src[k] }
            }
            count += n
        }
    }

    /// The decimal digits of `n` (as `String(n)`).
    mutating func append(decimal n: Int) {
        // Digits from the right into a scratch buffer, then copied in order.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var m = n.magnitude
        let digits = withUnsafeMutableBytes(of: &scratch) { buf -> Int in
            var i = buf.count
            repeat { i -= 1; buf[i] = 0x30 + UInt8(m % 10); m /= 10 } while m > 0
            if n < 0 { i -= 1; buf[i] = 0x2d }
            return i
        }
        let len = 24 - digits
        let n = min(len, Self.capacity - count), at = count
        guard n > 0 else { return }
        withUnsafeBytes(of: &scratch) { src in
            withUnsafeMutableBytes(of: &storage) { dst in
                for k in 0..<n { dst[at + k] = src[digits + k] }
            }
        }
        count += n
    }

    /// The lowercase hex digits of `v`, without leading zeros (as `String(v, radix: 16)`).
    mutating func append(hex v: UInt64) {
        var shift = 60
        while shift > 0 && (v >> UInt64(shift)) & 0xf == 0 { shift -= 4 }
        while shift >= 0 {
            append(byte: hexDigit(UInt8((v >> UInt64(shift)) & 0xf)))
            shift -= 4
        }
    }

    /// Spaces up to `n` bytes (nothing when it is already that long). For ASCII content, this
    /// is `pad(_:_:)` without the cut.
    mutating func pad(to n: Int) {
        while count < min(n, Self.capacity) { append(byte: 0x20) }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = storage
        let n = count
        return withUnsafeBytes(of: &copy) { body(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<n])) }
    }
}

extension Frame {
    /// Writes `line` inside `region` (as writing the same text as a `String` would).
    @discardableResult
    mutating func write(_ line: ByteLine, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        line.withBytes { write(utf8: $0, in: region, row: row, col: col, role: role) }
    }
}
