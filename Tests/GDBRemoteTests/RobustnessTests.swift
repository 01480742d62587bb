import Foundation
import GDBRemote
import Testing
import TestSupport

/// Damaged and hostile input, on the in-memory transport and on real sockets: an error reply or
/// a clean close, never a trap, a hang or memory without bound.
@Suite(.serialized) struct RobustnessTests {
    @Test func randomBytesAndDamagedPacketsNeverTrap() throws {
        var rng = SplitMix64(seed: 15)
        let target = try Fixtures.target()
        target.session.maxStepsPerCommand = 20_000
        let c = InMemoryClient(target: target)
        let vocabulary = ["$", "#", "}", "*", "+", "-", "\u{3}", "g", "m", "M", "X", "Z0", "z2", "p", "P", "c", "s", "bs", "bc",
                          "vCont;", "qRcmd,", "qXfer:", "features:read:", ",", ":", ";", "=", "0", "ff", "20000", "ffffffffffffffff",
                          "7f", "qSupported", "QStartNoAckMode", "?", "D", "H", "T", "x"]
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            if rng.below(3) == 0 {
                bytes = (0..<rng.below(64)).map { _ in UInt8(truncatingIfNeeded: rng.below(256)) }
            } else {
                var payload = ""
                for _ in 0..<(1 + rng.below(5)) { payload += vocabulary[rng.below(vocabulary.count)] }
                bytes = PacketEncoder.frame(Array(payload.utf8))
                if rng.below(4) == 0, !bytes.isEmpty { bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8)) }
            }
            _ = c.sendRaw(bytes)
            if c.connection.isFinished { break }
        }
        // Whatever happened, a fresh client on the same target still works.
        let next = InMemoryClient(target: target)
        #expect(next.reply("qC") == "QC1")
        #expect(StopReply(next.reply("?")) != nil)
    }

    @Test func malformedRequestsGetErrorReplies() throws {
        let c = try Fixtures.client()
        for bad in ["m", "m1", "m1,", "mzz,4", "m1,100000", "M1,4", "M1,2:0", "Pzz=00", "P1", "p", "pzz", "G0",
                    "Z0,1", "Z2,zz,8", "qRcmd,z", "qXfer:features:read:target.xml:zz,10", "czz", "C", "vCont;x",
                    "qRegisterInfozz", "Z2,2000021e060,0", "Z2,2000021e060,100000"] {
            let r = c.reply(bad)
            #expect(r.hasPrefix("E"), "\(bad) -> '\(r)'")
        }
        // An oversized packet: dropped as it comes, answered with an error.
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: GDBLimits.maxPacketPayload * 4)
        let events = c.sendRaw(PacketEncoder.frame(huge, runLength: false))
        #expect(events.contains(.packet(Array("E01".utf8))))
        // A run-length bomb: refused, not expanded.
        let bomb = Array("$a".utf8) + Array(repeating: [UInt8(ascii: "*"), UInt8(ascii: "~")], count: 5000).flatMap { $0 }
        var sum: UInt8 = 0
        for b in bomb.dropFirst() { sum &+= b }
        #expect(c.sendRaw(bomb + [UInt8(ascii: "#")] + Hex.encode([sum])).contains(.packet(Array("E01".utf8))))
        #expect(c.reply("qC") == "QC1")
    }

    // MARK: Sockets

    @Test func aSecondClientIsToldAndClosedAndTheFirstCarriesOn() throws {
        let live = try LiveServer()
        let first = try TCPClient(port: live.port)
        #expect(try first.exchange("qSupported:swbreak+").contains("PacketSize"))
        let second = try TCPClient(port: live.port)
        try second.send(PacketEncoder.frame(Array("qSupported".utf8)))
        let refused = second.readUntilClosed(timeout: 10)
        #expect(String(decoding: refused, as: UTF8.self).contains("E.suspendscope gdbserver: another client is attached"))
        #expect(try first.exchange("qC") == "QC1")
    }

    @Test func aClientThatVanishesMidPacketLeavesTheSessionForTheNext() throws {
        let live = try LiveServer()
        do {
            let a = try TCPClient(port: live.port)
            #expect(try a.exchange("s").hasPrefix("T05"))
            try a.send(Array("$m2000021e000,4".utf8))   // no end
            a.close()
        }
        try waitUntil { !live.server.hasClient }
        let b = try TCPClient(port: live.port)
        #expect(try b.exchange("?").hasPrefix("T05"))
        #expect(live.target.session.step == 1)
    }

    @Test func aFloodingClientThatNeverReadsIsThrottledNotBuffered() throws {
        let live = try LiveServer()
        let flooder = try TCPClient(port: live.port)
        // Each `m` asks for 0x7ff0 bytes (64 KiB of hex back); the client never reads.
        let packet = PacketEncoder.frame(Array("m40000000,7ff0".utf8))
        let chunk = Array([[UInt8]](repeating: packet, count: 256).joined())
        let sent = flooder.sendForAtMost(seconds: 3, chunk: chunk, limit: 64 << 20)
        // The server stopped reading once its output backed up: far less than 64 MiB went in
        // (each request answers ~64 KiB, so unbounded buffering would hold gigabytes).
        #expect(sent < 16 << 20, "the server took \(sent) bytes without the client reading")
        flooder.close()
        try waitUntil { !live.server.hasClient }
        let next = try TCPClient(port: live.port)
        #expect(try next.exchange("qC") == "QC1")
    }

    func waitUntil(_ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(20)
        while !condition() {
            guard Date() < deadline else { throw ToolError("timed out waiting") }
            usleep(20_000)
        }
    }
}

