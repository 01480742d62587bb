import Foundation
import SafeIO

/// A TOML value with the place it was written, so that a manifest or theme error names
/// file:line:column.
public struct TOMLValue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string(String)
        case integer(Int64)
        case bool(Bool)
        case array([TOMLValue])
        case table(TOMLTable)
    }
    public var kind: Kind
    public var location: TOMLLocation

    public var typeName: String {
        switch kind {
        case .string: "a string"
        case .integer: "an integer"
        case .bool: "a boolean"
        case .array: "an array"
        case .table: "a table"
        }
    }
}

public struct TOMLLocation: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file):\(line):\(column)" }
}

/// A table: keys in the order written, each with its value and where the key was written.
public struct TOMLTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]
    /// Where each key was written (for messages about the key itself: unknown, misplaced).
    public private(set) var keyLocations: [String: TOMLLocation] = [:]
    /// Where the table was opened (`[name]`), or the file start for the root.
    public var location: TOMLLocation

    public init(location: TOMLLocation) { self.location = location }

    public subscript(key: String) -> TOMLValue? { values[key] }

    /// Where `key` was written (the table's own place when it was not).
    public func keyLocation(_ key: String) -> TOMLLocation { keyLocations[key] ?? values[key]?.location ?? location }

    mutating func set(_ key: String, _ v: TOMLValue, keyAt: TOMLLocation? = nil) {
        if values[key] == nil && keyLocations[key] == nil { keys.append(key) }
        if keyLocations[key] == nil { keyLocations[key] = keyAt ?? v.location }
        values[key] = v
    }

    /// Removes the value at `key` for an update in place (its place in `keys` stays; `set`
    /// puts it back): a table held only here is then changed without being copied.
    mutating func take(_ key: String) -> TOMLValue? { values.removeValue(forKey: key) }
}

/// An error in a TOML file or in what it says: `file:line:column: error: message`.
public struct TOMLError: Error, CustomStringConvertible, Equatable, Sendable {
    public var location: TOMLLocation
    public var message: String
    public init(_ location: TOMLLocation, _ message: String) { self.location = location; self.message = message }
    public var description: String { "\(location): error: \(message)" }
}

/// The TOML SuspendScope's manifests and themes use (TOML 1.0 minus dates and floats):
/// `key = value`, dotted and quoted keys, `[table]`, `[[array of tables]]`, basic and literal
/// strings (single- and multi-line), integers (decimal, `0x`, `0o`, `0b`, `_` separators),
/// booleans, arrays (multi-line, trailing comma) and inline tables. Anything else is an error
/// naming line and column; nothing traps.
public enum TOML {
    /// The largest TOML text read (a manifest, theme or tour is a few kilobytes).
    public static let maxBytes = 4 << 20
    /// The most parts a dotted key or table name has, and the deepest arrays and inline tables
    /// nest: every file kind is bounded, whatever its text (the README states the limits).
    public static let maxKeyParts = 32
    public static let maxNesting = 32

    public static func parse(_ text: String, file: String) throws -> TOMLTable {
        let bytes = Array(text.utf8)
        guard bytes.count <= maxBytes else {
            throw TOMLError(TOMLLocation(file: file, line: 1, column: 1), "the file is \(bytes.count) bytes, more than the \(maxBytes >> 20) MiB a TOML file may have")
        }
        var p = TOMLParser(bytes: bytes, file: file)
        return try p.document()
    }
}

struct TOMLParser {
    let b: [UInt8]
    let file: String
    var i = 0
    var line = 1
    var lineStart = 0

    init(bytes: [UInt8], file: String) { self.b = bytes; self.file = file }

    var loc: TOMLLocation { TOMLLocation(file: file, line: line, column: i - lineStart + 1) }
    var peek: UInt8? { i < b.count ? b[i] : nil }
    func peek(_ k: Int) -> UInt8? { i + k < b.count ? b[i + k] : nil }

    mutating func advance() {
        if b[i] == 0x0a { line += 1; lineStart = i + 1 }
        i += 1
    }

    func error(_ m: String) -> TOMLError { TOMLError(loc, m) }

    mutating func skipSpaces() { while let c = peek, c == 0x20 || c == 0x09 { advance() } }
    mutating func skipComment() {
        if peek == UInt8(ascii: "#") { while let c = peek, c != 0x0a { advance() } }
    }
    /// Spaces, comments and newlines (inside arrays).
    mutating func skipBlank() {
        while true {
            skipSpaces(); skipComment()
            if peek == 0x0a || (peek == 0x0d && peek(1) == 0x0a) { advance() } else { return }
        }
    }
    mutating func endOfLine() throws {
        skipSpaces(); skipComment()
        if peek == 0x0d { advance() }
        guard let c = peek else { return }
        guard c == 0x0a else { throw error("expected the end of the line, found '\(Self.show(c))'") }
        advance()
    }

