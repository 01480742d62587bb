/// The `:` line's text and cursor, edited the way readline does: Ctrl-A/E to the ends, Ctrl-U/K
/// delete to the start/end, Ctrl-W the word before the cursor, Alt-B/F move by words, Ctrl-Y
/// puts back what was deleted last, Ctrl-R searches the history backwards.
public struct LineEditor: Equatable, Sendable {
    public static func == (a: LineEditor, b: LineEditor) -> Bool {
        a.text == b.text && a.cursor == b.cursor && a.search?.query == b.search?.query && a.search?.index == b.search?.index
    }

    public private(set) var text: [Character] = []
    /// Where the next character goes (0...text.count).
    public private(set) var cursor = 0
    /// What the last kill removed (for yank).
    var killed: [Character] = []
    /// Ctrl-R: the text searched for, and the history entry found (nil: none yet).
    public private(set) var search: (query: String, index: Int?)?
    /// The longest line accepted.
    public static let maxLength = 500

    public init(_ s: String = "") { text = Array(s); cursor = text.count }

    public var string: String { String(text) }

    public mutating func set(_ s: String) { text = Array(s.prefix(Self.maxLength)); cursor = text.count; search = nil }

    public mutating func insert(_ c: Character) {
        if search != nil { searchType(c); return }
        guard text.count < Self.maxLength else { return }
        text.insert(c, at: cursor); cursor += 1
    }

    public mutating func insert(_ s: String) { for c in s { insert(c) } }

    public mutating func left() { cursor = max(0, cursor - 1) }
    public mutating func right() { cursor = min(text.count, cursor + 1) }
    public mutating func home() { cursor = 0 }
    public mutating func end() { cursor = text.count }

    static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" || c == "." }

    /// Alt-B: back to the start of this or the previous word.
    public mutating func wordLeft() {
        while cursor > 0 && !Self.isWord(text[cursor - 1]) { cursor -= 1 }
        while cursor > 0 && Self.isWord(text[cursor - 1]) { cursor -= 1 }
    }

    /// Alt-F: on to the end of this or the next word.
    public mutating func wordRight() {
        while cursor < text.count && !Self.isWord(text[cursor]) { cursor += 1 }
        while cursor < text.count && Self.isWord(text[cursor]) { cursor += 1 }
    }

    public mutating func deleteBackward() {
        if search != nil { searchErase(); return }
        guard cursor > 0 else { return }
        text.remove(at: cursor - 1); cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: cursor)
    }

    public mutating func killToStart() { killed = Array(text[..<cursor]); text.removeFirst(cursor); cursor = 0 }
    public mutating func killToEnd() { killed = Array(text[cursor...]); text.removeLast(text.count - cursor) }

    /// Ctrl-W: the word (run of non-spaces) before the cursor, and the spaces after it.
    public mutating func killWord() {
        var start = cursor
        while start > 0 && text[start - 1] == " " { start -= 1 }
        while start > 0 && text[start - 1] != " " { start -= 1 }
        killed = Array(text[start..<cursor])
        text.removeSubrange(start..<cursor)
        cursor = start
    }

    public mutating func yank() { for c in killed where text.count < Self.maxLength { text.insert(c, at: cursor); cursor += 1 } }

    // MARK: Ctrl-R

    /// Starts a history search, or (again) looks for an older match.
    public mutating func searchHistory(_ history: [String]) {
        if let s = search {
            let from = (s.index ?? history.count) - 1
            search = (s.query, Self.find(s.query, in: history, before: from + 1) ?? s.index)
        } else {
            search = ("", nil)
        }
        if let i = search?.index { text = Array(history[i]); cursor = text.count }
    }

    /// A character typed during the search narrows it (newest match first).
    mutating func searchType(_ c: Character) {
        guard var s = search else { return }
        s.query.append(c)
        search = s
    }

    mutating func searchErase() {
        guard var s = search, !s.query.isEmpty else { return }
        s.query.removeLast()
        search = s
    }

    /// Re-runs the search over `history` after the query changed.
    public mutating func refreshSearch(_ history: [String]) {
        guard let s = search else { return }
        let i = Self.find(s.query, in: history, before: history.count)
        search = (s.query, i)
        if let i { text = Array(history[i]); cursor = text.count }
    }

    /// Ends the search, keeping the line found.
    public mutating func endSearch() { search = nil }

    static func find(_ query: String, in history: [String], before end: Int) -> Int? {
        guard end > 0 else { return nil }
        return history[..<min(end, history.count)].lastIndex { query.isEmpty || $0.contains(query) }
    }

    /// The prompt as shown: `:text` with the cursor, or readline's search prompt.
    public func display(prompt: String = ":") -> (text: String, cursor: Int) {
        if let s = search {
            let found = string
            let p = "(reverse-i-search)`\(s.query)': "
            return (p + found, p.count + (s.index == nil ? 0 : found.count))
        }
        return (prompt + string, prompt.count + cursor)
    }
}
