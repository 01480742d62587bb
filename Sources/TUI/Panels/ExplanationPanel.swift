import Platform

/// What the next instruction does, in words (computed by `Explainer` from the instruction and
/// the state), and the scenario author's note for the line, if any.
public struct ExplanationPanel: Panel {
    public var title: String { "explain" }
    public var keyHelp: [KeyHelp] { [] }
    public var focused = false
    public init(focused: Bool = false) { self.focused = focused }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let body = titled(&frame, region, focused: focused)
        let e = Explainer(state.run).explainCurrent()
        // Kept inside the panel: at 80x24 the text used to run on over the breakpoints panel.
        let used = frame.writeWrapped(e.text, x: body.x, y: body.y, width: body.width, role: .normal, maxRows: body.height)
        if let n = e.note, used < body.height {
            frame.writeWrapped("note: " + n, x: body.x, y: body.y + used, width: body.width, role: .heading, maxRows: body.height - used)
        }
    }
}
