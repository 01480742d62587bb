import Debugger

/// What a key can do besides running a debugger command: the view's own actions. Their names
/// are what keys.toml writes (`"x" = "toggle-breakpoint"`).
public enum ViewAction: String, CaseIterable, Sendable {
    // The main screen.
    case nextBoundary = "next-boundary"
    case previousBoundary = "previous-boundary"
    case toggleBreakpoint = "toggle-breakpoint"
    case focusNext = "focus-next"
    case focusPrevious = "focus-previous"
    case up, down, left, right
    case pageUp = "page-up"
    case pageDown = "page-down"
    case top, bottom
    case open
    case expand
    case commandLine = "command-line"
    case help
    case quit
    case compare
    case tour
    case findings
    case hexdump
    case disassembly
    case redraw
    case none
    // The pager (long output, compare, findings).
    case close
    case search
    case searchNext = "search-next"
    case searchPrevious = "search-previous"
    // The `:` line.
    case run
    case cancel
    case complete
    case historyPrevious = "history-previous"
    case historyNext = "history-next"
    case historySearch = "history-search"
    case cursorLeft = "cursor-left"
    case cursorRight = "cursor-right"
    case wordLeft = "word-left"
    case wordRight = "word-right"
    case lineStart = "line-start"
    case lineEnd = "line-end"
    case deleteBackward = "delete-backward"
    case deleteForward = "delete-forward"
    case killToStart = "kill-to-start"
    case killToEnd = "kill-to-end"
    case killWord = "kill-word"
    case yank

    /// What it does in `mode` (the pager's keys say what they do there).
    public func summary(in mode: KeyMode) -> String {
        guard mode == .pager else { return summary }
        switch self {
        case .up: return "a line up (findings: the previous finding)"
        case .down: return "a line down (findings: the next finding)"
        case .pageUp: return "a page up"
        case .pageDown: return "a page down"
        case .top: return "to the first line"
        case .bottom: return "to the last line"
        case .left: return "scroll left"
        case .right: return "scroll right"
        case .open: return "findings: go to the finding's step and source line"
        default: return summary
        }
    }

    /// What it does, for the `?` overlay and the README.
    public var summary: String {
        switch self {
        case .nextBoundary: "on to the next boundary (or a breakpoint on the way)"
        case .previousBoundary: "back to the previous boundary"
        case .toggleBreakpoint: "toggle a breakpoint at the source cursor (the pc's line unless scrolled)"
        case .focusNext: "focus the next panel"
        case .focusPrevious: "focus the previous panel"
        case .up: "up in the focused panel (scroll, select, move the cursor)"
        case .down: "down in the focused panel"
        case .left: "scroll left"
        case .right: "scroll right"
        case .pageUp: "a page up in the focused panel"
        case .pageDown: "a page down in the focused panel"
        case .top: "to the top of the focused panel"
        case .bottom: "to the bottom of the focused panel (the source: back to the pc)"
        case .open: "open the focused panel's whole text in the pager"
        case .expand: "show or hide the instructions of the source line at the cursor (a macro use)"
        case .commandLine: "the debugger's command line"
        case .help: "this help"
        case .quit: "quit (asks to save a session that moved)"
        case .compare: "compare with the previous revision and the review"
        case .tour: "guided tour: predict, then see"
        case .findings: "what the checks find; Enter jumps to one"
        case .hexdump: "context: typed fields / hexdump"
        case .disassembly: "source / pure disassembly"
        case .redraw: "redraw the whole screen"
        case .none: "nothing (unbinds the key)"
        case .close: "close"
        case .search: "search (type, Enter)"
        case .searchNext: "next match"
        case .searchPrevious: "previous match"
        case .run: "run the command"
        case .cancel: "close the line"
        case .complete: "complete a command, symbol, boundary or field"
        case .historyPrevious: "the previous command"
        case .historyNext: "the next command"
        case .historySearch: "search the history backwards (again: older)"
        case .cursorLeft: "cursor left"
        case .cursorRight: "cursor right"
        case .wordLeft: "a word left"
        case .wordRight: "a word right"
        case .lineStart: "to the start of the line"
        case .lineEnd: "to the end of the line"
        case .deleteBackward: "delete the character before the cursor"
        case .deleteForward: "delete the character under the cursor"
        case .killToStart: "delete to the start of the line"
        case .killToEnd: "delete to the end of the line"
        case .killWord: "delete the word before the cursor"
        case .yank: "insert the text deleted last"
        }
    }
}

/// What a key does: a view action, or a debugger command run as if typed at `:`.
public enum KeyAction: Equatable, Sendable {
    case view(ViewAction)
    case command(String)

    public var summary: String { summary(in: .main) }

    public func summary(in mode: KeyMode) -> String {
        switch self {
        case .view(let a): a.summary(in: mode)
        case .command(let c): CommandTable.lookupSummary(c)
        }
    }
}

extension CommandTable {
    /// ":si — step N instructions (default 1)" for a key bound to a command line.
    static func lookupSummary(_ line: String) -> String {
        let word = line.split(separator: " ").first.map(String.init) ?? line
        guard let c = lookup(word) else { return ":" + line }
        return ":" + line + " — " + c.summary
    }
}
