import Platform

/// UART output, PSCI and power events, uses of unknown values, then command output, newest at
/// the bottom. Long lines wrap. Focused, it scrolls back (↑ ↓ PgUp PgDn, the wheel) through
/// everything kept (10,000 lines of command output); the title says how many lines are below.
public struct ConsolePanel: ScrollablePanel {
    public var title: String { "console" }
    public var keyHelp: [PanelKeys] { [PanelKeys([.up, .down, .pageUp, .pageDown, .top, .bottom], "scroll the console (it keeps 10,000 lines; End: back to the newest)"), PanelKeys([.open], "the whole console in the pager")] }
    public var focused = false
    /// Lines scrolled back from the newest (0: the newest line is at the bottom).
    public var scroll = 0
    public init(focused: Bool = false, scroll: Int = 0) { self.focused = focused; self.scroll = scroll }

    /// Lines in the console: the run's (events, UART, unknown-value uses), then the app's.
    public static func lineCount(_ state: ViewState) -> Int {
        state.cache.consoleRunLines(state.run).count + state.console.count + state.consoleTail.count
    }

    /// Line `k` of the console (0: the oldest).
    public static func line(_ state: ViewState, _ k: Int) -> (String, StyleRole) {
        let runLines = state.cache.consoleRunLines(state.run)
        if k < runLines.count { return runLines[k] }
        let i = k - runLines.count
        let l = i < state.console.count ? state.console[i] : state.consoleTail[i - state.console.count]
        return (l, l.hasPrefix("error: ") ? .error : l.hasPrefix("(ssc) ") ? .heading : .normal)
    }

    /// Lines out of sight below, and the furthest one can scroll (lines, not wrapped rows).
    public func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int) {
        (Self.lineCount(state), max(0, region.height - 1))
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let total = Self.lineCount(state)
        let back = max(0, min(scroll, total - 1))
        let body = titled(&frame, region, focused: focused)
        // From the newest line shown upwards, each line wrapped, until the body is full.
        var row = body.height
        var k = total - 1 - back
        while row > 0 && k >= 0 {
            let (text, role) = Self.line(state, k)
            let wrapped = Frame.columns(text) <= body.width ? [text] : Frame.wrap(text, width: body.width)
            for (i, l) in wrapped.enumerated().reversed() {
                let r = row - (wrapped.count - i)
                if r >= 0 { frame.write(l, in: body, row: r, role: role) }
            }
            row -= wrapped.count
            k -= 1
        }
        // Lines out of sight, in the title: older above (a line shown in part counts), newer below.
        let older = k + 1 + (row < 0 ? 1 : 0)
        guard older > 0 || back > 0 else { return }
        var mark = ByteLine(" ")
        if older > 0 { mark.append("↑ "); mark.append(decimal: older); mark.append(" ") }
        if back > 0 { mark.append("↓ "); mark.append(decimal: back); mark.append(" newer ") } else { mark.append("older ") }
        let role = frame[region.x, region.y].role
        var measure = Frame(width: 40, height: 1)
        let w = measure.write(mark, in: Region(x: 0, y: 0, width: 40, height: 1), row: 0)
        frame.write(mark, in: region, row: 0, col: max(0, region.width - w), role: role)
    }
}
