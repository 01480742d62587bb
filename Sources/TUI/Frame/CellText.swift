/// Text made into cells once (control characters escaped, display widths worked out), without
/// a role: drawing it again is a copy. Panels keep what they draw every frame this way (source
/// rows, field and register names, labels), so a frame does not decode the same text anew.
///
/// Drawing a `CellText` gives exactly the cells that writing its string would: it is laid out
/// by `Frame.write` itself.
public struct CellText: Equatable, Sendable {
    /// The cells, in role `normal` (the role is added as they are drawn).
    let bits: [UInt32]
    /// Whether a wide character's continuation cell is among them (those keep role `normal`).
    let hasContinuation: Bool

    /// Columns the text takes.
    public var columns: Int { bits.count }

    public init(_ text: String) {
        // The widest a byte can become is a tab's four columns.
        var f = Frame(width: 4 * text.utf8.count, height: 1)
        let end = f.write(text, x: 0, y: 0)
        bits = f.cells[0..<end].map(\.bits)
        hasContinuation = f.cells[0..<end].contains { $0.width == 0 }
    }

    public static let empty = CellText("")
}

extension Frame {
    /// Draws `text` inside `region` at row `row`, column `col`: the same cells, clipping and
    /// result as `write(_:in:row:col:role:)` with the string `text` was made from.
    @discardableResult
    public mutating func write(_ text: CellText, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        guard row >= 0, row < region.height, col < region.width else { return col }
        let x = region.x + col, y = region.y + row
        guard y >= 0, y < height else { return col }
        let limit = min(width, x + (region.width - col))
        var count = min(text.bits.count, max(0, limit - x))
        // A wide character whose second column falls outside is not drawn (nor what follows).
        if count > 0 && count < text.bits.count && Cell(bits: text.bits[count - 1]).width == 2 { count -= 1 }
        let roleBits = Cell.roleBits(role)
        let rowStart = y * width
        text.bits.withUnsafeBufferPointer { src in
            cells.withUnsafeMutableBufferPointer { buf in
                guard let s = src.baseAddress, let d = buf.baseAddress.map({ $0 + rowStart + x }) else { return }
                if x >= 0 && !text.hasContinuation {
                    for k in 0..<count { d[k] = Cell(bits: s[k] | roleBits) }
                    return
                }
                for k in 0..<count where x + k >= 0 {
                    let c = Cell(bits: s[k])
                    if c.width == 0 {
                        // A continuation is written only after its wide character, in role normal.
                        if x + k > 0 { d[k] = c }
                    } else {
                        d[k] = Cell(bits: s[k] | roleBits)
                    }
                }
            }
        }
        return col + count
    }

    /// Writes the decimal digits of `n` inside `region` (as writing `String(n)` would).
    @discardableResult
    public mutating func writeDecimal(_ n: Int, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        var line = ByteLine()
        line.append(decimal: n)
        return write(line, in: region, row: row, col: col, role: role)
    }

    /// Writes a literal inside `region` (without making a `String` of it).
    @discardableResult
    public mutating func write(literal s: StaticString, in region: Region, row: Int, col: Int = 0, role: StyleRole = .normal) -> Int {
        // (`withUTF8Buffer`: a one-character literal may be stored as a scalar, not bytes.)
        s.withUTF8Buffer { write(utf8: $0, in: region, row: row, col: col, role: role) }
    }

    /// `write(_:in:row:col:role:)` of UTF-8 bytes.
    mutating func write(utf8 bytes: UnsafeBufferPointer<UInt8>, in region: Region, row: Int, col: Int, role: StyleRole) -> Int {
        guard row >= 0, row < region.height, col < region.width else { return col }
        return write(utf8: bytes, x: region.x + col, y: region.y + row, role: role, maxWidth: region.width - col) - region.x
    }
}
