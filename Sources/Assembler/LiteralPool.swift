/// `ldr Xt, =expr` / `ldr Wt, =expr` literals, placed as GNU as 2.40 places them:
/// - always a literal load (never a MOVZ), even for small constants;
/// - one pool per section and entry size; dumped at `.ltorg`/`.pool` and at the end of the
///   section: first the 4-byte pool, then the 8-byte pool, each aligned to its entry size with
///   zero bytes (no NOPs) when it is not empty;
/// - entries de-duplicated within a pool: equal constants, or the same symbolic expression.
struct LiteralPool {
    struct Entry {
        var key: String
        var expression: Expression
        var symbol: String
        var location: SourceLocation
    }
    /// Pending entries by size (4, 8).
    var entries: [Int: [Entry]] = [:]
    var isEmpty: Bool { entries.values.allSatisfy { $0.isEmpty } }

    /// Returns the symbol that will label the entry.
    mutating func add(size: Int, key: String, expression: Expression, location: SourceLocation, newSymbol: () -> String) -> String {
        if let e = entries[size]?.first(where: { $0.key == key }) { return e.symbol }
        let s = newSymbol()
        entries[size, default: []].append(Entry(key: key, expression: expression, symbol: s, location: location))
        return s
    }
}

extension Assembly {
    /// Emits the pending literal pool of the current section.
    func dumpPool(_ section: SectionBuffer) {
        for size in [4, 8] {
            guard let list = section.pool.entries[size], !list.isEmpty else { continue }
            section.alignZero(size)
            section.lastWasData = true
            for e in list {
                symbols[e.symbol] = SymbolDefinition(value: .label(section.index, Int64(section.bytes.count)), location: e.location)
                section.lineEntries.append((section.bytes.count, size, e.location, false))
                section.fixups.append(.data(offset: section.bytes.count, size: size, expression: e.expression, location: e.location))
                section.bytes.append(contentsOf: repeatElement(0, count: size))
            }
        }
        section.pool.entries = [:]
    }
}
