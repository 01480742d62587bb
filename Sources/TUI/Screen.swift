import Platform

/// The whole screen: which panel goes where for a terminal size. A header row names the
/// scenario; 120x40 and up gets source on the left, registers / context / system registers on
/// the right, timeline, explain, breakpoints and console at the bottom; down to 80x24 the
/// panels stack and shrink; below that a clear message replaces the layout.
public struct Screen {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public init() {}

    /// Where each panel goes for one terminal size.
    public struct Layout: Equatable, Sendable {
        public var header, source, context, registers, sysregs, timeline, explain, breakpoints, console: Region

        /// The regions by panel name (the names `App.panels`, sessions and the mouse use).
        public var byName: [String: Region] {
            ["source": source, "context": context, "registers": registers, "sysregs": sysregs,
             "timeline": timeline, "explain": explain, "breakpoints": breakpoints, "console": console]
        }
    }

    /// The layout for a terminal size (nil below the minimum).
    public func layout(width: Int, height: Int) -> Layout? {
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else { return nil }
        // Row 0: the header. Left: source over the context struct. Right: registers over the
        // system registers. Bottom: timeline on the left; explain, breakpoints and the console
        // on the right (the console grows with the height).
        let top = 1
        let leftW = width * 11 / 20
        let rightX = leftW + 1, rightW = width - leftW - 1
        let bottomH = height >= 60 ? 20 : height >= 40 ? 14 : 9
        let explainH = height >= 60 ? 6 : height >= 40 ? 4 : 3
        let breaksH = height >= 60 ? 4 : height >= 40 ? 3 : 2
        let topH = height - bottomH - top
        let sourceH = topH / 2 + (height >= 40 ? 2 : 0)
        let regH = min(topH - 6, 19)
        return Layout(
            header: Region(x: 0, y: 0, width: width, height: 1),
            source: Region(x: 0, y: top, width: leftW, height: sourceH),
            context: Region(x: 0, y: top + sourceH, width: leftW, height: topH - sourceH),
            registers: Region(x: rightX, y: top, width: rightW, height: regH),
            sysregs: Region(x: rightX, y: top + regH, width: rightW, height: topH - regH),
            timeline: Region(x: 0, y: top + topH, width: leftW, height: bottomH),
            explain: Region(x: rightX, y: top + topH, width: rightW, height: explainH),
            breakpoints: Region(x: rightX, y: top + topH + explainH, width: rightW, height: breaksH),
            console: Region(x: rightX, y: top + topH + explainH + breaksH, width: rightW, height: bottomH - explainH - breaksH))
    }

    /// Where each panel goes for a terminal size, by name (nil below the minimum).
    public func regions(width: Int, height: Int) -> [String: Region]? {
        layout(width: width, height: height)?.byName
    }

    /// The panels that scroll when their rows do not fit, as laid out for `scroll`.
    public static func scrollable(_ name: String, focus: String = "", scroll: Int = 0) -> ScrollablePanel? {
        switch name {
        case "registers": RegistersPanel(focused: focus == name, scroll: scroll)
        case "context": ContextPanel(focused: focus == name, scroll: scroll)
        case "timeline": TimelinePanel(focused: focus == name, scroll: scroll)
        case "sysregs": SystemRegistersPanel(focused: focus == name, scroll: scroll)
        case "explain": ExplanationPanel(focused: focus == name, scroll: scroll)
        case "breakpoints": BreakpointsPanel(focused: focus == name, scroll: scroll)
        case "console": ConsolePanel(focused: focus == name, scroll: scroll)
        default: nil
        }
    }

    /// The panel objects by name (for the help overlay's per-panel keys).
    public static func panel(_ name: String) -> Panel? {
        name == "source" ? SourcePanel() : scrollable(name)
    }

    public func render(_ state: ViewState, width: Int, height: Int) -> Frame {
        var f = Frame(width: width, height: height)
        guard let r = layout(width: width, height: height) else {
            let msg = "terminal too small: \(width)x\(height), SuspendScope needs at least \(Self.minimumWidth)x\(Self.minimumHeight). Enlarge the window or press q to quit."
            f.writeWrapped(msg, x: 0, y: 0, width: width, role: .error)
            return f
        }
        let focus = state.focus, scroll = state.scroll
        HeaderBar().render(state, into: &f, region: r.header)
        SourcePanel(focused: focus == "source").render(state, into: &f, region: r.source)
        ContextPanel(focused: focus == "context", scroll: scroll["context"] ?? 0).render(state, into: &f, region: r.context)
        RegistersPanel(focused: focus == "registers", scroll: scroll["registers"] ?? 0).render(state, into: &f, region: r.registers)
        SystemRegistersPanel(focused: focus == "sysregs", scroll: scroll["sysregs"] ?? 0).render(state, into: &f, region: r.sysregs)
        TimelinePanel(focused: focus == "timeline", scroll: scroll["timeline"] ?? 0).render(state, into: &f, region: r.timeline)
        ExplanationPanel(focused: focus == "explain", scroll: scroll["explain"] ?? 0).render(state, into: &f, region: r.explain)
        BreakpointsPanel(focused: focus == "breakpoints", scroll: scroll["breakpoints"] ?? 0).render(state, into: &f, region: r.breakpoints)
        ConsolePanel(focused: focus == "console", scroll: scroll["console"] ?? 0).render(state, into: &f, region: r.console)
        // The divider between the left and right columns.
        let divider = r.source.width
        if divider < width {
            let cell = Cell(scalar: "│", width: 1, role: .muted)
            f.cells.withUnsafeMutableBufferPointer { buf in
                for y in 1..<height { buf[y * width + divider] = cell }
            }
        }
        return f
    }
}
