/// The state of GNU as's macro language in one unit: macros, open conditionals, register
/// aliases, the `\@` counter and the expansion budget.
struct MacroState {
    struct Conditional {
        let location: SourceLocation
        let notes: [DiagnosticNote]
        /// This branch is skipped.
        var ignoring: Bool
        /// The whole `.if` is inside a skipped branch.
        let dead: Bool
        /// A branch has been taken (later `.elseif`/`.else` are skipped).
        var taken: Bool
        var sawElse = false
        /// The reader's nesting when it was opened (`.exitm` closes those opened inside).
        let nesting: Int
    }
    /// By lower-cased name (gas's macro names are case-insensitive).
    var macros: [String: MacroDefinition] = [:]
    var conditionals: [Conditional] = []
    /// `name .req register`: alias -> register name.
    var aliases: [String: String] = [:]
    /// Macros expanded so far: `\@`.
    var counter = 0
    /// Statements produced by expansions so far (bounded by `maxExpandedStatements`).
    var expanded = 0
    var ignoring: Bool { conditionals.last?.ignoring ?? false }
}

extension Assembly {
    /// gas's default nesting limit of macros and repeats (`max_macro_nest`).
    static let maxNesting = 100
    /// Statements a unit's macros, `.rept`, `.irp` and `.irpc` may produce in all.
    static let maxExpandedStatements = 1 << 18

    static let repeatOpeners: Set<String> = [".rept", ".rep", ".irp", ".irep", ".irpc", ".irepc"]
    static let conditionalOpeners: Set<String> = [".if", ".ifeq", ".ifne", ".ifgt", ".ifge", ".iflt", ".ifle",
                                                  ".ifdef", ".ifndef", ".ifnotdef", ".ifb", ".ifnb", ".ifc", ".ifnc",
                                                  ".ifeqs", ".ifnes"]

    // MARK: Reading statements

    /// Labels at the start of a statement: (name or digits, location, end index); and where the
    /// first word starts.
    func labels(_ t: [UInt8]) -> (labels: [(String, Int, Bool)], wordStart: Int) {
        var out: [(String, Int, Bool)] = []
        var i = MacroText.skipWhite(t, 0)
        while i < t.count {
            let s = i
            var numeric = false
            if Lexer.isIdentStart(t[i]) {
                while i < t.count && Lexer.isIdentChar(t[i]) { i += 1 }
            } else if t[i] >= 48 && t[i] <= 57 {
                while i < t.count && t[i] >= 48 && t[i] <= 57 { i += 1 }
                numeric = true
            } else { break }
            var k = MacroText.skipWhite(t, i)
            // `name:` but not `name::` or `:lo12:`-style operands (labels come first).
            guard k < t.count, t[k] == UInt8(ascii: ":"), !(k + 1 < t.count && t[k + 1] == UInt8(ascii: ":")) else {
                i = s; break
            }
            out.append((String(decoding: t[s..<i], as: UTF8.self), s, numeric))
            k += 1
            i = MacroText.skipWhite(t, k)
        }
        return (out, i)
    }

    /// The first word after the labels: (lower-cased word, start, end).
    func firstWord(_ t: [UInt8], from: Int) -> (String, Int, Int) {
        var e = from
        while e < t.count && Lexer.isIdentChar(t[e]) { e += 1 }
        return (String(decoding: t[from..<e], as: UTF8.self).lowercased(), from, e)
    }