    static func show(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7f ? String(UnicodeScalar(c)) : TerminalText.escape(UnicodeScalar(c))
    }

    mutating func document() throws -> TOMLTable {
        var root = TOMLTable(location: TOMLLocation(file: file, line: 1, column: 1))
        var current: [String] = []
        var explicitTables: Set<[String]> = []
        while true {
            skipBlank()
            guard let c = peek else { return root }
            if c == UInt8(ascii: "[") {
                let at = loc
                advance()
                let arrayOfTables = peek == UInt8(ascii: "[")
                if arrayOfTables { advance() }
                skipSpaces()
                let path = try keyPath()
                skipSpaces()
                guard peek == UInt8(ascii: "]") else { throw error("expected ']' to close the table header") }
                advance()
                if arrayOfTables {
                    guard peek == UInt8(ascii: "]") else { throw error("expected ']]' to close the array-of-tables header") }
                    advance()
                    try appendTable(&root, path, at)
                } else {
                    guard !explicitTables.contains(path) else { throw TOMLError(at, "table [\(path.joined(separator: "."))] is defined twice") }
                    explicitTables.insert(path)
                    try ensureTable(&root, path, at)
                }
                current = path
                try endOfLine()
                continue
            }
            let at = loc
            let path = try keyPath()
            skipSpaces()
            guard peek == UInt8(ascii: "=") else { throw error("expected '=' after the key '\(path.joined(separator: "."))'") }
            advance()
            skipSpaces()
            let v = try value()
            try insert(&root, current, path, v, at)
            try endOfLine()
        }
    }

    // MARK: Keys

    mutating func keyPath() throws -> [String] {
        var parts = [try simpleKey()]
        while true {
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { return parts }
            advance(); skipSpaces()
            guard parts.count < TOML.maxKeyParts else { throw error("a dotted key of more than \(TOML.maxKeyParts) parts") }
            parts.append(try simpleKey())
        }
    }

    mutating func simpleKey() throws -> String {
        guard let c = peek else { throw error("expected a key, found the end of the file") }
        if c == 0x22 || c == 0x27 { return try string() }
        var s: [UInt8] = []
        while let c = peek, Self.isBareKey(c) { s.append(c); advance() }
        guard !s.isEmpty else { throw error("expected a key (letters, digits, '-', '_'), found '\(Self.show(c))'") }
        return String(decoding: s, as: UTF8.self)
    }

