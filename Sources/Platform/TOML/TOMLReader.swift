/// Typed, checked access to one TOML table: every wrong type, missing key and unknown key is a
/// `TOMLError` at the value's (or the table's) line and column.
public struct TOMLReader {
    public let table: TOMLTable
    /// The table's name as the user wrote it, for messages ("[firmware]"; "" for the root).
    public let name: String

    public init(_ table: TOMLTable, name: String = "") { self.table = table; self.name = name }

    var place: String { name.isEmpty ? "at the top level" : "in [\(name)]" }

    /// Fails on keys not in `allowed`.
    public func onlyKeys(_ allowed: [String]) throws {
        for k in table.keys where !allowed.contains(k) {
            throw TOMLError(table[k]!.location, "unknown key '\(k)' \(place): expected one of \(allowed.joined(separator: ", "))")
        }
    }

    public func value(_ key: String) -> TOMLValue? { table[key] }

    public func string(_ key: String) throws -> String? {
        guard let v = table[key] else { return nil }
        guard case .string(let s) = v.kind else { throw TOMLError(v.location, "'\(key)' must be a string, found \(v.typeName)") }
        return s
    }

    public func requiredString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw TOMLError(table.location, "missing '\(key)' \(place): expected a string") }
        return s
    }

    public func integer(_ key: String) throws -> Int64? {
        guard let v = table[key] else { return nil }
        guard case .integer(let n) = v.kind else { throw TOMLError(v.location, "'\(key)' must be an integer, found \(v.typeName)") }
        return n
    }

    /// An unsigned 64-bit quantity (addresses, register values): hex literals keep their bits.
    public func unsigned(_ key: String) throws -> UInt64? {
        try integer(key).map { UInt64(bitPattern: $0) }
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let v = table[key] else { return nil }
        guard case .bool(let b) = v.kind else { throw TOMLError(v.location, "'\(key)' must be true or false, found \(v.typeName)") }
        return b
    }

    public func strings(_ key: String) throws -> [String]? {
        guard let v = table[key] else { return nil }
        guard case .array(let items) = v.kind else { throw TOMLError(v.location, "'\(key)' must be an array of strings, found \(v.typeName)") }
        return try items.map { item in
            guard case .string(let s) = item.kind else { throw TOMLError(item.location, "'\(key)' must hold strings, found \(item.typeName)") }
            return s
        }
    }

    public func table(_ key: String) throws -> TOMLReader? {
        guard let v = table[key] else { return nil }
        guard case .table(let t) = v.kind else { throw TOMLError(v.location, "'\(key)' must be a table, found \(v.typeName)") }
        return TOMLReader(t, name: name.isEmpty ? key : "\(name).\(key)")
    }

    /// `[[key]]` entries.
    public func tables(_ key: String) throws -> [TOMLReader] {
        guard let v = table[key] else { return [] }
        guard case .array(let items) = v.kind else { throw TOMLError(v.location, "'\(key)' must be written as [[\(key)]] tables, found \(v.typeName)") }
        return try items.map { item in
            guard case .table(let t) = item.kind else { throw TOMLError(item.location, "'\(key)' entries must be tables") }
            return TOMLReader(t, name: name.isEmpty ? key : "\(name).\(key)")
        }
    }
}
