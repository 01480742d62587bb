import Debugger
import Foundation
import GDBRemote
import Platform
import Testing

enum Fixtures {
    nonisolated(unsafe) static var cache: [String: BuiltScenario] = [:]
    static let lock = NSLock()

    /// Built scenarios, built once per process.
    static func built(_ name: String) throws -> BuiltScenario {
        lock.lock(); defer { lock.unlock() }
        if let b = cache[name] { return b }
        let b = try BuiltinScenarios.resolve(name).build()
        cache[name] = b
        return b
    }

    /// A target on a fresh session of `name`.
    static func target(_ name: String = "v9", execFile: String? = "/nonexistent/v9.elf") throws -> RemoteTarget {
        RemoteTarget(interpreter: CommandInterpreter(session: DebugSession(built: try built(name))), execFile: execFile)
    }

    /// A client attached to a fresh target, having agreed on swbreak/hwbreak as gdb does.
    static func client(_ name: String = "v9") throws -> InMemoryClient {
        let c = InMemoryClient(target: try target(name))
        _ = c.request("qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+")
        return c
    }

    /// The address (link) of the first `smc #0` in `symbol`.
    static func smc(in built: BuiltScenario, after symbol: String) -> UInt64? {
        guard var a = built.symbol(symbol) else { return nil }
        for _ in 0..<64 {
            if built.program.word(at: a) == 0xd400_0003 { return a }
            a &+= 4
        }
        return nil
    }
}

/// A stop reply (`T05...`): its signal and its `key:value;` pairs.
struct StopReply {
    var signal: UInt8
    var fields: [String: String]

    init?(_ text: String) {
        guard text.hasPrefix("T"), text.count >= 3, let s = UInt8(text.dropFirst().prefix(2), radix: 16) else { return nil }
        signal = s
        fields = [:]
        for part in text.dropFirst(3).split(separator: ";") {
            let kv = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            fields[String(kv[0])] = kv.count > 1 ? String(kv[1]) : ""
        }
    }

    /// A register the reply expedites (little-endian hex), by number.
    func register(_ n: Int) -> UInt64? {
        guard let h = fields[String(n, radix: 16)], let bytes = Hex.decode(Array(h.utf8)) else { return nil }
        return Hex.littleEndianValue(bytes)
    }
}

extension InMemoryClient {
    /// The console text of the `O` packets in `packets`.
    static func console(_ packets: [String]) -> String {
        packets.filter { $0.hasPrefix("O") && $0 != "OK" }.map { String(decoding: Hex.decode(Array($0.utf8.dropFirst())) ?? [], as: UTF8.self) }.joined()
    }

    /// A register's value read with `p`.
    func register(_ n: Int) -> UInt64? {
        Hex.decode(Array(reply("p" + String(n, radix: 16)).utf8)).map(Hex.littleEndianValue)
    }

    /// `monitor LINE`: its console output (the reply must be OK).
    func monitor(_ line: String) -> String {
        let packets = request("qRcmd," + String(decoding: Hex.encode(Array(line.utf8)), as: UTF8.self))
        #expect(packets.last == "OK")
        return Self.console(packets)
    }
}

func hexAddress(_ v: UInt64) -> String { String(v, radix: 16) }
