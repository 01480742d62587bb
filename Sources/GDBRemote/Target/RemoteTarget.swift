import A64
import Debugger
import Machine
import Platform

/// The command layer of the gdb remote server: answers each `Request` with the debugger
/// engine every front end shares (`DebugSession` through its `CommandInterpreter`), so gdb and
/// lldb get the same history, breakpoints, watchpoints, user edits, boundaries and unknown
/// values as `debug --commands` and the TUI.
///
/// - Registers: the core plus every catalogued system register (`RegisterMap`); a write is a
///   user edit, undone when going back past it.
/// - Memory: read and written through the MMU as the debugger's commands do; writes are user
///   edits; an address that is not mapped RAM answers `E14`.
/// - The PC is shown at its link address: while the MMU is off the image runs at its physical
///   load address, and the server shows (and takes) the matching link address so that the
///   client's symbols and line table apply from the first instruction to the last.
/// - Breakpoints (Z0/Z1) are the engine's address breakpoints (they also stop at the physical
///   form of a link address); watchpoints (Z2/Z3/Z4) stop before the access, as AArch64
///   hardware does and gdb expects of it, in both directions.
///
/// Not thread-safe: one serial queue drives it (`GDBServer`). `interrupted` is polled between
/// chunks of a long run.
public final class RemoteTarget {
    public let interpreter: CommandInterpreter
    public var session: DebugSession { interpreter.session }
    /// The ELF announced with `qXfer:exec-file:read` (absolute path), if one was written.
    public var execFile: String?

    /// Breakpoints and watchpoints the client inserted (removed when it goes away).
    struct ClientBreakpoint { var type: Request.PointType; var engineID: Int }
    struct ClientWatch: Equatable { var type: Request.PointType; var address: UInt64; var length: UInt64; var physical: UInt64 }
    var breakpoints: [UInt64: ClientBreakpoint] = [:]
    var watches: [ClientWatch] = []
    /// The session the client points belong to (`monitor load` replaces it).
    var pointsSession: ObjectIdentifier?

    public private(set) var lastStop = StopInfo()
    /// Agreed in qSupported / by lldb's Q packets.
    var clientSwbreak = false, clientHwbreak = false
    var threadsInStopReply = false

    /// Steps per slice of a long run between checks for the client's Ctrl-C.
    public var runSlice = 100_000

    public init(interpreter: CommandInterpreter, execFile: String? = nil) {
        self.interpreter = interpreter
        self.execFile = execFile
        pointsSession = ObjectIdentifier(interpreter.session)
    }

    // MARK: Connections

    /// A new client: what the last one agreed is forgotten; the session stays as it was.
    public func beginConnection() {
        clientSwbreak = false; clientHwbreak = false; threadsInStopReply = false
        // Why the last client's run stopped is not news to the next one.
        lastStop = StopInfo()
    }

    /// The client went away (detach, kill, disconnect): its breakpoints and watchpoints go
    /// (gdb inserts them again when it attaches); the session stays as it was.
    public func endConnection() {
        removeClientPoints()
    }

    func removeClientPoints() {
        if pointsSession == ObjectIdentifier(session) { session.delete(breakpoints.values.map(\.engineID)) }
        breakpoints = [:]
        watches = []
        pointsSession = ObjectIdentifier(session)
    }

    /// `monitor load` replaced the session: the client's points were in the old one.
    func followSession() {
        if pointsSession != ObjectIdentifier(session) { breakpoints = [:]; watches = []; pointsSession = ObjectIdentifier(session) }
    }

    // MARK: Requests

    /// The reply payload for `request`. `console` sends text to the client's console (O
    /// packets) while a run or a monitor command is in progress.
    public func handle(_ request: Request, interrupted: () -> Bool = { false }, console: (String) -> Void = { _ in }) -> [UInt8] {
        followSession()
        do {
            return try answer(request, interrupted: interrupted, console: console)
        } catch let e as ReplyError {
            return Array(e.code.utf8)
        } catch {
            return Array("E01".utf8)
        }
    }

