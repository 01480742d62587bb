import A64
import Debugger
import Machine
import Platform

/// Everything a panel may read to draw itself: the scenario run (machine, board, boundaries),
/// the last step, who saved and restored each context slot, and the view's selections.
public struct ViewState {
    public var run: ScenarioRun
    /// The newest step taken (what changed on the last step).
    public var lastStep: BoardStep?
    /// The step that last stored into each context slot and last loaded it after the warm boot.
    public var provenance = ContextProvenance()
    /// Registers (effects numbering) and system registers (catalogue index) changed since the
    /// last boundary passed, before the last step.
    public var changedEarlierRegisters: Set<Int> = []
    public var changedEarlierSysregs: Set<Int> = []
    /// The selected system register (catalogue index) whose bitfields are shown.
    public var selectedSysreg: Int
    /// The breakpoints and watchpoints, one line each (from the debugger engine).
    public var breakpointLines: [String] = []
    /// Lines for the console below the UART output (command output, check findings).
    public var console: [String] = []
    /// Lines shown after them for the moment: notes at this step, a message, a question, the
    /// `:` line (kept apart so that a frame never copies the console's 10,000 lines).
    public var consoleTail: [String] = []
    /// Show the context as a hexdump instead of typed fields.
    public var contextHexdump = false
    /// Show pure disassembly instead of source lines.
    public var disassemblyOnly = false
    /// What panels reuse across frames (an `App` passes its own; by default a fresh one).
    public var cache = RenderCache()
    /// The panel with the focus (by name, as `App.panels` names them).
    public var focus = "source"
    /// Each scrolling panel's first row shown (the console: lines scrolled up from the newest).
    public var scroll: [String: Int] = [:]
    /// Source rows scrolled away from the pc (negative: up); the row at the middle is the cursor.
    public var sourceScroll = 0
    /// Source lines (their first address) whose instructions are shown (the pc's always is).
    public var expanded: Set<UInt64> = []
    /// Breakpoint and watchpoint marks by link address, for the source gutter.
    public var marks: [UInt64: GutterMark] = [:]
    /// Values a tour question asks about: shown as `?` until answered.
    public var hidden: Set<HiddenValue> = []
    /// The scenario's findings, once the checks have run (the header shows how many).
    public var findingCount: Int?

    public init(run: ScenarioRun, lastStep: BoardStep? = nil, provenance: ContextProvenance = ContextProvenance()) {
        self.run = run
        self.lastStep = lastStep
        self.provenance = provenance
        selectedSysreg = SystemRegisterCatalogue.index(named: "HCR_EL2") ?? 0
    }

    public var lastEffects: StepEffects? { lastStep?.effects }
}

/// A panel renders lines for a region of a frame; the layout decides the regions.
public protocol Panel {
    var title: String { get }
    /// What the generic keys (up, down, page-up, ...) do in this panel, for the `?` overlay;
    /// the keys themselves come from the keymap.
    var keyHelp: [PanelKeys] { get }
    func render(_ state: ViewState, into frame: inout Frame, region: Region)
}

/// Some view actions and what they do in one panel (the `?` overlay shows the keys the keymap
/// binds to them).
public struct PanelKeys: Equatable, Sendable {
    public var actions: [ViewAction]
    public var meaning: String
    public init(_ actions: [ViewAction], _ meaning: String) { self.actions = actions; self.meaning = meaning }
}

/// How a breakpoint or watchpoint at a source line is drawn in the gutter.
public enum GutterMark: Int, Comparable, Sendable {
    case disabled, watchpoint, conditional, enabled
    public static func < (a: GutterMark, b: GutterMark) -> Bool { a.rawValue < b.rawValue }
    /// ● enabled, ◉ conditional, ○ disabled, w a watched word.
    var glyph: Unicode.Scalar {
        switch self { case .enabled: "●"; case .conditional: "◉"; case .disabled: "○"; case .watchpoint: "w" }
    }
}

/// A value a tour question asks about, hidden on screen until the learner answers.
public enum HiddenValue: Hashable, Sendable {
    /// Effects numbering: 0...30, 31/32 the sp.
    case register(Int)
    case pc
    case systemRegister(Int)
    /// A context slot's offset.
    case field(Int)
}

/// A panel whose rows can outnumber its region: `scroll` is the first scrollable row shown.
/// The focused one scrolls with ↑ ↓ PgUp PgDn, the one under the mouse with the wheel, and
/// its title says how many rows are out of sight ("↑ 2 ↓ 12 more").
public protocol ScrollablePanel: Panel {
    var scroll: Int { get set }
    /// Scrollable rows there are, and rows the region shows of them.
    func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int)
}

/// What the scrolling keys do in a panel that scrolls (the help overlay lists them under it).
let scrollKeyHelp = PanelKeys([.up, .down, .pageUp, .pageDown, .top, .bottom], "scroll when the rows do not fit (the title shows ↓ N more)")

extension ScrollablePanel {
    /// The furthest `scroll` can go.
    public func maxScroll(_ state: ViewState, region: Region) -> Int {
        let e = scrollExtent(state, region: region)
        return max(0, e.content - e.visible)
    }

    /// The first row to show (`scroll` kept in range), after marking the title with the rows
    /// above and below the window, right-aligned.
    func scrollWindow(_ frame: inout Frame, _ state: ViewState, region: Region) -> Int {
        let (top, mark) = scrollMark(state, region: region)
        guard let mark else { return top }
        let w = mark.unicodeScalars.count
        let focusedRole = frame[region.x, region.y].role
        frame.write(mark, in: region, row: 0, col: max(0, region.width - w), role: focusedRole)
        return top
    }

    /// The first row to show, and the title's mark of the rows out of sight (" ↑ 2 ↓ 12 more ",
    /// nil when every row is shown).
    func scrollMark(_ state: ViewState, region: Region) -> (top: Int, mark: String?) {
        let e = scrollExtent(state, region: region)
        let top = max(0, min(scroll, e.content - e.visible))
        let below = max(0, e.content - top - e.visible)
        guard top > 0 || below > 0 else { return (top, nil) }
        var mark = " "
        if top > 0 { mark += "↑ \(top) " }
        if below > 0 { mark += "↓ \(below) " }
        return (top, mark + "more ")
    }
}

extension Panel {
    /// Draws the title bar (row 0): " title · suffix ", and returns the region below it.
    func titled(_ frame: inout Frame, _ region: Region, focused: Bool, suffix: String = "") -> Region {
        titled(&frame, region, focused: focused) { frame, col, role in
            suffix.isEmpty ? col : frame.write(suffix, in: region, row: 0, col: frame.write(literal: " · ", in: region, row: 0, col: col, role: role), role: role)
        }
    }

    /// `titled` with a suffix drawn by `suffix(&frame, col, role)` (" · " and what follows it,
    /// returning the column after it), for a title made from numbers every frame.
    func titled(_ frame: inout Frame, _ region: Region, focused: Bool, suffix: (inout Frame, Int, StyleRole) -> Int) -> Region {
        let role: StyleRole = focused ? .focus : .panelTitle
        frame.fill(x: region.x, y: region.y, width: region.width, height: 1, role: role)
        var col = frame.write(literal: " ", in: region, row: 0, role: role)
        col = frame.write(title, in: region, row: 0, col: col, role: role)
        col = suffix(&frame, col, role)
        // A title that does not fit ends in the cut mark, in the title's look.
        if col >= region.width { frame.markCut(in: region, row: 0, role: role) }
        frame.write(literal: " ", in: region, row: 0, col: col, role: role)
        return Region(x: region.x, y: region.y + 1, width: region.width, height: max(0, region.height - 1))
    }
}
