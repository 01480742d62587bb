/// One screen cell: a Unicode scalar, how many columns it takes (1, or 2 for wide characters;
/// the cell after a wide one holds a continuation with width 0), and its style role. A plain
/// value of 8 bytes (no reference counting), so a 200x60 frame is one flat buffer that is
/// filled, compared and copied without touching the heap per cell.
public struct Cell: Equatable, Sendable {
    public var scalar: Unicode.Scalar
    public var width: UInt8
    public var role: StyleRole

    public init(scalar: Unicode.Scalar, width: UInt8, role: StyleRole) {
        self.scalar = scalar; self.width = width; self.role = role
    }

    /// A cell holding the first scalar of `character` (frames store one scalar per cell).
    public init(character: Character, width: UInt8, role: StyleRole) {
        self.init(scalar: character.unicodeScalars.first ?? " ", width: width, role: role)
    }

    /// The cell's text as a `Character`.
    public var character: Character { Character(scalar) }

    public static let blank = Cell(scalar: " ", width: 1, role: .normal)
    static let continuation = Cell(scalar: " ", width: 0, role: .normal)
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
    /// Control characters are shown escaped (`^[`, `\u{..}`), never raw; a tab is four
    /// spaces. Each Unicode scalar takes its own cell (a combining mark is drawn as its own
    /// cell rather than lost). Returns the column after the last character written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        var pen = Pen(row: y * width, col: x, limit: min(width, x + (maxWidth ?? width)), width: width, role: role)
        cells.withUnsafeMutableBufferPointer { buf in
            // Fast path: most text is ASCII; walk the UTF-8 bytes without decoding.
            var text = text
            let done: Bool? = text.withUTF8 { bytes in
                for b in bytes {
                    if b >= 0x80 { return nil }                  // not ASCII: decode below
                    if b >= 0x20 && b < 0x7f && pen.col >= 0 && pen.col < pen.limit {
                        buf[pen.row + pen.col] = Cell(scalar: Unicode.Scalar(b), width: 1, role: pen.role)
                        pen.col += 1
                    } else if !pen.put(Unicode.Scalar(b), into: buf) {
                        return true
                    }
                }
                return true
            }
            if done != nil { return }
            pen.col = x
            for u in text.unicodeScalars where !pen.put(u, into: buf) { return }
        }
        return pen.col
    }

    /// Where `write` puts the next scalar, and the escaping and clipping rules.
    struct Pen {
        let row: Int
        var col: Int
        let limit: Int
        let width: Int
        let role: StyleRole

        /// Puts one scalar (escaped if it is a control character); false once clipped.
        @inline(__always)
        mutating func put(_ u: Unicode.Scalar, into buf: UnsafeMutableBufferPointer<Cell>) -> Bool {
            switch u.value {
            case 0x20..<0x7f, 0xa0...:
                return cell(u, into: buf)
            case 0x09:
                for _ in 0..<4 where !cell(" ", into: buf) { return false }
                return true
            case 0x00..<0x20:
                return cell("^", into: buf) && cell(Unicode.Scalar(u.value + 0x40)!, into: buf)
            case 0x7f:
                return cell("^", into: buf) && cell("?", into: buf)
            default:                                          // C1 controls 0x80..<0xa0
                for e in "\\u{\(String(u.value, radix: 16))}".unicodeScalars where !cell(e, into: buf) { return false }
                return true
            }
        }

        @inline(__always)
        mutating func cell(_ u: Unicode.Scalar, into buf: UnsafeMutableBufferPointer<Cell>) -> Bool {
            let w = u.value < 0x1100 ? 1 : Frame.displayWidth(u)
            if col + w > limit { return false }
            if col >= 0 {
                buf[row + col] = Cell(scalar: u, width: UInt8(w), role: role)
                if w == 2, col + 1 < width { buf[row + col + 1] = .continuation }
            }
            col += w
            return true
        }
    }

    /// Writes `text` word-wrapped to `width` columns from (x, y) down, at most `maxRows` rows
    /// (the rest is not drawn); returns the rows used.
    @discardableResult
    public mutating func writeWrapped(_ text: String, x: Int, y: Int, width w: Int, role: StyleRole = .normal, maxRows: Int = .max) -> Int {
        var row = 0
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > w {
                guard row < maxRows else { return row }
                write(line, x: x, y: y + row, role: role, maxWidth: w); row += 1; line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty && row < maxRows { write(line, x: x, y: y + row, role: role, maxWidth: w); row += 1 }
        return row
    }

    /// Fills a rectangle with blanks in `role`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, role: StyleRole = .normal) {
        let x0 = max(0, x), x1 = min(width, x + w)
        guard x0 < x1 else { return }
        let blank = Cell(scalar: " ", width: 1, role: role)
        let width = width
        cells.withUnsafeMutableBufferPointer { buf in
            for yy in max(0, y)..<min(height, y + h) {
                for xx in x0..<x1 { buf[yy * width + xx] = blank }
            }
        }
    }

    /// Sets the role of existing cells (highlighting a line).
    public mutating func paint(x: Int, y: Int, width w: Int, role: StyleRole) {
        guard y >= 0, y < height else { return }
        for xx in max(0, x)..<min(width, x + w) { cells[y * width + xx].role = role }
    }

    /// The frame as text, one line per row, trailing blanks kept (the snapshot format).
    public var text: String {
        var s = String.UnicodeScalarView()
        for y in 0..<height {
            if y > 0 { s.append("\n") }
            for x in 0..<width {
                let c = cells[y * width + x]
                if c.width > 0 { s.append(c.scalar) }
            }
        }
        return String(s)
    }

    /// Columns a scalar takes: 2 for East Asian wide and emoji, 1 otherwise (0 never: a
    /// combining mark is drawn as its own cell rather than lost).
    static func displayWidth(_ u: Unicode.Scalar) -> Int {
        switch u.value {
        case 0x1100...0x115f, 0x2e80...0x303e, 0x3041...0x33ff, 0x3400...0x4dbf, 0x4e00...0x9fff,
             0xa000...0xa4cf, 0xac00...0xd7a3, 0xf900...0xfaff, 0xfe30...0xfe4f, 0xff00...0xff60,
             0xffe0...0xffe6, 0x1f300...0x1f64f, 0x1f900...0x1f9ff, 0x20000...0x3fffd:
            return 2
        default:
            return 1
        }
    }

    /// Columns a character takes (its first scalar's).
    static func displayWidth(_ ch: Character) -> Int {
        guard let u = ch.unicodeScalars.first else { return 1 }
        return displayWidth(u)
    }
}

