import A64
import Machine

/// The named stops of the suspend path (SPEC §2), in the order the path passes them.
public enum BoundaryName: String, CaseIterable, Sendable {
    case suspendEntry = "suspend-entry"
    case contextSaved = "context-saved"
    case psciCall = "psci-call"
    case powerOff = "power-off"
    case warmBoot = "warm-boot"
    case mmuOn = "mmu-on"
    case restore
    case contextRestored = "context-restored"
    case resumeReturn = "resume-return"

    /// One line on what the boundary is.
    public var meaning: String {
        switch self {
        case .suspendEntry: "the caller enters prepare_resume_ctx"
        case .contextSaved: "prepare_resume_ctx returns the first time (x0 = 1)"
        case .psciCall: "about to execute the smc that asks PSCI for SYSTEM_SUSPEND"
        case .powerOff: "the firmware powered the core down: registers are lost"
        case .warmBoot: "the firmware woke the core at hyp_resume (MMU off)"
        case .mmuOn: "SCTLR_EL2.M went from 0 to 1"
        case .restore: "mmu_resumed: the context is about to be restored"
        case .contextRestored: "the restored registers are synchronized (after the isb)"
        case .resumeReturn: "back in the caller, prepare_resume_ctx 'returning' a second time"
        }
    }
}

/// A boundary passed: which, at which step (the state after that many steps), where.
public struct Boundary: Equatable, Sendable {
    public var name: BoundaryName
    public var step: Int
    public var pc: UInt64
}

/// Recognises boundaries from what happens (a call, a return, an smc with the SYSTEM_SUSPEND
/// id, the power events, SCTLR_EL2.M changing, a label reached), never from step numbers.
/// Called on each state before the next step; its own state is only the list of boundaries
/// passed, so going back in time is dropping the boundaries after the step.
public final class BoundaryDetector {
    public private(set) var passed: [Boundary] = []
    /// SYSTEM_SUSPEND calls seen (a second one after resume-return is a suspend loop).
    public private(set) var suspendCalls: [Int] = []
    /// The save and restore routines' addresses (suspend-entry and restore are reached there).
    public let save: UInt64
    public let restore: UInt64
    /// The caller's lr at suspend-entry: where both returns of prepare_resume_ctx land.
    public private(set) var returnAddress: UInt64?

    public init(save: UInt64, restore: UInt64) {
        self.save = save; self.restore = restore
    }

    /// What a checkpoint keeps of the detector.
    struct State { var passed: [Boundary]; var suspendCalls: [Int]; var returnAddress: UInt64? }
    var state: State {
        get { State(passed: passed, suspendCalls: suspendCalls, returnAddress: returnAddress) }
        set { passed = newValue.passed; suspendCalls = newValue.suspendCalls; returnAddress = newValue.returnAddress }
    }

    public func has(_ n: BoundaryName) -> Bool { passed.contains { $0.name == n } }
    public func boundary(_ n: BoundaryName) -> Boundary? { passed.first { $0.name == n } }

    /// Boundaries reached in the board's current state, given the step that led to it.
    public func check(_ board: Board, after last: BoardStep?) -> [Boundary] {
        let m = board.machine
        let pc = m.pc
        let step = board.stepCount
        var found: [Boundary] = []
        func add(_ n: BoundaryName) {
            guard !has(n) else { return }
            let b = Boundary(name: n, step: step, pc: pc)
            passed.append(b); found.append(b)
        }
        if let last {
            if last.psci != nil, case .suspended = board.power { add(.powerOff) }
            if case .wake = last.kind { add(.warmBoot) }
            if has(.warmBoot), let e = last.effects, let sctlr = SystemRegisterCatalogue.index(named: "SCTLR_EL2") {
                for w in e.systemRegisterWrites where Int(w.index) == sctlr && w.old & 1 == 0 && w.new & 1 == 1 { add(.mmuOn) }
            }
            if has(.restore), !has(.contextRestored), let e = last.effects, e.instruction.op == .isb { add(.contextRestored) }
        }
        guard board.power == .on else { return found }
        if pc == save, !has(.suspendEntry) {
            add(.suspendEntry)
            returnAddress = m.x(30)
        }
        if has(.suspendEntry), !has(.contextSaved), pc == returnAddress { add(.contextSaved) }
        if let i = board.instruction(at: pc), i.op == .smc, i.imm == 0 {
            let fid = m.x(0) & 0xffff_ffff
            if fid == PSCI.systemSuspend64 & 0xffff_ffff || fid == PSCI.systemSuspend32 {
                if suspendCalls.last != step { suspendCalls.append(step) }
                add(.psciCall)
            }
        }
        if has(.warmBoot), pc == restore { add(.restore) }
        if has(.restore), !has(.contextRestored), let i = board.instruction(at: pc), i.op == .ret || i.op == .br || i.op == .eret {
            // The restore leaves without an isb: the boundary is here, and the strict check says so.
            add(.contextRestored)
        }
        if has(.restore), pc == returnAddress { add(.resumeReturn) }
        return found
    }

    /// Forgets what happened after `step` (reverse execution).
    public func rewind(to step: Int) {
        passed.removeAll { $0.step > step }
        suspendCalls.removeAll { $0 > step }
        if !has(.suspendEntry) { returnAddress = nil }
    }
}

extension Board {
    /// The decoded instruction at virtual address `va` as the core would fetch it now, or nil
    /// if it cannot be fetched (unmapped, not RAM).
    public func instruction(at va: UInt64) -> Instruction? {
        guard case .mapped(let pa, _, _, _) = machine.translate(virtual: va, fetch: true),
              let w = machine.memory.readRAM(pa, 4) else { return nil }
        return Decoder.decode(UInt32(truncatingIfNeeded: w))
    }
}
