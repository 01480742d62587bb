import Platform

/// Where a breakpoint stops.
public enum BreakLocation: Equatable, Sendable {
    /// A named boundary of the suspend path: stops at the state where it is passed.
    case boundary(BoundaryName)
    /// Link-time addresses of the image (a label, an address, every instruction of a
    /// `file:line`); the PC is compared as a link address, so code running at its physical
    /// load address with the MMU off matches too.
    case addresses([UInt64])
}

/// A breakpoint: a location, an optional condition, its hit count and ignore count. It stops
/// forward and reverse runs alike, at the state where the location is reached.
public struct Breakpoint: Equatable, Sendable {
    public var id: Int
    /// What the user typed for the location ("power-off", "hyp_resume", "head.S:97", "*0x40200000").
    public var spec: String
    public var location: BreakLocation
    /// The condition as typed, and parsed.
    public var conditionText: String?
    public var condition: Expr?
    public var enabled = true
    /// Times the location was reached with the condition true (ignored hits included).
    public var hits = 0
    /// The next `ignoreCount` hits do not stop.
    public var ignoreCount = 0
    /// `tbreak`: deleted the first time it stops.
    public var temporary = false
}
