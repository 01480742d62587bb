/// The controlling expression of `#if`/`#elif`, evaluated as cpp does (C17 6.10.1): after
/// `defined` and macro expansion, remaining identifiers are 0; integers are `intmax_t` or, with
/// a `u` suffix or a value too large for it, `uintmax_t` (64 bits), and the usual arithmetic
/// conversions apply (`-1 < 0u` is false). Every C operator: `?:`, `,`, `||`, `&&`, `|`, `^`,
/// `&`, equality, relational, shifts, `+ - * / %`, unary `+ - ~ !`, parentheses; character
/// constants (`'a'`, `'\n'`, `'\x41'`, `'\0'`; plain `char` is unsigned, as on AArch64).
/// Operands that are not evaluated (`0 && 1/0`) raise no error, as in cpp.
struct ConditionExpression {
    struct Number: Equatable {
        var value: UInt64
        var unsigned: Bool
        var signed: Int64 { Int64(bitPattern: value) }
        static func bool(_ b: Bool) -> Number { Number(value: b ? 1 : 0, unsigned: false) }
        var isTrue: Bool { value != 0 }
    }

    enum TokenKind: Equatable {
        case number(Number)
        case identifier
        case punct(String)
    }
    struct Token {
        var kind: TokenKind
        var start: Int
        var end: Int
    }

    let line: SourceLine
    var tokens: [Token] = []
    var index = 0
    var depth = 0

    /// Evaluates `line` (already macro-expanded) to true or false.
    static func evaluate(_ line: SourceLine, directive: String) throws -> Bool {
        var e = ConditionExpression(line: line)
        try e.tokenize()
        guard !e.tokens.isEmpty else {
            throw AssemblyError(line.location(at: line.text.count), "expected an expression after #\(directive)")
        }
        let v = try e.comma(evaluated: true)
        if e.index < e.tokens.count {
            let t = e.tokens[e.index]
            throw AssemblyError(line.location(at: t.start), "unexpected \(e.text(t)) in #\(directive) expression (missing operator?)")
        }
        return v.isTrue
    }

    func text(_ t: Token) -> String { quoted(line.text[t.start..<t.end]) }

    // MARK: Tokens

    static let puncts2: Set<String> = ["||", "&&", "==", "!=", "<=", ">=", "<<", ">>"]
    static let puncts1: Set<UInt8> = Set("()?:,|^&<>+-*/%~!".utf8)

    mutating func tokenize() throws {
        let t = line.text
        var i = 0
        while i < t.count {
            let c = t[i]
            if c == 0x20 || c == 0x09 || c == 0x0b || c == 0x0c || c == 0x0d { i += 1; continue }
            let s = i
            if isIdentStart(c) {
                while i < t.count && isIdentChar(t[i]) { i += 1 }
                tokens.append(Token(kind: .identifier, start: s, end: i))
                continue
            }
            if (c >= 48 && c <= 57) || (c == 0x2e && i + 1 < t.count && t[i + 1] >= 48 && t[i + 1] <= 57) {
                // A preprocessing number: digits, letters, '.', and e+/e-/p+/p- pairs.
                i += 1
                while i < t.count {
                    let d = t[i]
                    if (d == 0x2b || d == 0x2d), let p = Optional(t[i - 1] | 0x20), p == UInt8(ascii: "e") || p == UInt8(ascii: "p") {
                        i += 1; continue
                    }
                    if isIdentChar(d) || d == 0x2e { i += 1; continue }
                    break
                }
                tokens.append(Token(kind: .number(try number(s, i)), start: s, end: i))
                continue
            }
            if c == 0x27 || ((c == UInt8(ascii: "L") || c == UInt8(ascii: "u") || c == UInt8(ascii: "U")) && i + 1 < t.count && t[i + 1] == 0x27) {
                let (n, e) = try character(s)
                tokens.append(Token(kind: .number(n), start: s, end: e))
                i = e
                continue
            }
            if c == 0x22 {
                throw AssemblyError(line.location(at: s), "a string is not allowed in a #if expression")
            }
            if i + 1 < t.count, Self.puncts2.contains(String(decoding: t[i...(i + 1)], as: UTF8.self)) {
                tokens.append(Token(kind: .punct(String(decoding: t[i...(i + 1)], as: UTF8.self)), start: s, end: i + 2))
                i += 2
                continue
            }
            if Self.puncts1.contains(c) {
                tokens.append(Token(kind: .punct(String(UnicodeScalar(c))), start: s, end: i + 1))
                i += 1
                continue
            }
            if c >= 0x80 { throw AssemblyError(line.location(at: s), "unexpected non-ASCII byte 0x\(String(c, radix: 16)) in a #if expression") }
            throw AssemblyError(line.location(at: s), "unexpected \(quoted(t[s..<(s + 1)])) in a #if expression")
        }
    }

