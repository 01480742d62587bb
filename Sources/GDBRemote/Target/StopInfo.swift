/// Why the target last stopped, as the stop reply (`T` packet) tells the client.
public struct StopInfo: Equatable, Sendable {
    /// GDB signal numbers used.
    public enum Signal: UInt8, Sendable {
        case interrupt = 2      // SIGINT: the client's Ctrl-C
        case illegal = 4        // SIGILL: an undefined instruction was taken
        case trap = 5           // SIGTRAP: a step, a breakpoint, anything else
        case bus = 7            // SIGBUS: an alignment fault was taken
        case segv = 11          // SIGSEGV: a data or instruction abort was taken
    }

    public enum Reason: Equatable, Sendable {
        case none
        /// A Z0 (swbreak) or Z1 (hwbreak) breakpoint of the client.
        case softwareBreakpoint
        case hardwareBreakpoint
        /// A Z2/Z3/Z4 watchpoint, with the data address accessed.
        case watch(Request.PointType, address: UInt64)
        /// Going back reached the oldest state kept.
        case historyBegin
    }

    public var signal: Signal
    public var reason: Reason

    public init(_ signal: Signal = .trap, _ reason: Reason = .none) { self.signal = signal; self.reason = reason }
}
