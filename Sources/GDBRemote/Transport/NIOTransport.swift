import Foundation
import NIOCore
import NIOPosix

/// Real I/O for the server with SwiftNIO: a TCP listener (one client at a time, the next
/// waiting for the session as it was) and standard input/output (`target remote | ...`).
///
/// Quick requests (a step, a register or memory read, a breakpoint) are answered on the event
/// loop, with no thread hop; requests that may take long (continue, going back, monitor) run on
/// the server's queue, so a long `continue` never stops the loop from seeing the client's
/// Ctrl-C or refusing a second client. Memory is
/// bounded both ways: input is read only while less than `maxPendingInput` bytes wait for the
/// queue and the socket takes our output, and the queue waits (before its next request) while
/// the socket's output is above NIO's high-water mark, so a client that floods requests and never
/// reads the replies is throttled rather than buffered.
public enum NIOTransport {
    public static let maxPendingInput = 1 << 20

    /// Listens on `host:port` (port 0: any free port). Returns the running listener.
    public static func listen(host: String, port: Int, server: GDBServer) throws -> Listener {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 8)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.autoRead, value: true)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ClientHandler(server: server, closeWhenDone: false))
                }
            }
        do {
            let channel = try bootstrap.bind(host: host, port: port).wait()
            return Listener(group: group, channel: channel)
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
    }

    /// A running TCP listener.
    public final class Listener: @unchecked Sendable {
        let group: MultiThreadedEventLoopGroup
        let channel: Channel
        init(group: MultiThreadedEventLoopGroup, channel: Channel) { self.group = group; self.channel = channel }

        /// The port bound (the one chosen when 0 was asked for).
        public var port: Int { channel.localAddress?.port ?? 0 }

        /// Blocks until the listener is closed.
        public func wait() throws { try channel.closeFuture.wait() }

        public func close() {
            try? channel.close().wait()
            try? group.syncShutdownGracefully()
        }
    }

    /// Serves one client on standard input and output until it detaches, kills or closes them.
    public static func serveStandardIO(server: GDBServer) throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let channel = try NIOPipeBootstrap(group: group)
            .channelOption(ChannelOptions.allowRemoteHalfClosure, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ClientHandler(server: server, closeWhenDone: true))
                }
            }
            .takingOwnershipOfDescriptors(input: STDIN_FILENO, output: STDOUT_FILENO)
            .wait()
        try channel.closeFuture.wait()
        // Let the queue finish the connection's cleanup.
        server.queue.sync {}
    }
}

/// One client's channel: bytes in to the server's queue, bytes out from it.
final class ClientHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let server: GDBServer
    let closeWhenDone: Bool
    var connection: GDBConnection?
    /// Refusing a second client: waiting for its first packet to answer it.
    var refusal: PacketParser?
    /// Bytes and chunks handed to the queue and not yet handled (event loop only).
    var pending = 0
    var queued = 0
    var peer = "client"

    init(server: GDBServer, closeWhenDone: Bool) { self.server = server; self.closeWhenDone = closeWhenDone }

    /// Opened while the channel takes output (or is gone); the queue waits on it.
    let writable = Gate()

    func channelActive(context: ChannelHandlerContext) {
        let channel = context.channel
        peer = channel.remoteAddress.map { "\($0)" } ?? "standard input"
        let gate = writable
        let c = server.attach(send: { bytes in
            // On the server's queue: wait while the client is not taking what was sent. (On the
            // event loop the loop itself stops reading instead.)
            if !channel.eventLoop.inEventLoop { gate.wait() }
            var buffer = channel.allocator.buffer(capacity: bytes.count)
            buffer.writeBytes(bytes)
            channel.writeAndFlush(buffer, promise: nil)
        })
        if let c {
            connection = c
            server.log("gdbserver: client attached (\(peer))")
        } else {
            refusal = PacketParser()
            server.log("gdbserver: refused a second client (\(peer)): one at a time")
            // A client that sends nothing is closed anyway.
            context.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        if var parser = refusal {
            let events = parser.feed(bytes)
            refusal = parser
            if events.contains(where: { if case .packet = $0 { return true } else { return false } }) {
                var out = context.channel.allocator.buffer(capacity: 256)
                out.writeBytes([UInt8(ascii: "+")] + GDBServer.busyReply)
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(out)).whenComplete { _ in channel.close(promise: nil) }
            }
            return
        }
        guard let c = connection else { return }
        let events = c.parse(bytes)
        if events.contains(.interrupt) { c.requestInterrupt() }
        let channel = context.channel
        var rest = events[...]
        // Answer at once when nothing of this client's waits on the queue, the requests are quick
        // and the engine is free, while the client takes the replies; what is left goes to the
        // queue, which waits for the client.
        if queued == 0 && !GDBConnection.mayTakeLong(events) && server.engineLock.try() {
            while let e = rest.first, channel.isWritable {
                c.handle([e])
                rest = rest.dropFirst()
            }
            server.engineLock.unlock()
            if c.isFinished { channel.close(promise: nil); return }
            updateReading(channel)
            if rest.isEmpty { return }
        }
        let remaining = Array(rest)
        queued += 1
        pending += bytes.count
        updateReading(channel)
        let loop = context.eventLoop
        let server = self.server
        server.queue.async {
            server.engineLock.lock()
            c.handle(remaining)
            server.engineLock.unlock()
            let finished = c.isFinished
            loop.execute {
                self.queued -= 1
                self.pending -= bytes.count
                self.updateReading(channel)
                if finished { channel.close(promise: nil) }
            }
        }
    }

    /// Whether the channel is reading now (event loop only).
    var reading = true

    /// Reads while little input waits and the peer takes our output.
    func updateReading(_ channel: Channel) {
        let want = pending < NIOTransport.maxPendingInput && channel.isWritable
        guard want != reading else { return }
        reading = want
        channel.setOption(ChannelOptions.autoRead, value: want).whenFailure { _ in }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable { writable.open() } else { writable.close() }
        updateReading(context.channel)
        context.fireChannelWritabilityChanged()
    }

    func channelInactive(context: ChannelHandlerContext) {
        writable.open(forever: true)
        if let c = connection {
            connection = nil
            c.clientGone()
            server.release(c)
            server.log("gdbserver: client detached (\(peer)); the session stays for the next one")
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }
}

/// A gate one thread waits at while another holds it closed.
final class Gate: @unchecked Sendable {
    private let condition = NSCondition()
    private var isOpen = true
    private var stuckOpen = false

    func open(forever: Bool = false) {
        condition.lock()
        isOpen = true
        if forever { stuckOpen = true }
        condition.broadcast()
        condition.unlock()
    }

    func close() {
        condition.lock()
        if !stuckOpen { isOpen = false }
        condition.unlock()
    }

    func wait() {
        condition.lock()
        while !isOpen { condition.wait() }
        condition.unlock()
    }
}