    struct ReplyError: Error { var code: String }
    static let memoryFault = ReplyError(code: "E14")
    static let invalid = ReplyError(code: "E22")
    static let ok = Array("OK".utf8)

    func answer(_ request: Request, interrupted: () -> Bool, console: (String) -> Void) throws -> [UInt8] {
        switch request {
        case .querySupported(let features):
            clientSwbreak = features.contains("swbreak+")
            clientHwbreak = features.contains("hwbreak+")
            return Array(("PacketSize=\(Hex.string(UInt64(GDBLimits.maxPacketPayload)));QStartNoAckMode+;qXfer:features:read+;"
                + (execFile != nil ? "qXfer:exec-file:read+;" : "") + "qXfer:threads:read+;"
                + "swbreak+;hwbreak+;vContSupported+;ReverseStep+;ReverseContinue+;QThreadSuffixSupported+;QListThreadsInStopReply+").utf8)
        case .startNoAckMode, .setThread, .threadAlive, .threadSuffixSupported, .enableErrorStrings, .symbolLookup:
            return Self.ok
        case .listThreadsInStopReply:
            threadsInStopReply = true
            return Self.ok
        case .haltReason:
            return stopReply(lastStop)
        case .readRegisters:
            return Array(((0...33).map { registerHex(RegisterMap.register($0)!) }.joined()).utf8)
        case .writeRegisters(let bytes):
            var offset = 0
            for n in 0...33 {
                let r = RegisterMap.register(n)!
                let size = RegisterMap.size(r)
                guard offset + size <= bytes.count else { break }
                let v = Hex.littleEndianValue(Array(bytes[offset..<(offset + size)]))
                if v != registerValue(r) { try write(r, v) }
                offset += size
            }
            return Self.ok
        case .readRegister(let n):
            guard let r = RegisterMap.register(n) else { throw Self.invalid }
            return Array(registerHex(r).utf8)
        case .writeRegister(let n, let bytes):
            guard let r = RegisterMap.register(n), bytes.count == RegisterMap.size(r) else { throw Self.invalid }
            try write(r, Hex.littleEndianValue(bytes))
            return Self.ok
        case .readMemory(let address, let length, let binary):
            let bytes = readMemory(address, min(length, GDBLimits.maxMemoryRead))
            if length > 0 && bytes.isEmpty { throw Self.memoryFault }
            return binary ? [UInt8(ascii: "b")] + bytes : Hex.encode(bytes)
        case .writeMemory(let address, let bytes):
            try writeMemory(address, bytes)
            return Self.ok
        case .resume(let action, let at):
            if let at { try write(.pc, at) }
            return stopReply(run(action, interrupted: interrupted, console: console))
        case .vCont(let action):
            return stopReply(run(action, interrupted: interrupted, console: console))
        case .vContQuery:
            return Array("vCont;c;C;s;S".utf8)
        case .reverseStep:
            return stopReply(runBackward(single: true, interrupted: interrupted, console: console))
        case .reverseContinue:
            return stopReply(runBackward(single: false, interrupted: interrupted, console: console))
        case .insertPoint(let type, let address, let length):
            try insertPoint(type, address, length)
            return Self.ok
        case .removePoint(let type, let address, let length):
            removePoint(type, address, length)
            return Self.ok
        case .monitor(let line):
            monitor(line, console: console)
            return Self.ok
        case .currentThread:
            return Array("QC1".utf8)
        case .threadInfoFirst:
            return Array("m1".utf8)
        case .threadInfoNext:
            return Array("l".utf8)
        case .attached:
            // Attached to something that existed before: quitting gdb detaches (the session stays).
            return Array("1".utf8)
        case .kill, .detach:
            return Self.ok
        case .transferRead(let object, let annex, let offset, let length):
            let data: [UInt8]
            switch (object, annex) {
            case ("features", "target.xml"): data = Array(TargetDescription.xml.utf8)
            case ("threads", ""): data = Self.threadList
            case ("exec-file", _):
                guard let execFile else { return [] }
                data = Array(execFile.utf8)
            case ("features", _): throw ReplyError(code: "E00")
            default: return []
            }
            guard offset < data.count else { return Array("l".utf8) }
            let end = min(data.count, offset + min(length, GDBLimits.maxPacketPayload - 1))
            return [UInt8(ascii: end < data.count ? "m" : "l")] + data[offset..<end]
        case .hostInfo:
            return Array(("triple:\(hexString("aarch64-unknown-none-elf"));ptrsize:8;endian:little;hostname:\(hexString("suspendscope"));"
                + "watchpoint_exceptions_received:before;").utf8)
        case .processInfo:
            return Array(("pid:1;parent-pid:1;real-uid:0;real-gid:0;effective-uid:0;effective-gid:0;"
                + "triple:\(hexString("aarch64-unknown-none-elf"));ostype:none;endian:little;ptrsize:8;").utf8)
        case .registerInfo(let n):
            guard let info = TargetDescription.registerInfo(n) else { return Array("E45".utf8) }
            return Array(info.utf8)
        case .watchpointSupportInfo:
            return Array("num:16;".utf8)
        case .unsupported:
            return Array("".utf8)
        }
    }

