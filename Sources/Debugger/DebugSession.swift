import A64
import Assembler
import Machine
import Platform

/// The debugger engine behind `suspendscope debug` (and, later, the TUI): a scenario run plus
/// the history that makes reverse execution exact, breakpoints, watchpoints, user edits and
/// the runaway guard.
///
/// History is one undo record per step (`BoardStep`, the step's effects with old and new values)
/// and one per user edit; going back pops and undoes them newest first, so every register,
/// system register, unknown flag, memory byte, UART byte and boundary comes back exactly. When
/// the history holds more than `historyLimit` steps the oldest eighth is dropped and a notice
/// says so (`takeNotices()`); reverse execution then stops at the oldest state kept.
public final class DebugSession {
    /// The scenario being debugged, and its run (board, boundaries, unknown-value uses).
    public let built: BuiltScenario
    public let run: ScenarioRun
    public var board: Board { run.board }
    public var machine: Machine { run.board.machine }

    /// The undo records of the history, oldest first: compact bytes per plain step (`UndoLog`),
    /// and a `.side` mark for each step or user edit kept in full in `sides`.
    let log = UndoLog()
    /// Steps and edits kept in full (PSCI calls, power changes, device accesses, exceptions,
    /// steps with unknown-value bookkeeping, user edits), oldest first from `sidesStart`.
    var sides: [HistoryEntry] = []
    var sidesStart = 0
    /// What logged steps keep beside their machine entries (UART output, unknown-value
    /// shadows), oldest first from `attachmentsStart`; one per step logged with `attached`.
    var attachments: [StepAttachment] = []
    var attachmentsStart = 0
    /// Bytes of `sides` and `attachments` (approximately, heap included).
    var sideBytes = 0
    /// Steps of history dropped by the cap (reverse execution cannot go before `oldestStep`).
    public internal(set) var droppedSteps = 0
    /// The most steps kept for reverse execution (default 100,000,000; at most
    /// `maxHistoryLimit`). The oldest history goes a chunk of the log at a time.
    public var historyLimit = 100_000_000 {
        didSet { log.chunkSize = min(1 << 20, max(512, historyLimit * 2)) }
    }
    public static let maxHistoryLimit = 1_000_000_000
    /// The memory cap of the history's records, in bytes (default 1 GiB).
    public var historyMemoryLimit = 1 << 30
    /// The views' last answers (see `DebugSession+Views`).
    var viewCache = ViewCache()
    /// Whole-state checkpoints, oldest first (see `DebugSession+Checkpoints`).
    var checkpoints: [SessionCheckpoint] = []
    /// Steps between periodic checkpoints (doubles when there are too many).
    public internal(set) var checkpointInterval = 1_000_000 {
        didSet { nextCheckpointStep = (checkpoints.last { $0.step <= step }?.step ?? 0) + checkpointInterval }
    }
    var nextCheckpointStep = 0
    /// The runaway guard: the most steps one command takes (default 10,000,000).
    public var maxStepsPerCommand = 10_000_000

    public internal(set) var breakpoints: [Breakpoint] = []
    public internal(set) var watchpoints: [Watchpoint] = []
    /// The temporary breakpoint (`tbreak`) deleted by the last stop, for describing it.
    public internal(set) var lastTemporaryHit: Breakpoint?
    var nextBreakpointID = 1
    /// User edits in effect, oldest first.
    public internal(set) var edits: [UserEdit] = []
    /// The most user edits in effect at once: each keeps a checkpoint of the whole state (about
    /// 100 KiB for v9), so they are bounded (the README states it).
    public static let maxEdits = 1000
    /// This session's edit limit (`maxEdits`; lower in tests).
    public var editLimit = DebugSession.maxEdits
    /// The most breakpoints and watchpoints a session holds (the README states it).
    public static let maxBreakpoints = 100_000
    /// Free-text notes and bookmarks, each at a step (sessions keep them).
    public var notes: [SessionNote] = []
    /// What the TUI shows (focused panel, selections, scroll, theme); sessions keep it.
    public var view = SessionView()
    /// How the scenario was named: a built-in name or a folder (sessions keep it).
    public var scenarioArgument: String
    var notices: [String] = []
    /// Loads and stores that touched the context struct, oldest first (see `contextProvenance`).
    var contextAccesses: [ContextAccess] = []
    /// Context accesses forgotten so far (see `ViewCache.provenanceBasis`).
    var contextAccessRemovals = 0
    /// The context struct's physical address and size.
    let contextBase: UInt64
    let contextSize: Int

