/// The debugger's breakpoints and watchpoints (as `info breakpoints` lists them): number, what,
/// condition, hits, enabled.
public struct BreakpointsPanel: Panel {
    public var title: String { "breakpoints" }
    public var keyHelp: [KeyHelp] { [] }
    public var focused = false
    public init(focused: Bool = false) { self.focused = focused }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let body = titled(&frame, region, focused: focused, suffix: ":b LOCATION [if COND] · :watch WHAT · :delete N")
        let lines = state.breakpointLines.isEmpty ? ["none"] : state.breakpointLines
        for (r, l) in lines.prefix(body.height).enumerated() {
            frame.write(l, in: body, row: r, role: state.breakpointLines.isEmpty ? .muted : .breakpoint)
        }
    }
}
