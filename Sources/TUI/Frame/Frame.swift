/// One screen cell: a character, how many columns it takes (1, or 2 for wide characters; the
/// cell after a wide one holds a continuation with width 0), and its style role.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var width: UInt8
    public var role: StyleRole

    public static let blank = Cell(character: " ", width: 1, role: .normal)
    static let continuation = Cell(character: " ", width: 0, role: .normal)
}

/// An in-memory screen: a grid of cells. Everything SuspendScope shows is drawn here first;
/// terminals only present frames. Drawing outside the grid is clipped, never a trap.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, y >= 0, x < width, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` at (x, y) in `role`, clipped to `maxWidth` columns (and the frame).
    /// Control characters are shown escaped (`^[`, `\u{..}`), never raw. Returns the column
    /// after the last character written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        for ch in Self.printable(text) {
            let w = Self.displayWidth(ch)
            if col + w > limit { break }
            if col >= 0 {
                cells[y * width + col] = Cell(character: ch, width: UInt8(w), role: role)
                if w == 2, col + 1 < width { cells[y * width + col + 1] = .continuation }
            }
            col += w
        }
        return col
    }

    /// Writes `text` word-wrapped to `width` columns from (x, y) down; returns the rows used.
    @discardableResult
    public mutating func writeWrapped(_ text: String, x: Int, y: Int, width w: Int, role: StyleRole = .normal) -> Int {
        var row = 0
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > w {
                write(line, x: x, y: y + row, role: role, maxWidth: w); row += 1; line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { write(line, x: x, y: y + row, role: role, maxWidth: w); row += 1 }
        return row
    }

    /// Fills a rectangle with blanks in `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole = .normal) {
        for yy in max(0, y)..<min(height, y + h) {
            for xx in max(0, x)..<min(width, x + w) { cells[yy * width + xx] = Cell(character: " ", width: 1, role: role) }
        }
    }

    /// Sets the role of existing cells (highlighting a line).
    public mutating func paint(x: Int, y: Int, width w: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for xx in max(0, x)..<min(width, x + w) { cells[y * width + xx].role = role }
    }

    /// The frame as text, one line per row, trailing blanks kept (the snapshot format).
    public var text: String {
        var lines: [String] = []
        for y in 0..<height {
            var s = ""
            for x in 0..<width where self[x, y].width > 0 { s.append(self[x, y].character) }
            lines.append(s)
        }
        return lines.joined(separator: "\n")
    }

    /// Control characters escaped; everything else as is.
    static func printable(_ text: String) -> [Character] {
        var out: [Character] = []
        for ch in text {
            guard let u = ch.unicodeScalars.first, ch.unicodeScalars.count == 1 else { out.append(ch); continue }
            switch u.value {
            case 0x09: out.append(contentsOf: "    ")
            case 0x00..<0x20: out.append("^"); out.append(Character(UnicodeScalar(u.value + 0x40)!))
            case 0x7f: out.append(contentsOf: "^?")
            case 0x80..<0xa0: out.append(contentsOf: "\\u{\(String(u.value, radix: 16))}")
            default: out.append(ch)
            }
        }
        return out
    }

    /// Columns a character takes: 2 for East Asian wide and emoji, 1 otherwise (0 never: a
    /// combining mark is drawn as its own cell rather than lost).
    static func displayWidth(_ ch: Character) -> Int {
        guard let u = ch.unicodeScalars.first?.value else { return 1 }
        switch u {
        case 0x1100...0x115f, 0x2e80...0x303e, 0x3041...0x33ff, 0x3400...0x4dbf, 0x4e00...0x9fff,
             0xa000...0xa4cf, 0xac00...0xd7a3, 0xf900...0xfaff, 0xfe30...0xfe4f, 0xff00...0xff60,
             0xffe0...0xffe6, 0x1f300...0x1f64f, 0x1f900...0x1f9ff, 0x20000...0x3fffd:
            return 2
        default:
            return 1
        }
    }
}

/// A rectangle of a frame that a panel draws into: coordinates are relative to it and
/// everything is clipped to it.
public struct Region: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
}

public extension Frame {
    /// Writes inside `region` at row `row` (0-based), column `col`.
    @discardableResult
    mutating func write(_ text: String, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        guard row >= 0, row < region.height, col < region.width else { return col }
        return write(text, x: region.x + col, y: region.y + row, role: role, maxWidth: region.width - col) - region.x
    }
}
