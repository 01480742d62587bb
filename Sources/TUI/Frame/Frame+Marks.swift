/// Text cut at a panel's edge is marked, never cut silently: the last column shows `…`.
extension Frame {
    /// The mark put in the last column of a cut line.
    static let cutMark: Unicode.Scalar = "…"

    /// Writes `text` inside `region` at row `row`, column `col`; if it does not fit, its last
    /// visible column becomes `…` (in role muted). Returns the column after the text, and
    /// whether it was cut.
    @discardableResult
    public mutating func writeMarked(_ text: String, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> (col: Int, cut: Bool) {
        guard row >= 0, row < region.height, col < region.width else { return (col, !text.isEmpty) }
        var clipped = false
        var t = text
        let end = t.withUTF8 { bytes in
            write(utf8: bytes, x: region.x + col, y: region.y + row, role: role, maxWidth: region.width - col, clipped: &clipped)
        } - region.x
        if clipped { markCut(in: region, row: row) }
        return (end, clipped)
    }

    /// `writeMarked` for prepared cells.
    @discardableResult
    public mutating func writeMarked(_ text: CellText, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> (col: Int, cut: Bool) {
        let end = write(text, in: region, row: row, col: col, role: role)
        let cut = col + text.columns > region.width
        if cut { markCut(in: region, row: row) }
        return (end, cut)
    }

    /// Puts the cut mark in the last column of `row` of `region`.
    mutating func markCut(in region: Region, row: Int, role: StyleRole = .muted) {
        let x = region.x + region.width - 1, y = region.y + row
        guard x >= 0, x < width, y >= 0, y < height, row < region.height else { return }
        // A wide character whose second half is the last column goes as a whole.
        if cells[y * width + x].width == 0, x > 0 { cells[y * width + x - 1] = Cell(scalar: " ", width: 1, role: .normal) }
        cells[y * width + x] = Cell(scalar: Self.cutMark, width: 1, role: role)
    }

    /// Writes `text` word-wrapped into `region` from row `row`, skipping the first `skip` rows
    /// of the wrapped text; returns the wrapped text's total rows (shown or not). Long words
    /// are broken at the edge rather than cut.
    @discardableResult
    public mutating func writeWrapped(_ text: String, in region: Region, row: Int, skip: Int = 0, role: StyleRole = .normal) -> Int {
        let lines = Self.wrap(text, width: region.width)
        for (i, l) in lines.enumerated() where i >= skip {
            let r = row + i - skip
            guard r < region.height else { continue }
            write(l, in: region, row: r, role: role)
        }
        return lines.count
    }

    /// `text` broken into lines of at most `width` columns at spaces (a word longer than the
    /// width is split); explicit newlines start new lines.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        if let fast = wrapASCII(text, width: width) { return fast }
        return wrapAny(text, width: width)
    }

    /// `wrap` for any text (the slow path).
    static func wrapAny(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for para in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in para.split(separator: " ", omittingEmptySubsequences: true) {
                var w = Substring(word)
                var ww = columns(w)
                if lineWidth > 0 && lineWidth + 1 + ww > width {
                    out.append(line); line = ""; lineWidth = 0
                }
                while ww > width {
                    // Split a long word at the edge.
                    let room = width - lineWidth - (lineWidth > 0 ? 1 : 0)
                    if room <= 0 { out.append(line); line = ""; lineWidth = 0; continue }
                    var take = w.startIndex, used = 0
                    while take < w.endIndex {
                        let cw = columns(w[take...take])
                        if used + cw > room { break }
                        used += cw; take = w.index(after: take)
                    }
                    if lineWidth > 0 { line += " " }
                    line += w[..<take]
                    out.append(line); line = ""; lineWidth = 0
                    w = w[take...]; ww = columns(w)
                }
                if lineWidth > 0 { line += " "; lineWidth += 1 }
                line += w; lineWidth += ww
            }
            out.append(line)
        }
        return out
    }

    /// `wrap` for printable ASCII text without newlines or tabs (explanations, messages): the
    /// same lines, cut from the bytes; nil for other text.
    static func wrapASCII(_ text: String, width: Int) -> [String]? {
        var t = text
        return t.withUTF8 { b -> [String]? in
            var previous: UInt8 = 0
            for c in b {
                if c < 0x20 || c >= 0x7f || (c == 0x20 && previous == 0x20) { return nil }
                previous = c
            }
            var out: [String] = []
            var start = 0                 // the current line's first byte
            var lastEnd = -1              // the end of the last word on the line
            var i = 0
            let n = b.count
            while i < n {
                while i < n && b[i] == 0x20 { i += 1 }
                guard i < n else { break }
                var j = i
                while j < n && b[j] != 0x20 { j += 1 }
                if lastEnd < 0 {
                    start = i
                } else if j - start > width {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<lastEnd]), as: UTF8.self))
                    start = i
                }
                // A word longer than the line is split at the edge.
                while j - start > width {
                    out.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<(start + width)]), as: UTF8.self))
                    start += width
                }
                lastEnd = j
                i = j
            }
            out.append(lastEnd < 0 ? "" : String(decoding: UnsafeBufferPointer(rebasing: b[start..<lastEnd]), as: UTF8.self))
            return out
        }
    }

    /// `text` with each tab replaced by the spaces to the next multiple of 8 columns (the
    /// columns of `info` output line up as in a terminal).
    public static func expandTabs(_ text: String) -> String {
        guard text.contains("\t") else { return text }
        var out = ""
        var col = 0
        for ch in text {
            if ch == "\t" {
                let n = 8 - col % 8
                out += String(repeating: " ", count: n); col += n
            } else if ch == "\n" {
                out.append(ch); col = 0
            } else {
                out.append(ch); col += 1
            }
        }
        return out
    }

    /// Columns a piece of text takes (as `write` lays it out: control characters escaped).
    static func columns<S: StringProtocol>(_ s: S) -> Int {
        var n = 0
        for u in s.unicodeScalars {
            switch u.value {
            case 0x09: n += 4
            case 0x00..<0x20, 0x7f: n += 2
            case 0x80..<0xa0: n += 4 + String(u.value, radix: 16).count
            default: n += u.value < 0x1100 ? 1 : displayWidth(u)
            }
        }
        return n
    }
}
