import Foundation

/// The server's state across clients: the target (one debugger session, kept as it was
/// between clients), the serial queue every request runs on, and the one client allowed at a
/// time. Transports (`NIOTransport`, the in-memory one of the tests) attach connections to it.
public final class GDBServer: @unchecked Sendable {
    public let target: RemoteTarget
    /// Requests that may take long (runs, monitor commands) run here, one at a time.
    public let queue = DispatchQueue(label: "suspendscope.gdbserver.engine")
    /// Held by whoever is using the engine: the queue, or a transport answering a quick request
    /// on its own thread (a step or a memory read needs no thread hop).
    public let engineLock = NSLock()
    private let lock = NSLock()
    private var active: GDBConnection?
    /// Where the server says what happens (clients coming and going); standard error in the CLI.
    public var log: @Sendable (String) -> Void

    public init(target: RemoteTarget, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.target = target
        self.log = log
    }

    /// A connection for a new client, or nil while another client is attached.
    public func attach(send: @escaping ([UInt8]) -> Void) -> GDBConnection? {
        lock.lock(); defer { lock.unlock() }
        guard active == nil else { return nil }
        let c = GDBConnection(target: target, send: send)
        active = c
        return c
    }

    /// The client is gone: after its requests (and its cleanup) have run, the next may attach.
    public func release(_ c: GDBConnection) {
        queue.async {
            self.engineLock.lock()
            c.disconnected()
            self.engineLock.unlock()
            self.lock.lock(); defer { self.lock.unlock() }
            if self.active === c { self.active = nil }
        }
    }

    public var hasClient: Bool { lock.lock(); defer { lock.unlock() }; return active != nil }

    /// What a second client is told before it is closed: an error reply to its first packet.
    public static let busyReply = PacketEncoder.frame(Array("E.suspendscope gdbserver: another client is attached (one at a time); try again when it detaches".utf8))
}
