import A64
import Machine
import Platform

/// What the panels compute once and reuse across frames: everything here is a function of
/// the scenario's program (which never changes while a run lives) or is checked against the
/// value it was computed from, so a cached frame is identical to a freshly computed one.
/// An `App` keeps one for its life; a `ViewState` made without one gets a fresh (empty) one.
public final class RenderCache {
    /// The run the tables belong to: a different run (a `load`) empties them. (Held strongly:
    /// an identity check is all a frame pays, and an `App` holds its run anyway.)
    private var run: ScenarioRun?

    /// The source view's rows, grouped by line (index 1) or one per instruction (index 0).
    private var sourceModels: [SourceModel?] = [nil, nil]
    /// The text of each source row after its gutter, per view: physical or virtual addresses,
    /// narrow or wide, collapsed or expanded (a group), by row index; the instructions of
    /// groups by address.
    private var lineTexts: [[CellText?]] = Array(repeating: [], count: 16)
    private var subTexts: [SubKey: CellText] = [:]
    struct SubKey: Hashable { var address: UInt64; var physical: Bool; var wide: Bool }
    private var headerTexts: [Int: CellText] = [:]
    private var dividers: [String: CellText] = [:]
    /// Each source file split into lines.
    private var fileLines: [String: [Substring]] = [:]
    /// The context panel's rows: the fixed start of each line (field name and offset), the
    /// offset, the element size and the register the slot belongs to.
    private var contextRowTables: [[ContextRow]?] = [nil, nil]
    /// `file:line` (or the address) of code addresses, as `ScenarioRun.place` gives them.
    private var places: [UInt64: CellText] = [:]
    /// The selected system register's bitfield lines for a value.
    private var bitfieldLines: (index: Int, value: UInt64, unknown: Bool, lines: [(CellText, StyleRole)])?

    public init() {}

    /// Empties the tables when `run` is not the one they were made for.
    @inline(__always)
    func check(_ run: ScenarioRun) {
        if self.run !== run {
            self.run = run
            sourceModels = [nil, nil]
            lineTexts = Array(repeating: [], count: 16)
            subTexts = [:]
            headerTexts = [:]
            dividers = [:]
            fileLines = [:]
            contextRowTables = [nil, nil]
            places = [:]
            slots = nil
            explained = nil
            runLines = nil
        }
    }

    func sourceModel(_ run: ScenarioRun, grouped: Bool) -> SourceModel {
        check(run)
        if let m = sourceModels[grouped ? 1 : 0] { return m }
        let m = SourceModel(program: run.built.program, grouped: grouped)
        sourceModels[grouped ? 1 : 0] = m
        return m
    }

    /// The address as the pc holds it: the physical load address while the code runs there.
    static func shown(_ run: ScenarioRun, _ link: UInt64, physical: Bool) -> String {
        String(physical ? run.built.physical(link) : link, radix: 16)
    }

