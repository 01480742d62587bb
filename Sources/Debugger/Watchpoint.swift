import Platform

/// What a watchpoint watches.
public enum WatchTarget: Equatable, Sendable {
    /// A general register in effects numbering (0...30 X, 31 SP_EL0, 32 SP_EL2), or the PSTATE word (33).
    case register(Int)
    /// A system register by catalogue index.
    case systemRegister(Int)
    /// `count` bytes of physical memory (a struct field, a symbol, `*ADDR@LEN`).
    case memory(physical: UInt64, count: Int)
}

/// A watchpoint: stops a forward or reverse run right after a step that changed the watched
/// value, reporting the old and new value (in program order) and the instruction.
public struct Watchpoint: Equatable, Sendable {
    public var id: Int
    /// What the user typed ("resume_cpu_context.sp", "$x19", "$VBAR_EL2").
    public var spec: String
    public var target: WatchTarget
    public var enabled = true
    public var hits = 0
    /// The value at the current state (little-endian bytes).
    var value: [UInt8]
}

/// One change a watchpoint saw.
public struct WatchChange: Equatable, Sendable {
    public var watchpoint: Int
    public var spec: String
    /// Before and after the step, in program order (a reverse run reports the same pair).
    public var old: [UInt8]
    public var new: [UInt8]
    /// The step that made the change (its number), the instruction and where it is.
    public var step: Int
    public var instruction: String
}
