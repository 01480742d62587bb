/// What arrives on a gdb remote connection, once framed.
public enum PacketEvent: Equatable, Sendable {
    /// A packet's payload, unescaped and with run-length encoding expanded.
    case packet([UInt8])
    /// `+`: the peer received our last packet.
    case ack
    /// `-`: the peer wants our last packet again.
    case nack
    /// 0x03 outside a packet: the client asks a running target to stop (Ctrl-C).
    case interrupt
    /// A packet that could not be taken (bad checksum, too long, bad run-length).
    case malformed(PacketError)
}

/// Why a packet was refused.
public enum PacketError: Equatable, Sendable, CustomStringConvertible {
    /// The checksum after `#` did not match the payload (or was not two hex digits).
    case badChecksum(expected: UInt8, got: String)
    /// More than `limit` bytes before `#`: the payload was dropped as it came.
    case tooLong(limit: Int)
    /// A run-length marker `*` with no character before it, or a repeat count out of range.
    case badRunLength

    public var description: String {
        switch self {
        case .badChecksum(let e, let g): return "bad checksum: expected \(Hex.byte(e)), got '\(g)'"
        case .tooLong(let limit): return "packet longer than \(limit) bytes"
        case .badRunLength: return "bad run-length encoding"
        }
    }
}

/// Frames the gdb remote serial protocol's bytes into events: `$payload#cs` packets with
/// `}`-escaping and `*` run-length encoding, `+`/`-` acknowledgements, and 0x03 interrupts.
/// Anything else outside a packet is ignored (as gdb does). Incremental: bytes may arrive in
/// any pieces. Memory is bounded: a payload over `maxPayload` bytes is dropped as it arrives
/// and reported once its end is seen.
///
/// The parser is a pure function of its input (`parse(_:)`), for tests and fuzzing.
public struct PacketParser: Sendable {
    enum State: Sendable {
        case idle
        /// Inside `$...`: the payload so far (raw, still escaped) and its running checksum.
        case payload
        /// After `#`: checksum characters read so far.
        case checksum(first: UInt8?)
    }

    public let maxPayload: Int
    var state = State.idle
    var raw: [UInt8] = []
    var sum: UInt8 = 0
    var overflowed = false

    public init(maxPayload: Int = GDBLimits.maxPacketPayload) { self.maxPayload = maxPayload }

    /// Every event in `bytes`, with the parser starting idle.
    public static func parse(_ bytes: [UInt8], maxPayload: Int = GDBLimits.maxPacketPayload) -> [PacketEvent] {
        var p = PacketParser(maxPayload: maxPayload)
        return p.feed(bytes)
    }

    /// Whether a packet has started and not ended.
    public var isInsidePacket: Bool {
        if case .idle = state { return false }
        return true
    }

    /// Takes more bytes; returns the events they complete.
    public mutating func feed<C: Collection>(_ bytes: C) -> [PacketEvent] where C.Element == UInt8 {
        var events: [PacketEvent] = []
        for b in bytes { if let e = take(b) { events.append(e) } }
        return events
    }

    mutating func take(_ b: UInt8) -> PacketEvent? {
        switch state {
        case .idle:
            switch b {
            case UInt8(ascii: "$"): begin()
            case UInt8(ascii: "+"): return .ack
            case UInt8(ascii: "-"): return .nack
            case 0x03: return .interrupt
            default: break     // noise between packets
            }
        case .payload:
            if b == UInt8(ascii: "#") {
                state = .checksum(first: nil)
            } else if b == UInt8(ascii: "$") {
                // A new packet starts before this one ended: the old one is lost (gdb resends).
                begin()
            } else {
                sum &+= b
                if raw.count < maxPayload { raw.append(b) } else { overflowed = true }
            }
        case .checksum(let first):
            guard let first else { state = .checksum(first: b); return nil }
            state = .idle
            defer { raw = [] }
            if overflowed { return .malformed(.tooLong(limit: maxPayload)) }
            guard let h = Hex.value(first), let l = Hex.value(b), h << 4 | l == sum else {
                return .malformed(.badChecksum(expected: sum, got: String(decoding: [first, b], as: UTF8.self)))
            }
            guard let payload = Self.decode(raw, limit: maxPayload) else { return .malformed(.badRunLength) }
            return .packet(payload)
        }
        return nil
    }

    mutating func begin() {
        state = .payload
        raw = []
        sum = 0
        overflowed = false
    }

    /// Undoes `}` escaping and expands `X*n` run-length encoding (n = the byte after `*` minus
    /// 29 more copies). Nil when a `*` has nothing to repeat or the result would exceed `limit`.
    static func decode(_ raw: [UInt8], limit: Int) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            if b == UInt8(ascii: "}") && i + 1 < raw.count {
                out.append(raw[i + 1] ^ 0x20)
                i += 2
            } else if b == UInt8(ascii: "*") {
                guard let last = out.last, i + 1 < raw.count else { return nil }
                let n = Int(raw[i + 1]) - 29
                guard n >= 0, out.count + n <= limit else { return nil }
                out.append(contentsOf: repeatElement(last, count: n))
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }
}

/// Sizes the server holds to: what it advertises and what it buffers.
public enum GDBLimits {
    /// The largest payload accepted (and advertised as PacketSize): 64 KiB.
    public static let maxPacketPayload = 0x10000
    /// The most bytes `m`/`x` return at once (hex doubles them).
    public static let maxMemoryRead = 0x7ff0
}