    /// A session at the scenario's first instruction.
    public init(built: BuiltScenario, policy: UnknownPolicy? = nil) {
        self.built = built
        run = ScenarioRun(built: built, policy: policy)
        contextBase = built.physical(run.contextAddress)
        contextSize = built.layout.size
        let origin = built.scenario.origin
        scenarioArgument = origin.hasPrefix("built-in ") ? String(origin.dropFirst(9)) : origin
        takeCheckpoint()
    }

    /// Builds the scenario named (a built-in name or a scenario folder).
    public convenience init(scenario nameOrFolder: String) throws {
        self.init(built: try BuiltinScenarios.resolve(nameOrFolder).build())
        scenarioArgument = nameOrFolder
    }

    /// Steps forward to step `target` (or until the system is off) keeping no history: what came
    /// before is dropped as by the history limit, and reverse execution stops at `target`.
    /// Session loading uses it for the steps older than the history limit would keep.
    public func advanceWithoutHistory(to target: Int) {
        guard step < target else { return }
        droppedSteps += stepsInHistory
        clearHistory()
        let from = step
        while step < target && board.power != .off {
            run.advance()
            checkpointIfDue()
        }
        droppedSteps += step - from
    }

    func clearHistory() {
        log.removeAll()
        sides.removeAll()
        sidesStart = 0
        attachments.removeAll()
        attachmentsStart = 0
        sideBytes = 0
        stepsInHistory = 0
    }

    /// Steps forward without stopping anywhere (no breakpoint, watchpoint or guard), keeping
    /// history, until step `target` or the system is off. Used to replay sessions.
    public func replay(to target: Int) {
        while step < target && board.power != .off {
            checkpointIfDue()
            if fastEligible(done: nil) {
                let r = recordedRun(limit: min(target - step, stepsToCheckpoint), stopAddresses: [], throughSelfLoops: true)
                if r.steps > 0 && !r.mustStepNext { continue }
            }
            let (s, _) = run.advance()
            appendStep(s)
        }
    }

    /// The current step: how many steps the board has taken.
    public var step: Int { board.stepCount }

    /// The oldest step reverse execution can reach: the oldest checkpoint's (step 0), or the
    /// oldest undo record's when there is no checkpoint before it.
    public var oldestStep: Int { min(checkpoints.first?.step ?? Int.max, oldestRecordedStep) }
    /// The oldest step the undo log reaches without re-executing from a checkpoint.
    public var oldestRecordedStep: Int { step - stepsInHistory }
    /// Step records in the history (user edits left out).
    var stepsInHistory = 0

    /// Messages the engine produced on its own (history dropped), once each.
    public func takeNotices() -> [String] {
        defer { notices.removeAll() }
        return notices
    }

    /// Bytes the history holds now: the log's records, the steps and edits kept in full, the
    /// attachments and the checkpoints (the last three approximately, heap included).
    public var historyBytes: Int { log.byteCount + sideBytes + checkpointBytes }

    /// Average history bytes per step kept.
    public var historyBytesPerStep: Double { stepsInHistory == 0 ? 0 : Double(historyBytes) / Double(stepsInHistory) }

    // MARK: Moving

