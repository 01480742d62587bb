/// One request of the gdb remote protocol, parsed from a packet's payload. The command layer
/// (`RemoteTarget`) answers it; the packet layer never looks inside.
public enum Request: Equatable, Sendable {
    case querySupported(features: [String])
    case startNoAckMode
    /// `?`
    case haltReason
    /// `g` / `G`
    case readRegisters
    case writeRegisters([UInt8])
    /// `p N` / `P N=VALUE` (register number, little-endian bytes)
    case readRegister(Int)
    case writeRegister(Int, [UInt8])
    /// `m ADDR,LEN`; `x ADDR,LEN` (binary reply, lldb)
    case readMemory(address: UInt64, length: Int, binary: Bool)
    /// `M ADDR,LEN:HEX` / `X ADDR,LEN:BINARY`
    case writeMemory(address: UInt64, bytes: [UInt8])
    /// `c [ADDR]`, `s [ADDR]`, `C sig[;ADDR]`, `S sig[;ADDR]`
    case resume(ResumeAction, at: UInt64?)
    /// `vCont?`
    case vContQuery
    /// `vCont;ACTION[:TID]...`: the action for this (the only) thread.
    case vCont(ResumeAction)
    /// `bs` / `bc`: reverse step and reverse continue.
    case reverseStep
    case reverseContinue
    /// `Z TYPE,ADDR,KIND` / `z TYPE,ADDR,KIND`
    case insertPoint(PointType, address: UInt64, length: UInt64)
    case removePoint(PointType, address: UInt64, length: UInt64)
    /// `qRcmd,HEX`: gdb's `monitor` command.
    case monitor(String)
    case currentThread
    case threadInfoFirst
    case threadInfoNext
    case attached
    /// `H op tid`
    case setThread
    /// `T tid`
    case threadAlive
    /// `k`, `vKill;pid`
    case kill
    /// `D`, `D;pid`
    case detach
    /// `qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH`
    case transferRead(object: String, annex: String, offset: Int, length: Int)
    // What lldb asks.
    case hostInfo
    case processInfo
    case threadSuffixSupported
    case listThreadsInStopReply
    case registerInfo(Int)
    case watchpointSupportInfo
    case enableErrorStrings
    /// `qSymbol::` (the target may look up symbols; we need none).
    case symbolLookup
    /// Any other packet: the reply is empty (not supported).
    case unsupported(String)

    public enum ResumeAction: Equatable, Sendable {
        case `continue`
        case step
    }

    /// Z0 software and Z1 hardware breakpoints, Z2 write, Z3 read and Z4 access watchpoints.
    public enum PointType: Int, Equatable, Sendable {
        case softwareBreakpoint = 0, hardwareBreakpoint, writeWatchpoint, readWatchpoint, accessWatchpoint

        public var isWatchpoint: Bool { rawValue >= 2 }
    }
}

/// A packet the server understood the name of but whose arguments were wrong: answered with an
/// error reply (`E.` + this text, or `E01` for clients that did not ask for error strings).
public struct RequestError: Error, Equatable, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ d: String) { description = d }
}

