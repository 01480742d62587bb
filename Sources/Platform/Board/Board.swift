import A64
import Machine

/// Whether the core is running or powered down by PSCI.
public enum PowerState: Equatable, Sendable {
    case on
    /// Powered down by SYSTEM_SUSPEND; the next step wakes it at `entry`.
    case suspended(entry: UInt64, contextID: UInt64)
    /// SYSTEM_OFF: nothing more runs.
    case off
}

/// Something the platform did that is not an instruction's effect, for the console and the
/// timeline.
public struct BoardEvent: Equatable, Sendable {
    public enum Kind: String, Sendable { case psci, powerOff = "power-off", wake, reset, systemOff = "system-off" }
    public var kind: Kind
    public var step: Int
    public var text: String
}

/// One step of the board: an instruction, or the firmware waking the core. Holds what a
/// reverse step needs to put everything back.
public struct BoardStep: Sendable {
    public enum Kind: Sendable {
        case instruction(StepEffects)
        /// The firmware woke the core at its entry point (no instruction executed).
        case wake(entry: UInt64, contextID: UInt64)
        /// Nothing can run (SYSTEM_OFF): the step did nothing.
        case idle
    }
    public var kind: Kind
    /// The step number this step produced (the board's `stepCount` after it).
    public var index: Int
    /// The PSCI call the instruction made, if any.
    public var psci: PSCICall?
    /// x0 before the firmware wrote its result (when it did).
    var psciOldX0: UInt64?
    /// The whole machine before the firmware changed it wholesale (power-off, wake, reset).
    var stateBefore: Machine.Snapshot?
    var powerBefore: PowerState
    var uartBefore: Int
    /// The UART's register writes before the step (`PL011.registerWriteCount`).
    var uartRegistersBefore = 0
    var eventsBefore: Int
    /// The unknown-value bookkeeping of the instruction, and the tracker as it was before the
    /// platform changed it wholesale (power-off, wake, reset).
    var unknownStep: UnknownStepRecord?
    var unknownBefore: UnknownSnapshot?

    public var effects: StepEffects? {
        if case .instruction(let e) = kind { return e }
        return nil
    }

    /// The instruction at the PC is one the Cortex-A57 runs but SuspendScope does not model: the
    /// step did not happen (no change, not counted, not kept in history).
    public var isNotModelled: Bool { effects?.notes.contains(.notModelled) == true }

    /// Bytes the record holds, inline and on the heap (approximately).
    public var approximateBytes: Int {
        var n = MemoryLayout<BoardStep>.stride
        if let m = stateBefore { n += (m.registers.count + m.systemRegisters.count) * 8 }
        if let u = unknownBefore { n += u.approximateHeapBytes }
        if let u = unknownStep { n += u.approximateHeapBytes }
        if let b = effects?.blockWrite { n += b.oldBytes.count }
        return n
    }

    /// A record that says only which step it produced, for callers that count steps and look
    /// at nothing else (rebuilding a plain step's effects costs more than undoing it).
    public static func placeholder(index: Int) -> BoardStep {
        BoardStep(kind: .idle, index: index, powerBefore: .on, uartBefore: 0, eventsBefore: 0)
    }
}

/// What a logged step keeps beside its machine entries (see `Board.loggable`).
public struct StepAttachment: Sendable {
    /// The unknown-value bookkeeping of the step.
    public var unknown: UnknownStepRecord?
    /// The UART output's length and register writes before the step wrote to it.
    public var uartBefore: Int?
    public var uartRegistersBefore: Int?
    public init() {}

    /// Bytes it holds, inline and on the heap (approximately).
    public var approximateBytes: Int {
        MemoryLayout<StepAttachment>.stride + (unknown.map { $0.approximateHeapBytes } ?? 0)
    }
}

/// The emulated platform of a scenario: the machine, its memory map (RAM, the PL011 UART,
/// unmapped space that faults), the PSCI firmware, the power state and the unknown-value
/// tracker. Steps are reversible: `undo` puts back registers, memory, UART output, firmware
/// calls, unknown flags and the power state.
public final class Board {
    public let machine: Machine
    public let uart: PL011
    public let firmware: PSCIFirmware
    public let policy: UnknownPolicy
    public let unknowns: UnknownTracker
    public private(set) var power: PowerState = .on
    public private(set) var stepCount = 0
    public private(set) var events: [BoardEvent] = []
    /// Where a SYSTEM_RESET restarts (the image's entry) and the registers it starts with.
    public var resetEntry: UInt64
    public var resetRegisters: [(Int, UInt64)] = []

    public init(machine: Machine, uart: PL011, firmware: PSCIFirmware, policy: UnknownPolicy, resetEntry: UInt64) {
        self.machine = machine
        self.uart = uart
        self.firmware = firmware
        self.policy = policy
        self.resetEntry = resetEntry
        self.unknowns = UnknownTracker()
        machine.hook = firmware
    }