    /// Runs forward until `done` says so (it sees each step taken), `isTarget` holds, a
    /// breakpoint or watchpoint triggers, the program stops by itself, or `limit` steps (the
    /// runaway guard when nil); `count` steps at most when given (then the stop is `.done`).
    ///
    /// Without `done`, stretches of plain steps run on the machine's recording loop (about a
    /// hundred times faster, each step's undo record written as it goes), which stops at every
    /// place a boundary, a breakpoint or one of `stopAddresses` can be reached; `isTarget` is
    /// checked there and after every single step, so a target must be one of those places.
    public func forward(limit: Int? = nil, count: Int? = nil, stopAddresses: [UInt64] = [],
                        isTarget: ((DebugSession) -> Bool)? = nil, done: ((BoardStep) -> Bool)? = nil) -> Stop {
        let limit = min(limit ?? maxStepsPerCommand, count ?? Int.max)
        var stop = Stop(reason: count != nil && limit == count ? .done : .maxSteps(limit), steps: 0, boundaries: [], undoneEdits: [])
        let guardReason = stop.reason
        while stop.steps < limit {
            if board.power == .off { stop.reason = .systemOff; return stop }
            checkpointIfDue()
            if fastEligible(done: done) {
                let r = recordedRun(limit: min(limit - stop.steps, stepsToCheckpoint), stopAddresses: stopAddresses)
                stop.steps += r.steps
                stop.boundaries += r.boundaries
                if let pc = r.notModelled {
                    if r.steps > 0, let b = checkBreakpoints() { stop.reason = b; return stop }
                    stop.reason = .notModelled(pc: pc, text: machine.instructionText(at: pc)); return stop
                }
                if r.steps > 0 {
                    if let b = checkBreakpoints() { stop.reason = b; return stop }
                    if r.halted { stop.reason = .halt("b . (the instruction branches to itself)"); return stop }
                    if let isTarget, isTarget(self) { stop.reason = .done; return stop }
                    if run.detector.suspendCalls.count > 1 && run.detector.has(.resumeReturn) { stop.reason = .suspendLoop; return stop }
                }
                if !r.mustStepNext { continue }
                if stop.steps >= limit { break }
            }
            let (s, found) = run.advance()
            if s.isNotModelled {
                stop.reason = .notModelled(pc: machine.pc, text: machine.instructionText(at: machine.pc)); return stop
            }
            appendStep(s)
            stop.steps += 1
            stop.boundaries += found
            if let change = checkWatchpoints(step: s, reverse: false) { stop.reason = .watchpoint(change); return stop }
            if let r = checkBreakpoints() { stop.reason = r; return stop }
            if let isTarget, isTarget(self) { stop.reason = .done; return stop }
            if let e = s.effects {
                if let x = e.exception { stop.reason = .exception(x); return stop }
                if e.notes.contains(.selfLoop) { stop.reason = .halt("b . (the instruction branches to itself)"); return stop }
                if e.notes.contains(.waitForEvent) || e.notes.contains(.waitForInterrupt) {
                    stop.reason = .halt("parked in wfe/wfi: no interrupt or event ever comes"); return stop
                }
            }
            if run.detector.suspendCalls.count > 1 && run.detector.has(.resumeReturn) { stop.reason = .suspendLoop; return stop }
            if let done, done(s) { stop.reason = .done; return stop }
        }
        stop.reason = guardReason
        return stop
    }

    /// What one recording run did: steps kept, boundaries reached, and whether the next step
    /// must take the single-step path (the run stopped before or after something it does not
    /// record on its own).
    struct RecordedRun {
        var steps: Int
        var boundaries: [Boundary]
        var mustStepNext: Bool
        /// The last step was `b .`.
        var halted = false
        /// The run stopped before an instruction that is not modelled, at this PC.
        var notModelled: UInt64?
    }

    /// Operations a recording run leaves to the single-step path: they write system registers
    /// (the MMU-on boundary, who wrote which) or return from exceptions. (WFI/WFE and devices
    /// end a recording run after the step, which is then taken again on the single-step path.)
    static let singleStepOps: Set<Op> = [.msr, .msrImm, .eret]