    /// " ADDR  [ENC]  LINE  source text" for a line row (a group: "▸×4 " or "▾×4 " before the
    /// text), or " ADDR  [ENC]  instruction <symbol>" in the disassembly view.
    func lineText(_ run: ScenarioRun, model: SourceModel, row i: Int, sub: Int?, physical: Bool, wide: Bool, expanded: Bool,
                  disassemblyOnly: Bool) -> CellText {
        check(run)
        let r = model.rows[i]
        let program = run.built.program
        if let sub {
            let a = r.address &+ UInt64(4 * sub)
            let key = SubKey(address: a, physical: physical, wide: wide)
            if let t = subTexts[key] { return t }
            let w = program.word(at: a) ?? 0
            let t = CellText(" " + Self.shown(run, a, physical: physical) + " " + (wide ? hex32(w) + " " : "") + "     · " + run.built.symbolicText(word: w, at: a))
            subTexts[key] = t
            return t
        }
        let table = (physical ? 1 : 0) + (wide ? 2 : 0) + (expanded ? 4 : 0) + (disassemblyOnly ? 8 : 0)
        if lineTexts[table].isEmpty { lineTexts[table] = Array(repeating: nil, count: model.rows.count) }
        if let t = lineTexts[table][i] { return t }
        let w = program.word(at: r.address) ?? 0
        var line = " " + Self.shown(run, r.address, physical: physical) + " "
        if wide || disassemblyOnly { line += (r.words > 1 ? pad("×\(r.words)", 8) : hex32(w)) + " " }
        if !disassemblyOnly, !r.file.isEmpty, let lines = lines(run, file: r.file), r.line >= 1 && r.line <= lines.count {
            line += pad(String(r.line), 4) + " "
            if r.words > 1 { line += (expanded ? "▾" : "▸") + "×\(r.words) " }
            line += trimmed(lines[r.line - 1])
        } else {
            line += r.isInstruction ? run.built.symbolicText(word: w, at: r.address) : ".word 0x" + String(w, radix: 16)
        }
        let t = CellText(line)
        lineTexts[table][i] = t
        return t
    }

    /// " ADDR <label>:" for a header row.
    func headerText(_ run: ScenarioRun, model: SourceModel, row i: Int, physical: Bool) -> CellText {
        check(run)
        let key = i * 2 + (physical ? 1 : 0)
        if let t = headerTexts[key] { return t }
        let r = model.rows[i]
        let t = CellText("    " + Self.shown(run, r.address, physical: physical) + " <" + r.label + ">:")
        headerTexts[key] = t
        return t
    }

    /// "── FILE ───…" across `width` columns.
    func divider(_ file: String, width: Int) -> CellText {
        let key = "\(width)\u{0}\(file)"
        if let t = dividers[key] { return t }
        let head = "── " + file + " "
        let t = CellText(head + String(repeating: "─", count: max(0, width - Frame.columns(head))))
        dividers[key] = t
        return t
    }

    struct ContextRow {
        /// The field name and offset, padded to their columns.
        var prefix: CellText
        var offset: Int
        var elementSize: Int
        var owner: ContextConvention.Owner?
    }

    func contextRows(_ run: ScenarioRun, narrow: Bool = false) -> [ContextRow] {
        check(run)
        if let t = contextRowTables[narrow ? 1 : 0] { return t }
        let layout = run.built.layout
        var owners: [Int: ContextConvention.Owner] = [:]
        for o in ContextConvention.owners(of: layout) { owners[o.offset] = o.owner }
        var t: [ContextRow] = []
        for f in layout.fields {
            for k in 0..<f.count {
                let off = f.offset + k * f.elementSize
                var name = f.count > 1 ? "\(f.name)[\(k)]" : f.name
                // The register the slot holds, when the name does not say it.
                if let o = owners[off], f.count > 1 || o.name.lowercased() != f.name.lowercased() {
                    let r = o == .register(30) ? "lr" : o == .register(29) ? "fp" : o.name
                    name += narrow ? " " + r : " (" + r + ")"
                }
                let width = narrow ? Self.contextNameWidthNarrow : Self.contextNameWidth
                t.append(ContextRow(prefix: CellText(pad(name, width) + " " + pad(String(off), 4) + " "), offset: off, elementSize: f.elementSize, owner: owners[off]))
            }
        }
        contextRowTables[narrow ? 1 : 0] = t
        return t
    }

    /// Below this many columns the context rows drop the parentheses (`callee_regs[0] x19`).
    static let contextNarrowBelow = 66
    static let contextNameWidthNarrow = 18

    /// The context panel's field column: "callee_regs[11] (lr)" fits.
    static let contextNameWidth = 21

    /// The explain panel's wrapped lines, for the state they were made at (the step and the
    /// history's length: a user edit changes what the instruction reads).
    private var explained: (step: Int, pc: UInt64, width: Int, key: Int, lines: [(String, StyleRole)])?
    /// Anything that changes without the step changing (a user edit): the explain cache's key.
    public var stateKey = 0