    /// One statement: conditionals first (they are seen even in skipped text), then labels,
    /// then the macro language, register aliases, macro uses, directives and instructions.
    func process(_ st: SourceStatement) throws {
        let line = st.line
        let t = line.text
        let (labelList, wordStart) = labels(t)
        // The common case, an instruction with no macro or alias around, reads no further.
        if wordStart < t.count, t[wordStart] != UInt8(ascii: "."), macro.macros.isEmpty {
            if macro.ignoring { return }
            var e = wordStart
            while e < t.count && Lexer.isIdentChar(t[e]) { e += 1 }
            let after = MacroText.skipWhite(t, e)
            if after >= t.count || t[after] != UInt8(ascii: ".") {
                try define(labelList, line)
                try statement(try Lexer.tokenize(line, from: wordStart), line)
                return
            }
        }
        let (word, _, wordEnd) = firstWord(t, from: wordStart)
        if Self.conditionalOpeners.contains(word) || word == ".else" || word == ".elseif" || word == ".endif" {
            if !macro.ignoring { try define(labelList, line) }
            // `.ifc`/`.ifb` compare text as gas's scrubber leaves it.
            let squeezed = SourceStatement(line: Scrubber.scrub(line), expansion: st.expansion)
            let (_, ws2) = labels(squeezed.line.text)
            try conditional(word, squeezed, from: firstWord(squeezed.line.text, from: ws2).2)
            return
        }
        if macro.ignoring { return }

        try define(labelList, line)
        guard wordStart < t.count else { return }
        let wordLoc = line.location(at: wordStart)

        // `alias .req register`
        let afterWord = MacroText.skipWhite(t, wordEnd)
        if !word.hasPrefix("."), afterWord < t.count, t[afterWord] == UInt8(ascii: ".") {
            let (w2, _, e2) = firstWord(t, from: afterWord)
            if w2 == ".req" {
                try registerAlias(String(decoding: t[wordStart..<wordEnd], as: UTF8.self), line, at: wordStart, from: e2)
                return
            }
        }
        switch word {
        case ".macro", ".rept", ".rep", ".irp", ".irep", ".irpc", ".irepc":
            let squeezed = SourceStatement(line: Scrubber.scrub(line), expansion: st.expansion)
            let from = firstWord(squeezed.line.text, from: labels(squeezed.line.text).wordStart).2
            switch word {
            case ".macro": try defineMacro(squeezed, from: from)
            case ".rept", ".rep": try repeatBlock(squeezed, from: from)
            default: try iterateBlock(squeezed, characters: word.hasSuffix("c"), from: from)
            }
            return
        case ".endm", ".endr":
            // GNU as warns and goes on.
            messages.append(AssemblerMessage(.warning, wordLoc, word == ".endm" ? ".endm encountered without a preceding .macro"
                                             : ".endr encountered without a preceding .rept, .irp or .irpc", notes: st.notes))
            return
        case ".exitm":
            guard reader?.nesting ?? 0 > 0 else {
                messages.append(AssemblerMessage(.warning, wordLoc, "ignoring .exitm outside a macro", notes: st.notes))
                return
            }
            let level = reader!.nesting
            while let c = macro.conditionals.last, c.nesting >= level { macro.conditionals.removeLast() }
            reader!.exitInnermost()
            return
        case ".purgem":
            let (name, e) = MacroText.token(t, MacroText.skipWhite(t, wordEnd))
            guard !name.isEmpty else { throw AssemblyError(line.location(at: afterWord), "expected a macro name after .purgem") }
            try expectNothing(line, after: e, what: ".purgem \(name)")
            if macro.macros.removeValue(forKey: name.lowercased()) == nil {
                messages.append(AssemblerMessage(.warning, wordLoc, "attempt to purge non-existing macro '\(name)'", notes: st.notes))
            }
            return
        case ".err":
            throw AssemblyError(wordLoc, ".err encountered")
        case ".error", ".warning", ".print":
            let text = try stringArgument(line, from: wordEnd, directive: word)
            switch word {
            case ".error": throw AssemblyError(wordLoc, text ?? ".error directive invoked in source file")
            case ".warning": messages.append(AssemblerMessage(.warning, wordLoc, text ?? ".warning directive invoked in source file", notes: st.notes))
            default:
                guard let text else { throw AssemblyError(line.location(at: afterWord), "expected a string after .print") }
                messages.append(AssemblerMessage(.print, wordLoc, text))
            }
            return
        case ".unreq":
            let (name, e) = MacroText.token(t, afterWord)
            guard !name.isEmpty else { throw AssemblyError(line.location(at: afterWord), "expected a register alias after .unreq") }
            try expectNothing(line, after: e, what: ".unreq \(name)")
            guard macro.aliases[name] != nil else {
                if Registers.isBuiltinName(name) {
                    messages.append(AssemblerMessage(.warning, line.location(at: afterWord), "ignoring attempt to undefine built-in register '\(name)'", notes: st.notes))
                    return
                }
                throw AssemblyError(line.location(at: afterWord), "unknown register alias '\(name)' in .unreq")
            }
            for variant in Set([name, name.uppercased(), name.lowercased()]) where macro.aliases[variant] != nil {
                macro.aliases[variant] = nil
            }
            return
        default: break
        }
        // A macro wins over an instruction of the same name (Xen's `ret`), as in GNU as; a
        // directive wins over a macro.
        if let m = macro.macros[word], !word.hasPrefix(".") || !Self.knownDirectives.contains(word) {
            // Arguments are read from the line as gas's scrubber leaves it.
            let squeezed = SourceStatement(line: Scrubber.scrub(line), expansion: st.expansion)
            let ws = labels(squeezed.line.text).wordStart
            try expandMacro(m, squeezed, at: ws, from: firstWord(squeezed.line.text, from: ws).2)
            return
        }
        let tokens = try Lexer.tokenize(line, from: wordStart)
        try statement(tokens, line)
    }

