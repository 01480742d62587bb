import A64
import Assembler
import Machine

/// How a scenario run ended.
public struct ScenarioOutcome: Sendable {
    public var stop: BatchStop
    public var steps: Int
    /// The exception that stopped the run (`stop == .fault`).
    public var fault: ExceptionTaken?
    /// A stop that is not an exception: "suspend-loop", "system-off", ... For
    /// `stop == .notModelled`: "not modelled by SuspendScope: <instruction>".
    public var reason: String?
}

/// Who last wrote a register during the run: the step, the instruction's address, and for a
/// value that came from memory, the physical address it was loaded from.
public struct WriterRecord: Equatable, Sendable {
    public var step: Int
    public var pc: UInt64
    public var loadedFrom: UInt64?
}

/// Runs a built scenario on its board, step by step with effects (so boundaries, unknown-value
/// uses and who-wrote-what are known), stopping at `--until` targets, a halt, a fault, a
/// second SYSTEM_SUSPEND after resuming (a suspend loop), or the step limit.
public final class ScenarioRun {
    public let built: BuiltScenario
    public let board: Board
    public let detector: BoundaryDetector
    /// Machine state at each boundary passed.
    public private(set) var states: [BoundaryName: Machine.Snapshot] = [:]
    /// The context struct's bytes at each boundary passed.
    public private(set) var contextBytes: [BoundaryName: [UInt8]] = [:]
    /// Uses of unknown values, in order.
    public private(set) var unknownUses: [UnknownUse] = []
    /// Last writer of each register (effects numbering) and system register (catalogue index).
    public private(set) var registerWriters: [Int: WriterRecord] = [:]
    public private(set) var sysregWriters: [Int: WriterRecord] = [:]
    /// The step of each system register's first write (catalogue index -> step): what software
    /// set before suspend, for the integrity check.
    public private(set) var sysregFirstWrites: [Int: Int] = [:]
    /// The system registers (catalogue indices) holding a value lost at power-off, at each
    /// boundary passed.
    public private(set) var unknownSystemRegisters: [BoundaryName: Set<Int>] = [:]
    /// Every `isb` executed after `restore`, and the last MSR before the restore's return.
    public private(set) var restoreISBs: [Int] = []
    public private(set) var restoreMSRs: [(step: Int, pc: UInt64, index: Int)] = []
    public private(set) var lastStep: BoardStep?
    /// The PC of the last instruction that completed without an exception (what branched to a
    /// bad address, for an instruction abort).
    public private(set) var previousPC: UInt64?

    public init(built: BuiltScenario, policy: UnknownPolicy? = nil) {
        self.built = built
        board = built.makeBoard(policy: policy)
        // A symbol the program lacks (v8-base has no save function) is an address no pc reaches.
        detector = BoundaryDetector(save: built.symbol(built.manifest.saveSymbol) ?? .max,
                                    restore: built.symbol(built.manifest.restoreSymbol) ?? .max)
        note(detector.check(board, after: nil))
    }

    public var contextAddress: UInt64 { built.symbol(built.manifest.contextSymbol) ?? 0 }

    /// Runs until one of `boundaries` is reached, the PC reaches one of `addresses` (not at the
    /// starting state), or the run stops by itself.
    public func run(boundaries: Set<BoundaryName> = [], addresses: Set<UInt64> = [], maxSteps: Int) -> ScenarioOutcome {
        // Already there: a boundary passed at the current step counts (run --until on a stop).
        if let b = detector.passed.last(where: { $0.step == board.stepCount }), boundaries.contains(b.name) {
            return ScenarioOutcome(stop: .until, steps: board.stepCount)
        }
        var first = true
        while board.stepCount < maxSteps {
            if !first, addresses.contains(board.machine.pc), board.power == .on {
                return ScenarioOutcome(stop: .until, steps: board.stepCount)
            }
            first = false
            if board.power == .off { return ScenarioOutcome(stop: .halt, steps: board.stepCount, reason: "system-off") }
            let (s, found) = advance()
            if s.isNotModelled {
                let m = board.machine
                return ScenarioOutcome(stop: .notModelled, steps: board.stepCount,
                                       reason: Machine.notModelledMessage(m.instructionText(at: m.pc)))
            }
            if let e = s.effects {
                if let x = e.exception {
                    return ScenarioOutcome(stop: .fault, steps: board.stepCount, fault: x)
                }
                if e.notes.contains(.selfLoop) { return ScenarioOutcome(stop: .halt, steps: board.stepCount) }
                if e.notes.contains(.waitForEvent) || e.notes.contains(.waitForInterrupt) {
                    // No interrupt or event ever comes: the core is parked.
                    return ScenarioOutcome(stop: .halt, steps: board.stepCount, reason: "parked in wfe/wfi")
                }
            }
            if detector.suspendCalls.count > 1 && detector.has(.resumeReturn) {
                return ScenarioOutcome(stop: .fault, steps: board.stepCount, reason: "suspend-loop")
            }
            if found.contains(where: { boundaries.contains($0.name) }) {
                return ScenarioOutcome(stop: .until, steps: board.stepCount)
            }
        }
        return ScenarioOutcome(stop: .maxSteps, steps: board.stepCount)
    }

