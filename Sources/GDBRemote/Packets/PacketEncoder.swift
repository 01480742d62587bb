/// Frames outgoing packets: `$payload#cs` with the characters the protocol reserves (`$`, `#`,
/// `}`, `*`) escaped as `}` + (byte ^ 0x20), and runs of a repeated byte written with `*`
/// run-length encoding (as gdbserver does) when that is shorter.
public enum PacketEncoder {
    /// The framed packet for `payload`.
    public static func frame<C: Collection>(_ payload: C, runLength: Bool = true) -> [UInt8] where C.Element == UInt8 {
        var out: [UInt8] = [UInt8(ascii: "$")]
        out.reserveCapacity(payload.count + 4)
        var sum: UInt8 = 0
        func put(_ b: UInt8) { out.append(b); sum &+= b }
        func putEscaped(_ b: UInt8) {
            if needsEscape(b) { put(UInt8(ascii: "}")); put(b ^ 0x20) } else { put(b) }
        }
        let bytes = Array(payload)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            var run = 1
            while i + run < bytes.count && bytes[i + run] == b && run < 98 { run += 1 }
            putEscaped(b)
            var extra = run - 1
            // A repeat count n is sent as the character 29 + n, which must not be one of the
            // reserved '#', '$', '*' or '}' (n = 6, 7, 13, 96); runs under 4 do not pay.
            if runLength && !needsEscape(b) && extra >= 3 {
                while needsEscape(UInt8(29 + extra)) { extra -= 1 }
                put(UInt8(ascii: "*"))
                put(UInt8(29 + extra))
                i += 1 + extra
            } else {
                i += 1
            }
        }
        out.append(UInt8(ascii: "#"))
        out += Hex.encode([sum])
        return out
    }

    @inline(__always) static func needsEscape(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "$") || b == UInt8(ascii: "#") || b == UInt8(ascii: "}") || b == UInt8(ascii: "*")
    }

    /// Binary data for a packet body (`qXfer` replies, `vFile`): escaped by `frame` itself, so
    /// this is the bytes as they are; kept as a name for clarity at call sites.
    public static func binary(_ bytes: [UInt8]) -> [UInt8] { bytes }
}
