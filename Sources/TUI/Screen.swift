import Platform

/// The whole screen: which panel goes where for a terminal size. 120x40 and up gets source on
/// the left, registers / context / system registers on the right, timeline and console at the
/// bottom; down to 80x24 the panels stack and shrink; below that a clear message replaces
/// the layout.
public struct Screen {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public init() {}

    public func render(_ state: ViewState, width: Int, height: Int, focus: String = "source") -> Frame {
        var f = Frame(width: width, height: height)
        guard width >= Self.minimumWidth, height >= Self.minimumHeight else {
            let msg = "terminal too small: \(width)x\(height), SuspendScope needs at least \(Self.minimumWidth)x\(Self.minimumHeight). Enlarge the window or press q to quit."
            f.writeWrapped(msg, x: 0, y: 0, width: width, role: .error)
            return f
        }
        // Left: source over the context struct. Right: registers over the system registers.
        // Bottom: timeline and console.
        let leftW = width * 11 / 20
        let rightX = leftW + 1, rightW = width - leftW - 1
        let bottomH = height >= 40 ? 12 : 7
        let topH = height - bottomH
        let sourceH = topH / 2 + (height >= 40 ? 2 : 0)
        let regH = min(topH - 6, 19)
        SourcePanel(focused: focus == "source").render(state, into: &f, region: Region(x: 0, y: 0, width: leftW, height: sourceH))
        ContextPanel(focused: focus == "context").render(state, into: &f, region: Region(x: 0, y: sourceH, width: leftW, height: topH - sourceH))
        RegistersPanel(focused: focus == "registers").render(state, into: &f, region: Region(x: rightX, y: 0, width: rightW, height: regH))
        SystemRegistersPanel(focused: focus == "sysregs").render(state, into: &f, region: Region(x: rightX, y: regH, width: rightW, height: topH - regH))
        TimelinePanel(focused: focus == "timeline").render(state, into: &f, region: Region(x: 0, y: topH, width: leftW, height: bottomH))
        ConsolePanel(focused: focus == "console").render(state, into: &f, region: Region(x: rightX, y: topH, width: rightW, height: bottomH))
        for y in 0..<height { f.write("│", x: leftW, y: y, role: .muted) }
        return f
    }
}
