import SafeIO

/// Parses debugger expressions: integer literals (decimal, `0x` hex, `0b` binary), `$registers`,
/// `$SYSREG.FIELD`, symbols with `.field` and `[index]`, unary `- ~ ! * &`, C's binary operators
/// (`* / % + - << >> < <= > >= == != & ^ | && ||`) with C precedence, parentheses, and `@`
/// (a memory range, lowest precedence, for `watch`). Columns are 1-based in `text`.
public struct ExpressionParser {
    struct Token: Equatable {
        enum Kind: Equatable { case number(UInt64), register(String), identifier(String), op(String), end }
        var kind: Kind
        var column: Int
    }

    let tokens: [Token]
    var position = 0
    /// Nesting depth of parentheses, brackets and unary operators (bounded: no input overflows the stack).
    var depth = 0
    /// The deepest expression tree (and parser recursion) accepted; the README states it.
    public static let maxDepth = 200

    /// Parses all of `text` as one expression; `columnOffset` is added to every column (the
    /// expression's place in the whole command).
    public static func parse(_ text: String, columnOffset: Int = 0) throws -> Expr {
        var p = ExpressionParser(tokens: try tokenize(text, columnOffset: columnOffset))
        guard p.peek.kind != .end else { throw CommandError(column: columnOffset + 1, "expected an expression") }
        let e = try p.parseRange()
        guard p.peek.kind == .end else {
            throw CommandError(column: p.peek.column, "unexpected \(p.describe(p.peek)) after the expression")
        }
        return e.expr
    }

    static let operators = ["<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
                            "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~", "(", ")", "[", "]", ".", "@"]

    static func tokenize(_ text: String, columnOffset: Int) throws -> [Token] {
        let chars = Array(text.unicodeScalars)
        var out: [Token] = []
        var i = 0
        func isIdentStart(_ c: Unicode.Scalar) -> Bool { c == "_" || (c.value < 128 && c.properties.isAlphabetic) }
        func isIdent(_ c: Unicode.Scalar) -> Bool { isIdentStart(c) || (c >= "0" && c <= "9") }
        while i < chars.count {
            let c = chars[i]
            let col = i + 1 + columnOffset
            if c == " " || c == "\t" { i += 1; continue }
            if c >= "0" && c <= "9" {
                var j = i
                while j < chars.count, isIdent(chars[j]) { j += 1 }
                let word = String(String.UnicodeScalarView(chars[i..<j])).lowercased().replacingOccurrences(of: "_", with: "")
                let value: UInt64?
                if word.hasPrefix("0x") { value = UInt64(word.dropFirst(2), radix: 16) }
                else if word.hasPrefix("0b") { value = UInt64(word.dropFirst(2), radix: 2) }
                else { value = UInt64(word) }
                guard let v = value else {
                    throw CommandError(column: col, "'\(String(String.UnicodeScalarView(chars[i..<j])))' is not a number (expected decimal, 0x hex or 0b binary, at most 64 bits)")
                }
                out.append(Token(kind: .number(v), column: col)); i = j; continue
            }
            if c == "$" {
                var j = i + 1
                while j < chars.count, isIdent(chars[j]) { j += 1 }
                guard j > i + 1 else { throw CommandError(column: col, "expected a register name after '$' (like $x0, $sp, $VBAR_EL2)") }
                out.append(Token(kind: .register(String(String.UnicodeScalarView(chars[(i + 1)..<j]))), column: col)); i = j; continue
            }
            if isIdentStart(c) {
                var j = i
                while j < chars.count, isIdent(chars[j]) { j += 1 }
                out.append(Token(kind: .identifier(String(String.UnicodeScalarView(chars[i..<j]))), column: col)); i = j; continue
            }
            var matched = false
            for op in operators {
                let o = Array(op.unicodeScalars)
                if i + o.count <= chars.count, Array(chars[i..<(i + o.count)]) == o {
                    out.append(Token(kind: .op(op), column: col)); i += o.count; matched = true; break
                }
            }
            guard matched else {
                let shown = TerminalText.isControl(c) ? TerminalText.escape(c) : String(c)
                throw CommandError(column: col, "unexpected character '\(shown)' in the expression")
            }
        }
        out.append(Token(kind: .end, column: chars.count + 1 + columnOffset))
        return out
    }

    var peek: Token { tokens[min(position, tokens.count - 1)] }
    mutating func next() -> Token { let t = peek; position += 1; return t }

    func describe(_ t: Token) -> String {
        switch t.kind {
        case .number(let v): return "number \(v)"
        case .register(let r): return "'$\(r)'"
        case .identifier(let s): return "'\(s)'"
        case .op(let o): return "'\(o)'"
        case .end: return "end of the command"
        }
    }

    static let levels: [[String]] = [["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", "<=", ">", ">="],
                                     ["<<", ">>"], ["+", "-"], ["*", "/", "%"]]

