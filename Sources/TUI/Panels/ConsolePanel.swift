import Platform

/// UART output, PSCI and power events, and command output, newest at the bottom.
public struct ConsolePanel: Panel {
    public var title: String { "console" }
    public var keyHelp: [KeyHelp] { [] }
    public var focused = false
    public init(focused: Bool = false) { self.focused = focused }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let body = titled(&frame, region, focused: focused)
        let run = state.run
        // Events, then UART lines, then unknown-value uses, then the app's lines; only the
        // newest `body.height` are made into text.
        let events = run.board.events
        let uart = state.cache.uartLines(run.board.uart)
        let unknown = run.unknownUses
        let console = state.console
        let total = events.count + uart.count + unknown.count + console.count
        var row = 0
        for i in max(0, total - body.height)..<total {
            var k = i
            if k < events.count {
                var step = ByteLine("[")
                step.append(decimal: events[k].step)
                step.append("] ")
                frame.write(events[k].text, in: body, row: row, col: frame.write(step, in: body, row: row, role: .boundary), role: .boundary)
            } else if (k - events.count) < uart.count {
                k -= events.count
                var line = uart[k]
                let col = frame.write(literal: "uart> ", in: body, row: row, role: .normal)
                line.withUTF8 { _ = frame.write(utf8: $0, in: body, row: row, col: col, role: .normal) }
            } else if (k - events.count - uart.count) < unknown.count {
                k -= events.count + uart.count
                frame.write("[\(unknown[k].step)] \(unknown[k].message)", in: body, row: row, role: .unknown)
            } else {
                k -= events.count + uart.count + unknown.count
                frame.write(console[k], in: body, row: row, role: .normal)
            }
            row += 1
        }
    }
}
