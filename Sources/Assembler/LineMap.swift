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

    func column(at index: Int) -> Int {
        guard let columns else { return index + 1 }
        if index < columns.count { return Int(columns[index]) }
        // Past the end of a rewritten line: still the last byte's origin (a macro use).
        return columns.last.map { Int($0) } ?? 1
    }
    func location(at index: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column(at: index))
    }
}

/// Address <-> source mapping of an assembled program.
public struct LineMap: Sendable {
    public struct Entry: Sendable, Equatable {
        public let address: UInt64
        /// Bytes covered (4 for an instruction; the directive's size for data).
        public let size: UInt64
        public let location: SourceLocation
        public let isInstruction: Bool
    }
    /// Sorted by address.
    public let entries: [Entry]
    private let byLine: [String: [Int: [UInt64]]]

    init(entries: [Entry]) {
        let sorted = entries.sorted { $0.address < $1.address }
        self.entries = sorted
        var d: [String: [Int: [UInt64]]] = [:]
        for e in sorted { d[e.location.file, default: [:]][e.location.line, default: []].append(e.address) }
        byLine = d
    }

    /// The source of the instruction or data directive covering `address`.
    public func location(at address: UInt64) -> SourceLocation? {
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
        if address - e.address < max(e.size, 1) { return e.location }
        return nil
    }

    /// Every address whose code or data came from `file:line` (ascending). `file` is the name
    /// as given to the assembler (or as written in `#include`).
    public func addresses(file: String, line: Int) -> [UInt64] {
        byLine[file]?[line] ?? []
    }
}
