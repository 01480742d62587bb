/// The debugger's breakpoints and watchpoints: number, the gutter's mark (● enabled, ◉
/// conditional, ○ disabled, w a watchpoint), what, condition, hits. When they do not fit, the
/// panel scrolls and says how many more.
public struct BreakpointsPanel: ScrollablePanel {
    public var title: String { "breakpoints" }
    public var keyHelp: [PanelKeys] { [scrollKeyHelp] }
    public var focused = false
    public var scroll = 0
    public init(focused: Bool = false, scroll: Int = 0) { self.focused = focused; self.scroll = scroll }

    public func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int) {
        (max(1, state.breakpointLines.count), max(0, region.height - 1))
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let body = titled(&frame, region, focused: focused, suffix: ":b LOCATION [if COND] · :watch WHAT · :delete N")
        guard !state.breakpointLines.isEmpty else {
            frame.write(literal: "none (F2 on a source line, or :b)", in: body, row: 0, role: .muted)
            return
        }
        let top = scrollWindow(&frame, state, region: region)
        for (r, l) in state.breakpointLines.dropFirst(top).prefix(body.height).enumerated() {
            frame.writeMarked(l, in: body, row: r, role: l.hasSuffix(" · disabled") ? .muted : .breakpoint)
        }
    }
}