    func isIdentStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 36 }
    func isIdentChar(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 48 && c <= 57) }

    /// An integer constant with its C suffix: `u`/`U` and `l`/`L`/`ll`/`LL` in either order.
    func number(_ s: Int, _ e: Int) throws -> Number {
        let word = Array(line.text[s..<e])
        let loc = line.location(at: s)
        var radix: UInt64 = 10
        var i = 0
        if word.count >= 2, word[0] == 48, word[1] | 0x20 == UInt8(ascii: "x") { radix = 16; i = 2 }
        else if word.count >= 2, word[0] == 48, word[1] | 0x20 == UInt8(ascii: "b") { radix = 2; i = 2 }
        else if word[0] == 48 { radix = 8 }
        let digitsStart = i
        var value: UInt64 = 0
        var overflow = false
        while i < word.count {
            let c = word[i]
            let d: UInt64
            switch c {
            case 48...57: d = UInt64(c - 48)
            case 97...102 where radix == 16: d = UInt64(c - 87)
            case 65...70 where radix == 16: d = UInt64(c - 55)
            default: d = 99
            }
            if d == 99 { break }
            if d >= radix {
                throw AssemblyError(loc, "invalid digit \"\(Character(UnicodeScalar(c)))\" in \(radix == 8 ? "octal" : "binary") constant")
            }
            let (m, o1) = value.multipliedReportingOverflow(by: radix)
            let (a, o2) = m.addingReportingOverflow(d)
            overflow = overflow || o1 || o2
            value = a
            i += 1
        }
        if radix != 8 && i == digitsStart {
            throw AssemblyError(loc, "invalid integer constant \(quoted(word[...]))")
        }
        if i < word.count && (word[i] == 0x2e || (radix == 10 && word[i] | 0x20 == UInt8(ascii: "e"))) {
            throw AssemblyError(loc, "floating constant \(quoted(word[...])) in a #if expression")
        }
        let suffix = String(decoding: word[i...], as: UTF8.self)
        let valid: Set<String> = ["", "u", "U", "l", "L", "ll", "LL", "ul", "uL", "Ul", "UL", "lu", "lU", "Lu", "LU",
                                  "ull", "uLL", "Ull", "ULL", "llu", "llU", "LLu", "LLU"]
        guard valid.contains(suffix) else {
            throw AssemblyError(line.location(at: s + i), "invalid suffix \"\(suffix)\" on integer constant")
        }
        if overflow { throw AssemblyError(loc, "integer constant \(quoted(word[...])) is too large for its type") }
        // Too large for intmax_t: unsigned (gcc warns "so large that it is unsigned").
        let unsigned = suffix.lowercased().contains("u") || value > UInt64(Int64.max)
        return Number(value: value, unsigned: unsigned)
    }

    /// `'c'`, `'\n'`, `'\x41'`, `'\101'`, multi-character `'ab'` (an int, as gcc computes it).
    func character(_ s: Int) throws -> (Number, Int) {
        let t = line.text
        var i = s
        if t[i] != 0x27 { i += 1 }   // L'x', u'x', U'x'
        i += 1
        var chars: [UInt64] = []
        while i < t.count && t[i] != 0x27 {
            if t[i] == 0x5c {
                guard i + 1 < t.count else { break }
                let e = t[i + 1]
                switch e {
                case UInt8(ascii: "n"): chars.append(10); i += 2
                case UInt8(ascii: "t"): chars.append(9); i += 2
                case UInt8(ascii: "r"): chars.append(13); i += 2
                case UInt8(ascii: "a"): chars.append(7); i += 2
                case UInt8(ascii: "b"): chars.append(8); i += 2
                case UInt8(ascii: "f"): chars.append(12); i += 2
                case UInt8(ascii: "v"): chars.append(11); i += 2
                case UInt8(ascii: "e"): chars.append(27); i += 2
                case UInt8(ascii: "x"):
                    var v: UInt64 = 0, k = i + 2
                    while k < t.count, let d = Lexer.hexDigit(t[k]) { v = (v << 4 | UInt64(d)) & 0xffff_ffff; k += 1 }
                    guard k > i + 2 else { throw AssemblyError(line.location(at: i), "\\x used with no following hex digits") }
                    chars.append(v & 0xff); i = k
                case 48...55:
                    var v: UInt64 = 0, k = i + 1
                    while k < t.count, k < i + 4, t[k] >= 48, t[k] <= 55 { v = v * 8 + UInt64(t[k] - 48); k += 1 }
                    chars.append(v & 0xff); i = k
                default: chars.append(UInt64(e)); i += 2
                }
                continue
            }
            chars.append(UInt64(t[i])); i += 1
        }
        guard i < t.count else { throw AssemblyError(line.location(at: s), "missing terminating ' character") }
        guard !chars.isEmpty else { throw AssemblyError(line.location(at: s), "empty character constant") }
        var v: UInt64 = 0
        for c in chars.suffix(4) { v = (v << 8) | c }
        // One char: plain char (unsigned on AArch64) promoted to int; several: an int.
        if chars.count > 1 { v = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: v))) }
        return (Number(value: v, unsigned: false), i + 1)
    }

    // MARK: Grammar (lowest precedence first)

    var current: Token? { index < tokens.count ? tokens[index] : nil }
    func isPunct(_ p: String) -> Bool { if let t = current, case .punct(let q) = t.kind { return q == p }; return false }
    var endLocation: SourceLocation { line.location(at: tokens.last?.end ?? line.text.count) }
    var here: SourceLocation { current.map { line.location(at: $0.start) } ?? endLocation }
    func found() -> String { current.map { text($0) } ?? "end of line" }

    mutating func comma(evaluated: Bool) throws -> Number {
        var v = try conditional(evaluated: evaluated)
        while isPunct(",") {
            index += 1
            v = try conditional(evaluated: evaluated)
        }
        return v
    }

    mutating func conditional(evaluated: Bool) throws -> Number {
        let c = try binary(0, evaluated: evaluated)
        guard isPunct("?") else { return c }
        index += 1
        let a = try comma(evaluated: evaluated && c.isTrue)
        guard isPunct(":") else { throw AssemblyError(here, "expected ':' in a #if expression but found \(found())") }
        index += 1
        let b = try conditional(evaluated: evaluated && !c.isTrue)
        let unsigned = a.unsigned || b.unsigned
        return Number(value: c.isTrue ? a.value : b.value, unsigned: unsigned)
    }

    static let levels: [[String]] = [["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="],
                                     ["<<", ">>"], ["+", "-"], ["*", "/", "%"]]

    mutating func binary(_ level: Int, evaluated: Bool) throws -> Number {
        if level == Self.levels.count { return try unary(evaluated: evaluated) }
        var lhs = try binary(level + 1, evaluated: evaluated)
        while let t = current, case .punct(let op) = t.kind, Self.levels[level].contains(op) {
            index += 1
            let rhsEvaluated = evaluated && (op == "&&" ? lhs.isTrue : op == "||" ? !lhs.isTrue : true)
            let rhs = try binary(level + 1, evaluated: rhsEvaluated)
            lhs = try apply(op, lhs, rhs, evaluated: evaluated, at: line.location(at: t.start))
        }
        return lhs
    }

    func apply(_ op: String, _ a: Number, _ b: Number, evaluated: Bool, at loc: SourceLocation) throws -> Number {
        switch op {
        case "||": return .bool(a.isTrue || b.isTrue)
        case "&&": return .bool(a.isTrue && b.isTrue)
        case "<<", ">>":
            // The result has the left operand's type; a negative count shifts the other way.
            var left = op == "<<"
            var n = b.unsigned ? (b.value > 64 ? 64 : Int(b.value)) : Int(max(-64, min(64, b.signed)))
            if n < 0 { left.toggle(); n = -n }
            if left { return Number(value: n >= 64 ? 0 : a.value << UInt64(n), unsigned: a.unsigned) }
            if a.unsigned { return Number(value: n >= 64 ? 0 : a.value >> UInt64(n), unsigned: true) }
            return Number(value: UInt64(bitPattern: n >= 64 ? (a.signed < 0 ? -1 : 0) : a.signed >> Int64(n)), unsigned: false)
        default: break
        }
        let unsigned = a.unsigned || b.unsigned
        switch op {
        case "|": return Number(value: a.value | b.value, unsigned: unsigned)
        case "^": return Number(value: a.value ^ b.value, unsigned: unsigned)
        case "&": return Number(value: a.value & b.value, unsigned: unsigned)
        case "==": return .bool(a.value == b.value)
        case "!=": return .bool(a.value != b.value)
        case "<": return .bool(unsigned ? a.value < b.value : a.signed < b.signed)
        case ">": return .bool(unsigned ? a.value > b.value : a.signed > b.signed)
        case "<=": return .bool(unsigned ? a.value <= b.value : a.signed <= b.signed)
        case ">=": return .bool(unsigned ? a.value >= b.value : a.signed >= b.signed)
        case "+": return Number(value: a.value &+ b.value, unsigned: unsigned)
        case "-": return Number(value: a.value &- b.value, unsigned: unsigned)
        case "*": return Number(value: a.value &* b.value, unsigned: unsigned)
        default:
            guard b.value != 0 else {
                if !evaluated { return Number(value: 0, unsigned: unsigned) }
                throw AssemblyError(loc, "division by zero in #if")
            }
            if unsigned { return Number(value: op == "/" ? a.value / b.value : a.value % b.value, unsigned: true) }
            if b.signed == -1 { return Number(value: op == "/" ? 0 &- a.value : 0, unsigned: false) }
            return Number(value: UInt64(bitPattern: op == "/" ? a.signed / b.signed : a.signed % b.signed), unsigned: false)
        }
    }

    mutating func unary(evaluated: Bool) throws -> Number {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw AssemblyError(here, "#if expression nested too deeply") }
        guard let t = current else { throw AssemblyError(endLocation, "expected a value in a #if expression but found end of line") }
        switch t.kind {
        case .number(let n):
            index += 1
            return n
        case .identifier:
            index += 1
            if isPunct("(") {
                throw AssemblyError(line.location(at: t.start), "function-like macro \(text(t)) is not defined (a call in a #if expression)")
            }
            return Number(value: 0, unsigned: false)
        case .punct(let p):
            switch p {
            case "(":
                index += 1
                let v = try comma(evaluated: evaluated)
                guard isPunct(")") else { throw AssemblyError(here, "expected ')' in a #if expression but found \(found())") }
                index += 1
                return v
            case "+": index += 1; return try unary(evaluated: evaluated)
            case "-": index += 1; let v = try unary(evaluated: evaluated); return Number(value: 0 &- v.value, unsigned: v.unsigned)
            case "~": index += 1; let v = try unary(evaluated: evaluated); return Number(value: ~v.value, unsigned: v.unsigned)
            case "!": index += 1; return .bool(!(try unary(evaluated: evaluated)).isTrue)
            default:
                throw AssemblyError(line.location(at: t.start), "expected a value in a #if expression but found \(text(t))")
            }
        }
    }
}
