import Foundation

/// One client's conversation: framing (`PacketParser`/`PacketEncoder`), acknowledgements and
/// their retransmission, no-ack mode, and the hand-off of each request to the `RemoteTarget`.
/// Knows nothing about sockets: bytes come in through `receive`, go out through `send`.
///
/// `receive` runs on one serial queue (it may take long: a `continue`); `requestInterrupt` may
/// be called from any thread, and stops a run in progress at its next slice.
public final class GDBConnection: @unchecked Sendable {
    let target: RemoteTarget
    let send: ([UInt8]) -> Void
    var parser = PacketParser()
    public private(set) var noAckMode = false
    /// Set by `k`, `D`: the transport closes the connection after the reply.
    public private(set) var isFinished = false
    /// The last packet sent, kept until acknowledged (resent on `-`, at most `maxResends` times).
    var unacknowledged: [UInt8]?
    var resends = 0
    static let maxResends = 8
    let interruptFlag = InterruptFlag()
    /// Every request handled, for tests and the server's log (the last `historyLimit`).
    public private(set) var handled: [Request] = []
    static let historyLimit = 64

    var started = false

    /// A connection to `target`; nothing touches the target until the first bytes arrive (on
    /// the queue that drives it).
    public init(target: RemoteTarget, send: @escaping ([UInt8]) -> Void) {
        self.target = target
        self.send = send
    }

    /// The client asked to stop a running target (0x03 seen by the transport).
    public func requestInterrupt() { interruptFlag.set() }

    let goneFlag = InterruptFlag()

    /// The transport lost the client (any thread): a run in progress stops at its next slice and
    /// input still queued is dropped unread.
    public func clientGone() {
        goneFlag.set()
        interruptFlag.set()
    }

    /// Bytes from the client: framed, then handled.
    public func receive<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        handle(parse(bytes))
    }

    /// Frames bytes into events (the packet layer only: no engine work). A transport may call
    /// it on its own thread and hand the events to `handle` on the engine's.
    public func parse<C: Collection>(_ bytes: C) -> [PacketEvent] where C.Element == UInt8 {
        parser.feed(bytes)
    }

    /// Whether handling `events` may take long (a run, going back, a monitor command): the
    /// transport then hands them to the engine's queue instead of answering at once.
    /// Only packets starting `c`, `C`, `v`, `b` or `qRcmd,` can be such requests: the others
    /// (the memory reads and steps of gdb's every stepi) are not parsed here a first time.
    public static func mayTakeLong(_ events: [PacketEvent]) -> Bool {
        events.contains { e in
            guard case .packet(let p) = e, let first = p.first else { return false }
            switch first {
            case UInt8(ascii: "c"), UInt8(ascii: "C"), UInt8(ascii: "v"), UInt8(ascii: "b"): break
            case UInt8(ascii: "q"): return p.starts(with: "qRcmd,".utf8)
            default: return false
            }
            guard let request = try? Request.parse(p) else { return false }
            switch request {
            case .resume(.continue, _), .vCont(.continue), .reverseContinue, .reverseStep, .monitor: return true
            default: return false
            }
        }
    }

    /// Answers framed events (engine work: one thread at a time).
    public func handle(_ events: [PacketEvent]) {
        if goneFlag.isSet { return }
        if !started { started = true; target.beginConnection() }
        for event in events {
            guard !isFinished, !goneFlag.isSet else { return }
            switch event {
            case .ack:
                unacknowledged = nil
                resends = 0
            case .nack:
                if let p = unacknowledged, resends < Self.maxResends { resends += 1; send(p) }
            case .interrupt:
                // The target is stopped (runs happen inside `handle`): nothing to interrupt.
                interruptFlag.clear()
            case .malformed(let error):
                switch error {
                case .badChecksum:
                    if !noAckMode { send([UInt8(ascii: "-")]) }
                case .tooLong, .badRunLength:
                    if !noAckMode { send([UInt8(ascii: "+")]) }
                    reply(Array("E01".utf8))
                }
            case .packet(let payload):
                if !noAckMode { send([UInt8(ascii: "+")]) }
                process(payload)
            }
        }
    }

    func process(_ payload: [UInt8]) {
        let request: Request
        do { request = try Request.parse(payload) } catch {
            reply(Array("E22".utf8))
            return
        }
        if handled.count >= Self.historyLimit { handled.removeFirst(handled.count - Self.historyLimit + 1) }
        handled.append(request)
        let flag = interruptFlag
        let answer = target.handle(request, interrupted: { flag.isSet }, console: { [weak self] text in self?.console(text) })
        flag.clear()
        reply(answer)
        switch request {
        case .startNoAckMode: noAckMode = true
        case .kill, .detach:
            isFinished = true
            target.endConnection()
        default: break
        }
    }

    func reply(_ payload: [UInt8]) {
        let framed = PacketEncoder.frame(payload)
        if !noAckMode { unacknowledged = framed; resends = 0 }
        send(framed)
    }

    /// Text for the client's console: `O` packets of hex, each within the packet size.
    func console(_ text: String) {
        let bytes = Array(text.utf8)
        let chunk = GDBLimits.maxPacketPayload / 2 - 8
        var i = 0
        while i < bytes.count {
            let end = min(bytes.count, i + chunk)
            send(PacketEncoder.frame([UInt8(ascii: "O")] + Hex.encode(bytes[i..<end])))
            i = end
        }
    }

    /// The transport lost the client (closed, reset): the session stays for the next one.
    public func disconnected() {
        if !isFinished { isFinished = true; target.endConnection() }
    }
}

/// A flag set from one thread and read on another.
final class InterruptFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    func clear() { lock.lock(); value = false; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
