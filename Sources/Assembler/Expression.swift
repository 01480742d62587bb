/// Integer expressions as GNU as evaluates them (64-bit, wrapping), with symbols and `.`.
indirect enum Expression {
    case number(Int64)
    case symbol(String, SourceLocation)
    case dot(SourceLocation)
    case unary(String, Expression, SourceLocation)
    case binary(String, Expression, Expression, SourceLocation)

    var location: SourceLocation? {
        switch self {
        case .number: return nil
        case .symbol(_, let l), .dot(let l), .unary(_, _, let l), .binary(_, _, _, let l): return l
        }
    }

    /// Evaluates to an absolute value; a value still relative to a section is an error.
    func evaluate(_ ctx: ExpressionContext) throws -> Int64 {
        let v = try value(ctx, depth: 0)
        if v.section != nil {
            throw AssemblyError(location ?? SourceLocation(file: "?", line: 0, column: 0), "expression is not a constant")
        }
        return v.offset
    }

    func value(_ ctx: ExpressionContext, depth: Int) throws -> Value {
        guard depth < 200 else {
            throw AssemblyError(location ?? SourceLocation(file: "?", line: 0, column: 0), "expression nested too deeply (circular .equ?)")
        }
        switch self {
        case .number(let n): return Value(section: nil, offset: n)
        case .symbol(let name, let loc): return try ctx.resolve(name, loc, depth)
        case .dot(let loc):
            guard let d = ctx.dot else { throw AssemblyError(loc, "'.' is not allowed here") }
            return d
        case .unary(let op, let e, let loc):
            let v = try e.value(ctx, depth: depth + 1)
            if op == "+" { return v }
            guard v.section == nil else { throw AssemblyError(loc, "unary '\(op)' needs a constant operand, not an address") }
            switch op {
            case "-": return Value(section: nil, offset: 0 &- v.offset)
            case "~": return Value(section: nil, offset: ~v.offset)
            default: return Value(section: nil, offset: v.offset == 0 ? 1 : 0)
            }
        case .binary(let op, let l, let r, let loc):
            let a = try l.value(ctx, depth: depth + 1)
            let b = try r.value(ctx, depth: depth + 1)
            switch op {
            case "+":
                if a.section != nil && b.section != nil { throw AssemblyError(loc, "cannot add two addresses") }
                return Value(section: a.section ?? b.section, offset: a.offset &+ b.offset)
            case "-":
                if let bs = b.section {
                    guard a.section == bs else { throw AssemblyError(loc, "cannot subtract addresses in different sections") }
                    return Value(section: nil, offset: a.offset &- b.offset)
                }
                return Value(section: a.section, offset: a.offset &- b.offset)
            default: break
            }
            guard a.section == nil && b.section == nil else {
                throw AssemblyError(loc, "operator '\(op)' needs constant operands, not addresses")
            }
            let x = a.offset, y = b.offset
            let v: Int64
            switch op {
            case "*": v = x &* y
            case "/", "%":
                guard y != 0 else { throw AssemblyError(loc, "division by zero") }
                if y == -1 { v = op == "/" ? 0 &- x : 0 } else { v = op == "/" ? x / y : x % y }
            case "<<": v = (y < 0 || y > 63) ? 0 : x << y
            case ">>": v = (y < 0 || y > 63) ? (x < 0 ? -1 : 0) : x >> y
            case "&": v = x & y
            case "|": v = x | y
            case "^": v = x ^ y
            case "!": v = x | ~y
            case "==": v = x == y ? -1 : 0
            case "!=", "<>": v = x != y ? -1 : 0
            case "<": v = x < y ? -1 : 0
            case ">": v = x > y ? -1 : 0
            case "<=": v = x <= y ? -1 : 0
            case ">=": v = x >= y ? -1 : 0
            case "&&": v = (x != 0 && y != 0) ? 1 : 0
            case "||": v = (x != 0 || y != 0) ? 1 : 0
            default: throw AssemblyError(loc, "unknown operator '\(op)'")
            }
            return Value(section: nil, offset: v)
        }
    }
}

/// An expression value: absolute (`section == nil`) or an offset into a section.
struct Value: Equatable {
    var section: Int?
    var offset: Int64
}

/// Symbol lookup for expression evaluation.
struct ExpressionContext {
    var dot: Value?
    var resolve: (String, SourceLocation, Int) throws -> Value

    static let constantOnly = ExpressionContext(dot: nil) { name, loc, _ in
        throw AssemblyError(loc, "symbol '\(name)' is not allowed here")
    }
}

/// Recursive-descent parser over tokens, precedence as in GNU as (C-like).
struct ExpressionParser {
    var tokens: [Token]
    var index: Int
    var line: SourceLine
    var depth = 0
    var operators = 0

    var atEnd: Bool { index >= tokens.count }
    var current: Token? { index < tokens.count ? tokens[index] : nil }
    var endLocation: SourceLocation {
        if let last = tokens.last { return line.location(at: last.end) }
        return line.location(at: line.text.count)
    }
    func describeCurrent() -> String { current?.text ?? "end of line" }
    var currentLocation: SourceLocation { current?.location ?? endLocation }

    static let levels: [[String]] = [["||"], ["&&"], ["==", "!=", "<>", "<", ">", "<=", ">="], ["|", "^", "!"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "%"]]

    mutating func parse() throws -> Expression { try binary(0) }

    mutating func binary(_ level: Int) throws -> Expression {
        if level == Self.levels.count { return try unary() }
        var lhs = try binary(level + 1)
        while let t = current, case .punct(let p) = t.kind, Self.levels[level].contains(p) {
            index += 1
            operators += 1
            // Bounded tree depth: evaluation and destruction recurse over it.
            guard operators <= 150 else { throw AssemblyError(t.location, "expression has more than 150 operators") }
            let rhs = try binary(level + 1)
            lhs = .binary(p, lhs, rhs, t.location)
        }
        return lhs
    }

    mutating func unary() throws -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth < 100 else { throw AssemblyError(currentLocation, "expression nested too deeply") }
        guard let t = current else {
            throw AssemblyError(endLocation, "expected an expression but found end of line")
        }
        switch t.kind {
        case .punct(let p) where p == "-" || p == "~" || p == "!" || p == "+":
            index += 1
            return .unary(p, try unary(), t.location)
        case .punct("("):
            index += 1
            let e = try parse()
            guard let c = current, c.isPunct(")") else {
                throw AssemblyError(currentLocation, "expected ')' but found \(describeCurrent())")
            }
            index += 1
            return e
        case .number(let n):
            index += 1
            return .number(n)
        case .identifier(let name):
            index += 1
            if name == "." { return .dot(t.location) }
            return .symbol(name, t.location)
        case .localRef(let n, let forward):
            index += 1
            return .symbol(LocalLabels.placeholder(n, forward: forward), t.location)
        default:
            throw AssemblyError(t.location, "expected an expression but found \(t.text)")
        }
    }
}

/// Numeric local labels (`1:`, `1b`, `1f`) are renamed to unique symbols while reading.
enum LocalLabels {
    static func placeholder(_ n: Int, forward: Bool) -> String { "\u{1}L\(n)\(forward ? "f" : "b")" }
    static func name(_ n: Int, instance: Int) -> String { "\u{1}L\(n)^\(instance)" }
}
