/// What a symbol names.
public enum SymbolKind: Sendable, Equatable {
    /// `.type name, %function` (FUNC in Xen).
    case function
    /// `.type name, %object`.
    case object
    /// A plain label.
    case label
    /// An absolute value from `.equ`/`.set`/`=`.
    case constant
}

public struct Symbol: Sendable, Equatable {
    public let name: String
    /// Address (labels) or value (constants).
    public let address: UInt64
    public let isGlobal: Bool
    /// From `.size` (Xen's `END(name)`), if given.
    public let size: UInt64?
    public let kind: SymbolKind
    /// Section name for labels, nil for constants.
    public let section: String?
    public let location: SourceLocation
}

/// The symbols of a program (numeric local labels and `.L` names are not included, as in `nm`).
public struct SymbolTable: Sendable {
    /// Sorted by address, then name.
    public let all: [Symbol]
    private let byName: [String: Int]

    init(_ symbols: [Symbol]) {
        all = symbols.sorted { ($0.address, $0.name) < ($1.address, $1.name) }
        var d: [String: Int] = [:]
        for (i, s) in all.enumerated() { d[s.name] = i }
        byName = d
    }

    public subscript(name: String) -> Symbol? { byName[name].map { all[$0] } }
    public func address(of name: String) -> UInt64? { self[name]?.address }

    /// The closest label (not constant) at or before `address`, e.g. for `<sym+0x10>` display.
    public func symbol(containing address: UInt64) -> Symbol? {
        var best: Symbol?
        for s in all where s.kind != .constant && s.address <= address {
            if let b = best, b.address > s.address { continue }
            best = s
        }
        return best
    }
}