    /// A parsed subexpression and the height of its tree (a leaf is 1).
    typealias Node = (expr: Expr, height: Int)

    /// A node over `children`, refused when the tree would be deeper than `maxDepth`: a chain
    /// like `1+1+...` is a tree as deep as it has terms, and evaluating (and freeing) a tree
    /// recurses as deep as it is, so no input may build one that overflows the stack.
    func node(_ e: Expr, _ children: Int..., at column: Int) throws -> Node {
        let h = (children.max() ?? 0) + 1
        if h > Self.maxDepth { throw tooDeep(column) }
        return (e, h)
    }

    func tooDeep(_ column: Int) -> CommandError {
        CommandError(column: column, "the expression nests more than \(Self.maxDepth) deep (parentheses, unary operators and each term of a chain like 1+1+... count; see the README's limits)")
    }

    mutating func parseRange() throws -> Node {
        let lhs = try parseBinary(0)
        if case .op("@") = peek.kind {
            let at = next()
            let len = try operand(after: at) { try $0.parseBinary(0) }
            return try node(.range(lhs.expr, len.expr, column: at.column), lhs.height, len.height, at: at.column)
        }
        return lhs
    }

    /// An operand after operator `t`, or a clear error if there is none.
    mutating func operand(after t: Token, _ parse: (inout ExpressionParser) throws -> Node) throws -> Node {
        if peek.kind == .end {
            throw CommandError(column: peek.column, "expected an expression after \(describe(t))")
        }
        return try parse(&self)
    }

    mutating func parseBinary(_ level: Int) throws -> Node {
        guard level < Self.levels.count else { return try parseUnary() }
        var lhs = try parseBinary(level + 1)
        while case .op(let o) = peek.kind, Self.levels[level].contains(o) {
            let t = next()
            let rhs = try operand(after: t) { try $0.parseBinary(level + 1) }
            lhs = try node(.binary(o, lhs.expr, rhs.expr, column: t.column), lhs.height, rhs.height, at: t.column)
        }
        return lhs
    }

    /// Counts one level of the parser's own recursion (parentheses, brackets, unary operators).
    mutating func nest(_ t: Token) throws {
        depth += 1
        if depth > Self.maxDepth { throw tooDeep(t.column) }
    }

    mutating func parseUnary() throws -> Node {
        try nest(peek)
        defer { depth -= 1 }
        if case .op(let o) = peek.kind, ["-", "~", "!", "*", "&", "+"].contains(o) {
            let t = next()
            let inner = try operand(after: t) { try $0.parseUnary() }
            if o == "+" { return inner }
            return try node(.unary(o, inner.expr, column: t.column), inner.height, at: t.column)
        }
        return try parsePrimary()
    }

    mutating func parsePrimary() throws -> Node {
        let t = next()
        switch t.kind {
        case .number(let v):
            return (.number(v, column: t.column), 1)
        case .register(let name):
            if case .op(".") = peek.kind {
                let dot = next()
                guard case .identifier(let f) = peek.kind else {
                    throw CommandError(column: peek.column, "expected a bitfield name after '\(dot.kind == .op(".") ? "." : "")' (like $HCR_EL2.RW)")
                }
                let ft = next()
                return (.bitfield(register: name, field: f, column: t.column, fieldColumn: ft.column), 1)
            }
            return (.register(name, column: t.column), 1)
        case .identifier(let name):
            var selectors: [PathSelector] = []
            var height = 1
            while true {
                if case .op(".") = peek.kind {
                    _ = next()
                    guard case .identifier(let f) = peek.kind else {
                        throw CommandError(column: peek.column, "expected a field name after '.'")
                    }
                    let ft = next()
                    selectors.append(.field(f, column: ft.column))
                } else if case .op("[") = peek.kind {
                    let open = next()
                    let index = try operand(after: open) { try $0.parseBinary(0) }
                    guard case .op("]") = peek.kind else {
                        throw CommandError(column: peek.column, "expected ']' to close the '[' at column \(open.column)")
                    }
                    _ = next()
                    selectors.append(.index(index.expr, column: open.column))
                    height = max(height, index.height + 1)
                    if height > Self.maxDepth { throw tooDeep(open.column) }
                } else { break }
            }
            return (.path(name, selectors, column: t.column), height)
        case .op("("):
            let inner = try operand(after: t) { try $0.parseRange() }
            guard case .op(")") = peek.kind else {
                throw CommandError(column: peek.column, "expected ')' to close the '(' at column \(t.column), found \(describe(peek))")
            }
            _ = next()
            return inner
        case .end:
            throw CommandError(column: t.column, "expected an expression")
        default:
            throw CommandError(column: t.column, "expected a number, $register, symbol or '(' but found \(describe(t))")
        }
    }
}
