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
        var lines: [(String, StyleRole)] = []
        for e in run.board.events { lines.append(("[\(e.step)] \(e.text)", .boundary)) }
        let uart = run.board.uart.text
        if !uart.isEmpty { for l in uart.split(separator: "\n") { lines.append(("uart> " + l, .normal)) } }
        for u in run.unknownUses { lines.append(("[\(u.step)] \(u.message)", .unknown)) }
        for c in state.console { lines.append((c, .normal)) }
        for (r, l) in lines.suffix(body.height).enumerated() { frame.write(l.0, in: body, row: r, role: l.1) }
    }
}
