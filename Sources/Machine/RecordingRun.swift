import A64

/// The hooks the run loop calls around each instruction. `NoRecorder` ignores them (the plain
/// fast loop); `LogRecorder` writes each step's undo record into an `UndoLog` as it goes.
protocol LoopRecorder: Recorder {
    /// A step begins at `pc` with `pstate`.
    mutating func begin(_ pc: UInt64, _ pstate: UInt64)
    /// The fast slot about to run (its register write is recorded before it happens).
    mutating func slot(_ f: FastSlot, _ s: UnsafeMutablePointer<UInt64>)
    /// The step begun last has ended with `pc` and `pstate` (no-op when none is open).
    mutating func finish(_ pc: UInt64, _ pstate: UInt64)
    /// Takes back `begin`: the instruction will not run.
    mutating func cancel()
    /// Whether the run stops before executing a generic instruction with this operation.
    func stopsBefore(_ op: Op) -> Bool
    /// The last step did something the log does not express on its own (an exception, a device
    /// access, a wait, a hook): the run stops after it.
    var special: Bool { get }
    /// Whether `b .` keeps running (a replay to a step) instead of stopping the run.
    var continuesSelfLoops: Bool { get }
}

extension NoRecorder: LoopRecorder {
    @inline(__always) mutating func begin(_ pc: UInt64, _ pstate: UInt64) {}
    @inline(__always) mutating func slot(_ f: FastSlot, _ s: UnsafeMutablePointer<UInt64>) {}
    @inline(__always) mutating func finish(_ pc: UInt64, _ pstate: UInt64) {}
    @inline(__always) mutating func cancel() {}
    @inline(__always) func stopsBefore(_ op: Op) -> Bool { false }
    @inline(__always) var special: Bool { false }
    @inline(__always) var continuesSelfLoops: Bool { false }
}

/// What a recording run found besides its steps: who wrote which register, and which loads
/// and stores touched a watched physical range.
public struct RecordingResult: Sendable {
    /// Why the run stopped, and the steps it recorded (each one is in the log).
    public var reason: StopReason
    public var steps: Int
    /// The last step did something the undo log cannot express alone (an exception, a device
    /// write, a wait, a hook, a self-loop): the caller takes it back with `UndoLog.undoLast`
    /// and runs it again on its full path.
    public var endedSpecial: Bool
    /// The run stopped before an instruction the caller asked to run itself (`stopOps`).
    public var stoppedBefore: Bool
    /// One access to the watched range: the step (0-based within this run), the physical
    /// address and size, and whether it was a store.
    public struct Access: Sendable { public var step: Int; public var address: UInt64; public var count: Int; public var isWrite: Bool }
    public var accesses: [Access]
    /// Register (effects numbering 0...32) -> the last write in this run: step (0-based), the
    /// instruction's address and, for a load, the physical address read.
    public struct Write: Sendable { public var step: Int; public var pc: UInt64; public var loadedFrom: UInt64? }
    public var writes: [Int: Write]
    /// The address of the last step's instruction (nil when no step ran).
    public var lastPC: UInt64?
    /// The address of the instruction before it (nil when fewer than two steps ran).
    public var pcBeforeLast: UInt64?

    /// The same run without its last step (which the caller has taken back to run it again).
    public func droppingLast() -> RecordingResult {
        guard steps > 0 else { return self }
        var r = self
        r.steps -= 1
        r.accesses.removeAll { $0.step >= r.steps }
        r.writes = r.writes.filter { $0.value.step < r.steps }
        r.lastPC = pcBeforeLast
        r.pcBeforeLast = nil
        r.endedSpecial = false
        return r
    }
}

/// Writes each step's undo record while the run loop executes.
struct LogRecorder: LoopRecorder {
    static var records: Bool { true }
    var w: LogWriter
    /// Generic operations the run stops before (a bit per `Op` raw value).
    let stopOps: (UInt64, UInt64, UInt64, UInt64)
    let watchLow: UInt64, watchHigh: UInt64
    var open = false
    var pcOld: UInt64 = 0, pstateOld: UInt64 = 0
    /// The previous step's pcOld.
    var pcBefore: UInt64 = 0
    var special = false
    var steps = 0
    var lastRead: UInt64?
    /// The register a fast-slot load is writing (-1: none): `finish` notes the address read.
    var loadTarget = -1
    var accesses: [RecordingResult.Access] = []
    /// Per register 0...32: step + 1 of the last write (0: none), its pc and load address.
    let writeStep: UnsafeMutablePointer<Int>
    let writePC: UnsafeMutablePointer<UInt64>
    let writeLoad: UnsafeMutablePointer<UInt64>
    static let noLoad = UInt64.max

    /// Notes that end a run after the step: the log cannot replay them alone.
    static let specialNotes = StepNotes.notLoggable.union(.mmioWrite)
    let continuesSelfLoops: Bool

