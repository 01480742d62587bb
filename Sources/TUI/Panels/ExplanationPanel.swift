import Platform

/// What the next instruction does, in words (computed by `Explainer` from the instruction and
/// the state), and the scenario author's note for the line, if any. The text wraps; when it
/// does not fit, the panel scrolls (focused: ↑ ↓ PgUp PgDn) and its title says how much more
/// there is.
public struct ExplanationPanel: ScrollablePanel {
    public var title: String { "explain" }
    public var keyHelp: [PanelKeys] { [scrollKeyHelp] }
    public var focused = false
    /// The first wrapped row shown.
    public var scroll = 0
    public init(focused: Bool = false, scroll: Int = 0) { self.focused = focused; self.scroll = scroll }

    /// The explanation, then the note, wrapped to `width`: (text, role) per row.
    func lines(_ state: ViewState, width: Int) -> [(String, StyleRole)] {
        state.cache.explanation(state.run, width: width) {
            let e = Explainer(state.run).explainCurrent()
            var out = Frame.wrap(e.text, width: width).map { ($0, StyleRole.normal) }
            if let n = e.note { out += Frame.wrap("note: " + n, width: width).map { ($0, StyleRole.heading) } }
            return out
        }
    }

    public func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int) {
        (lines(state, width: region.width).count, max(0, region.height - 1))
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let body = titled(&frame, region, focused: focused)
        let top = scrollWindow(&frame, state, region: region)
        for (r, l) in lines(state, width: body.width).dropFirst(top).prefix(body.height).enumerated() {
            frame.write(l.0, in: body, row: r, role: l.1)
        }
    }
}