    /// `qXfer:threads:read`: the one core, in one packet (gdb's thread-list update after every
    /// stop command takes one round trip instead of qfThreadInfo and qsThreadInfo).
    static let threadList = Array("<?xml version=\"1.0\"?>\n<threads>\n  <thread id=\"1\" core=\"0\"/>\n</threads>\n".utf8)

    func hexString(_ s: String) -> String { String(decoding: Hex.encode(Array(s.utf8)), as: UTF8.self) }

    // MARK: Registers

    /// The PC as the client sees it: the link address of the instruction.
    var presentedPC: UInt64 { session.run.linkAddress(of: session.machine.pc) }

    func registerValue(_ r: RegisterMap.Register) -> UInt64 {
        let m = session.machine
        switch r {
        case .general(let n): return m.register(n)
        case .sp: return m.sp
        case .pc: return presentedPC
        case .cpsr: return m.pstate & 0xffff_ffff
        case .system(let i): return m.systemRegister(at: i)
        }
    }

    func registerHex(_ r: RegisterMap.Register) -> String {
        String(decoding: Hex.littleEndian(registerValue(r), bytes: RegisterMap.size(r)), as: UTF8.self)
    }

    /// A register write from the client: a user edit of the engine.
    func write(_ r: RegisterMap.Register, _ v: UInt64) throws {
        let s = session
        switch r {
        case .general(let n): s.editRegister(n, v, target: "$x\(n)")
        case .sp: s.editRegister(s.machine.spsel == 1 ? 32 : 31, v, target: "$sp")
        case .pc:
            // A link address of the image, while the core runs the image at its load address,
            // means the physical form the core executes.
            let m = s.built.manifest
            let running = s.machine.pc
            var target = v
            if s.run.linkAddress(of: running) != running && v &- m.linkAddress < s.built.program.end &- m.linkAddress {
                target = s.built.physical(v)
            }
            s.editPC(target, target: "$pc")
        case .cpsr: s.editPSTATE((s.machine.pstate & ~0xffff_ffff) | (v & 0xffff_ffff), target: "$cpsr")
        case .system(let i):
            let reg = SystemRegisterCatalogue.all[i]
            guard reg.kind != .readOnly else { throw Self.invalid }
            s.editSystemRegister(i, v, target: "$\(reg.name)")
        }
    }

    // MARK: Memory

    /// Bytes at virtual address `address` as the core sees them now, up to the first that is
    /// not readable.
    func readMemory(_ address: UInt64, _ length: Int) -> [UInt8] {
        var out: [UInt8] = []
        var a = address
        var left = length
        while left > 0 {
            let n = min(left, Int(4096 - (a & 0xfff)))
            guard let bytes = try? session.readMemory(virtual: a, count: n) else { break }
            out += bytes
            a &+= UInt64(n)
            left -= n
        }
        return out
    }