/// A blocking loopback TCP client with timeouts, for the transport tests.
final class TCPClient {
    let fd: Int32
    var closed = false
    var parser = PacketParser()

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ToolError("socket() failed") }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard rc == 0 else { Glibc.close(fd); throw ToolError("connect() failed: \(String(cString: strerror(errno)))") }
        setTimeout(SO_RCVTIMEO, seconds: 20)
    }

    func setTimeout(_ option: Int32, seconds: Int) {
        var tv = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, option, &tv, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ bytes: [UInt8]) throws {
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw ToolError("send failed") }
            off += n
        }
    }

    /// Sends one packet (acknowledging what comes back) and returns the reply's payload.
    func exchange(_ payload: String) throws -> String {
        try send(PacketEncoder.frame(Array(payload.utf8)))
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            guard n > 0 else { throw ToolError("no reply to \(payload)") }
            for e in parser.feed(buffer[0..<n]) {
                if case .packet(let p) = e {
                    try send([UInt8(ascii: "+")])
                    if p.first == UInt8(ascii: "O") && p != Array("OK".utf8) { continue }
                    return String(decoding: p, as: UTF8.self)
                }
            }
        }
    }

    /// Everything received until the server closes (or the timeout).
    func readUntilClosed(timeout: Int) -> [UInt8] {
        setTimeout(SO_RCVTIMEO, seconds: timeout)
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { return out }
            out += buffer[0..<n]
        }
    }

    /// Sends `chunk` over and over for at most `seconds` (each send times out after 1 s) or
    /// until `limit` bytes; returns how many bytes the server took.
    func sendForAtMost(seconds: Double, chunk: [UInt8], limit: Int) -> Int {
        setTimeout(SO_SNDTIMEO, seconds: 1)
        let deadline = Date().addingTimeInterval(seconds)
        var total = 0
        while Date() < deadline && total < limit {
            let n = chunk.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { if errno == EAGAIN || errno == EWOULDBLOCK { continue }; break }
            total += n
        }
        return total
    }

    func close() {
        if !closed { closed = true; Glibc.close(fd) }
    }
    deinit { close() }
}
