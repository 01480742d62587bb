import A64
import Assembler
import Platform

/// The rows of the source view of one program, made once: a header row for each label (the
/// functions), a divider where the file changes, and one row per source line, so that a macro
/// use (PRINT_ID, a `.balign`) that produced several words is one row whose instructions are
/// shown on demand. In the disassembly view every instruction is its own row.
final class SourceModel {
    struct Row: Equatable {
        enum Kind: UInt8 { case header, divider, line }
        var kind: Kind
        /// The first link address the row covers (a header or divider: the next line's).
        var address: UInt64
        /// Bytes covered (0 for a header or divider).
        var size: UInt64
        /// Instruction words among them (a line row); > 1 makes a group.
        var words: Int
        var file: String
        var line: Int
        /// A header's label(s).
        var label: String
        var isInstruction: Bool

        func contains(_ a: UInt64) -> Bool { kind == .line && a &- address < size }
    }

    let rows: [Row]
    /// Line rows only: (address, row index), sorted, for lookups.
    private let lineIndex: [(UInt64, Int)]

    init(program: Program, grouped: Bool) {
        var rows: [Row] = []
        var labels: [UInt64: [String]] = [:]
        for s in program.symbols.all where s.kind != .constant && !s.name.hasPrefix("$") && !s.name.hasPrefix(".L")
            && s.address >= program.base && s.address < program.end {
            labels[s.address, default: []].append(s.name)
        }
        var file = ""
        var at = program.base
        // Words the line map does not cover (none in practice) become rows of their own.
        func gap(to end: UInt64) {
            while at < end {
                rows.append(Row(kind: .line, address: at, size: 4, words: program.isInstruction(at: at) ? 1 : 0, file: "", line: 0, label: "",
                                isInstruction: program.isInstruction(at: at)))
                at &+= 4
            }
        }
        for e in program.lineMap.entries where e.address >= program.base && e.address < program.end {
            if e.address > at { gap(to: e.address) }
            let size = max(e.size, 1)
            if e.location.file != file {
                file = e.location.file
                rows.append(Row(kind: .divider, address: e.address, size: 0, words: 0, file: file, line: e.location.line, label: "", isInstruction: false))
            }
            if let names = labels[e.address] {
                rows.append(Row(kind: .header, address: e.address, size: 0, words: 0, file: e.location.file, line: e.location.line,
                                label: names.joined(separator: ", "), isInstruction: false))
            }
            let words = e.isInstruction ? Int(size / 4) : 0
            if grouped, labels[e.address] == nil, let last = rows.last, last.kind == .line, last.file == e.location.file,
               last.line == e.location.line, last.address &+ last.size == e.address, last.isInstruction == e.isInstruction {
                rows[rows.count - 1].size += size
                rows[rows.count - 1].words += words
            } else if !grouped && e.isInstruction && size > 4 {
                // One row per instruction in the disassembly view.
                for k in 0..<Int(size / 4) {
                    rows.append(Row(kind: .line, address: e.address &+ UInt64(4 * k), size: 4, words: 1, file: e.location.file,
                                    line: e.location.line, label: "", isInstruction: true))
                }
            } else {
                rows.append(Row(kind: .line, address: e.address, size: size, words: words, file: e.location.file, line: e.location.line,
                                label: "", isInstruction: e.isInstruction))
            }
            at = max(at, e.address &+ size)
        }
        if at < program.end { gap(to: program.end) }
        self.rows = rows
        lineIndex = rows.indices.filter { rows[$0].kind == .line }.map { (rows[$0].address, $0) }
    }

    /// The index of the line row covering link address `a`.
    func row(containing a: UInt64) -> Int? {
        var lo = 0, hi = lineIndex.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lineIndex[mid].0 <= a { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return nil }
        let i = lineIndex[lo - 1].1
        return rows[i].contains(a) ? i : nil
    }

    /// The index of the line row for `file:line` (its first), if any.
    func row(file: String, line: Int) -> Int? {
        rows.indices.first { rows[$0].kind == .line && rows[$0].file == file && rows[$0].line == line }
    }

    /// One line of the view: a model row, or one instruction of an expanded group.
    struct DisplayLine: Equatable {
        var row: Int
        /// The word's index within the group (nil: the row itself).
        var sub: Int?
    }

    /// Whether row `i` shows its instructions.
    func isExpanded(_ i: Int, pc: UInt64, expanded: Set<UInt64>) -> Bool {
        let r = rows[i]
        return r.kind == .line && r.words > 1 && r.isInstruction && (expanded.contains(r.address) || r.contains(pc))
    }

    /// The display lines of row `i` in order.
    func lines(of i: Int, pc: UInt64, expanded: Set<UInt64>) -> [DisplayLine] {
        guard isExpanded(i, pc: pc, expanded: expanded) else { return [DisplayLine(row: i, sub: nil)] }
        return [DisplayLine(row: i, sub: nil)] + (0..<rows[i].words).map { DisplayLine(row: i, sub: $0) }
    }

    /// `count` display lines starting `offset` lines after the anchor (the pc's line: its
    /// instruction when its group is expanded); nil entries past either end of the program.
    func window(anchorRow: Int, pc: UInt64, expanded: Set<UInt64>, offset: Int, count: Int) -> [DisplayLine?] {
        let own = lines(of: anchorRow, pc: pc, expanded: expanded)
        let anchorInOwn = own.firstIndex { l in
            guard let sub = l.sub else { return false }
            return rows[anchorRow].address &+ UInt64(4 * sub) == pc
        } ?? 0
        // Lines before the anchor, nearest first, as many as needed.
        var above: [DisplayLine] = Array(own[..<anchorInOwn].reversed())
        var below: [DisplayLine] = Array(own[anchorInOwn...])
        let needAbove = max(0, -offset), needBelow = max(0, offset + count)
        var i = anchorRow - 1
        while above.count < needAbove && i >= 0 { above += lines(of: i, pc: pc, expanded: expanded).reversed(); i -= 1 }
        i = anchorRow + 1
        while below.count < needBelow && i < rows.count { below += lines(of: i, pc: pc, expanded: expanded); i += 1 }
        return (0..<count).map { k in
            let o = offset + k
            if o < 0 { return -o - 1 < above.count ? above[-o - 1] : nil }
            return o < below.count ? below[o] : nil
        }
    }
}
