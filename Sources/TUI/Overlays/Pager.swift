import Platform

/// A full-screen view of text too long for its panel: command output (`info registers`,
/// `x/64gx`, `help`), the help, the compare view, and the findings. It scrolls both ways
/// (a cut line is marked `…`, the columns scrolled past `‹`), searches (`/`, `n`, `N`), and in
/// the findings view moves a selection from finding to finding (Enter jumps to one).
public struct Pager: Equatable {
    public enum Kind: Equatable {
        case text
        case help
        case compare
        /// The findings, each with its first line in `lines` (the rest are its wrapped text).
        case findings([Finding], starts: [Int])
    }

    public var kind: Kind
    public var title: String
    public var lines: [String]
    /// A role per line (nil: normal).
    public var roles: [StyleRole?]
    /// The first line and column shown.
    public var top = 0
    public var left = 0
    /// The text searched for last, and the search being typed.
    public var query: String?
    public var typing: String?
    /// The line of the last match (highlighted).
    public var match: Int?
    /// The findings view's selected finding.
    public var selection = 0
    /// A message for the status line ("no match for ...").
    public var status: String?

    public init(kind: Kind = .text, title: String, lines: [String], roles: [StyleRole?] = []) {
        self.kind = kind; self.title = title; self.lines = lines.isEmpty ? ["(nothing)"] : lines.map(Frame.expandTabs)
        self.roles = roles.count == self.lines.count ? roles : Array(repeating: nil, count: self.lines.count)
    }

    /// Rows of text a screen `height` rows high shows (the title and status rows aside).
    static func rows(_ height: Int) -> Int { max(1, height - 2) }

    var longest: Int { lines.map { Frame.columns($0) }.max() ?? 0 }

    mutating func scroll(by d: Int, height: Int) {
        top = max(0, min(lines.count - Self.rows(height), top + d))
    }

    mutating func scrollHorizontally(by d: Int, width: Int) {
        left = max(0, min(max(0, longest - width + 2), left + d))
    }

    /// Moves the findings selection by `d` findings and keeps it in view.
    mutating func select(by d: Int, height: Int) {
        guard case .findings(let f, let starts) = kind, !f.isEmpty else { scroll(by: d, height: height); return }
        selection = max(0, min(f.count - 1, selection + d))
        let first = starts[selection]
        let last = selection + 1 < starts.count ? starts[selection + 1] - 1 : lines.count - 1
        if first < top { top = first } else if last >= top + Self.rows(height) { top = max(0, min(first, last - Self.rows(height) + 1)) }
    }

    /// Finds `query` (case-insensitive) from line `from` on (backwards when `back`), wrapping
    /// around; moves there and returns whether it was found.
    @discardableResult
    mutating func find(_ query: String, from: Int, back: Bool = false, height: Int) -> Bool {
        guard !query.isEmpty else { return false }
        let q = query.lowercased()
        let n = lines.count
        for k in 0..<n {
            let i = back ? ((from - k) % n + n) % n : (from + k) % n
            if lines[i].lowercased().contains(q) {
                match = i
                if i < top || i >= top + Self.rows(height) { top = max(0, min(i, n - Self.rows(height))) }
                if case .findings(_, let starts) = kind, let s = starts.lastIndex(where: { $0 <= i }) { selection = s }
                status = nil
                return true
            }
        }
        status = "no match for '\(query)'"
        return false
    }

    /// Draws the pager over the whole frame.
    func render(into f: inout Frame) {
        let w = f.width, h = f.height
        f.fill(x: 0, y: 0, width: w, height: h)
        f.fill(x: 0, y: 0, width: w, height: 1, role: .focus)
        let head = Region(x: 0, y: 0, width: w, height: 1)
        let hint: String
        switch kind {
        case .findings: hint = " · ↑ ↓ select · Enter jumps there · / search · q closes"
        case .help: hint = " · ↑ ↓ PgUp PgDn · / search · q or ? closes"
        default: hint = " · ↑ ↓ PgUp PgDn ← → · / search · n next · q closes"
        }
        f.writeMarked(" " + title + hint + " ", in: head, row: 0, role: .focus)
        let body = Region(x: 0, y: 1, width: w, height: Self.rows(h))
        var selected: ClosedRange<Int>?
        if case .findings(let found, let starts) = kind, !found.isEmpty {
            selected = starts[selection]...(selection + 1 < starts.count ? starts[selection + 1] - 1 : lines.count - 1)
        }
        for r in 0..<body.height {
            let i = top + r
            guard i < lines.count else { break }
            var role = roles[i] ?? .normal
            if selected?.contains(i) == true { role = .pcLine }
            if i == match { role = .changed }
            let line = lines[i]
            let shown: String
            if left > 0 {
                var skip = left
                var idx = line.unicodeScalars.startIndex
                while skip > 0 && idx < line.unicodeScalars.endIndex { skip -= Frame.columns(String(line.unicodeScalars[idx])); idx = line.unicodeScalars.index(after: idx) }
                shown = String(String.UnicodeScalarView(line.unicodeScalars[idx...]))
            } else { shown = line }
            if left > 0 && !line.isEmpty {
                f.write(scalar: "‹", in: body, row: r, role: .muted)
                f.writeMarked(shown, in: Region(x: 1, y: body.y, width: w - 1, height: body.height), row: r, role: role)
            } else {
                f.writeMarked(shown, in: body, row: r, role: role)
            }
        }
        // The status line: where we are, the search being typed or what it found.
        let status = Region(x: 0, y: h - 1, width: w, height: 1)
        f.fill(x: 0, y: h - 1, width: w, height: 1, role: .panelTitle)
        let last = min(lines.count, top + body.height)
        var text = " lines \(top + 1)-\(last) of \(lines.count)"
        if left > 0 { text += ", from column \(left + 1)" }
        if let t = typing { text = " /" + t + "▏" } else if let s = self.status { text += " · " + s } else if let q = query { text += " · /\(q): n next, N previous" }
        f.writeMarked(text, in: status, row: 0, role: .panelTitle)
    }
}
