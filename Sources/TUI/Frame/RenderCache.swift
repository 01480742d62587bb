import A64
import Platform

/// What the panels compute once and reuse across frames: everything here is a function of
/// the scenario's program (which never changes while a run lives) or is checked against the
/// value it was computed from, so a cached frame is identical to a freshly computed one.
/// An `App` keeps one for its life; a `ViewState` made without one gets a fresh (empty) one.
public final class RenderCache {
    /// The run the tables belong to: a different run (a `load`) empties them. (Held strongly:
    /// an identity check is all a frame pays, and an `App` holds its run anyway.)
    private var run: ScenarioRun?

    struct SourceKey: Hashable { var address: UInt64; var wide: Bool; var disassemblyOnly: Bool }
    /// A source row after its gutter, with the word it was made from (a different word, say
    /// from self-modifying code in a future program view, recomputes it).
    private var sourceRows: [SourceKey: (word: UInt32, text: CellText)] = [:]
    /// The same for addresses inside the program's image, by word index, one table per
    /// view (narrow / wide, source / disassembly only).
    private var sourceTables: [[(word: UInt32, text: CellText)?]] = [[], [], [], []]
    /// Each source file split into lines.
    private var fileLines: [String: [Substring]] = [:]
    /// The context panel's rows: the fixed start of each line (field name and offset), the
    /// offset, the element size and the register the slot belongs to.
    private var contextRowTable: [ContextRow]?
    /// `file:line` (or the address) of code addresses, as `ScenarioRun.place` gives them.
    private var places: [UInt64: CellText] = [:]
    /// The selected system register's bitfield lines for a value.
    private var bitfieldLines: (index: Int, value: UInt64, lines: [(CellText, StyleRole)])?

    public init() {}

    /// Empties the tables when `run` is not the one they were made for.
    @inline(__always)
    func check(_ run: ScenarioRun) {
        if self.run !== run {
            self.run = run
            sourceRows = [:]
            sourceTables = [[], [], [], []]
            fileLines = [:]
            contextRowTable = nil
            places = [:]
        }
    }

    func sourceRow(_ run: ScenarioRun, address a: UInt64, word w: UInt32, wide: Bool, disassemblyOnly: Bool) -> CellText {
        check(run)
        let program = run.built.program
        // Addresses inside the image: a table per view, indexed by word.
        let table = (wide ? 1 : 0) + (disassemblyOnly ? 2 : 0)
        let index = a >= program.base && a < program.end ? Int((a - program.base) / 4) : -1
        if index >= 0 {
            if sourceTables[table].isEmpty { sourceTables[table] = Array(repeating: nil, count: (Int(program.end - program.base) + 3) / 4) }
            if let hit = sourceTables[table][index], hit.word == w { return hit.text }
        }
        let key = SourceKey(address: a, wide: wide, disassemblyOnly: disassemblyOnly)
        if index < 0, let hit = sourceRows[key], hit.word == w { return hit.text }
        var line = " " + String(a, radix: 16).suffix(8) + " "
        if wide || disassemblyOnly { line += hex32(w) + " " }
        if !disassemblyOnly, let loc = program.lineMap.location(at: a), let lines = lines(run, file: loc.file) {
            if loc.line >= 1 && loc.line <= lines.count {
                line += pad(String(loc.line), 4) + " " + trimmed(lines[loc.line - 1])
            }
        } else {
            line += program.isInstruction(at: a) ? Disassembler.text(word: w, at: a) : ".word 0x" + String(w, radix: 16)
        }
        let cells = CellText(line)
        if index >= 0 { sourceTables[table][index] = (w, cells) } else { sourceRows[key] = (w, cells) }
        return cells
    }

    struct ContextRow {
        /// The field name and offset, padded to their columns.
        var prefix: CellText
        var offset: Int
        var elementSize: Int
        var owner: ContextConvention.Owner?
    }