    func explanation(_ run: ScenarioRun, width: Int, make: () -> [(String, StyleRole)]) -> [(String, StyleRole)] {
        check(run)
        let step = run.board.stepCount, pc = run.board.machine.pc
        if let e = explained, e.step == step, e.pc == pc, e.width == width, e.key == stateKey { return e.lines }
        let lines = make()
        explained = (step, pc, width, stateKey, lines)
        return lines
    }

    private var sentence: (text: String, first: String)?

    struct HeadingKey: Equatable { var index: Int; var value: UInt64; var origin: UnknownOrigin?; var hidden: Bool; var width: Int }
    private var headingCache: (key: HeadingKey, value: (lines: [String], unknown: Bool))?

    /// The system-register panel's heading for a register, value, unknown origin and width.
    func heading(_ key: HeadingKey, make: () -> (lines: [String], unknown: Bool)) -> (lines: [String], unknown: Bool) {
        if let h = headingCache, h.key == key { return h.value }
        let v = make()
        headingCache = (key, v)
        return v
    }

    /// A description on one line (white space runs made one space).
    func flattened(_ text: String) -> String {
        if let s = sentence, s.text == text { return s.first }
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
        sentence = (text, flat)
        return flat
    }

    /// Register (effects numbering: x19..x30, 32 for sp) -> the offset of its context slot.
    private var slots: [Int: Int]?

    func registerSlots(_ run: ScenarioRun) -> [Int: Int] {
        check(run)
        if let s = slots { return s }
        var d: [Int: Int] = [:]
        for o in ContextConvention.owners(of: run.built.layout) {
            switch o.owner {
            case .register(let r): d[r] = o.offset
            case .sp: d[32] = o.offset
            case .sysreg: break
            }
        }
        slots = d
        return d
    }

    func place(_ run: ScenarioRun, _ address: UInt64) -> CellText {
        check(run)
        if let p = places[address] { return p }
        let p = CellText(run.place(address))
        places[address] = p
        return p
    }

    /// The bitfield lines of system register `index` holding `value` (the last one asked is kept).
    func bitfields(index: Int, value: UInt64, unknown: Bool, make: () -> [(CellText, StyleRole)]) -> [(CellText, StyleRole)] {
        if let b = bitfieldLines, b.index == index, b.value == value, b.unknown == unknown { return b.lines }
        let lines = make()
        bitfieldLines = (index, value, unknown, lines)
        return lines
    }

    /// The console's lines from the run, as text (events "[574] ...", "uart> ..." lines,
    /// unknown-value uses), remade only when one of the three changed.
    private var runLines: (events: Int, lastEvent: Int, uart: Int, unknown: Int, lines: [(String, StyleRole)])?

    func consoleRunLines(_ run: ScenarioRun) -> [(String, StyleRole)] {
        check(run)
        let events = run.board.events
        let uart = uartLines(run.board.uart)
        let unknown = run.unknownUses
        let key = (events.count, events.last?.step ?? -1, uart.count, unknown.count)
        if let c = runLines, c.events == key.0, c.lastEvent == key.1, c.uart == key.2, c.unknown == key.3 { return c.lines }
        var lines: [(String, StyleRole)] = []
        lines.reserveCapacity(events.count + uart.count + unknown.count)
        for e in events { lines.append(("[\(e.step)] " + e.text, .boundary)) }
        for u in uart { lines.append(("uart> " + u, .normal)) }
        for u in unknown { lines.append(("[\(u.step)] \(u.message)", .unknown)) }
        runLines = (key.0, key.1, key.2, key.3, lines)
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

/// `s` with spaces after it up to `n` characters (never cut).
func padded(_ s: String, _ n: Int) -> String {
    let c = s.count
    return c >= n ? s : s + String(repeating: " ", count: n - c)
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
