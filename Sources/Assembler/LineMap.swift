/// One preprocessed source line: its bytes, and where each byte came from.
///
/// Bytes copied from the file keep their own column; bytes produced by a macro expansion all
/// point at the column of the macro's name, so diagnostics always name an original position.
struct SourceLine {
    var text: [UInt8]
    var file: String
    var line: Int
    /// Column of each byte when the line was rewritten by macro expansion; nil when `text` is
    /// the file's bytes (possibly with comments blanked), so column = index + 1.
    var columns: [Int32]?
    /// The column just past the end when `columns` came from squeezing or slicing the file's
    /// text (nil after a macro rewrite: the end is then the last byte's origin, a macro use).
    var endColumn: Int32? = nil

    func column(at index: Int) -> Int {
        guard let columns else { return index + 1 }
        if index < columns.count { return Int(columns[index]) }
        if let endColumn { return Int(endColumn) }
        // Past the end of a rewritten line: still the last byte's origin (a macro use).
        return columns.last.map { Int($0) } ?? 1
    }
    func location(at index: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column(at: index))
    }

    /// Joins a following line after a space (a macro invocation whose arguments continue
    /// there): the line keeps its own number, and the appended bytes their own columns.
    mutating func append(_ next: SourceLine) {
        var cols = columns ?? (0..<text.count).map { Int32($0 + 1) }
        let space = Int32(column(at: text.count))
        text.append(0x20)
        cols.append(space)
        text.append(contentsOf: next.text)
        cols.append(contentsOf: (0..<next.text.count).map { Int32(next.column(at: $0)) })
        columns = cols
        endColumn = next.columns == nil ? Int32(next.text.count + 1) : next.endColumn
    }
}

/// Address <-> source mapping of an assembled program.
///
/// What a macro, `.rept`, `.irp` or `.irpc` produced is mapped to the line of the outermost
/// macro use (a `.rept` body line at file level keeps its own line), and the entry records the
/// expansion: every level's name and use, the body line it was written on, and the statement as
/// it was assembled after substitution (`expansion(at:)`).
public struct LineMap: Sendable {
    public struct Entry: Sendable, Equatable {
        public let address: UInt64
        /// Bytes covered (4 for an instruction; the directive's size for data).
        public let size: UInt64
        public let location: SourceLocation
        public let isInstruction: Bool
        /// Index into `expansions` when the bytes came out of an expansion.
        public let expansionIndex: Int?
        public init(address: UInt64, size: UInt64, location: SourceLocation, isInstruction: Bool, expansionIndex: Int? = nil) {
            self.address = address; self.size = size; self.location = location
            self.isInstruction = isInstruction; self.expansionIndex = expansionIndex
        }
    }

    /// How a statement came out of macros: for `adr_l x0, sym` on head.S:40, the instruction
    /// `adrp x0, sym` has frames [macro adr_l used at head.S:40:9], body macros.h:12:9 and text
    /// "adrp x0,sym".
    public struct Expansion: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A GNU as `.macro`.
            case macro
            case rept
            case irp
            case irpc
            /// A C preprocessor macro (its name) rewrote the line.
            case preprocessor
        }
        public struct Frame: Sendable, Equatable {
            public let kind: Kind
            /// The macro's name (".rept", ".irp", ".irpc" for those).
            public let name: String
            /// Where it was used.
            public let use: SourceLocation
        }
        /// Outermost first.
        public let frames: [Frame]
        /// Where the statement is written: the body line inside the innermost macro.
        public let body: SourceLocation
        /// The statement as assembled, after substitution (whitespace squeezed as gas does).
        public let text: String
    }

    /// Sorted by address.
    public let entries: [Entry]
    /// The expansions that entries refer to.
    public let expansions: [Expansion]
    private let byLine: [String: [Int: [UInt64]]]

    /// The expansion that produced the code or data at `address` (nil when it was written out).
    public func expansion(at address: UInt64) -> Expansion? {
        guard let e = entry(at: address), let i = e.expansionIndex, i < expansions.count else { return nil }
        return expansions[i]
    }

    init(entries: [Entry], expansions: [Expansion] = []) {
        self.expansions = expansions
        let sorted = entries.sorted { $0.address < $1.address }
        self.entries = sorted
        var d: [String: [Int: [UInt64]]] = [:]
        for e in sorted { d[e.location.file, default: [:]][e.location.line, default: []].append(e.address) }
        byLine = d
    }

    /// The source of the instruction or data directive covering `address`.
    public func location(at address: UInt64) -> SourceLocation? { entry(at: address)?.location }

    /// The entry covering `address`.
    public func entry(at address: UInt64) -> Entry? {
        var lo = 0, hi = entries.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if entries[mid].address <= address { lo = mid + 1 } else { hi = mid }
        }
        // Entries never overlap, so only the last one starting at or before `address` can
        // cover it.
        let i = lo - 1
        guard i >= 0 else { return nil }
        let e = entries[i]
        if address - e.address < max(e.size, 1) { return e }
        return nil
    }

    /// Every address whose code or data came from `file:line` (ascending). `file` is the name
    /// as given to the assembler (or as written in `#include`).
    public func addresses(file: String, line: Int) -> [UInt64] {
        byLine[file]?[line] ?? []
    }
}