    func contextRows(_ run: ScenarioRun) -> [ContextRow] {
        check(run)
        if let t = contextRowTable { return t }
        let layout = run.built.layout
        var owners: [Int: ContextConvention.Owner] = [:]
        for o in ContextConvention.owners(of: layout) { owners[o.offset] = o.owner }
        var t: [ContextRow] = []
        for f in layout.fields {
            for k in 0..<f.count {
                let off = f.offset + k * f.elementSize
                let name = f.count > 1 ? "\(f.name)[\(k)]" : f.name
                t.append(ContextRow(prefix: CellText(pad(name, 18) + " " + pad(String(off), 4) + " "), offset: off, elementSize: f.elementSize, owner: owners[off]))
            }
        }
        contextRowTable = t
        return t
    }

    func place(_ run: ScenarioRun, _ address: UInt64) -> CellText {
        check(run)
        if let p = places[address] { return p }
        let p = CellText(run.place(address))
        places[address] = p
        return p
    }

    /// The bitfield lines of system register `index` holding `value` (the last one asked is kept).
    func bitfields(index: Int, value: UInt64, make: () -> [(CellText, StyleRole)]) -> [(CellText, StyleRole)] {
        if let b = bitfieldLines, b.index == index, b.value == value { return b.lines }
        let lines = make()
        bitfieldLines = (index, value, lines)
        return lines
    }

    /// The UART's output as lines (empty ones dropped), kept with a copy of the bytes they
    /// came from.
    private var uartCache: (bytes: [UInt8], lines: [Substring]) = ([], [])

    func uartLines(_ uart: PL011) -> [Substring] {
        let out = uart.output
        if out.count == uartCache.bytes.count, out.elementsEqual(uartCache.bytes) { return uartCache.lines }
        let text = uart.text
        uartCache = (out.withUnsafeBufferPointer { Array($0) }, text.isEmpty ? [] : text.split(separator: "\n"))
        return uartCache.lines
    }

    func lines(_ run: ScenarioRun, file: String) -> [Substring]? {
        check(run)
        if let l = fileLines[file] { return l }
        guard let src = run.built.scenario.files[file] else { return nil }
        let l = src.split(separator: "\n", omittingEmptySubsequences: false)
        fileLines[file] = l
        return l
    }
}

/// `s` without leading and trailing horizontal white space: what Foundation's
/// `trimmingCharacters(in: .whitespaces)` gives (tab, the space separators of Unicode category
/// Zs, and, as Foundation counts it, U+200B ZERO WIDTH SPACE), at a small fraction of its cost.
func trimmed(_ s: Substring) -> String {
    func isSpace(_ u: Unicode.Scalar) -> Bool {
        u == " " || u == "\t" || (u.value >= 0x80 && (u.value == 0x200b || u.properties.generalCategory == .spaceSeparator))
    }
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    let last = scalars.lastIndex(where: { !isSpace($0) })!
    return String(scalars[first...last])
}

/// `s` padded with spaces (or cut) to `n` UTF-16 units: what Foundation's
/// `padding(toLength: n, withPad: " ", startingAt: 0)` gives, without going through NSString.
@inline(__always)
func pad(_ s: String, _ n: Int) -> String {
    let u = s.utf16.count
    if u == n { return s }
    if u < n { return s + String(repeating: " ", count: n - u) }
    return String(s.utf16.prefix(n)) ?? String(s.prefix(n))
}

/// The lowercase hex digit of `n` (0...15), as an ASCII byte.
@inline(__always)
func hexDigit(_ n: UInt8) -> UInt8 { n < 10 ? 0x30 + n : 0x57 + n }

/// `%08x`.
func hex32(_ v: UInt32) -> String {
    String(unsafeUninitializedCapacity: 8) { buf in
        for i in 0..<8 { buf[i] = hexDigit(UInt8((v >> UInt32(28 - 4 * i)) & 0xf)) }
        return 8
    }
}

/// `0x` and 16 hex digits.
func hex16(_ v: UInt64) -> String {
    String(unsafeUninitializedCapacity: 18) { buf in
        buf[0] = 0x30; buf[1] = 0x78
        for i in 0..<16 { buf[2 + i] = hexDigit(UInt8((v >> UInt64(60 - 4 * i)) & 0xf)) }
        return 18
    }
}

/// `%02x`.
func hex8(_ v: UInt8) -> String {
    String(unsafeUninitializedCapacity: 2) { buf in
        buf[0] = hexDigit(v >> 4); buf[1] = hexDigit(v & 0xf)
        return 2
    }
}
