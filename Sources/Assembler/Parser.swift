struct SymbolDefinition {
    enum Definition {
        case undefined
        /// Section index and offset.
        case label(Int, Int64)
        /// `.equ`/`.set`/`=`: the expression, and `.` at the definition (section, offset).
        case expression(Expression, dot: (Int, Int64)?)
    }
    var value: Definition
    var location: SourceLocation
    var global = false
    /// `.weak`: a global that a non-weak definition elsewhere overrides; 0 when undefined.
    var weak = false
    var type: SymbolKind? = nil
    /// `.size` expression with `.` at the directive.
    var size: (Expression, Int, Int)? = nil
    var isDefined: Bool { if case .undefined = value { return false }; return true }
}

/// The state of one assembly: first pass over the preprocessed lines (layout, symbols, literal
/// pools), then `link()` places sections and encodes.
final class Assembly {
    let options: AssemblerOptions
    var sections: [SectionBuffer] = []
    var current: SectionBuffer
    var previous: SectionBuffer?
    var sectionStack: [(SectionBuffer, SectionBuffer?)] = []
    var symbols: [String: SymbolDefinition] = [:]
    var localCounts: [Int: Int] = [:]
    var poolCounter = 0
    /// What `.arch`/`.arch_extension`/`.cpu` selected (ArchitectureFeatures.swift).
    var architecture = ArchitectureFeatures.default
    /// Macros, conditionals, register aliases (the macro language).
    var macro = MacroState()
    /// Where statements come from while `run` reads them.
    var reader: StatementReader?
    /// The link this unit is part of (global symbols of the other units).
    weak var linker: Linker?
    /// `.warning`, `.print` and warnings of the unit.
    var messages: [AssemblerMessage] = []
    /// Expansions recorded for the line map, and the one of the statement being read.
    var expansionRecords: [LineMap.Expansion] = []
    var statementSerial = 0
    var recordOfStatement: (serial: Int, index: Int)?

    init(options: AssemblerOptions) {
        self.options = options
        let text = SectionBuffer(name: ".text", index: 0, alloc: true, write: false, exec: true, nobits: false)
        sections = [text,
                    SectionBuffer(name: ".data", index: 1, alloc: true, write: true, exec: false, nobits: false),
                    SectionBuffer(name: ".bss", index: 2, alloc: true, write: true, exec: false, nobits: true)]
        current = text
        for s in sections { s.unit = self }
    }

    /// First pass over a unit's preprocessed lines: statements are read as GNU as reads them
    /// (macro language included), laid out, and their symbols defined.
    func run(_ lines: [SourceLine], cppExpanded: [Int: String] = [:]) throws {
        let reader = StatementReader(lines, cppExpanded: cppExpanded)
        self.reader = reader
        defer { self.reader = nil }
        while let st = reader.next() {
            current_ = st
            statementSerial += 1
            do {
                try process(st)
            } catch var e as AssemblyError {
                if e.notes.isEmpty { e.notes = st.notes }
                throw e
            }
            if stopped { break }
        }
        current_ = nil
        if let c = macro.conditionals.last {
            throw AssemblyError(c.location, "end of file inside a conditional: this .if has no .endif", notes: c.notes)
        }
        for s in sections { dumpPool(s) }
    }
    var stopped = false
    /// The statement being read (its expansion is recorded with what it emits).
    var current_: SourceStatement?
    var currentLine: SourceLine? { current_?.line }

    // MARK: Statements

    /// A statement after its labels: `name = expr`, a directive or an instruction.
    func statement(_ input: [Token], _ line: SourceLine) throws {
        guard let first = input.first else { return }
        let tokens = localReferences(input)
        guard case .identifier(let word) = first.kind else {
            throw AssemblyError(first.location, "expected a label, directive or instruction but found \(first.text)")
        }
        if tokens.count >= 2, tokens[1].isPunct("=") {
            try defineConstant(word, first.location, Array(tokens[2...]), line, at: tokens[1], redefine: true)
            return
        }
        if word.hasPrefix(".") {
            try directive(word.lowercased(), first, Array(tokens[1...]), line)
        } else {
            try instruction(word.lowercased(), first, resolvingAliases(Array(tokens[1...])), line)
        }
    }

    /// Numeric local label references (`1b`, `2f`) become the names of the labels they mean here.
    func localReferences(_ input: [Token]) -> [Token] {
        var tokens = input
        for k in tokens.indices {
            if case .localRef(let n, let forward) = tokens[k].kind {
                let count = localCounts[n] ?? 0
                tokens[k].kind = .identifier(LocalLabels.name(n, instance: forward ? count + 1 : count))
            }
        }
        return tokens
    }

    func defineLabel(_ name: String, _ loc: SourceLocation) throws {
        if let old = symbols[name], old.isDefined {
            throw AssemblyError(loc, "symbol '\(name)' is already defined (at \(old.location))")
        }
        var def = symbols[name] ?? SymbolDefinition(value: .undefined, location: loc)
        def.value = .label(current.index, Int64(current.bytes.count))
        def.location = loc
        symbols[name] = def
    }

    func defineConstant(_ name: String, _ loc: SourceLocation, _ tokens: [Token], _ line: SourceLine, at: Token, redefine: Bool) throws {
        let e = try parseExpression(tokens, line, after: at)
        if let old = symbols[name], old.isDefined {
            if case .label = old.value { throw AssemblyError(loc, "symbol '\(name)' is already defined as a label (at \(old.location))") }
            if !redefine { throw AssemblyError(loc, "symbol '\(name)' is already defined (at \(old.location))") }
        }
        var def = symbols[name] ?? SymbolDefinition(value: .undefined, location: loc)
        // Fold now when possible (so `.set x, x + 1` and `.equ here, .` mean what they meant here).
        let dot = (current.index, Int64(current.bytes.count))
        if let v = try? e.value(firstPassContext(), depth: 0) {
            if let s = v.section { def.value = .label(s, v.offset) } else { def.value = .expression(.number(v.offset), dot: nil) }
        } else {
            if symbolReferences(e).contains(name) { throw AssemblyError(loc, "symbol '\(name)' is defined in terms of itself") }
            def.value = .expression(e, dot: dot)
        }
        def.location = loc
        symbols[name] = def
    }