    /// Whether the recording loop may run now: no per-step predicate, the core running, no
    /// unknown values to track, no watchpoint, and not inside the restore routine (whose
    /// `isb` and `ret` end the context-restored boundary).
    func fastEligible(done: ((BoardStep) -> Bool)?) -> Bool {
        guard done == nil, board.power == .on, board.unknowns.isEmpty, !watchpoints.contains(where: \.enabled) else { return false }
        let d = run.detector
        return !(d.has(.restore) && !d.has(.contextRestored))
    }

    /// Runs plain steps on the recording loop, at most `limit`, stopping before breakpoints,
    /// `stopAddresses` and the addresses where boundaries are reached. A last step the log
    /// cannot take back alone (an exception, a device access) is undone and left to the
    /// single-step path, which runs it again with its full record.
    func recordedRun(limit: Int, stopAddresses: [UInt64], throughSelfLoops: Bool = false) -> RecordedRun {
        var stops = stopAddresses + breakpointPCs()
        let d = run.detector
        for a in [d.save, d.restore] + (d.returnAddress.map { [$0] } ?? []) { stops += physicalForms(a) }
        var r = machine.runRecording(maxSteps: limit, breakpoints: stops, stopOps: Self.singleStepOps, log: log,
                                     watchLow: contextBase, watchHigh: contextBase &+ UInt64(contextSize),
                                     throughSelfLoops: throughSelfLoops)
        var must = r.stoppedBefore
        if r.endedSpecial {
            log.undoLast(machine)
            r = r.droppingLast()
            must = true
        }
        stepsInHistory += r.steps
        let base = step
        for a in r.accesses {
            let lo = max(a.address, contextBase), hi = min(a.address &+ UInt64(a.count), contextBase &+ UInt64(contextSize))
            contextAccesses.append(ContextAccess(step: base + a.step + 1, offset: Int(lo &- contextBase), count: Int(hi &- lo), isWrite: a.isWrite))
        }
        let found = r.steps > 0 ? run.takeRecorded(r) : []
        if r.steps > 0 { capHistory() }
        var halted = false
        if case .halted = r.reason { halted = true }
        var notModelled: UInt64?
        if case .notModelled(let pc) = r.reason { notModelled = pc }
        return RecordedRun(steps: r.steps, boundaries: found, mustStepNext: must || r.steps == 0, halted: halted,
                           notModelled: notModelled)
    }

    /// The PCs enabled address breakpoints stop at (every form of each address).
    func breakpointPCs() -> [UInt64] {
        breakpoints.flatMap { b -> [UInt64] in
            guard b.enabled, case .addresses(let list) = b.location else { return [] }
            return list.flatMap(physicalForms)
        }
    }

    /// The PCs at which the core executes link-time address `va`: itself, and its physical
    /// load address while the MMU is off.
    func physicalForms(_ va: UInt64) -> [UInt64] {
        let m = built.manifest
        let span = built.program.end &- m.linkAddress
        if va &- m.linkAddress < span && m.loadAddress != m.linkAddress { return [va, va &- m.linkAddress &+ m.loadAddress] }
        return [va]
    }

