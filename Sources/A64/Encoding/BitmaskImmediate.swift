/// Bitmask immediates of the logical (immediate) instructions: the Arm ARM's DecodeBitMasks
/// and its inverse.
public enum BitmaskImmediate {
    /// The value encoded by N:immr:imms, or nil for a reserved encoding (N = 1 in a 32-bit
    /// instruction, an element of all ones, or no element size). 32-bit values are zero-extended.
    public static func decode(n: UInt8, immr: UInt8, imms: UInt8, sf: Bool) -> UInt64? {
        if !sf && n != 0 { return nil }
        let combined = (UInt32(n & 1) << 6) | UInt32(~imms & 0x3f)
        guard combined != 0 else { return nil }
        let len = 31 - combined.leadingZeroBitCount
        guard len >= 1 else { return nil }
        let size = 1 << len
        let levels = UInt8(size - 1)
        let s = imms & levels, r = immr & levels
        guard s != levels else { return nil }
        let ones = Int(s) + 1
        let sizeMask: UInt64 = size == 64 ? ~0 : (1 << UInt64(size)) &- 1
        var elem: UInt64 = ones == 64 ? ~0 : (1 << UInt64(ones)) &- 1
        if r != 0 {
            elem = ((elem >> UInt64(r)) | (elem << UInt64(size - Int(r)))) & sizeMask
        }
        var value = elem
        var width = size
        while width < 64 { value |= value << UInt64(width); width *= 2 }
        return sf ? value : value & 0xffff_ffff
    }

    /// The canonical N:immr:imms for `value` (immr below the element size), or nil when the
    /// value is not a bitmask immediate. For 32-bit instructions `value` must fit in 32 bits.
    public static func encode(_ value: UInt64, sf: Bool) -> (n: UInt8, immr: UInt8, imms: UInt8)? {
        var v = value
        if !sf {
            guard value >> 32 == 0 else { return nil }
            v = value | value << 32
        }
        guard v != 0, v != ~0 else { return nil }
        // Smallest element size whose replication gives v.
        var size = 64
        while size > 2 {
            let half = size / 2
            let mask: UInt64 = (1 << UInt64(half)) &- 1
            if (v & mask) != ((v >> UInt64(half)) & mask) { break }
            size = half
        }
        let sizeMask: UInt64 = size == 64 ? ~0 : (1 << UInt64(size)) &- 1
        let elem = v & sizeMask
        let ones = elem.nonzeroBitCount
        let run: UInt64 = (1 << UInt64(ones)) &- 1
        for r in 0..<size {
            // Rotating elem left by r undoes the decoder's rotate right by r.
            let rot = r == 0 ? elem : ((elem << UInt64(r)) | (elem >> UInt64(size - r))) & sizeMask
            if rot == run {
                let n: UInt8 = size == 64 ? 1 : 0
                let imms = UInt8((~(size * 2 - 1)) & 0x3f) | UInt8(ones - 1)
                return (n, UInt8(r), size == 64 ? UInt8(ones - 1) : imms)
            }
        }
        return nil
    }
}