    func symbolReferences(_ e: Expression) -> Set<String> {
        switch e {
        case .symbol(let n, _): return [n]
        case .unary(_, let x, _): return symbolReferences(x)
        case .binary(_, let a, let b, _): return symbolReferences(a).union(symbolReferences(b))
        default: return []
        }
    }

    /// Symbols as known during the first pass: labels are section offsets.
    func firstPassContext() -> ExpressionContext {
        ExpressionContext(dot: Value(section: current.index, offset: Int64(current.bytes.count))) { [unowned self] name, loc, depth in
            guard let def = self.symbols[name] else { throw self.undefined(name, loc) }
            switch def.value {
            case .label(let s, let o): return Value(section: s, offset: o)
            case .expression(let e, _): return try e.value(self.firstPassContext(), depth: depth + 1)
            case .undefined: throw self.undefined(name, loc)
            }
        }
    }

    /// Parses tokens as one whole expression; `after` names what precedes it for messages.
    func parseExpression(_ tokens: [Token], _ line: SourceLine, after: Token) throws -> Expression {
        guard !tokens.isEmpty else {
            throw AssemblyError(line.location(at: after.end),
                                "expected an expression after \(after.text)")
        }
        var p = ExpressionParser(tokens: tokens, index: 0, line: line)
        let e = try p.parse()
        if p.index < tokens.count {
            throw AssemblyError(tokens[p.index].location, "unexpected \(tokens[p.index].text) after expression")
        }
        return e
    }

    /// Evaluates now (first pass): must be an absolute constant.
    func constant(_ tokens: [Token], _ line: SourceLine, after: Token) throws -> Int64 {
        let e = try parseExpression(tokens, line, after: after)
        let v = try e.value(firstPassContext(), depth: 0)
        guard v.section == nil else {
            throw AssemblyError(tokens[0].location, "expected a constant expression, not an address")
        }
        return v.offset
    }

    /// Splits at top-level commas.
    func splitOperands(_ tokens: [Token]) -> [[Token]] {
        var out: [[Token]] = []
        var cur: [Token] = []
        var depth = 0
        for t in tokens {
            if t.isPunct("(") || t.isPunct("[") || t.isPunct("{") { depth += 1 }
            if t.isPunct(")") || t.isPunct("]") || t.isPunct("}") { depth -= 1 }
            if t.isPunct(",") && depth <= 0 { out.append(cur); cur = []; continue }
            cur.append(t)
        }
        out.append(cur)
        return out
    }

    // MARK: Instructions (first pass: reserve a word; the operands are read in pass 2)

    func instruction(_ mnemonic: String, _ token: Token, _ operands: [Token], _ line: SourceLine) throws {
        guard Instructions.isKnown(mnemonic) else {
            // `fadd d0, d1, d2`, `ld1 {v0.16b}, [x0]`: say that SIMD&FP is not modelled rather
            // than that the instruction does not exist.
            if operands.contains(where: { $0.identifier.flatMap(VectorRegister.parse) != nil }) {
                throw AssemblyError(token.location, OperandParser.notModelledMessage(token.identifier ?? mnemonic))
            }
            throw AssemblyError(token.location, "unknown instruction '\(token.identifier ?? mnemonic)'")
        }
        try checkArchitecture(mnemonic, token, operands)
        if current.nobits { throw AssemblyError(token.location, "instruction in a section with no contents (\(current.name))") }
        // In code sections GNU as word-aligns instructions (zero padding) and gives the section
        // 4-byte alignment; in data sections it does neither.
        if current.exec {
            if current.bytes.count % 4 != 0 && current.lastWasData { current.alignZero(4) }
            current.raiseAlignment(4)
        }
        current.lastWasData = false
        var literal: String? = nil
        if (mnemonic == "ldr" || mnemonic == "ldrsw"), let eq = operands.firstIndex(where: { $0.isPunct("=") }) {
            let regTok = operands.first
            let is64 = mnemonic == "ldrsw" ? false : (regTok?.identifier.map { Registers.parse($0)?.is64 ?? true } ?? true)
            let exprTokens = Array(operands[(eq + 1)...])
            let e = try parseExpression(exprTokens, line, after: operands[eq])
            let key: String
            if let v = try? e.value(firstPassContext(), depth: 0), v.section == nil { key = "#\(v.offset)" }
            else { key = exprTokens.map { $0.identifier ?? $0.text }.joined(separator: " ") }
            literal = current.pool.add(size: is64 ? 8 : 4, key: key, expression: e, location: mapped(exprTokens[0].location, at: nil)) {
                poolCounter += 1
                return "\u{1}pool\(poolCounter)"
            }
        }
        let offset = current.bytes.count
        current.fixups.append(.instruction(offset: offset, statement: Statement(
            mnemonic: mnemonic, mnemonicToken: token, operands: operands, line: line,
            literalSymbol: literal, section: current.index, offset: offset, expansion: current_?.expansion)))
        current.lineEntries.append((offset, 4, mapped(token.location, at: offset), true))
        current.codeOffsets.append(offset)
        current.bytes.append(contentsOf: [0, 0, 0, 0])
    }
}
