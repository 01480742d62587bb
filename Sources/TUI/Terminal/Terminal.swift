/// A key as the TUI understands it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, backspace, tab, backTab, escape
    case insert, delete
    /// F1...F12; Shift-F1...F12 arrive as `shiftFunction`.
    case function(Int)
    case shiftFunction(Int)
    /// Ctrl and a letter (`control("a")` is Ctrl-A).
    case control(Character)
    /// Alt (Meta) and a character: the terminal sends Escape, then the character.
    case alt(Character)
}

/// What the mouse did: the left button pressed (a click), the wheel, or something the TUI does
/// not act on (another button, a release), which is ignored.
public enum MouseKind: Equatable, Sendable { case click, wheelUp, wheelDown, rightClick, release, other }

public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case mouse(x: Int, y: Int, kind: MouseKind)
    case resize(width: Int, height: Int)
    /// Input the terminal delivered but that maps to no key (an unknown escape sequence, a key
    /// code ncurses has no name for): ignored, never the end of the session.
    case unmapped(String)
}

/// Presents frames and delivers input. The ncurses terminal is the real one; the in-memory one
/// is for tests: same frames, scripted events.
public protocol Terminal: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Shows `frame` (a real terminal redraws only the cells that changed).
    func present(_ frame: Frame, theme: Theme)
    /// The next event, or nil when there is none (in-memory: the script is over). A real
    /// terminal never returns nil: input it cannot name comes as `.unmapped`.
    func nextEvent() -> TerminalEvent?
    /// Gives the terminal back to the shell as it was.
    func shutdown()
    /// The next `present` repaints every cell (Ctrl-L, a new theme).
    func invalidate()
}

extension Terminal {
    public func invalidate() {}
}

/// A terminal in memory: records every frame presented; events come from a script.
public final class MemoryTerminal: Terminal {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var frames: [Frame] = []
    public var events: [TerminalEvent]
    public private(set) var isShutDown = false

    public init(width: Int, height: Int, events: [TerminalEvent] = []) {
        self.width = width; self.height = height; self.events = events
    }

    public var lastFrame: Frame? { frames.last }

    public func present(_ frame: Frame, theme: Theme) { frames.append(frame) }

    public func nextEvent() -> TerminalEvent? {
        guard !events.isEmpty else { return nil }
        let e = events.removeFirst()
        if case .resize(let w, let h) = e { width = w; height = h }
        return e
    }

    public func shutdown() { isShutDown = true }
}