    /// Writes through the MMU, page by page, as user edits; nothing is written unless every
    /// byte is mapped RAM.
    func writeMemory(_ address: UInt64, _ bytes: [UInt8]) throws {
        var pieces: [(pa: UInt64, bytes: ArraySlice<UInt8>)] = []
        var a = address
        var i = 0
        while i < bytes.count {
            let n = min(bytes.count - i, Int(4096 - (a & 0xfff)))
            guard let pa = session.physicalAddress(of: a), session.machine.memory.readBytes(at: pa, count: n) != nil else {
                throw Self.memoryFault
            }
            pieces.append((pa, bytes[i..<(i + n)]))
            a &+= UInt64(n)
            i += n
        }
        var at = address
        for p in pieces {
            let v = Hex.littleEndianValue(Array(p.bytes.prefix(8)))
            guard session.editMemory(physical: p.pa, bytes: Array(p.bytes), value: v, target: "*0x\(Hex.string(at))@\(p.bytes.count)") else {
                throw Self.memoryFault
            }
            at &+= UInt64(p.bytes.count)
        }
    }

    // MARK: Breakpoints and watchpoints

    func insertPoint(_ type: Request.PointType, _ address: UInt64, _ length: UInt64) throws {
        if type.isWatchpoint {
            guard length >= 1, length <= 4096 else { throw Self.invalid }
            // The range must be RAM, physically contiguous (translated now, as the engine's `watch` does).
            guard let pa = session.physicalAddress(of: address),
                  session.physicalAddress(of: address &+ length &- 1) == pa &+ length &- 1,
                  session.machine.memory.readBytes(at: pa, count: Int(length)) != nil else { throw Self.memoryFault }
            let w = ClientWatch(type: type, address: address, length: length, physical: pa)
            if !watches.contains(w) { watches.append(w) }
            return
        }
        if breakpoints[address] != nil { return }
        let link = session.run.linkAddress(of: address)
        let id = session.addBreakpoint(spec: "*0x\(Hex.string(address))", location: .addresses([link]))
        breakpoints[address] = ClientBreakpoint(type: type, engineID: id)
    }

    func removePoint(_ type: Request.PointType, _ address: UInt64, _ length: UInt64) {
        if type.isWatchpoint {
            if let i = watches.firstIndex(where: { $0.type == type && $0.address == address && $0.length == length }) { watches.remove(at: i) }
            return
        }
        if let b = breakpoints.removeValue(forKey: address) { session.delete([b.engineID]) }
    }

    /// The first client watchpoint step `s` triggers, with the data address it accessed.
    func watchHit(_ s: BoardStep) -> (Request.PointType, UInt64)? {
        guard let e = s.effects else { return nil }
        var writes: [(UInt64, UInt64)] = []
        if let w = e.memoryWrite { writes.append((w.address, UInt64(w.count))) }
        if let b = e.blockWrite { writes.append((b.address, UInt64(b.oldBytes.count))) }
        let reads: [(UInt64, UInt64)] = e.memoryRead.map { [($0.address, UInt64($0.count))] } ?? []
        for w in watches {
            let accesses: [(UInt64, UInt64)]
            switch w.type {
            case .writeWatchpoint: accesses = writes
            case .readWatchpoint: accesses = reads
            default: accesses = writes + reads
            }
            for (a, n) in accesses where a < w.physical &+ w.length && a &+ n > w.physical {
                return (w.type, w.address &+ (max(a, w.physical) &- w.physical))
            }
        }
        return nil
    }

    // MARK: Running