    /// One step forward with all the bookkeeping (boundaries, unknown-value uses, writers).
    /// Returns the step's record (keep it to go back) and the boundaries it reached.
    @discardableResult
    public func advance() -> (BoardStep, [Boundary]) {
        let s = board.step()
        if s.isNotModelled { return (s, []) }
        lastStep = s
        record(s)
        let found = detector.check(board, after: s)
        note(found)
        return (s, found)
    }

    /// Takes back the newest step `s` (steps are taken back newest first): machine, memory,
    /// UART, firmware, power state, unknown flags, boundaries and unknown-value uses.
    /// (The last-writer tables used by the integrity report are not rewound.)
    public func retreat(_ s: BoardStep) {
        board.undo(s)
        rewindBookkeeping()
    }

    /// Takes back the newest `n` steps after an `UndoLog` undid their machine state (plain
    /// steps).
    public func retreatRecorded(_ n: Int = 1) {
        board.retractRecorded(n)
        rewindBookkeeping()
    }

    /// Takes in `result.steps` plain steps the machine ran with `runRecording` (each already in
    /// the log): counts them, notes who wrote which register, and checks for boundaries at the
    /// state reached (a recording run stops everywhere one can be reached: see `DebugSession`).
    /// Returns the boundaries found.
    @discardableResult
    public func takeRecorded(_ result: RecordingResult) -> [Boundary] {
        let base = board.stepCount
        board.advanceRecorded(result.steps)
        for (r, w) in result.writes where w.step < result.steps {
            registerWriters[r] = WriterRecord(step: base + w.step + 1, pc: w.pc, loadedFrom: w.loadedFrom)
        }
        if let pc = result.lastPC { previousPC = pc }
        lastStep = nil
        let found = detector.check(board, after: nil)
        note(found)
        return found
    }

    func rewindBookkeeping() {
        let now = board.stepCount
        for b in detector.passed where b.step > now {
            states[b.name] = nil; contextBytes[b.name] = nil; unknownSystemRegisters[b.name] = nil
        }
        sysregFirstWrites = sysregFirstWrites.filter { $0.value <= now }
        detector.rewind(to: now)
        unknownUses.removeAll { $0.step > now }
        restoreISBs.removeAll { $0 > now }
        restoreMSRs.removeAll { $0.step > now }
        lastStep = nil
    }

    func note(_ found: [Boundary]) {
        for b in found {
            states[b.name] = board.machine.snapshot()
            contextBytes[b.name] = readContext()
            var unknown = Set<Int>()
            for i in SystemRegisterCatalogue.all.indices where board.unknowns.origin(of: .systemRegister(i)) != nil { unknown.insert(i) }
            unknownSystemRegisters[b.name] = unknown
        }
    }

    /// The context struct's bytes as the core sees them now (through the MMU when it is on).
    public func readContext() -> [UInt8] {
        let pa = built.physical(contextAddress)
        return board.machine.memory.readBytes(at: pa, count: built.layout.size) ?? []
    }

    func record(_ s: BoardStep) {
        guard let e = s.effects else { return }
        if let u = s.unknownStepUses { unknownUses += u }
        // A load names where each register it wrote came from: ldp's second register from the
        // next element; a base register written back was not loaded.
        let loaded = e.memoryRead?.address
        let i = e.instruction
        let isLoad = i.op == .ldr || i.op == .ldp
        for w in e.registerWrites {
            var from: UInt64? = nil
            if isLoad, let a = loaded {
                if Int(w.index) == Int(i.rd) { from = a } else if i.op == .ldp, Int(w.index) == Int(i.ra) { from = a &+ (i.sf ? 8 : 4) }
            }
            registerWriters[Int(w.index)] = WriterRecord(step: s.index, pc: e.pcOld, loadedFrom: isLoad ? from : loaded)
        }
        for w in e.systemRegisterWrites {
            var src = WriterRecord(step: s.index, pc: e.pcOld, loadedFrom: nil)
            if e.instruction.op == .msr, let from = registerWriters[Int(e.instruction.rd)] { src.loadedFrom = from.loadedFrom }
            sysregWriters[Int(w.index)] = src
            if sysregFirstWrites[Int(w.index)] == nil { sysregFirstWrites[Int(w.index)] = s.index }
            if detector.has(.restore) && !detector.has(.contextRestored) && e.instruction.op == .msr {
                restoreMSRs.append((s.index, e.pcOld, Int(w.index)))
            }
        }
        if e.instruction.op == .isb && detector.has(.restore) && !detector.has(.contextRestored) { restoreISBs.append(s.index) }
        if e.exception == nil { previousPC = e.pcOld }
    }