    /// Executes one instruction, or wakes the core if it is suspended.
    public func step() -> BoardStep {
        var record = BoardStep(kind: .idle, index: stepCount, powerBefore: power, uartBefore: uart.output.count,
                               uartRegistersBefore: uart.registerWriteCount, eventsBefore: events.count)
        switch power {
        case .off:
            return record
        case .suspended(let entry, let contextID):
            record.stateBefore = machine.snapshot()
            record.unknownBefore = unknowns.snapshot()
            stepCount += 1
            record.index = stepCount
            wake(entry: entry, contextID: contextID)
            record.kind = .wake(entry: entry, contextID: contextID)
            events.append(BoardEvent(kind: .wake, step: stepCount,
                                     text: "warm boot: the firmware wakes the core at 0x\(hex(entry)) (EL2h, DAIF masked, MMU off, x0 = 0x\(hex(contextID)))"))
            return record
        case .on:
            break
        }
        let callsBefore = firmware.calls.count
        let e = machine.step()
        // Not modelled: nothing ran, nothing changed, no step is counted (`BoardStep.isNotModelled`).
        if e.notes.contains(.notModelled) { record.kind = .instruction(e); return record }
        stepCount += 1
        record.index = stepCount
        record.kind = .instruction(e)
        record.unknownStep = unknowns.observe(e, step: stepCount)
        guard firmware.calls.count > callsBefore, let call = firmware.calls.last else { return record }
        record.psci = call
        record.psciOldX0 = firmware.lastOldX0
        record.unknownBefore = unknowns.snapshot()
        events.append(BoardEvent(kind: .psci, step: stepCount,
                                 text: "PSCI \(call.name)(\(call.arguments.prefix(2).map { "0x" + hex($0) }.joined(separator: ", "))) -> \(call.result?.name ?? "no return"): \(call.reason)"))
        // The firmware's result in x0 is not computed from anything unknown.
        unknowns.markKnown(.register(0))
        guard let req = firmware.takeRequest() else { return record }
        record.stateBefore = machine.snapshot()
        switch req {
        case .suspend(let entry, let contextID):
            powerOff()
            power = .suspended(entry: entry, contextID: contextID)
            events.append(BoardEvent(kind: .powerOff, step: stepCount,
                                     text: "power-off: the core loses its registers (now unknown, policy \(policy)); RAM is retained"))
        case .off:
            power = .off
            events.append(BoardEvent(kind: .systemOff, step: stepCount, text: "SYSTEM_OFF: the system is off"))
        case .reset:
            machine.reset(entry: resetEntry)
            for (r, v) in resetRegisters { machine.setRegister(r, v) }
            unknowns.restore(UnknownTracker().snapshot())
            events.append(BoardEvent(kind: .reset, step: stepCount, text: "SYSTEM_RESET: cold reset at 0x\(hex(resetEntry))"))
        }
        return record
    }

    /// Whether `record` is an instruction step an `UndoLog` can take back: it changed the
    /// machine's registers, system registers and RAM, and at most the UART output and the
    /// unknown-value shadows, which go in the attachment (nil when there is nothing to keep).
    /// No PSCI call, power change, exception, wait or hook (`b .` is fine: only the PC).
    public static func loggable(_ record: BoardStep) -> (loggable: Bool, attachment: StepAttachment?) {
        guard case .instruction(let e) = record.kind, record.psci == nil, record.stateBefore == nil,
              record.unknownBefore == nil, e.exception == nil else { return (false, nil) }
        guard e.notes.isDisjoint(with: .notLoggable) else { return (false, nil) }
        var a = StepAttachment()
        if let u = record.unknownStep, !u.isEmpty { a.unknown = u }
        if e.notes.contains(.mmioWrite) { a.uartBefore = record.uartBefore; a.uartRegistersBefore = record.uartRegistersBefore }
        return (true, a.unknown == nil && a.uartBefore == nil ? nil : a)
    }

    // MARK: Checkpoints

    /// The whole board at one step: the machine with its RAM, the power state, events, UART,
    /// firmware and unknown-value shadows.
    public struct Checkpoint {
        var machine: Machine.Checkpoint
        var power: PowerState
        var stepCount: Int
        var events: [BoardEvent]
        var uartOutput: [UInt8]
        var uartRegisters: [UInt64: UInt64]
        var uartRegisterWrites: [(offset: UInt64, old: UInt64?)]
        var calls: [PSCICall]
        var request: PowerRequest?
        var lastOldX0: UInt64
        var unknowns: UnknownSnapshot
        /// Bytes it holds (approximately: RAM pages and registers).
        public var approximateBytes: Int { machine.ram.byteCount + (machine.state.registers.count + machine.state.systemRegisters.count) * 8 + uartOutput.count }
    }