extension Request {
    /// Parses one payload. Unknown packets are `.unsupported`; known ones with bad arguments throw.
    public static func parse(_ payload: [UInt8]) throws -> Request {
        guard let first = payload.first else { return .unsupported("") }
        // Built only where needed: not for the memory reads and steps of gdb's every stepi.
        var text: String { String(decoding: payload, as: UTF8.self) }
        let body = Array(payload.dropFirst())
        switch first {
        case UInt8(ascii: "?"): return .haltReason
        case UInt8(ascii: "g"): return .readRegisters
        case UInt8(ascii: "G"):
            guard let bytes = Hex.decode(stripThreadSuffix(body)) else { throw RequestError("G: expected register bytes as hex") }
            return .writeRegisters(bytes)
        case UInt8(ascii: "p"):
            guard let n = Hex.number(stripThreadSuffix(body)), n < 0x10000 else { throw RequestError("p: expected a register number in hex") }
            return .readRegister(Int(n))
        case UInt8(ascii: "P"):
            let b = stripThreadSuffix(body)
            guard let eq = b.firstIndex(of: UInt8(ascii: "=")), let n = Hex.number(b[..<eq]), n < 0x10000,
                  let v = Hex.decode(b[(eq + 1)...]) else { throw RequestError("P: expected N=VALUE in hex") }
            return .writeRegister(Int(n), v)
        case UInt8(ascii: "m"), UInt8(ascii: "x"):
            let (a, l) = try addressLength(body, "\(Character(UnicodeScalar(first)))")
            return .readMemory(address: a, length: l, binary: first == UInt8(ascii: "x"))
        case UInt8(ascii: "M"), UInt8(ascii: "X"):
            guard let colon = body.firstIndex(of: UInt8(ascii: ":")) else { throw RequestError("\(Character(UnicodeScalar(first))): expected ADDR,LENGTH:DATA") }
            let (a, l) = try addressLength(Array(body[..<colon]), "\(Character(UnicodeScalar(first)))")
            let data = body[(colon + 1)...]
            let bytes: [UInt8]
            if first == UInt8(ascii: "M") {
                guard let d = Hex.decode(data) else { throw RequestError("M: the data is not hex") }
                bytes = d
            } else {
                bytes = Array(data)
            }
            guard bytes.count == l else { throw RequestError("\(Character(UnicodeScalar(first))): LENGTH \(l) but \(bytes.count) bytes of data") }
            return .writeMemory(address: a, bytes: bytes)
        case UInt8(ascii: "c"), UInt8(ascii: "s"):
            let action: ResumeAction = first == UInt8(ascii: "c") ? .continue : .step
            if body.isEmpty { return .resume(action, at: nil) }
            guard let a = Hex.number(body) else { throw RequestError("\(text.prefix(1)): expected an address in hex") }
            return .resume(action, at: a)
        case UInt8(ascii: "C"), UInt8(ascii: "S"):
            // The signal is not delivered: there are no signals on bare metal.
            let action: ResumeAction = first == UInt8(ascii: "C") ? .continue : .step
            let parts = body.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)
            guard let sig = parts.first, Hex.number(sig) != nil else { throw RequestError("\(text.prefix(1)): expected a signal number in hex") }
            if parts.count == 2 {
                guard let a = Hex.number(parts[1]) else { throw RequestError("\(text.prefix(1)): expected an address in hex") }
                return .resume(action, at: a)
            }
            return .resume(action, at: nil)
        case UInt8(ascii: "b"):
            if text == "bs" { return .reverseStep }
            if text == "bc" { return .reverseContinue }
            return .unsupported(text)
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            let parts = body.split(separator: UInt8(ascii: ";"), maxSplits: 1).first.map { $0.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) } ?? []
            guard parts.count == 3, let t = Hex.number(parts[0]) else { throw RequestError("Z: expected TYPE,ADDR,KIND") }
            guard let type = PointType(rawValue: Int(t)) else { return .unsupported(text) }
            guard let a = Hex.number(parts[1]), let k = Hex.number(parts[2]) else { throw RequestError("Z: expected TYPE,ADDR,KIND in hex") }
            return first == UInt8(ascii: "Z") ? .insertPoint(type, address: a, length: k) : .removePoint(type, address: a, length: k)
        case UInt8(ascii: "H"): return .setThread
        case UInt8(ascii: "T"): return .threadAlive
        case UInt8(ascii: "k"): return .kill
        case UInt8(ascii: "D"): return .detach
        case UInt8(ascii: "v"): return try parseV(text)
        case UInt8(ascii: "q"), UInt8(ascii: "Q"): return try parseQuery(text)
        default: return .unsupported(text)
        }
    }

    /// `p`/`P`/`g`/`G` from lldb carry `;thread:TID;` after QThreadSuffixSupported.
    static func stripThreadSuffix(_ b: [UInt8]) -> [UInt8] {
        guard let semi = b.firstIndex(of: UInt8(ascii: ";")) else { return b }
        return Array(b[..<semi])
    }

    static func addressLength(_ b: [UInt8], _ name: String) throws -> (UInt64, Int) {
        guard let comma = b.firstIndex(of: UInt8(ascii: ",")), let a = Hex.number(b[..<comma]),
              let l = Hex.number(b[(comma + 1)...]) else {
            throw RequestError("\(name): expected ADDR,LENGTH in hex")
        }
        guard l <= UInt64(GDBLimits.maxPacketPayload) else { throw RequestError("\(name): LENGTH 0x\(Hex.string(l)) is more than the packet size") }
        return (a, Int(l))
    }

    static func parseV(_ text: String) throws -> Request {
        if text == "vCont?" { return .vContQuery }
        if text.hasPrefix("vCont;") {
            // Actions apply to the first thread they name or to all; with one thread the first
            // action that names it (or none) decides.
            // Empty parts (`vCont;;c`, `vCont;:1`) are malformed, not skipped: gdb never sends them.
            for part in text.dropFirst(6).split(separator: ";", omittingEmptySubsequences: false) {
                let action = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                guard let verb = action.first, let letter = verb.first else { throw RequestError("vCont: an empty action") }
                let tid = action.count == 2 ? String(action[1]) : nil
                if let tid, !threadMatches(tid) { continue }
                switch letter {
                case "c", "C": return .vCont(.continue)
                case "s", "S": return .vCont(.step)
                case "t": return .unsupported(text)    // stop: the thread is stopped already
                default: throw RequestError("vCont: unknown action '\(verb)'")
                }
            }
            throw RequestError("vCont: no action for thread 1")
        }
        if text.hasPrefix("vKill") { return .kill }
        if text == "vMustReplyEmpty" { return .unsupported(text) }
        return .unsupported(text)
    }

    /// Whether a thread id (`1`, `-1`, `p1.1`, `p1.-1`, `0`) means our one thread.
    static func threadMatches(_ tid: String) -> Bool {
        let t = tid.hasPrefix("p") ? String(tid.split(separator: ".").last ?? "") : tid
        return t == "-1" || t == "0" || t == "1" || (Hex.number(Array(t.utf8)) == 1)
    }

    static func parseQuery(_ text: String) throws -> Request {
        if text.hasPrefix("qSupported") {
            let features = text.hasPrefix("qSupported:") ? text.dropFirst(11).split(separator: ";").map(String.init) : []
            return .querySupported(features: features)
        }
        switch text {
        case "QStartNoAckMode": return .startNoAckMode
        case "qC": return .currentThread
        case "qfThreadInfo": return .threadInfoFirst
        case "qsThreadInfo": return .threadInfoNext
        case "qHostInfo": return .hostInfo
        case "qProcessInfo": return .processInfo
        case "QThreadSuffixSupported": return .threadSuffixSupported
        case "QListThreadsInStopReply": return .listThreadsInStopReply
        case "qWatchpointSupportInfo", "qWatchpointSupportInfo:": return .watchpointSupportInfo
        case "QEnableErrorStrings": return .enableErrorStrings
        case "qSymbol::": return .symbolLookup
        default: break
        }
        if text == "qAttached" || text.hasPrefix("qAttached:") { return .attached }
        if text.hasPrefix("qRcmd,") {
            guard let bytes = Hex.decode(Array(text.utf8.dropFirst(6))) else { throw RequestError("qRcmd: the command is not hex") }
            return .monitor(String(decoding: bytes, as: UTF8.self))
        }
        if text.hasPrefix("qRegisterInfo") {
            guard let n = Hex.number(Array(text.utf8.dropFirst(13))), n < 0x10000 else { throw RequestError("qRegisterInfo: expected a register number in hex") }
            return .registerInfo(Int(n))
        }
        if text.hasPrefix("qXfer:") {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 5, parts[2] == "read" else { return .unsupported(text) }
            let range = parts[4].split(separator: ",", omittingEmptySubsequences: false)
            guard range.count == 2, let o = Hex.number(Array(range[0].utf8)), let l = Hex.number(Array(range[1].utf8)),
                  o < 1 << 32, l < 1 << 32 else { throw RequestError("qXfer: expected OFFSET,LENGTH in hex") }
            return .transferRead(object: String(parts[1]), annex: String(parts[3]), offset: Int(o), length: Int(l))
        }
        return .unsupported(text)
    }
}
