/// A deterministic transport for tests: a client that frames packets, hands them to a
/// `GDBConnection` on the calling thread, and reads back what the server sent. No sockets, no
/// threads; `receive` returns when the request has been answered.
public final class InMemoryClient {
    public let connection: GDBConnection
    /// Everything the server sent, in order.
    public private(set) var sent: [UInt8] = []
    var read = 0
    var parser = PacketParser()
    /// Whether to acknowledge the server's packets (as a client in ack mode does).
    public var acknowledges = true

    public init(target: RemoteTarget) {
        let box = Box()
        connection = GDBConnection(target: target, send: { box.bytes += $0 })
        self.box = box
    }

    final class Box { var bytes: [UInt8] = [] }
    let box: Box

    /// Sends raw bytes (framing, noise, damage: whatever a test wants) and returns the events
    /// the server answered with.
    @discardableResult
    public func sendRaw(_ bytes: [UInt8]) -> [PacketEvent] {
        connection.receive(bytes)
        return drain()
    }

    /// Sends one packet and returns the payloads of the packets the server answered with
    /// (console `O` packets first, then the reply), acknowledging them unless told not to.
    public func request(_ payload: String) -> [String] {
        request(Array(payload.utf8)).map { String(decoding: $0, as: UTF8.self) }
    }

    public func request(_ payload: [UInt8]) -> [[UInt8]] {
        let events = sendRaw(PacketEncoder.frame(payload, runLength: false))
        var packets: [[UInt8]] = []
        for e in events {
            if case .packet(let p) = e {
                packets.append(p)
                if acknowledges && !connection.noAckMode { connection.receive([UInt8(ascii: "+")]) }
            }
        }
        _ = drain()
        return packets
    }

    /// The reply alone (the last packet), for requests that have no console output.
    public func reply(_ payload: String) -> String { request(payload).last ?? "" }

    func drain() -> [PacketEvent] {
        let new = box.bytes[read...]
        read = box.bytes.count
        sent = box.bytes
        return parser.feed(new)
    }
}