    /// Runs backward (undoing user edits passed on the way) until `done` says so (it sees each
    /// step undone), a breakpoint or watchpoint triggers, the oldest state kept is reached, or
    /// `limit` steps (the runaway guard when nil); `count` steps at most when given (then the
    /// stop is `.done`). Without `done` or watchpoints, stretches of plain steps are undone in
    /// bulk, stopping at breakpoint addresses and boundary breakpoints.
    public func backward(limit: Int? = nil, count: Int? = nil, done: ((BoardStep) -> Bool)? = nil) -> Stop {
        let limit = min(limit ?? maxStepsPerCommand, count ?? Int.max)
        var stop = Stop(reason: count != nil && limit == count ? .done : .maxSteps(limit), steps: 0, boundaries: [], undoneEdits: [])
        let guardReason = stop.reason
        var taken = 0
        let watching = watchpoints.contains(where: \.enabled)
        var stopPCs: Set<UInt64>?
        var refilledAt: Int?
        while taken < limit {
            if done == nil && !watching && log.top == .step && !log.topIsAttached {
                if stopPCs == nil { stopPCs = Set(breakpointPCs()) }
                // Not past a step where a boundary breakpoint's boundary was reached.
                var floor = oldestStep
                for b in breakpoints where b.enabled {
                    if case .boundary(let name) = b.location, let p = run.detector.boundary(name), p.step < step { floor = max(floor, p.step) }
                }
                let n = log.undoRun(machine, max: min(limit - taken, step - floor), stopAt: stopPCs!)
                if n > 0 {
                    let before = run.detector.passed
                    run.retreatRecorded(n)
                    stepsInHistory -= n
                    forgetContextAccesses()
                    stop.steps -= n
                    taken += n
                    stop.boundaries += before.filter { $0.step > step }.reversed()
                    if let r = checkBreakpoints() { stop.reason = r; return stop }
                    continue
                }
            }
            let s: BoardStep
            switch log.top {
            case .none:
                // The records before here were dropped: rebuild them from a checkpoint (once per
                // position: a refill that brought no record back would only repeat itself).
                if refilledAt != taken, let undone = refillFromCheckpoint() {
                    refilledAt = taken
                    stop.undoneEdits += undone
                    stopPCs = nil
                    continue
                }
                stop.reason = .historyStart
                return stop
            case .side:
                let entry = sides.removeLast()
                sideBytes -= Self.bytes(entry)
                log.popSide()
                switch entry {
                case .edit(let r):
                    undoEdit(r)
                    stop.undoneEdits.append(r.edit)
                    continue
                case .step(let full):
                    s = full
                    let before = run.detector.passed
                    run.retreat(s)
                    stop.boundaries += before.filter { $0.step > step }.reversed()
                }
            case .step:
                // Rebuilt only when something looks at it (the common `rs N`, `rc` without
                // watchpoints only counts).
                let needRecord = done != nil || watchpoints.contains(where: \.enabled)
                let e = needRecord ? log.peekLast(machine) : nil
                let index = step
                let before = run.detector.passed
                let attached = log.topIsAttached
                log.undoLast(machine)
                if attached, let a = attachments.popLast() {
                    sideBytes -= a.approximateBytes
                    board.undo(a)
                }
                run.retreatRecorded()
                stop.boundaries += before.filter { $0.step > step }.reversed()
                s = e.map { board.plainStep($0, index: index) } ?? BoardStep.placeholder(index: index)
            }
            stepsInHistory -= 1
            forgetContextAccesses()
            stop.steps -= 1
            taken += 1
            if let change = checkWatchpoints(step: s, reverse: true) { stop.reason = .watchpoint(change); return stop }
            if let r = checkBreakpoints() { stop.reason = r; return stop }
            if let done, done(s) { stop.reason = .done; return stop }
        }
        stop.reason = guardReason
        return stop
    }

    /// Keeps step `s` in the history (and its context accesses), then applies the cap.
    func appendStep(_ s: BoardStep) {
        defer { viewCache.lastStep = (historyKey, s) }
        let (loggable, attachment) = Board.loggable(s)
        if loggable, let e = s.effects {
            log.append(e, attached: attachment != nil)
            if let a = attachment { attachments.append(a); sideBytes += a.approximateBytes }
        } else {
            log.appendSide()
            sides.append(.step(s))
            sideBytes += s.approximateBytes
        }
        stepsInHistory += 1
        noteContextAccess(s)
        capHistory()
    }

    /// The newest step record, if the newest history entry is a step.
    func newestStep() -> BoardStep? {
        switch log.top {
        case .none: return nil
        case .side:
            if case .step(let s) = sides[sides.count - 1] { return s }
            return nil
        case .step:
            return log.peekLast(machine).map { board.plainStep($0, index: step) }
        }
    }