    /// Runs forward: one step, or until something stops it (a breakpoint, a watchpoint, the
    /// program, the runaway guard, the client's Ctrl-C).
    func run(_ action: Request.ResumeAction, interrupted: () -> Bool, console: (String) -> Void) -> StopInfo {
        let s = session
        let uartBefore = s.board.uart.output.count
        var (stop, hit, wasInterrupted) = move(forward: true, single: action == .step, interrupted: interrupted)
        var info: StopInfo
        if let (type, address) = hit {
            // Stop before the access, as the hardware would: take the step back.
            _ = s.backward(count: 1)
            stop.boundaries.removeAll { $0.step > s.step }
            info = StopInfo(.trap, .watch(type, address: address))
        } else if wasInterrupted {
            info = StopInfo(.interrupt)
        } else {
            info = classify(stop)
        }
        let output = s.board.uart.output
        if output.count > uartBefore { console(String(decoding: output[uartBefore...], as: UTF8.self)) }
        report(stop, info, console: console)
        lastStop = info
        return info
    }

    /// Runs backward: one step (`bs`), or to the previous breakpoint, watchpoint or the start (`bc`).
    func runBackward(single: Bool, interrupted: () -> Bool, console: (String) -> Void) -> StopInfo {
        let s = session
        var (stop, hit, wasInterrupted) = move(forward: false, single: single, interrupted: interrupted)
        var info: StopInfo
        if let (type, address) = hit {
            // Going back, the access is "before" the state after it: stop there, so that the
            // client's own step back over the access shows the old value.
            _ = s.forward(count: 1)
            stop.boundaries.removeAll { $0.step <= s.step }
            info = StopInfo(.trap, .watch(type, address: address))
        } else if wasInterrupted {
            info = StopInfo(.interrupt)
        } else if single && stop.steps == 0 && stop.reason == .historyStart {
            info = StopInfo(.trap, .historyBegin)
        } else if stop.reason == .done && single {
            info = StopInfo()
        } else {
            info = classify(stop)
        }
        report(stop, info, console: console)
        lastStop = info
        return info
    }

    /// One step, or a run in slices of `runSlice` steps (checking for the client's Ctrl-C between
    /// them) up to the runaway guard, in either direction; with client watchpoints, the step
    /// that touched one ends it (`hit`).
    func move(forward: Bool, single: Bool, interrupted: () -> Bool)
        -> (stop: Stop, hit: (Request.PointType, UInt64)?, interrupted: Bool) {
        let s = session
        var hit: (Request.PointType, UInt64)?
        let done: ((BoardStep) -> Bool)? = watches.isEmpty ? nil : { step in
            if let h = self.watchHit(step) { hit = h; return true }
            return false
        }
        func slice(count: Int? = nil, limit: Int? = nil) -> Stop {
            forward ? s.forward(limit: limit, count: count, done: done) : s.backward(limit: limit, count: count, done: done)
        }
        if single { return (slice(count: 1), hit, false) }
        let most = s.maxStepsPerCommand
        var total = slice(limit: min(runSlice, most))
        var wasInterrupted = false
        while hit == nil, case .maxSteps = total.reason, abs(total.steps) < most {
            if interrupted() { wasInterrupted = true; break }
            let part = slice(limit: min(runSlice, most - abs(total.steps)))
            total.steps += part.steps
            total.boundaries += part.boundaries
            total.undoneEdits += part.undoneEdits
            total.reason = part.reason
        }
        if case .maxSteps = total.reason { total.reason = .maxSteps(most) }
        return (total, hit, wasInterrupted)
    }

    /// The stop reply for an engine stop.
    func classify(_ stop: Stop) -> StopInfo {
        switch stop.reason {
        case .breakpoint(let id):
            if let b = breakpoints.values.first(where: { $0.engineID == id }) {
                return StopInfo(.trap, b.type == .hardwareBreakpoint ? .hardwareBreakpoint : .softwareBreakpoint)
            }
            return StopInfo()
        case .exception(let x):
            switch x.ec {
            case 0x00: return StopInfo(.illegal)
            case 0x20, 0x21, 0x24, 0x25: return StopInfo(.segv)
            case 0x22, 0x26: return StopInfo(.bus)
            default: return StopInfo()
            }
        case .historyStart: return StopInfo(.trap, .historyBegin)
        default: return StopInfo()
        }
    }

