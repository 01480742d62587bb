/// The `.if` family as gas/cond.c evaluates it: `.if`/`.ifeq`/`.ifne`/`.ifgt`/`.ifge`/`.iflt`/
/// `.ifle` on an absolute expression of the symbols defined so far, `.ifdef`/`.ifndef`/
/// `.ifnotdef`, `.ifb`/`.ifnb` (blank), `.ifc`/`.ifnc` (text, quotes kept), `.ifeqs`/`.ifnes`
/// (C strings), `.elseif`, `.else`, `.endif`. A skipped branch reads only conditionals.
extension Assembly {
    func conditional(_ word: String, _ st: SourceStatement, from: Int) throws {
        let line = st.line
        let t = line.text
        let loc = line.location(at: MacroText.skipWhite(t, 0))
        let nesting = reader?.nesting ?? 0
        switch word {
        case ".else":
            guard var c = macro.conditionals.popLast() else { throw AssemblyError(loc, ".else without a matching .if") }
            guard !c.sawElse else { throw AssemblyError(loc, "duplicate .else (this .if's .else was already seen)", notes: [DiagnosticNote(c.location, "the .if")]) }
            try expectNothing(line, after: from, what: ".else")
            c.ignoring = c.dead || c.taken
            c.taken = true
            c.sawElse = true
            macro.conditionals.append(c)
        case ".elseif":
            guard var c = macro.conditionals.popLast() else { throw AssemblyError(loc, ".elseif without a matching .if") }
            guard !c.sawElse else { throw AssemblyError(loc, ".elseif after .else", notes: [DiagnosticNote(c.location, "the .if")]) }
            if c.dead || c.taken {
                c.ignoring = true
            } else {
                let v = try conditionValue(line, from: from, directive: ".elseif") != 0
                c.ignoring = !v
                c.taken = v
            }
            macro.conditionals.append(c)
        case ".endif":
            guard macro.conditionals.popLast() != nil else { throw AssemblyError(loc, ".endif without a matching .if") }
        default:
            let dead = macro.ignoring
            var value = false
            if !dead { value = try test(word, line, from: from) }
            macro.conditionals.append(MacroState.Conditional(location: loc, notes: st.notes, ignoring: dead || !value,
                                                             dead: dead, taken: dead || value, nesting: nesting))
        }
    }

    /// Whether the branch after `.ifXX` is assembled.
    func test(_ word: String, _ line: SourceLine, from: Int) throws -> Bool {
        let t = line.text
        switch word {
        case ".if", ".ifne": return try conditionValue(line, from: from, directive: word) != 0
        case ".ifeq": return try conditionValue(line, from: from, directive: word) == 0
        case ".ifgt": return try conditionValue(line, from: from, directive: word) > 0
        case ".ifge": return try conditionValue(line, from: from, directive: word) >= 0
        case ".iflt": return try conditionValue(line, from: from, directive: word) < 0
        case ".ifle": return try conditionValue(line, from: from, directive: word) <= 0
        case ".ifdef", ".ifndef", ".ifnotdef":
            let k = MacroText.skipWhite(t, from)
            var e = k
            while e < t.count && Lexer.isIdentChar(t[e]) { e += 1 }
            guard e > k, Lexer.isIdentStart(t[k]) else { throw AssemblyError(line.location(at: k), "expected a symbol name after \(word)") }
            try expectNothing(line, after: e, what: "\(word) name")
            let name = String(decoding: t[k..<e], as: UTF8.self)
            let defined = symbols[name]?.isDefined ?? false
            return word == ".ifdef" ? defined : !defined
        case ".ifb", ".ifnb":
            let blank = MacroText.skipWhite(t, from) >= t.count
            return word == ".ifb" ? blank : !blank
        case ".ifc", ".ifnc":
            let (a, ae) = comparisonString(t, from, terminator: UInt8(ascii: ","))
            guard ae < t.count, t[ae] == UInt8(ascii: ",") else {
                throw AssemblyError(line.location(at: min(ae, t.count)), "expected ',' between the two strings of \(word)")
            }
            let (b, _) = comparisonString(t, ae + 1, terminator: nil)
            return (a == b) == (word == ".ifc")
        default: // .ifeqs, .ifnes
            let tokens = try Lexer.tokenize(line, from: from)
            guard tokens.count == 3, case .string(let a) = tokens[0].kind, tokens[1].isPunct(","), case .string(let b) = tokens[2].kind else {
                throw AssemblyError(tokens.first?.location ?? line.location(at: from), "expected two strings in double quotes after \(word): \(word) \"a\", \"b\"")
            }
            return (a == b) == (word == ".ifeqs")
        }
    }

    /// A string of `.ifc`: `'quoted'` (quotes kept, as gas compares them) or text up to the
    /// terminator with trailing blanks removed.
    func comparisonString(_ t: [UInt8], _ from: Int, terminator: UInt8?) -> ([UInt8], Int) {
        var i = MacroText.skipWhite(t, from)
        if i < t.count && t[i] == 0x27 {
            var out: [UInt8] = [0x27]
            i += 1
            while i < t.count {
                out.append(t[i]); i += 1
                if out.last == 0x27 {
                    if i < t.count && t[i] == 0x27 { i += 1; continue }
                    break
                }
            }
            return (out, MacroText.skipWhite(t, i))
        }
        let s = i
        while i < t.count && t[i] != terminator { i += 1 }
        var e = i
        while e > s && MacroText.isWhite(t[e - 1]) { e -= 1 }
        return (Array(t[s..<e]), i)
    }

    /// The absolute value of an `.if` expression (symbols defined so far).
    func conditionValue(_ line: SourceLine, from: Int, directive: String) throws -> Int64 {
        let tokens = try Lexer.tokenize(line, from: from)
        let anchor = Token(kind: .identifier(directive), start: max(0, from - directive.utf8.count), end: from,
                           location: line.location(at: max(0, from - directive.utf8.count)), source: line.text)
        let e = try parseExpression(localReferences(tokens), line, after: anchor)
        let v = try e.value(firstPassContext(), depth: 0)
        guard v.section == nil else {
            throw AssemblyError(tokens[0].location, "non-constant expression in \(directive): expected an absolute value, not an address")
        }
        return v.offset
    }

}
