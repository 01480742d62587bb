/// A JSON value read from a file, with the line and column where it starts, so that a message
/// about it names the place (`session.json:12:17: error: field 'step': expected an integer`).
/// Objects keep their members in order, each key with its own place.
public struct LocatedJSON: Sendable {
    public enum Kind: Sendable {
        case null
        case bool(Bool)
        /// A number written as an integer that fits 64 bits.
        case integer(Int64)
        /// Any other number (a fraction, an exponent, or too large for 64 bits), as written.
        case number(String)
        case string(String)
        case array([LocatedJSON])
        case object([Member])
    }

    public struct Member: Sendable {
        public var key: String
        public var keyLine: Int
        public var keyColumn: Int
        public var value: LocatedJSON
    }

    public var kind: Kind
    /// 1-based line and column (in bytes) of the value's first character.
    public var line: Int
    public var column: Int

    /// The member `key` of an object (nil for a missing key or a value that is not an object).
    public subscript(key: String) -> LocatedJSON? {
        guard case .object(let members) = kind else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// "an integer", "a string", ... for messages.
    public var typeName: String {
        switch kind {
        case .null: "null"
        case .bool: "true or false"
        case .integer: "an integer"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The deepest arrays and objects nest (the parser recurses that deep, no more).
    public static let maxDepth = 64

    /// Parses `bytes` as one JSON value (RFC 8259). Anything else is a `LocatedJSON.Error` at
    /// the line and column where the text stopped being JSON; duplicate keys are errors too.
    public static func parse(_ bytes: [UInt8]) throws -> LocatedJSON {
        var p = Parser(b: bytes)
        p.skipSpace()
        if p.i == 0 && bytes.starts(with: [0xef, 0xbb, 0xbf]) { p.i = 3; p.skipSpace() }
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw p.error("unexpected text after the JSON value") }
        return v
    }

    /// Where and why the text is not JSON.
    public struct Error: Swift.Error, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    struct Parser {
        let b: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0

        var peek: UInt8? { i < b.count ? b[i] : nil }

        func error(_ m: String, at offset: Int? = nil, line l: Int? = nil, lineStart ls: Int? = nil) -> Error {
            Error(line: l ?? line, column: (offset ?? i) - (ls ?? lineStart) + 1, message: m)
        }

        func shown(_ c: UInt8) -> String {
            c >= 0x20 && c < 0x7f ? "'\(String(UnicodeScalar(c)))'" : "byte 0x\(String(c, radix: 16))"
        }

        mutating func skipSpace() {
            while let c = peek, c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d {
                if c == 0x0a { line += 1; lineStart = i + 1 }
                i += 1
            }
        }

        mutating func value(depth: Int) throws -> LocatedJSON {
            guard depth < LocatedJSON.maxDepth else { throw error("arrays and objects nested more than \(LocatedJSON.maxDepth) deep") }
            let (l, c) = (line, i - lineStart + 1)
            guard let ch = peek else { throw error("expected a value, found the end of the file") }
            func at(_ k: Kind) -> LocatedJSON { LocatedJSON(kind: k, line: l, column: c) }
            switch ch {
            case UInt8(ascii: "{"):
                i += 1
                var members: [Member] = []
                var seen: Set<String> = []
                skipSpace()
                if peek == UInt8(ascii: "}") { i += 1; return at(.object([])) }
                while true {
                    skipSpace()
                    guard peek == UInt8(ascii: "\"") else {
                        throw error(peek.map { "expected a \"key\" in the object, found \(shown($0))" } ?? "expected a \"key\", found the end of the file")
                    }
                    let (kl, kc) = (line, i - lineStart + 1)
                    let key = try string()
                    guard seen.insert(key).inserted else { throw Error(line: kl, column: kc, message: "the key \"\(key)\" appears twice in this object") }
                    skipSpace()
                    guard peek == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\"") }
                    i += 1
                    skipSpace()
                    members.append(Member(key: key, keyLine: kl, keyColumn: kc, value: try value(depth: depth + 1)))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    guard peek == UInt8(ascii: "}") else { throw error(peek == nil ? "expected ',' or '}', found the end of the file" : "expected ',' or '}' in the object") }
                    i += 1
                    return at(.object(members))
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [LocatedJSON] = []
                skipSpace()
                if peek == UInt8(ascii: "]") { i += 1; return at(.array([])) }
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    guard peek == UInt8(ascii: "]") else { throw error(peek == nil ? "expected ',' or ']', found the end of the file" : "expected ',' or ']' in the array") }
                    i += 1
                    return at(.array(items))
                }
            case UInt8(ascii: "\""):
                return at(.string(try string()))
            case UInt8(ascii: "t"): try word("true"); return at(.bool(true))
            case UInt8(ascii: "f"): try word("false"); return at(.bool(false))
            case UInt8(ascii: "n"): try word("null"); return at(.null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return at(try number())
            default:
                throw error("expected a value (an object, array, string, number, true, false or null), found \(shown(ch))")
            }
        }

        mutating func word(_ w: String) throws {
            let bytes = Array(w.utf8)
            guard b[i...].starts(with: bytes) else { throw error("expected a value (did you mean \(w)?)") }
            i += bytes.count
        }

        mutating func number() throws -> Kind {
            let start = i
            if peek == UInt8(ascii: "-") { i += 1 }
            func digits() -> Int { let s = i; while let c = peek, c >= 0x30 && c <= 0x39 { i += 1 }; return i - s }
            guard let first = peek, first >= 0x30 && first <= 0x39 else { throw error("expected a digit") }
            let intDigits = digits()
            if first == 0x30 && intDigits > 1 { throw error("a number may not start with 0", at: start) }
            var integral = true
            if peek == UInt8(ascii: ".") {
                i += 1; integral = false
                guard digits() > 0 else { throw error("expected a digit after '.'") }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1; integral = false
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw error("expected a digit in the exponent") }
            }
            let text = String(decoding: b[start..<i], as: UTF8.self)
            if integral, let v = Int64(text) { return .integer(v) }
            return .number(text)
        }

        mutating func string() throws -> String {
            let (sl, sls, so) = (line, lineStart, i)
            i += 1
            var out: [UInt8] = []
            while true {
                guard let c = peek else { throw error("unterminated string (it starts here)", at: so, line: sl, lineStart: sls) }
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw error("a raw control character (\(shown(c))) inside a string: write it as \\u00\(c < 16 ? "0" : "")\(String(c, radix: 16))") }
                if c == UInt8(ascii: "\\") {
                    i += 1
                    guard let e = peek else { throw error("unterminated string (it starts here)", at: so, line: sl, lineStart: sls) }
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5c)
                    case UInt8(ascii: "/"): out.append(0x2f)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0c)
                    case UInt8(ascii: "n"): out.append(0x0a)
                    case UInt8(ascii: "r"): out.append(0x0d)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var v = try hex4()
                        if v >= 0xd800 && v < 0xdc00 {
                            // A surrogate pair: the second half must follow.
                            guard peek == UInt8(ascii: "\\"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "u") else {
                                throw error("\\u\(String(v, radix: 16)) is half of a surrogate pair; the other half is missing")
                            }
                            i += 2
                            let low = try hex4()
                            guard low >= 0xdc00 && low < 0xe000 else { throw error("\\u\(String(low, radix: 16)) is not the second half of a surrogate pair") }
                            v = 0x10000 + ((v - 0xd800) << 10) + (low - 0xdc00)
                        } else if v >= 0xdc00 && v < 0xe000 {
                            throw error("\\u\(String(v, radix: 16)) is half of a surrogate pair; the first half is missing")
                        }
                        out.append(contentsOf: Array(String(Character(UnicodeScalar(v)!)).utf8))
                    default:
                        throw error("unknown escape \\\(String(UnicodeScalar(e))) in a string (expected \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", at: i - 2)
                    }
                    continue
                }
                out.append(c)
                i += 1
            }
            let s = String(decoding: out, as: UTF8.self)
            guard s.utf8.elementsEqual(out) else { throw error("the string is not valid UTF-8", at: so, line: sl, lineStart: sls) }
            return s
        }

        mutating func hex4() throws -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let c = peek else { throw error("expected 4 hex digits after \\u") }
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw error("expected 4 hex digits after \\u")
                }
                v = v << 4 | d
                i += 1
            }
            return v
        }
    }
}
