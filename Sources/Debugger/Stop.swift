import Machine
import Platform

/// Why an execution command stopped.
public enum StopReason: Equatable, Sendable {
    /// It did what it was asked (N steps, the end of `next`/`finish`, `until` reached).
    case done
    case breakpoint(id: Int)
    case watchpoint(WatchChange)
    /// An exception was taken (the step is done: the PC is at the vector).
    case exception(ExceptionTaken)
    /// `b .`, or parked in wfe/wfi.
    case halt(String)
    /// SYSTEM_OFF: nothing more runs.
    case systemOff
    /// prepare_resume_ctx resumed and the program asked for SYSTEM_SUSPEND again.
    case suspendLoop
    /// Reverse execution reached the oldest state kept.
    case historyStart
    /// The runaway guard: the command took its maximum number of steps.
    case maxSteps(Int)
    /// A breakpoint condition could not be evaluated (the run stops, as in gdb).
    case conditionError(id: Int, message: String)
    /// The next instruction is one the Cortex-A57 runs that SuspendScope does not model (FP data
    /// processing, AdvSIMD, crypto, an unmodelled system register): it was not executed; the PC
    /// is at it. `text` is objdump's text of it.
    case notModelled(pc: UInt64, text: String)
}

/// The result of an execution command: why it stopped, how many steps it took (negative
/// when going back), and the boundaries passed on the way (in the direction travelled).
public struct Stop: Equatable, Sendable {
    public var reason: StopReason
    public var steps: Int
    public var boundaries: [Boundary]
    /// User edits undone by going back past them.
    public var undoneEdits: [UserEdit]
}
