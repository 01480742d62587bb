/// Tokens of one (preprocessed) statement line.
struct Token {
    enum Kind: Equatable {
        case identifier(String)
        case number(Int64)
        case string([UInt8])
        /// `1b` / `1f`: a numeric local label reference.
        case localRef(Int, forward: Bool)
        case punct(String)
    }
    var kind: Kind
    /// Byte range in the line.
    var start: Int
    var end: Int
    var location: SourceLocation
    /// The line's bytes (shared, not copied), to render `text` only when a message needs it.
    var source: [UInt8]
    /// The source text, for messages ('x0', '#3').
    var text: String { start < end && end <= source.count ? quoted(source[start..<end]) : "'?'" }

    var identifier: String? { if case .identifier(let s) = kind { return s }; return nil }
    func isPunct(_ p: String) -> Bool { if case .punct(let q) = kind { return q == p }; return false }
}

enum Lexer {
    static func isIdentStart(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 36
    }
    static func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 48 && c <= 57) }

    static let twoCharPuncts: Set<String> = ["<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "<>"]
    static let oneCharPuncts: Set<UInt8> = Set(",[]!#:=+-*/%&|^~(){}<>@;".utf8)

    /// Splits a line into tokens. Never fails silently: any byte that cannot start a token is an
    /// error naming its column.
    static func tokenize(_ line: SourceLine, from: Int = 0, to: Int? = nil) throws -> [Token] {
        let t = line.text
        let end = to ?? t.count
        var tokens: [Token] = []
        var i = from
        while i < end {
            let c = t[i]
            if c == 0x20 || c == 0x09 || c == 0x0c || c == 0x0b || c == 0x0d { i += 1; continue }
            let s = i
            let loc = line.location(at: i)
            if isIdentStart(c) {
                while i < end && isIdentChar(t[i]) { i += 1 }
                tokens.append(Token(kind: .identifier(String(decoding: t[s..<i], as: UTF8.self)), start: s, end: i, location: loc, source: t))
                continue
            }
            if c >= 48 && c <= 57 {
                while i < end && isIdentChar(t[i]) && t[i] != 0x2e && t[i] != 0x24 { i += 1 }
                let word = Array(t[s..<i])
                tokens.append(Token(kind: try number(word, loc), start: s, end: i, location: loc, source: t))
                continue
            }
            if c == 0x22 {
                i += 1
                var bytes: [UInt8] = []
                var closed = false
                while i < end {
                    let b = t[i]
                    if b == 0x22 { closed = true; i += 1; break }
                    if b == 0x5c {
                        let (v, n) = try escape(t, i + 1, end, line)
                        bytes.append(v); i += 1 + n; continue
                    }
                    bytes.append(b); i += 1
                }
                guard closed else { throw AssemblyError(loc, "unterminated string: expected a closing '\"'") }
                tokens.append(Token(kind: .string(bytes), start: s, end: i, location: loc, source: t))
                continue
            }
            if c == 0x27 {
                // 'c' (C style) or 'c (GNU as style)
                guard i + 1 < end else { throw AssemblyError(loc, "expected a character after '") }
                var v: UInt8
                if t[i + 1] == 0x5c {
                    let (x, n) = try escape(t, i + 2, end, line)
                    v = x; i += 2 + n
                } else { v = t[i + 1]; i += 2 }
                if i < end && t[i] == 0x27 { i += 1 }
                tokens.append(Token(kind: .number(Int64(v)), start: s, end: i, location: loc, source: t))
                continue
            }
            if i + 1 < end {
                let two = String(decoding: t[i..<(i + 2)], as: UTF8.self)
                if twoCharPuncts.contains(two) {
                    i += 2
                    tokens.append(Token(kind: .punct(two), start: s, end: i, location: loc, source: t))
                    continue
                }
            }
            if oneCharPuncts.contains(c) {
                i += 1
                let p = String(Character(Unicode.Scalar(c)))
                tokens.append(Token(kind: .punct(p), start: s, end: i, location: loc, source: t))
                continue
            }
            if c >= 0x80 { throw AssemblyError(loc, "unexpected non-ASCII byte 0x\(String(c, radix: 16)) outside a string") }
            throw AssemblyError(loc, "unexpected character \(quoted(t[s..<(s + 1)]))")
        }
        return tokens
    }

    static func escape(_ t: [UInt8], _ i: Int, _ end: Int, _ line: SourceLine) throws -> (UInt8, Int) {
        guard i < end else { throw AssemblyError(line.location(at: i - 1), "unterminated escape sequence") }
        switch t[i] {
        case UInt8(ascii: "n"): return (10, 1)
        case UInt8(ascii: "t"): return (9, 1)
        case UInt8(ascii: "r"): return (13, 1)
        case UInt8(ascii: "b"): return (8, 1)
        case UInt8(ascii: "f"): return (12, 1)
        case UInt8(ascii: "v"): return (11, 1)
        case UInt8(ascii: "a"): return (7, 1)
        case UInt8(ascii: "e"): return (27, 1)
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            var v = 0, n = 1
            while i + n < end, let d = hexDigit(t[i + n]) { v = (v * 16 + d) & 0xff; n += 1 }
            guard n > 1 else { throw AssemblyError(line.location(at: i), "expected hex digits after \\x") }
            return (UInt8(v), n)
        case 48...55:
            var v = 0, n = 0
            while n < 3, i + n < end, t[i + n] >= 48, t[i + n] <= 55 { v = v * 8 + Int(t[i + n] - 48); n += 1 }
            return (UInt8(v & 0xff), n)
        default: return (t[i], 1)
        }
    }

    static func hexDigit(_ c: UInt8) -> Int? {
        switch c {
        case 48...57: return Int(c - 48)
        case 97...102: return Int(c - 87)
        case 65...70: return Int(c - 55)
        default: return nil
        }
    }

    static func number(_ word: [UInt8], _ loc: SourceLocation) throws -> Token.Kind {
        // A C integer suffix is skipped, as GNU as does: an optional `u`/`U`, then any number of
        // `l`/`L` (`0x08U`, `1UL`, `1ULL`; not `LU`).
        var w = word
        var e = w.count
        while e > 1 && (w[e - 1] | 0x20) == UInt8(ascii: "l") { e -= 1 }
        if e > 1 && (w[e - 1] | 0x20) == UInt8(ascii: "u") { e -= 1 }
        if e < w.count, w[e - 1] >= 48 && w[e - 1] <= 57 || (w.count > 2 && w[1] | 0x20 == UInt8(ascii: "x") && hexDigit(w[e - 1]) != nil && e > 2) {
            w = Array(w[..<e])
        }
        if w.count <= 18, w.first != 48 || w.count == 1, w.allSatisfy({ $0 >= 48 && $0 <= 57 }) {
            var v: Int64 = 0
            for c in w { v = v * 10 + Int64(c - 48) }
            return .number(v)
        }
        let s = String(decoding: w, as: UTF8.self)
        let lower = s.lowercased()
        // Local label references: digits followed by b or f.
        if let last = lower.last, last == "b" || last == "f", lower.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }),
           !(lower.hasPrefix("0b") && lower.count > 2), let n = Int(lower.dropLast()) {
            return .localRef(n, forward: last == "f")
        }
        var radix = 10
        var digits = Substring(lower)
        if lower.hasPrefix("0x") { radix = 16; digits = digits.dropFirst(2) }
        else if lower.hasPrefix("0b") { radix = 2; digits = digits.dropFirst(2) }
        else if lower.count > 1 && lower.hasPrefix("0") { radix = 8; digits = digits.dropFirst(1) }
        guard !digits.isEmpty else { throw AssemblyError(loc, "invalid number \(quoted(s))") }
        guard let v = UInt64(digits, radix: radix) else {
            if digits.allSatisfy({ $0.isHexDigit }) && UInt64(digits.prefix(1), radix: radix) != nil,
               digits.allSatisfy({ Int(String($0), radix: radix) != nil }) {
                throw AssemblyError(loc, "number \(quoted(s)) does not fit in 64 bits")
            }
            throw AssemblyError(loc, "invalid number \(quoted(s))")
        }
        return .number(Int64(bitPattern: v))
    }
}
