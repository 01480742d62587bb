/// One screen cell: a Unicode scalar, how many columns it takes (1, or 2 for wide characters;
/// the cell after a wide one holds a continuation with width 0), and its style role. Packed
/// into 32 bits (scalar 21, width 2, role 4 bits), encoded so that a blank cell is all zero
/// bits: a 200x60 frame is one flat 48 KB buffer, cleared like memory and compared as words.
public struct Cell: Equatable, Sendable {
    /// The scalar XOR a space, the width XOR 1 (bits 21-22), the role's index (bits 23-26).
    var bits: UInt32

    @inline(__always)
    public init(scalar: Unicode.Scalar, width: UInt8, role: StyleRole) {
        bits = (scalar.value ^ 0x20) | (UInt32((width ^ 1) & 3) << 21) | Self.roleBits(role)
    }

    @inline(__always)
    init(bits: UInt32) { self.bits = bits }

    /// A one-column cell's bits for `role` alone: OR in `asciiBits` of a character to make
    /// the cell (a blank in role normal is all zero bits).
    @inline(__always)
    static func roleBits(_ role: StyleRole) -> UInt32 { UInt32(role.index) << 23 }

    /// The scalar bits of an ASCII byte (stored XOR a space).
    @inline(__always)
    static func asciiBits(_ b: UInt8) -> UInt32 { UInt32(b) ^ 0x20 }

    /// A cell holding the first scalar of `character` (frames store one scalar per cell).
    public init(character: Character, width: UInt8, role: StyleRole) {
        self.init(scalar: character.unicodeScalars.first ?? " ", width: width, role: role)
    }

    public var scalar: Unicode.Scalar {
        get { Unicode.Scalar((bits & 0x1f_ffff) ^ 0x20) ?? " " }
        set { bits = (bits & ~0x1f_ffff) | (newValue.value ^ 0x20) }
    }

    public var width: UInt8 {
        get { UInt8((bits >> 21) & 3) ^ 1 }
        set { bits = (bits & ~(3 << 21)) | (UInt32((newValue ^ 1) & 3) << 21) }
    }

    public var role: StyleRole {
        get { StyleRole.byIndex[Int((bits >> 23) & 0xf)] }
        set { bits = (bits & ~(0xf << 23)) | (UInt32(newValue.index) << 23) }
    }

    /// The cell's text as a `Character`.
    public var character: Character { Character(scalar) }

    public static let blank = Cell(scalar: " ", width: 1, role: .normal)
    static let continuation = Cell(scalar: " ", width: 0, role: .normal)
}

extension StyleRole {
    /// The roles by `index`.
    static let byIndex: [StyleRole] = allCases

    /// Position in `allCases` (fits 4 bits).
    @inline(__always)
    var index: UInt8 {
        switch self {
        case .normal: 0
        case .panelTitle: 1
        case .focus: 2
        case .pcLine: 3
        case .changed: 4
        case .changedEarlier: 5
        case .unknown: 6
        case .breakpoint: 7
        case .boundary: 8
        case .muted: 9
        case .error: 10
        case .mismatch: 11
        case .heading: 12
        }
    }
}