    @inline(__always) mutating func begin(_ pc: UInt64, _ pstate: UInt64) {
        pcBefore = pcOld; pcOld = pc; pstateOld = pstate; open = true; lastRead = nil
    }
    @inline(__always) mutating func noteWrite(_ i: Int) {
        writeStep[i] = steps &+ 1
        writePC[i] = pcOld
        writeLoad[i] = Self.noLoad
    }
    @inline(__always) mutating func slot(_ f: FastSlot, _ s: UnsafeMutablePointer<UInt64>) {
        switch f.kind {
        case .generic, .b, .bcond, .cbzX, .cbnzX, .cbzW, .cbnzW, .tbz, .tbnz, .br, .str1, .str2, .str4, .str8: return
        case .bl, .blr: w.register(30, s[30]); noteWrite(30)
        case .ldr1, .ldr2, .ldr4, .ldr8:
            // The load's address is known only once it runs: `finish` fills it in.
            let i = Int(f.rd)
            if i <= 32 { w.register(i, s[i]); noteWrite(i); loadTarget = i }
        default:
            let i = Int(f.rd)
            if i <= 32 { w.register(i, s[i]); noteWrite(i) }
        }
    }
    @inline(__always) mutating func finish(_ pc: UInt64, _ pstate: UInt64) {
        guard open else { return }
        open = false
        if loadTarget >= 0 { if let r = lastRead { writeLoad[loadTarget] = r }; loadTarget = -1 }
        w.endStep(pcOld: pcOld, pcNew: pc, pstateOld: pstateOld, pstateNew: pstate)
        steps &+= 1
    }
    @inline(__always) mutating func cancel() { open = false }
    @inline(__always) func stopsBefore(_ op: Op) -> Bool {
        let r = Int(op.rawValue)
        let word: UInt64
        switch r >> 6 { case 0: word = stopOps.0; case 1: word = stopOps.1; case 2: word = stopOps.2; default: word = stopOps.3 }
        return (word >> UInt64(r & 63)) & 1 != 0
    }

    // Recorder (the generic path, loads and stores).
    mutating func register(_ index: Int, _ old: UInt64, _ new: UInt64) {
        w.register(index, old)
        if index <= 32 { noteWrite(index); if let r = lastRead { writeLoad[index] = r } }
    }
    mutating func systemRegister(_ index: Int, _ old: UInt64, _ new: UInt64) { w.systemRegister(index, old) }
    @inline(__always) mutating func memory(_ address: UInt64, _ count: Int, _ oldLo: UInt64, _ oldHi: UInt64, _ newLo: UInt64, _ newHi: UInt64) {
        w.memory(address, count, oldLo, oldHi)
        if address &+ UInt64(count) > watchLow && address < watchHigh {
            accesses.append(.init(step: steps, address: address, count: count, isWrite: true))
        }
    }
    @inline(__always) mutating func read(_ address: UInt64, _ count: Int) {
        lastRead = address
        if address &+ UInt64(count) > watchLow && address < watchHigh {
            accesses.append(.init(step: steps, address: address, count: count, isWrite: false))
        }
    }
    mutating func note(_ n: StepNotes) { if !n.isDisjoint(with: Self.specialNotes) { special = true } }
    mutating func exception(_ e: ExceptionTaken) { special = true }
    mutating func monitor(_ old: UInt64, _ new: UInt64) { w.monitor(old) }
    mutating func block(_ address: UInt64, _ old: [UInt8]) {
        w.block(address, old)
        if address &+ UInt64(old.count) > watchLow && address < watchHigh {
            accesses.append(.init(step: steps, address: address, count: old.count, isWrite: true))
        }
    }
}

extension Machine {
    /// The fast loop with history: like `run`, but every step's undo record goes into `log`
    /// as it executes (see `UndoLog`), so reverse execution can take each one back.
    ///
    /// Stops before an armed breakpoint (not at the starting PC), before a generic instruction
    /// whose operation is in `stopOps` (the caller runs those itself), after a step that took
    /// an exception or did something else the log does not express alone (`endedSpecial`), or
    /// after `maxSteps`. Loads and stores touching [watchLow, watchHigh) are reported. `b .`
    /// stops the run (`.halted`, the step recorded) unless `throughSelfLoops`.
    public func runRecording(maxSteps: Int, breakpoints: [UInt64] = [], stopOps: Set<Op> = [], log: UndoLog,
                             watchLow: UInt64 = 0, watchHigh: UInt64 = 0, throughSelfLoops: Bool = false) -> RecordingResult {
        var bits: [UInt64] = [0, 0, 0, 0]
        for op in stopOps { bits[Int(op.rawValue) >> 6] |= 1 << UInt64(op.rawValue & 63) }
        // Undefined (and stale, overwritten) slots, and calls a hook may handle (firmware state
        // the log cannot take back), always go to the caller's full path.
        for op in [Op.undefined, .smc, .hvc] { bits[Int(op.rawValue) >> 6] |= 1 << UInt64(op.rawValue & 63) }
        let ws = UnsafeMutablePointer<Int>.allocate(capacity: 33)
        ws.initialize(repeating: 0, count: 33)
        let wp = UnsafeMutablePointer<UInt64>.allocate(capacity: 33)
        let wl = UnsafeMutablePointer<UInt64>.allocate(capacity: 33)
        defer { ws.deallocate(); wp.deallocate(); wl.deallocate() }
        var rec = LogRecorder(w: log.openWriter(), stopOps: (bits[0], bits[1], bits[2], bits[3]),
                              watchLow: watchLow, watchHigh: watchHigh,
                              writeStep: ws, writePC: wp, writeLoad: wl, continuesSelfLoops: throughSelfLoops)
        var stoppedBefore = false
        let r = runLoop(maxSteps: maxSteps, breakpoints: breakpoints, stopOnException: true, &rec, stoppedBefore: &stoppedBefore)
        rec.w.close()
        var writes: [Int: RecordingResult.Write] = [:]
        for i in 0...32 where ws[i] > 0 {
            writes[i] = .init(step: ws[i] - 1, pc: wp[i], loadedFrom: wl[i] == LogRecorder.noLoad ? nil : wl[i])
        }
        return RecordingResult(reason: r.reason, steps: rec.steps, endedSpecial: rec.special,
                               stoppedBefore: stoppedBefore, accesses: rec.accesses, writes: writes,
                               lastPC: rec.steps > 0 ? rec.pcOld : nil, pcBeforeLast: rec.steps > 1 ? rec.pcBefore : nil)
    }
}