    /// Bytes of a step or edit kept in full (approximately).
    static func bytes(_ e: HistoryEntry) -> Int {
        switch e {
        case .step(let s): return s.approximateBytes
        case .edit(let r): return MemoryLayout<EditRecord>.stride + (r.machineBefore.registers.count + r.machineBefore.systemRegisters.count) * 8
            + r.unknownBefore.approximateHeapBytes + (r.memoryBefore?.bytes.count ?? 0)
        }
    }

    /// Drops the oldest history, a chunk of the log at a time, while it holds more than
    /// `historyLimit` steps or `historyMemoryLimit` bytes; says so in a notice.
    func capHistory() {
        guard stepsInHistory > historyLimit || log.allocatedBytes > historyMemoryLimit else { return }
        var steps = 0
        let why = stepsInHistory > historyLimit ? "the history limit of \(historyLimit) steps" : "the history memory cap of \(historyMemoryLimit >> 20) MiB"
        while stepsInHistory > historyLimit || log.allocatedBytes > historyMemoryLimit, let d = log.dropOldestChunk() {
            var edits = 0
            for e in sides[sidesStart..<(sidesStart + d.sides)] {
                if case .edit = e { edits += 1 }
                sideBytes -= Self.bytes(e)
            }
            sidesStart += d.sides
            if sidesStart > 4096 && sidesStart > sides.count / 2 { sides.removeFirst(sidesStart); sidesStart = 0 }
            for a in attachments[attachmentsStart..<(attachmentsStart + d.attached)] { sideBytes -= a.approximateBytes }
            attachmentsStart += d.attached
            if attachmentsStart > 4096 && attachmentsStart > attachments.count / 2 {
                attachments.removeFirst(attachmentsStart); attachmentsStart = 0
            }
            steps += d.records - edits
            stepsInHistory -= d.records - edits
        }
        guard steps > 0 else { return }
        droppedSteps += steps
        notices.append("history: dropped the \(steps) oldest step records to stay within \(why); going back past step \(oldestRecordedStep) re-executes from a checkpoint (nearest: step \(checkpoints.last { $0.step <= oldestRecordedStep }?.step ?? 0))")
    }

    // MARK: Breakpoints

    /// Whether the current state is at `location`.
    public func isAt(_ location: BreakLocation) -> Bool {
        switch location {
        case .boundary(let name):
            return run.detector.passed.contains { $0.name == name && $0.step == step }
        case .addresses(let list):
            guard board.power == .on else { return false }
            return list.contains(run.linkAddress(of: machine.pc))
        }
    }

    func checkBreakpoints() -> StopReason? {
        var result: StopReason?
        for i in breakpoints.indices where breakpoints[i].enabled && isAt(breakpoints[i].location) {
            if let c = breakpoints[i].condition {
                do {
                    if try evaluate(c) == 0 { continue }
                } catch let e as CommandError {
                    if result == nil { result = .conditionError(id: breakpoints[i].id, message: e.message) }
                    continue
                } catch { continue }
            }
            breakpoints[i].hits += 1
            if breakpoints[i].ignoreCount > 0 { breakpoints[i].ignoreCount -= 1; continue }
            if result == nil { result = .breakpoint(id: breakpoints[i].id) }
        }
        // A temporary breakpoint that stops the run goes (its stop is still reported).
        if case .breakpoint(let id)? = result, let i = breakpoints.firstIndex(where: { $0.id == id && $0.temporary }) {
            lastTemporaryHit = breakpoints.remove(at: i)
        }
        return result
    }

    /// Adds a breakpoint; returns its id.
    @discardableResult
    public func addBreakpoint(spec: String, location: BreakLocation, conditionText: String? = nil, condition: Expr? = nil,
                              temporary: Bool = false) -> Int {
        let id = nextBreakpointID
        nextBreakpointID += 1
        var b = Breakpoint(id: id, spec: spec, location: location, conditionText: conditionText, condition: condition)
        b.temporary = temporary
        breakpoints.append(b)
        return id
    }

