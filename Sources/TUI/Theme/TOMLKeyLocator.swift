/// Where a key is written in a TOML document, for error messages. TOMLKit (toml++) gives the
/// position of a syntax error but not of the keys of a document it parsed; a theme that parses
/// but says something wrong (an unknown role, a colour that is not one) is located by finding
/// the key's line and column here.
///
/// Understands what theme files use: `[table]` and `[a.b]` headers, `key = value` lines with
/// bare, quoted or dotted keys, one-line inline tables (`role = { fg = "red" }`) and `#`
/// comments. A key it cannot find is reported at the nearest enclosing key it can.
struct TOMLKeyLocator {
    /// One `key = ...` line: the full key path (headers included), where the key starts, and
    /// the text after the `=`.
    private struct Entry {
        var path: [String]
        var line: Int
        var column: Int
        var value: Substring
        var valueColumn: Int
    }
    private var entries: [Entry] = []
    /// `[header]` lines: path, line.
    private var headers: [([String], Int)] = []

    init(_ text: String) {
        var table: [String] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.withoutComment(raw)
            let start = line.firstIndex { $0 != " " && $0 != "\t" } ?? line.endIndex
            let body = line[start...]
            let column = line.utf8.distance(from: line.startIndex, to: start) + 1
            if body.hasPrefix("[") {
                let inner = body.drop { $0 == "[" }.prefix { $0 != "]" }
                table = Self.keyPath(inner)
                headers.append((table, n + 1))
                continue
            }
            guard let eq = Self.assignment(in: body) else { continue }
            let value = body[body.index(after: eq)...]
            let valueStart = value.firstIndex { $0 != " " && $0 != "\t" } ?? value.endIndex
            entries.append(Entry(path: table + Self.keyPath(body[..<eq]), line: n + 1, column: column,
                                 value: value[valueStart...], valueColumn: line.utf8.distance(from: line.startIndex, to: valueStart) + 1))
        }
    }

    /// Line and column (1-based) of the key at `path`, or of the nearest enclosing key or
    /// table header written; (1, 1) when none is.
    func position(of path: [String]) -> (line: Int, column: Int) {
        var best: (line: Int, column: Int, depth: Int) = (1, 1, 0)
        for (h, line) in headers where h.count > best.depth && path.starts(with: h) { best = (line, 1, h.count) }
        for e in entries where path.starts(with: e.path) {
            if e.path.count == path.count { return (e.line, e.column) }
            if e.path.count > best.depth { best = (e.line, e.column, e.path.count) }
            // The rest of the path inside an inline table on the same line.
            if e.value.hasPrefix("{"), let c = Self.column(of: Array(path[e.path.count...]), inInline: e.value) {
                return (e.line, e.valueColumn + c)
            }
        }
        return (best.line, best.column)
    }

    /// Column offset (0-based, from the `{`) of `rest`'s first key written inside an inline
    /// table, when it is there.
    private static func column(of rest: [String], inInline value: Substring) -> Int? {
        guard let first = rest.first else { return nil }
        var i = value.index(after: value.startIndex)
        while i < value.endIndex {
            let ch = value[i]
            if ch == "\"" || ch == "'" {                         // skip a string
                i = value[value.index(after: i)...].firstIndex(of: ch).map { value.index(after: $0) } ?? value.endIndex
                continue
            }
            if ch != " " && ch != "\t" && ch != "," && ch != "{" && ch != "}" {
                let tail = value[i...]
                if let eq = assignment(in: tail), keyPath(tail[..<eq]).first == first {
                    return value.utf8.distance(from: value.startIndex, to: i)
                }
                // Not this key: go on after its value's separator.
                i = tail.firstIndex(of: ",").map { value.index(after: $0) } ?? value.endIndex
                continue
            }
            i = value.index(after: i)
        }
        return nil
    }

    /// The `=` of `key = value` at the start of `text` (nil when the text does not start so).
    private static func assignment(in text: Substring) -> Substring.Index? {
        var i = text.startIndex
        var quote: Character?
        while i < text.endIndex {
            let ch = text[i]
            if let q = quote { if ch == q { quote = nil } } else if ch == "\"" || ch == "'" { quote = ch } else if ch == "=" { return i }
            else if ch == "{" || ch == "[" || ch == "," { return nil }
            i = text.index(after: i)
        }
        return nil
    }

    /// `a."b.c" . d` -> ["a", "b.c", "d"].
    private static func keyPath(_ text: Substring) -> [String] {
        var parts: [String] = [], current = "", quote: Character?
        for ch in text {
            if let q = quote { if ch == q { quote = nil } else { current.append(ch) }; continue }
            switch ch {
            case "\"", "'": quote = ch
            case ".": parts.append(current); current = ""
            case " ", "\t": break
            default: current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }

    /// The line up to a `#` that is not inside a string.
    private static func withoutComment(_ line: Substring) -> Substring {
        var quote: Character?
        for i in line.indices {
            let ch = line[i]
            if let q = quote { if ch == q { quote = nil } } else if ch == "\"" || ch == "'" { quote = ch } else if ch == "#" { return line[..<i] }
        }
        return line
    }
}