/// A rectangle of a frame that a panel draws into: coordinates are relative to it and
/// everything is clipped to it.
public struct Region: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) { self.x = x; self.y = y; self.width = width; self.height = height }
}

public extension Frame {
    /// Writes `0x` and 16 hex digits of `v` inside `region` (the same cells as writing
    /// `hex16(v)`, without making the string).
    @discardableResult
    mutating func writeHex(_ v: UInt64, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        guard row >= 0, row < region.height, col < region.width else { return col }
        let x = region.x + col, y = region.y + row
        guard x >= 0, y < height, x + 18 <= min(width, region.x + region.width) else {
            return write(hex16(v), in: region, row: row, col: col, role: role)
        }
        let base = y * width + x
        cells.withUnsafeMutableBufferPointer { buf in
            buf[base] = Cell(scalar: "0", width: 1, role: role)
            buf[base + 1] = Cell(scalar: "x", width: 1, role: role)
            for i in 0..<16 {
                let d = UInt8((v >> UInt64(60 - 4 * i)) & 0xf)
                buf[base + 2 + i] = Cell(scalar: Unicode.Scalar(d < 10 ? 0x30 + d : 0x57 + d), width: 1, role: role)
            }
        }
        return col + 18
    }

    /// Writes one scalar inside `region` (as `write` would write a one-scalar string).
    @discardableResult
    mutating func write(scalar u: Unicode.Scalar, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        guard row >= 0, row < region.height, col < region.width else { return col }
        let x = region.x + col, y = region.y + row
        let w = Frame.displayWidth(u)
        guard u.value >= 0x20, u.value != 0x7f, !(0x80..<0xa0).contains(u.value), y >= 0, x >= 0,
              x + w <= min(width, region.x + region.width) else {
            return write(String(u), in: region, row: row, col: col, role: role)
        }
        cells[y * width + x] = Cell(scalar: u, width: UInt8(w), role: role)
        if w == 2, x + 1 < width { cells[y * width + x + 1] = .continuation }
        return col + w
    }

    /// Writes inside `region` at row `row` (0-based), column `col`.
    @discardableResult
    mutating func write(_ text: String, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        guard row >= 0, row < region.height, col < region.width else { return col }
        return write(text, x: region.x + col, y: region.y + row, role: role, maxWidth: region.width - col)
            - region.x
    }
}