    // MARK: Watchpoints

    /// Adds a watchpoint on `target`; returns its id.
    @discardableResult
    public func addWatchpoint(spec: String, target: WatchTarget) -> Int {
        let id = nextBreakpointID
        nextBreakpointID += 1
        watchpoints.append(Watchpoint(id: id, spec: spec, target: target, value: read(target)))
        return id
    }

    /// The watched value now, little-endian.
    public func read(_ target: WatchTarget) -> [UInt8] {
        func bytes(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> UInt64($0 * 8)) } }
        switch target {
        case .register(let r):
            return bytes(r == 33 ? machine.pstate : (r >= 0 && r <= 32 || Self.isVectorIndex(r) ? machine.register(r) : 0))
        case .systemRegister(let i):
            return bytes(i >= 0 && i < SystemRegisterCatalogue.all.count ? machine.systemRegister(at: i) : 0)
        case .memory(let pa, let n): return machine.memory.readBytes(at: pa, count: n) ?? []
        }
    }

    func checkWatchpoints(step s: BoardStep, reverse: Bool) -> WatchChange? {
        var first: WatchChange?
        for i in watchpoints.indices where watchpoints[i].enabled {
            let now = read(watchpoints[i].target)
            guard now != watchpoints[i].value else { continue }
            let before = watchpoints[i].value
            watchpoints[i].value = now
            watchpoints[i].hits += 1
            if first == nil {
                first = WatchChange(watchpoint: watchpoints[i].id, spec: watchpoints[i].spec,
                                    old: reverse ? now : before, new: reverse ? before : now,
                                    step: s.index, instruction: describe(s))
            }
        }
        return first
    }

    /// Re-reads every watched value (after a user edit: edits do not trigger watchpoints).
    func refreshWatchpoints() {
        for i in watchpoints.indices { watchpoints[i].value = read(watchpoints[i].target) }
    }

    /// "str x19, [x0, #96] at 0x20000200124 (head.S:97)", or the platform event of the step.
    public func describe(_ s: BoardStep) -> String {
        switch s.kind {
        case .instruction(let e):
            let link = run.linkAddress(of: e.pcOld)
            return "\(run.text(atPhysicalOrVirtual: e.pcOld)) at 0x\(hex(e.pcOld)) (\(run.place(link)))"
        case .wake(let entry, _):
            return "the firmware's warm boot at 0x\(hex(entry))"
        case .idle:
            return "nothing (the system is off)"
        }
    }

    /// Deletes breakpoints/watchpoints by id (all when `ids` is empty); returns the ids deleted.
    @discardableResult
    public func delete(_ ids: [Int]) -> [Int] {
        let all = ids.isEmpty ? breakpoints.map(\.id) + watchpoints.map(\.id) : ids
        breakpoints.removeAll { all.contains($0.id) }
        watchpoints.removeAll { all.contains($0.id) }
        return all
    }

    /// Enables or disables by id (all when empty).
    public func setEnabled(_ ids: [Int], _ on: Bool) {
        for i in breakpoints.indices where ids.isEmpty || ids.contains(breakpoints[i].id) { breakpoints[i].enabled = on }
        for i in watchpoints.indices where ids.isEmpty || ids.contains(watchpoints[i].id) {
            watchpoints[i].enabled = on
            watchpoints[i].value = read(watchpoints[i].target)
        }
    }

    /// Whether a breakpoint or watchpoint has this id.
    public func exists(_ id: Int) -> Bool { breakpoints.contains { $0.id == id } || watchpoints.contains { $0.id == id } }

    /// The next `n` hits of breakpoint `id` do not stop.
    public func setIgnoreCount(_ id: Int, _ n: Int) {
        for i in breakpoints.indices where breakpoints[i].id == id { breakpoints[i].ignoreCount = n }
    }

    /// Sets (or with nil removes) the condition of breakpoint `id`.
    public func setCondition(_ id: Int, text: String?, _ e: Expr?) {
        for i in breakpoints.indices where breakpoints[i].id == id { breakpoints[i].conditionText = text; breakpoints[i].condition = e }
    }

    // MARK: User edits

    /// Sets a register (effects numbering 0...32) as a user edit, recorded with the step.
    public func editRegister(_ r: Int, _ v: UInt64, target: String) {
        guard r >= 0 && r <= 32 || Self.isVectorIndex(r) else { return }
        let rec = beginEdit(target: target, value: v)
        machine.setRegister(r, v)
        board.unknowns.markKnown(.register(r))
        finishEdit(rec)
    }

    /// Sets the PC as a user edit.
    public func editPC(_ v: UInt64, target: String) {
        let rec = beginEdit(target: target, value: v)
        machine.pc = v
        machine.invalidateDecodedPages()
        finishEdit(rec)
    }

    /// Sets PSTATE (SPSR_EL2 layout) as a user edit.
    public func editPSTATE(_ v: UInt64, target: String) {
        let rec = beginEdit(target: target, value: v)
        machine.pstate = v
        board.unknowns.markKnown(.flags)
        finishEdit(rec)
    }

    /// Sets a system register's stored value as a user edit.
    /// `recorded` is the value the user gave (a bitfield's), when it differs from `v`.
    public func editSystemRegister(_ index: Int, _ v: UInt64, target: String, recorded: UInt64? = nil) {
        let all = SystemRegisterCatalogue.all
        guard index >= 0 && index < all.count else { return }
        let rec = beginEdit(target: target, value: recorded ?? v)
        machine.setSystemRegister(named: all[index].name, v)
        board.unknowns.markKnown(.systemRegister(index))
        machine.invalidateDecodedPages()
        finishEdit(rec)
    }

    /// Writes physical memory as a user edit; false (nothing changed) if it is not RAM.
    @discardableResult
    public func editMemory(physical pa: UInt64, bytes: [UInt8], value: UInt64, target: String) -> Bool {
        guard let old = machine.memory.readBytes(at: pa, count: bytes.count) else { return false }
        var rec = beginEdit(target: target, value: value)
        rec.memoryBefore = (pa, old)
        guard machine.load(bytes, at: pa) else { return false }
        finishEdit(rec)
        return true
    }

    func beginEdit(target: String, value: UInt64) -> EditRecord {
        EditRecord(edit: UserEdit(step: step, target: target, value: value), machineBefore: machine.snapshot(),
                   unknownBefore: board.unknowns.snapshot(), memoryBefore: nil)
    }

    func finishEdit(_ rec: EditRecord) {
        log.appendSide()
        sides.append(.edit(rec))
        sideBytes += Self.bytes(.edit(rec))
        edits.append(rec.edit)
        // The future changed: checkpoints after this step are of the old one.
        checkpoints.removeAll { $0.step > step }
        takeCheckpoint(afterEdit: true)
        refreshWatchpoints()
    }

    func undoEdit(_ r: EditRecord) {
        machine.restore(r.machineBefore)
        board.unknowns.restore(r.unknownBefore)
        if let m = r.memoryBefore { machine.load(m.bytes, at: m.physical) }
        machine.invalidateDecodedPages()
        // Drop cached translations too (re-setting SCTLR_EL2 to itself does that).
        if let v = machine.systemRegister(named: "SCTLR_EL2") { machine.setSystemRegister(named: "SCTLR_EL2", v) }
        if let i = edits.lastIndex(of: r.edit) { edits.remove(at: i) }
        // Checkpoints taken with the edit in effect are of a timeline that no longer is.
        checkpoints.removeAll { $0.edits.contains(r.edit) }
        nextCheckpointStep = min(nextCheckpointStep, (checkpoints.last?.step ?? 0) + checkpointInterval)
        refreshWatchpoints()
    }

    func hex(_ v: UInt64) -> String { String(v, radix: 16) }
}