/// An in-memory screen: a grid of cells. Everything SuspendScope shows is drawn here first;
/// terminals only present frames. Drawing outside the grid is clipped, never a trap.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public internal(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        // A blank cell is all zero bits: clear the buffer like memory.
        let n = self.width * self.height
        cells = Array(unsafeUninitializedCapacity: n) { buf, count in
            if n > 0 { UnsafeMutableRawPointer(buf.baseAddress!).initializeMemory(as: UInt8.self, repeating: 0, count: n * MemoryLayout<Cell>.stride) }
            count = n
        }
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
        var text = text
        return text.withUTF8 { write(utf8: $0, x: x, y: y, role: role, maxWidth: maxWidth) }
    }

    /// `write` of valid UTF-8 bytes (a String's, or a slice of them).
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>, x: Int, y: Int, role: StyleRole, maxWidth: Int?) -> Int {
        var clipped = false
        return write(utf8: bytes, x: x, y: y, role: role, maxWidth: maxWidth, clipped: &clipped)
    }

    /// `write`, also saying whether the text was cut at the right edge.
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>, x: Int, y: Int, role: StyleRole, maxWidth: Int?, clipped: inout Bool) -> Int {
        guard y >= 0, y < height else { return x }
        var pen = Pen(row: y * width, col: x, limit: min(width, x + (maxWidth ?? width)), width: width,
                      roleBits: Cell.roleBits(role))
        cells.withUnsafeMutableBufferPointer { buf in
            // Walk the UTF-8 bytes: printable ASCII, the common case, is stored directly; other
            // scalars are decoded here and go through `put`.
            do {
                // The ASCII loop keeps its state in locals (the pen lives in memory).
                var i = 0, col = pen.col
                let n = bytes.count, limit = pen.limit, roleBits = pen.roleBits
                guard let base = buf.baseAddress.map({ $0 + pen.row }), let src = bytes.baseAddress else { return }
                defer { pen.col = col }
                while i < n {
                    // Printable ASCII, eight bytes at a time while they all are and fit: a byte
                    // b is in 0x20...0x7e when b - 0x20, b + 1 and b all leave bit 7 clear (a
                    // borrow or carry between bytes only comes from a byte that fails anyway).
                    if col >= 0 {
                        let stop = min(n - 8, i + (limit - col) - 8)
                        while i <= stop {
                            let w = UnsafeRawPointer(src + i).loadUnaligned(as: UInt64.self)
                            guard (w &- 0x2020_2020_2020_2020 | w &+ 0x0101_0101_0101_0101 | w) & 0x8080_8080_8080_8080 == 0 else { break }
                            let d = base + col
                            for k in 0..<8 { d[k] = Cell(bits: Cell.asciiBits(UInt8(truncatingIfNeeded: w >> UInt64(8 * k))) | roleBits) }
                            i += 8; col += 8
                        }
                    }
                    // Then one byte at a time while printable ASCII.
                    guard i < n else { break }
                    let b = src[i]
                    if b &- 0x20 < 0x5f {
                        guard col < limit else { clipped = true; return }             // clipped
                        if col >= 0 { base[col] = Cell(bits: Cell.asciiBits(b) | roleBits) }
                        col += 1; i += 1
                        continue
                    }
                    if b < 0x80 {
                        i += 1
                        pen.col = col
                        let more = pen.put(Unicode.Scalar(b), into: buf)
                        col = pen.col
                        if !more { clipped = true; return }
                        continue
                    }
                    var u: UInt32
                    if b < 0xe0 {
                        u = UInt32(b & 0x1f) << 6 | UInt32(bytes[i + 1] & 0x3f); i += 2
                    } else if b < 0xf0 {
                        u = UInt32(b & 0x0f) << 12 | UInt32(bytes[i + 1] & 0x3f) << 6 | UInt32(bytes[i + 2] & 0x3f); i += 3
                    } else {
                        u = UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3f) << 12 | UInt32(bytes[i + 2] & 0x3f) << 6
                            | UInt32(bytes[i + 3] & 0x3f); i += 4
                    }
                    pen.col = col
                    let more = pen.put(Unicode.Scalar(u) ?? "\u{fffd}", into: buf)
                    col = pen.col
                    if !more { clipped = true; return }
                }
            }
        }
        return pen.col
    }

    /// Where `write` puts the next scalar, and the escaping and clipping rules.
    struct Pen {
        let row: Int
        var col: Int
        let limit: Int
        let width: Int
        /// The role's bits of a cell (see `Cell.bits`), with width 1.
        let roleBits: UInt32

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
                // Width 2 is width 1's bits with bit 21 set (the width is stored XOR 1).
                buf[row + col] = Cell(bits: (u.value ^ 0x20) | roleBits | (w == 2 ? 3 << 21 : 0))
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
        // Words (runs without spaces) go straight into the frame, one space apart, a new row
        // when the next one does not fit; a word longer than the width gets a row to itself,
        // clipped.
        var text = text
        return text.withUTF8 { bytes -> Int in
            var row = 0, col = 0                        // col: characters on the current row
            var i = 0
            let n = bytes.count
            while i < n {
                while i < n && bytes[i] == 0x20 { i += 1 }
                guard i < n else { break }
                var j = i
                var ascii = true
                while j < n && bytes[j] != 0x20 { if bytes[j] >= 0x80 { ascii = false }; j += 1 }
                let word = UnsafeBufferPointer(rebasing: bytes[i..<j])
                let len = ascii ? j - i : String(decoding: word, as: UTF8.self).count
                if col > 0 && col + 1 + len > w { row += 1; col = 0 }
                guard row < maxRows else { return row }
                if col > 0 {
                    _ = write(utf8: Self.space, x: x + col, y: y + row, role: role, maxWidth: w - col)
                    col += 1
                }
                _ = write(utf8: word, x: x + col, y: y + row, role: role, maxWidth: w - col)
                col += len
                i = j
            }
            return col > 0 ? row + 1 : row
        }
    }

    static let space = UnsafeBufferPointer(start: (" " as StaticString).utf8Start, count: 1)

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
        let roleBits = Cell.roleBits(role)
        cells.withUnsafeMutableBufferPointer { buf in
            guard let d = buf.baseAddress.map({ $0 + base }) else { return }
            d[0] = Cell(bits: Cell.asciiBits(UInt8(ascii: "0")) | roleBits)
            d[1] = Cell(bits: Cell.asciiBits(UInt8(ascii: "x")) | roleBits)
            for i in 0..<16 {
                d[2 + i] = Cell(bits: Cell.asciiBits(hexDigit(UInt8((v >> UInt64(60 - 4 * i)) & 0xf))) | roleBits)
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
