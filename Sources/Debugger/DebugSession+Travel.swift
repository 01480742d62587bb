import Platform

extension DebugSession {
    /// Goes to step `target` (forward or back), without stopping at breakpoints or
    /// watchpoints on the way: a jump to a place (the TUI's findings view). Returns why it
    /// stopped short, if it did (the program ends before `target`, or history was dropped).
    @discardableResult
    public func travel(to target: Int) -> String? {
        let target = max(0, target)
        if target > step {
            replay(to: target)
            return step < target ? "the program stops at step \(step)" : nil
        }
        guard target < step else { return nil }
        // Back: breakpoints and watchpoints off on the way, put back as they were.
        let bps = breakpoints.map(\.enabled), wps = watchpoints.map(\.enabled)
        for i in breakpoints.indices { breakpoints[i].enabled = false }
        for i in watchpoints.indices { watchpoints[i].enabled = false }
        let stop = backward(count: step - target)
        for (i, e) in bps.enumerated() where i < breakpoints.count { breakpoints[i].enabled = e }
        for (i, e) in wps.enumerated() where i < watchpoints.count {
            watchpoints[i].enabled = e
            watchpoints[i].value = read(watchpoints[i].target)
        }
        if case .historyStart = stop.reason, step > target { return "the history reaches back to step \(step) only" }
        return nil
    }
}