    static func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x2d || c == 0x5f
    }

    // MARK: Values

    mutating func value(depth: Int = 0) throws -> TOMLValue {
        guard depth < TOML.maxNesting else { throw error("arrays and inline tables nested more than \(TOML.maxNesting) deep") }
        let at = loc
        guard let c = peek else { throw error("expected a value, found the end of the file") }
        switch c {
        case 0x22, 0x27:
            return TOMLValue(kind: .string(try string()), location: at)
        case UInt8(ascii: "["):
            advance()
            var items: [TOMLValue] = []
            while true {
                skipBlank()
                if peek == UInt8(ascii: "]") { advance(); break }
                items.append(try value(depth: depth + 1))
                skipBlank()
                if peek == UInt8(ascii: ",") { advance(); continue }
                guard peek == UInt8(ascii: "]") else { throw error("expected ',' or ']' in the array") }
                advance(); break
            }
            return TOMLValue(kind: .array(items), location: at)
        case UInt8(ascii: "{"):
            advance()
            var t = TOMLTable(location: at)
            skipSpaces()
            if peek == UInt8(ascii: "}") { advance(); return TOMLValue(kind: .table(t), location: at) }
            while true {
                skipSpaces()
                let kat = loc
                let path = try keyPath()
                skipSpaces()
                guard peek == UInt8(ascii: "=") else { throw error("expected '=' in the inline table") }
                advance(); skipSpaces()
                let v = try value(depth: depth + 1)
                try insert(&t, [], path, v, kat)
                skipSpaces()
                if peek == UInt8(ascii: ",") { advance(); continue }
                guard peek == UInt8(ascii: "}") else { throw error("expected ',' or '}' in the inline table") }
                advance(); break
            }
            return TOMLValue(kind: .table(t), location: at)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if b[i...].starts(with: Array("true".utf8)) { for _ in 0..<4 { advance() }; return TOMLValue(kind: .bool(true), location: at) }
            if b[i...].starts(with: Array("false".utf8)) { for _ in 0..<5 { advance() }; return TOMLValue(kind: .bool(false), location: at) }
            throw error("expected a value (a string, an integer, true/false, an array or an inline table)")
        default:
            return TOMLValue(kind: .integer(try integer()), location: at)
        }
    }

    mutating func integer() throws -> Int64 {
        let at = loc
        var negative = false
        if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { negative = peek == UInt8(ascii: "-"); advance() }
        var radix: UInt64 = 10
        if peek == UInt8(ascii: "0"), let p = peek(1) {
            switch p {
            case UInt8(ascii: "x"): radix = 16
            case UInt8(ascii: "o"): radix = 8
            case UInt8(ascii: "b"): radix = 2
            default: break
            }
            if radix != 10 { advance(); advance() }
        }
        var v: UInt64 = 0
        var digits = 0
        var lastUnderscore = false
        while let c = peek {
            if c == UInt8(ascii: "_") {
                guard digits > 0, !lastUnderscore else { throw error("misplaced '_' in a number") }
                lastUnderscore = true; advance(); continue
            }
            let d: UInt64
            switch c {
            case 0x30...0x39: d = UInt64(c - 0x30)
            case 0x61...0x66: d = UInt64(c - 0x61 + 10)
            case 0x41...0x46: d = UInt64(c - 0x41 + 10)
            default: d = 99
            }
            if d == 99 { break }
            guard d < radix else { throw error("digit '\(Self.show(c))' is not valid in base \(radix)") }
            let (m, o1) = v.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(d)
            guard !o1, !o2 else { throw TOMLError(at, "integer out of range (at most 64 bits)") }
            v = a; digits += 1; lastUnderscore = false
            advance()
        }
        guard digits > 0, !lastUnderscore else {
            if let c = peek, digits == 0 { throw TOMLError(at, "expected a value (a string, an integer, true/false, an array or an inline table), found '\(Self.show(c))'") }
            throw TOMLError(at, "expected a number")
        }
        if let c = peek, c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: ":") {
            throw error("floats and dates are not supported here: expected an integer")
        }
        if negative {
            guard v <= UInt64(Int64.max) + 1 else { throw TOMLError(at, "integer out of range (at most 64 bits)") }
            return v == UInt64(Int64.max) + 1 ? Int64.min : -Int64(v)
        }
        // Hex, octal and binary constants above Int64.max (register values) keep their bit
        // pattern; a decimal one is out of range, as TOML says.
        guard radix != 10 || v <= UInt64(Int64.max) else { throw TOMLError(at, "integer out of range (a decimal integer is at most 9223372036854775807; write larger values in hex)") }
        return Int64(bitPattern: v)
    }

    mutating func string() throws -> String {
        let quote = b[i]
        let literal = quote == 0x27
        let start = loc
        let multi = peek(1) == quote && peek(2) == quote
        advance()
        if multi {
            advance(); advance()
            // A newline right after the opening delimiter is trimmed.
            if peek == 0x0a { advance() } else if peek == 0x0d && peek(1) == 0x0a { advance(); advance() }
        }
        var out: [UInt8] = []
        while true {
            guard let c = peek else { throw TOMLError(start, "unterminated string") }
            if c == quote {
                if !multi { advance(); break }
                if peek(1) == quote && peek(2) == quote { advance(); advance(); advance(); break }
            }
            if c == 0x0a && !multi { throw TOMLError(start, "unterminated string (a newline inside a single-line string)") }
            if c == 0x5c && !literal {
                advance()
                guard let e = peek else { throw TOMLError(start, "unterminated string") }
                switch e {
                case UInt8(ascii: "n"): out.append(0x0a); advance()
                case UInt8(ascii: "t"): out.append(0x09); advance()
                case UInt8(ascii: "r"): out.append(0x0d); advance()
                case UInt8(ascii: "\\"): out.append(0x5c); advance()
                case 0x22: out.append(0x22); advance()
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let n = e == UInt8(ascii: "u") ? 4 : 8
                    advance()
                    var v: UInt32 = 0
                    for _ in 0..<n {
                        guard let h = peek, let d = UInt32(String(UnicodeScalar(h)), radix: 16) else { throw error("expected \(n) hex digits after \\\(Self.show(e))") }
                        v = v << 4 | d; advance()
                    }
                    guard let u = UnicodeScalar(v) else { throw error("\\\(Self.show(e)) names no Unicode scalar") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                case _ where multi && (e == 0x0a || e == 0x20 || e == 0x09 || e == 0x0d):
                    // Line-ending backslash: trim the newline and following whitespace.
                    while let w = peek, w == 0x20 || w == 0x09 || w == 0x0a || w == 0x0d { advance() }
                default:
                    throw error("unknown escape '\\\(Self.show(e))' (expected \\n, \\t, \\r, \\\\, \\\", \\uXXXX)")
                }
                continue
            }
            out.append(c); advance()
        }
        // Decoded and compared, so an escaped NUL (\u0000) stays in the string.
        let s = String(decoding: out, as: UTF8.self)
        guard s.utf8.elementsEqual(out) else { throw TOMLError(start, "the string is not valid UTF-8") }
        return s
    }

    // MARK: Building tables

    func ensureTable(_ root: inout TOMLTable, _ path: [String], _ at: TOMLLocation) throws {
        _ = try withTable(&root, path, at, create: true) { _ in }
    }

    func appendTable(_ root: inout TOMLTable, _ path: [String], _ at: TOMLLocation) throws {
        let parent = Array(path.dropLast())
        let name = path.last!
        try withTable(&root, parent, at, create: true) { t in
            var items: [TOMLValue] = []
            var place = at
            if var existing = t.take(name) {
                place = existing.location
                let what = existing.typeName
                // (The first element says what the array holds: checking them all made each `[[x]]`
                // cost as much as the ones before it.)
                guard var a = Self.takeArray(&existing.kind), let first = a.first, case .table = first.kind else {
                    throw TOMLError(at, "'\(name)' is already \(what) (at \(place)), not an array of tables")
                }
                swap(&items, &a)            // moved, not copied: `items` holds the only reference
            }
            items.append(TOMLValue(kind: .table(TOMLTable(location: at)), location: at))
            t.set(name, TOMLValue(kind: .array(items), location: place), keyAt: at)
        }
    }

    func insert(_ root: inout TOMLTable, _ current: [String], _ path: [String], _ v: TOMLValue, _ at: TOMLLocation) throws {
        let full = current + path
        let parent = Array(full.dropLast())
        let name = full.last!
        try withTable(&root, parent, at, create: true) { t in
            if let existing = t[name] { throw TOMLError(at, "'\(name)' is already defined at \(existing.location)") }
            t.set(name, v, keyAt: at)
        }
    }

    /// The table `kind` holds, taken out of it (left `false`): the caller then holds the only
    /// reference, so changing it does not copy it. (Binding it in a `switch` would keep the
    /// switch's own copy alive, and every change would copy the whole table.)
    static func takeTable(_ kind: inout TOMLValue.Kind) -> TOMLTable? {
        guard case .table(let t) = kind else { return nil }
        kind = .bool(false)
        return t
    }

    /// The array `kind` holds, taken out of it (see `takeTable`).
    static func takeArray(_ kind: inout TOMLValue.Kind) -> [TOMLValue]? {
        guard case .array(let a) = kind else { return nil }
        kind = .bool(false)
        return a
    }

    /// Runs `body` on the table at `path` (the last element of an array of tables when the path
    /// goes through one), creating tables as needed. Each table on the way is taken out of its
    /// parent while it changes, so it is changed in place, not copied (a file with many keys
    /// reads in linear time). The path is at most 2 * `TOML.maxKeyParts` long.
    @discardableResult
    func withTable(_ t: inout TOMLTable, _ path: [String], _ at: TOMLLocation, create: Bool,
                   _ body: (inout TOMLTable) throws -> Void) throws -> Bool {
        guard let first = path.first else { try body(&t); return true }
        let rest = Array(path.dropFirst())
        var child = t.take(first) ?? TOMLValue(kind: .table(TOMLTable(location: at)), location: at)
        defer { t.set(first, child, keyAt: at) }
        let notATable = TOMLError(at, "'\(first)' is \(child.typeName) (at \(child.location)), not a table")
        if var sub = Self.takeTable(&child.kind) {
            defer { child.kind = .table(sub) }
            try withTable(&sub, rest, at, create: create, body)
        } else if var items = Self.takeArray(&child.kind) {
            defer { child.kind = .array(items) }
            guard let last = items.indices.last, var sub = Self.takeTable(&items[last].kind) else { throw notATable }
            defer { items[last].kind = .table(sub) }
            try withTable(&sub, rest, at, create: create, body)
        } else {
            throw notATable
        }
        return true
    }
}