    func define(_ labelList: [(String, Int, Bool)], _ line: SourceLine) throws {
        for (name, at, numeric) in labelList {
            let loc = line.location(at: at)
            if numeric {
                guard let n = Int(name), n <= Int(Int32.max) else { throw AssemblyError(loc, "local label \(quoted(name)) too large") }
                let count = (localCounts[n] ?? 0) + 1
                localCounts[n] = count
                try defineLabel(LocalLabels.name(n, instance: count), loc)
            } else {
                try defineLabel(name, loc)
            }
        }
    }

    func expectNothing(_ line: SourceLine, after e: Int, what: String) throws {
        let k = MacroText.skipWhite(line.text, e)
        if k < line.text.count {
            throw AssemblyError(line.location(at: k), "unexpected \(quoted(line.text[k...])) after \(what)")
        }
    }

    /// The string of `.error "..."`, `.warning "..."`, `.print "..."` (nil when there is none).
    func stringArgument(_ line: SourceLine, from: Int, directive: String) throws -> String? {
        let tokens = try Lexer.tokenize(line, from: from)
        guard let first = tokens.first else { return nil }
        guard tokens.count == 1, case .string(let s) = first.kind else {
            throw AssemblyError(first.location, "\(directive) argument must be a string in double quotes")
        }
        return printable(s)
    }

    // MARK: Macros

    /// `.macro name formals` ... `.endm`.
    func defineMacro(_ st: SourceStatement, from: Int) throws {
        let (name, params) = try MacroText.header(st.line, from: from, warnings: &messages)
        let loc = st.line.location(at: MacroText.skipWhite(st.line.text, 0))
        let body = try collect(from: st, openers: [".macro"], closer: ".endm",
                               what: "macro '\(name)' definition: expected .endm")
        let key = name.lowercased()
        if let old = macro.macros[key] {
            throw AssemblyError(loc, "macro '\(name)' was already defined", notes: [DiagnosticNote(old.location, "the first definition")])
        }
        if Self.knownDirectives.contains(key) || Self.macroLanguageDirectives.contains(key) {
            messages.append(AssemblerMessage(.warning, loc, "attempt to redefine pseudo-op '\(name)' ignored", notes: st.notes))
            return
        }
        macro.macros[key] = MacroDefinition(name: name, parameters: params, body: body, location: loc)
    }

    /// Reads statements up to the matching closer (nested openers counted, as gas's
    /// buffer_and_nest does). Labels on the closing line stay in the body.
    func collect(from st: SourceStatement, openers: Set<String>, closer: String, what: String) throws -> [SourceStatement] {
        var depth = 1
        var body: [SourceStatement] = []
        while let s = reader?.next() {
            let (_, ws) = labels(s.line.text)
            let (w, _, _) = firstWord(s.line.text, from: ws)
            if openers.contains(w) { depth += 1 }
            if w == closer {
                depth -= 1
                if depth == 0 {
                    if ws > 0 { body.append(SourceStatement(line: Scrubber.scrub(s.line.slice(0, ws)), expansion: s.expansion)) }
                    return body
                }
            }
            body.append(SourceStatement(line: Scrubber.scrub(s.line), expansion: s.expansion))
        }
        throw AssemblyError(st.line.location(at: MacroText.skipWhite(st.line.text, 0)), "unexpected end of file in \(what)", notes: st.notes)
    }

    func checkNesting(_ st: SourceStatement, _ at: SourceLocation) throws {
        guard (reader?.nesting ?? 0) < Self.maxNesting else {
            throw AssemblyError(at, "macros nested too deeply (more than \(Self.maxNesting) levels; a macro that uses itself without end?)",
                                notes: Array(st.notes.prefix(3)) + (st.notes.count > 3 ? [DiagnosticNote(st.notes.last!.location, "... \(st.notes.count - 3) more levels, outermost here")] : []))
        }
    }

    func budget(_ count: Int, _ at: SourceLocation, _ what: String) throws {
        guard count <= Self.maxExpandedStatements - macro.expanded else {
            throw AssemblyError(at, "\(what) would produce more than \(Self.maxExpandedStatements) statements in this file (SuspendScope's limit)")
        }
        macro.expanded += count
    }

    func expandMacro(_ m: MacroDefinition, _ st: SourceStatement, at: Int, from: Int) throws {
        let use = st.line.location(at: at)
        try checkNesting(st, use)
        let values = try MacroText.bind(m, st.line, from: from, warnings: &messages)
        let number = macro.counter
        macro.counter += 1
        let frame = ExpansionFrame(kind: .macro(m.name), use: use, parent: st.expansion)
        try budget(m.body.count, use, "macro '\(m.name)'")
        var out: [SourceStatement] = []
        out.reserveCapacity(m.body.count)
        for b in m.body {
            let l = try MacroText.substitute(b.line, values: values, number: number)
            for piece in Scrubber.split(l) { out.append(SourceStatement(line: Scrubber.scrub(piece), expansion: frame)) }
        }
        reader?.push(out)
    }
}