    // MARK: Checkpoints

    /// The whole run at one step: the board and the bookkeeping (boundaries and the states at
    /// them, unknown-value uses, who wrote which register).
    public struct Checkpoint {
        public var board: Board.Checkpoint
        var states: [BoundaryName: Machine.Snapshot]
        var contextBytes: [BoundaryName: [UInt8]]
        var unknownUses: [UnknownUse]
        var registerWriters: [Int: WriterRecord]
        var sysregWriters: [Int: WriterRecord]
        var sysregFirstWrites: [Int: Int]
        var unknownSystemRegisters: [BoundaryName: Set<Int>]
        var restoreISBs: [Int]
        var restoreMSRs: [(step: Int, pc: UInt64, index: Int)]
        var previousPC: UInt64?
        var detector: BoundaryDetector.State
        /// The step it was taken at.
        public var step: Int { board.stepCount }
    }

    public func checkpoint() -> Checkpoint {
        Checkpoint(board: board.checkpoint(), states: states, contextBytes: contextBytes, unknownUses: unknownUses,
                   registerWriters: registerWriters, sysregWriters: sysregWriters, sysregFirstWrites: sysregFirstWrites,
                   unknownSystemRegisters: unknownSystemRegisters, restoreISBs: restoreISBs,
                   restoreMSRs: restoreMSRs, previousPC: previousPC, detector: detector.state)
    }

    /// Puts the run back exactly as it was at the checkpoint.
    public func restore(_ c: Checkpoint) {
        board.restore(c.board)
        states = c.states
        contextBytes = c.contextBytes
        unknownUses = c.unknownUses
        registerWriters = c.registerWriters
        sysregWriters = c.sysregWriters
        sysregFirstWrites = c.sysregFirstWrites
        unknownSystemRegisters = c.unknownSystemRegisters
        restoreISBs = c.restoreISBs
        restoreMSRs = c.restoreMSRs
        previousPC = c.previousPC
        detector.state = c.detector
        lastStep = nil
    }

    // MARK: Describing places

    /// "head.S:97" for a link-time address of the program.
    public func place(_ va: UInt64) -> String {
        guard let l = built.program.lineMap.location(at: va) else { return "0x" + String(va, radix: 16) }
        return "\(l.file):\(l.line)"
    }

    /// The link-time address of a PC: code running with the MMU off runs at the physical load
    /// address of the image.
    public func linkAddress(of pc: UInt64) -> UInt64 {
        let m = built.manifest
        let span = built.program.end &- m.linkAddress
        if pc &- m.loadAddress < span { return pc &- m.loadAddress &+ m.linkAddress }
        return pc
    }

    /// The instruction at a PC (physical or virtual), as text.
    public func text(atPhysicalOrVirtual pc: UInt64) -> String { text(at: linkAddress(of: pc)) }

    /// The instruction at a link-time address, as text.
    public func text(at va: UInt64) -> String {
        guard let w = built.program.word(at: va) else { return "?" }
        return Disassembler.text(word: w, at: va)
    }

    /// The context field holding physical address `pa`, as "sp (offset 96)".
    public func field(atPhysical pa: UInt64) -> (name: String, offset: Int)? {
        let base = built.physical(contextAddress)
        guard pa >= base, pa &- base < UInt64(built.layout.size) else { return nil }
        let off = Int(pa &- base)
        for f in built.layout.fields where off >= f.offset && off < f.offset + f.size {
            let name = f.count > 1 ? "\(f.name)[\((off - f.offset) / f.elementSize)]" : f.name
            return (name, off)
        }
        return ("padding", off)
    }
}

extension BoardStep {
    var unknownStepUses: [UnknownUse]? { unknownStep.map(\.uses) }
}