    /// Console lines for what the client would not see by itself: boundaries passed, user edits
    /// undone, and why the run stopped when it is not a client breakpoint, watchpoint or step.
    func report(_ stop: Stop, _ info: StopInfo, console: (String) -> Void) {
        var lines: [String] = []
        for b in stop.boundaries {
            lines.append(stop.steps >= 0 ? "boundary \(b.name.rawValue) at step \(b.step): \(b.name.meaning)"
                                         : "back before boundary \(b.name.rawValue) (passed at step \(b.step))")
        }
        for e in stop.undoneEdits { lines.append("undid the user edit \(e.target) = 0x\(Hex.string(e.value)) (made at step \(e.step))") }
        switch (info.reason, stop.reason) {
        case (.watch, _), (.softwareBreakpoint, _), (.hardwareBreakpoint, _), (_, .done): break
        case (.historyBegin, _):
            lines.append(session.droppedSteps > 0
                         ? "reached the oldest state kept (step \(session.step)); older steps were dropped by the history limit"
                         : "reached the start of the history (step \(session.step))")
        default:
            if info.signal == .interrupt {
                lines.append("interrupted at step \(session.step)")
            } else {
                // The engine's own words for the stop, without its location line (the client shows that).
                var bare = stop
                bare.boundaries = []
                bare.undoneEdits = []
                let text = interpreter.describe(bare)
                lines += text.split(separator: "\n").dropLast().map(String.init)
            }
        }
        if !lines.isEmpty { console(lines.joined(separator: "\n") + "\n") }
    }

    /// `T` stop reply: signal, the registers a client needs at once, the thread, and why. Built
    /// as bytes: it answers every step.
    func stopReply(_ info: StopInfo) -> [UInt8] {
        var s: [UInt8] = []
        s.reserveCapacity(128)
        func append(_ text: String) { s += text.utf8 }
        s.append(UInt8(ascii: "T"))
        s += Hex.encode([info.signal.rawValue])
        for r: RegisterMap.Register in [.pc, .sp, .general(29), .general(30)] {
            s += Hex.encode([UInt8(RegisterMap.number(r))])
            s.append(UInt8(ascii: ":"))
            s += Hex.littleEndian(registerValue(r), bytes: RegisterMap.size(r))
            s.append(UInt8(ascii: ";"))
        }
        append("thread:1;")
        if threadsInStopReply { append("threads:1;thread-pcs:\(Hex.string(presentedPC));") }
        switch info.reason {
        case .none: break
        case .softwareBreakpoint: if clientSwbreak { append("swbreak:;") }
        case .hardwareBreakpoint: if clientHwbreak { append("hwbreak:;") }
        case .watch(let type, let address):
            let key = type == .readWatchpoint ? "rwatch" : type == .accessWatchpoint ? "awatch" : "watch"
            append("\(key):\(Hex.string(address));")
        case .historyBegin: append("replaylog:begin;")
        }
        return s
    }

    // MARK: monitor

    /// gdb's `monitor LINE` (lldb's `process plugin packet monitor LINE`): the debugger's
    /// command language, plus `check` and `boundaries`; its output goes to the console.
    func monitor(_ line: String, console: (String) -> Void) {
        let s = session
        let before = (ObjectIdentifier(s), s.step, s.edits.count)
        var out = MonitorCommands.run(line, interpreter: interpreter)
        let after = session
        if (ObjectIdentifier(after), after.step, after.edits.count) != before {
            out += (out.isEmpty ? "" : "\n") + "(the machine is now at step \(after.step); gdb still shows what it read before: "
                + "`flushregs` makes it read the state again, or step with gdb's own commands)"
        }
        if !out.isEmpty { console(out + "\n") }
    }
}
