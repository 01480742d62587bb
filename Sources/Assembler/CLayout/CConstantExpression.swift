/// An integer constant expression of a C translation unit, evaluated in 64 bits as GCC folds
/// the values asm-offsets emits: integer and character literals (with `u`/`l` suffixes),
/// `sizeof` (of a type or a parenthesised expression's type is not needed: of a type),
/// `_Alignof`/`__alignof__`, `__builtin_offsetof(type, designator)`, casts to integer types,
/// unary `+ - ~ !`, the binary operators, `?:` and parentheses.
struct CConstantExpression {
    let unit: CTranslationUnit
    let end: Int
    var index: Int
    var depth = 0

    var tokens: [CToken] { unit.tokens }
    var peek: String? { index < end ? tokens[index].text : nil }

    mutating func expect(_ t: String) throws {
        guard peek == t else { throw unit.located(index, "expected '\(t)'\(peek.map { " but found '\($0)'" } ?? " at the end of the expression")") }
        index += 1
    }

    mutating func conditional() throws -> Int64 {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw unit.located(index, "expression nested too deeply") }
        let c = try binary(0)
        guard peek == "?" else { return c }
        index += 1
        let a = try conditional()
        try expect(":")
        let b = try conditional()
        return c != 0 ? a : b
    }

    static let precedence: [String: Int] = [
        "||": 1, "&&": 2, "|": 3, "^": 4, "&": 5, "==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
        "<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
    ]

    mutating func binary(_ minimum: Int) throws -> Int64 {
        var lhs = try unary()
        while let op = peek, let p = Self.precedence[op], p > minimum {
            let at = index
            index += 1
            let rhs = try binary(p)
            switch op {
            case "||": lhs = (lhs != 0 || rhs != 0) ? 1 : 0
            case "&&": lhs = (lhs != 0 && rhs != 0) ? 1 : 0
            case "|": lhs |= rhs
            case "^": lhs ^= rhs
            case "&": lhs &= rhs
            case "==": lhs = lhs == rhs ? 1 : 0
            case "!=": lhs = lhs != rhs ? 1 : 0
            case "<": lhs = lhs < rhs ? 1 : 0
            case ">": lhs = lhs > rhs ? 1 : 0
            case "<=": lhs = lhs <= rhs ? 1 : 0
            case ">=": lhs = lhs >= rhs ? 1 : 0
            case "<<": lhs = rhs >= 0 && rhs < 64 ? lhs << rhs : 0
            case ">>": lhs = rhs >= 0 && rhs < 64 ? lhs >> rhs : (lhs < 0 ? -1 : 0)
            case "+": lhs = lhs &+ rhs
            case "-": lhs = lhs &- rhs
            case "*": lhs = lhs &* rhs
            case "/", "%":
                guard rhs != 0 else { throw unit.located(at, "division by zero in a constant expression") }
                lhs = op == "/" ? lhs.dividedReportingOverflow(by: rhs).partialValue : lhs.remainderReportingOverflow(dividingBy: rhs).partialValue
            default: break
            }
        }
        return lhs
    }

    mutating func unary() throws -> Int64 {
        depth += 1
        defer { depth -= 1 }
        guard depth < 200 else { throw unit.located(index, "expression nested too deeply") }
        guard let t = peek else { throw unit.located(index, "expected a value at the end of the expression") }
        switch t {
        case "+": index += 1; return try unary()
        case "-": index += 1; return 0 &- (try unary())
        case "~": index += 1; return ~(try unary())
        case "!": index += 1; return try unary() == 0 ? 1 : 0
        case "sizeof", "_Alignof", "__alignof__", "__alignof":
            index += 1
            guard peek == "(", unit.startsTypeName(index + 1) else {
                throw unit.located(index, "\(t) of an expression is not supported: expected \(t)(type)")
            }
            let close = unit.closingBracket(index)
            var c = index + 1
            let type = try unit.typeName(&c, end: close)
            guard c == close else { throw unit.located(min(c, close), "unexpected '\(unit.text(at: min(c, close)))' in \(t)(...)") }
            index = close + 1
            let (size, align) = try unit.sizeAndAlignment(type, at: c)
            return Int64(t == "sizeof" ? size : align)
        case "__builtin_offsetof", "offsetof":
            index += 1
            guard peek == "(" else { throw unit.located(index, "expected '(' after \(t)") }
            let close = unit.closingBracket(index)
            var c = index + 1
            let type = try unit.typeName(&c, end: close)
            guard c < close, tokens[c].text == "," else { throw unit.located(min(c, close), "expected ',' after the type in \(t)(...)") }
            let value = try unit.offset(in: type, designator: (c + 1)..<close)
            index = close + 1
            return Int64(value)
        case "(":
            if unit.startsTypeName(index + 1) {
                // A cast: integer types keep the value (truncated to their size).
                let close = unit.closingBracket(index)
                var c = index + 1
                let type = try unit.typeName(&c, end: close)
                index = close + 1
                let v = try unary()
                if case .scalar(let name, let size, _) = type, size < 8 {
                    let bits = Int64(size * 8)
                    let masked = v & ((1 << bits) - 1)
                    return name.contains("unsigned") || name == "_Bool" ? masked : (masked << (64 - bits)) >> (64 - bits)
                }
                return v
            }
            index += 1
            let v = try conditional()
            try expect(")")
            return v
        default:
            if let v = Self.literal(t) { index += 1; return v }
            throw unit.located(index, tokens[index].isIdentifier ? "'\(t)' is not a constant SuspendScope can evaluate" : "unexpected '\(t)' in a constant expression")
        }
    }

    /// An integer or character literal (`0x10UL`, `017`, `'a'`).
    static func literal(_ t: String) -> Int64? {
        if t.hasPrefix("'"), t.hasSuffix("'"), t.count >= 3 {
            let body = Array(t.utf8.dropFirst().dropLast())
            if body.count == 1 { return Int64(body[0]) }
            if body.first == 0x5c, body.count == 2 {
                switch body[1] { case UInt8(ascii: "n"): return 10; case UInt8(ascii: "t"): return 9; case UInt8(ascii: "0"): return 0; default: return Int64(body[1]) }
            }
            return nil
        }
        guard let f = t.first, f.isNumber else { return nil }
        var s = Substring(t.lowercased())
        while let last = s.last, last == "u" || last == "l" { s = s.dropLast() }
        let v: UInt64?
        if s.hasPrefix("0x") { v = UInt64(s.dropFirst(2), radix: 16) }
        else if s.hasPrefix("0b") { v = UInt64(s.dropFirst(2), radix: 2) }
        else if s.count > 1 && s.hasPrefix("0") { v = UInt64(s.dropFirst(), radix: 8) }
        else { v = UInt64(s) }
        return v.map { Int64(bitPattern: $0) }
    }
}
