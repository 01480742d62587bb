/// A key as the TUI understands it.
public enum Key: Equatable, Sendable {
    case character(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, backspace, tab, backTab, escape
    /// F1...F12; Shift-F1...F12 arrive as `shiftFunction`.
    case function(Int)
    case shiftFunction(Int)
    case control(Character)
}

public enum MouseKind: Equatable, Sendable { case click, wheelUp, wheelDown }

public enum TerminalEvent: Equatable, Sendable {
    case key(Key)
    case mouse(x: Int, y: Int, kind: MouseKind)
    case resize(width: Int, height: Int)
}

/// Presents frames and delivers input. The ncurses terminal is the real one; the in-memory one
/// is for tests: same frames, scripted events.
public protocol Terminal: AnyObject {
    var width: Int { get }
    var height: Int { get }
    /// Shows `frame` (a real terminal redraws only the cells that changed).
    func present(_ frame: Frame, theme: Theme)
    /// The next event, or nil when there is none (in-memory: the script is over).
    func nextEvent() -> TerminalEvent?
    /// Gives the terminal back to the shell as it was.
    func shutdown()
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