    public func checkpoint() -> Checkpoint {
        Checkpoint(machine: machine.checkpoint(), power: power, stepCount: stepCount, events: events,
                   uartOutput: uart.output, uartRegisters: uart.registers, uartRegisterWrites: uart.registerWrites, calls: firmware.calls,
                   request: firmware.request, lastOldX0: firmware.lastOldX0, unknowns: unknowns.snapshot())
    }

    public func restore(_ c: Checkpoint) {
        machine.restore(c.machine)
        power = c.power
        stepCount = c.stepCount
        events = c.events
        uart.restore(output: c.uartOutput, registers: c.uartRegisters, registerWrites: c.uartRegisterWrites)
        firmware.calls = c.calls
        firmware.request = c.request
        firmware.lastOldX0 = c.lastOldX0
        unknowns.restore(c.unknowns)
    }

    /// Takes back what an attachment kept, after the log undid the step's machine entries.
    public func undo(_ a: StepAttachment) {
        if let n = a.uartBefore { uart.truncate(to: n) }
        if let n = a.uartRegistersBefore { uart.rewindRegisters(to: n) }
        if let u = a.unknown { unknowns.undo(u) }
    }

    /// The record of a plain step rebuilt from its effects (`UndoLog.peekLast`): it produced
    /// step `index` and changed nothing but the machine.
    public func plainStep(_ e: StepEffects, index: Int) -> BoardStep {
        BoardStep(kind: .instruction(e), index: index, powerBefore: power, uartBefore: uart.output.count,
                  uartRegistersBefore: uart.registerWriteCount, eventsBefore: events.count)
    }

    /// Counts `n` steps the machine ran on its own (a recording run of plain steps).
    public func advanceRecorded(_ n: Int) { stepCount += n }

    /// Takes back the count of `n` plain steps whose machine state an `UndoLog` has undone.
    public func retractRecorded(_ n: Int = 1) { stepCount -= n }

    /// Reverses `record`; records must be undone newest first.
    public func undo(_ record: BoardStep) {
        if let before = record.stateBefore { machine.restore(before) }
        if case .instruction(let e) = record.kind {
            if let x0 = record.psciOldX0 { machine.setX(0, x0) }
            machine.undo(e)
        }
        if record.psci != nil, !firmware.calls.isEmpty { firmware.calls.removeLast() }
        firmware.request = nil
        power = record.powerBefore
        uart.truncate(to: record.uartBefore)
        uart.rewindRegisters(to: record.uartRegistersBefore)
        if events.count > record.eventsBefore { events.removeLast(events.count - record.eventsBefore) }
        if let u = record.unknownBefore { unknowns.restore(u) }
        if let u = record.unknownStep { unknowns.undo(u) }
        if case .idle = record.kind { return }
        stepCount = record.index - 1
    }

    // MARK: Power

    /// Every register the architecture leaves UNKNOWN gets the policy's value and is marked
    /// unknown, with the origin "power-off" at this step.
    func powerOff() {
        let origin = UnknownOrigin(event: "power-off", step: stepCount)
        for r in 0...32 {
            machine.setRegister(r, policy.value(r))
            unknowns.markUnknown(.register(r), origin: origin)
        }
        // The SIMD&FP registers are UNKNOWN after the warm reset too.
        for n in 0..<32 {
            for high in [false, true] {
                let r = RegisterWrite.index(vector: n, high: high)
                machine.setRegister(r, policy.value(0x200 + 2 * n + (high ? 1 : 0)))
                unknowns.markUnknown(.register(r), origin: origin)
            }
        }
        for (i, reg) in SystemRegisterCatalogue.all.enumerated() where reg.unknownAfterPowerDown {
            // UNKNOWN is still a value the register can hold: RES0 bits stay 0 and RES1 bits 1
            // (the poison in HCR_EL2's RES0 bits 63:34 was a value no core has; QEMU conformance).
            machine.setSystemRegister(named: reg.name, reg.masked(policy.value(0x100 + i)))
            unknowns.markUnknown(.systemRegister(i), origin: origin)
        }
        unknowns.markUnknown(.flags, origin: origin)
        machine.clearExclusiveMonitor()     // the local monitor does not survive a power-down
    }

    /// The state PSCI describes at the entry point: EL2h, DAIF masked, MMU and caches off
    /// (SCTLR_EL2 = its RES1 value 0x30C50830), x0 = context id, PC = entry.
    func wake(entry: UInt64, contextID: UInt64) {
        power = .on
        machine.pstate = (machine.pstate & 0xf000_0000) | 0x3c0 | 0x9
        machine.setSystemRegister(named: "SCTLR_EL2", Self.sctlrAtWake)
        if let i = SystemRegisterCatalogue.index(named: "SCTLR_EL2") { unknowns.markKnown(.systemRegister(i)) }
        machine.setX(0, contextID)
        unknowns.markKnown(.register(0))
        machine.pc = entry
        machine.invalidateDecodedPages()
    }

    public static let sctlrAtWake: UInt64 = 0x30c5_0830

    func hex(_ v: UInt64) -> String { String(v, radix: 16) }
}
