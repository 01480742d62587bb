/// A `.macro` as GNU as 2.40 keeps it (gas/macro.c): its formals and its body statements.
struct MacroDefinition {
    struct Parameter {
        var name: String
        var defaultValue: [UInt8] = []
        var required = false
        var vararg = false
    }
    let name: String
    let parameters: [Parameter]
    let body: [SourceStatement]
    let location: SourceLocation
}

/// The text scanning of gas/macro.c: names, argument strings, commas, and the substitution of
/// `\formal`, `\()`, `\@` and `&formal` in bodies.
enum MacroText {
    static func isNameBeginner(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 36
    }
    static func isPartOfName(_ c: UInt8) -> Bool { isNameBeginner(c) || (c >= 48 && c <= 57) }
    static func isWhite(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }
    /// Characters that end a keyword argument's name (macro.c's ISSEP).
    static func isSeparator(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x2c || c == 0x22 || c == 0x3b || c == 0x29 || c == 0x28
    }

    static func skipWhite(_ t: [UInt8], _ i: Int) -> Int {
        var i = i
        while i < t.count && isWhite(t[i]) { i += 1 }
        return i
    }
    /// Whitespace, then at most one comma, then whitespace.
    static func skipComma(_ t: [UInt8], _ i: Int) -> Int {
        var i = skipWhite(t, i)
        if i < t.count && t[i] == 0x2c { i = skipWhite(t, i + 1) }
        return i
    }
    static func token(_ t: [UInt8], _ i: Int) -> (String, Int) {
        guard i < t.count, isNameBeginner(t[i]) else { return ("", i) }
        var e = i + 1
        while e < t.count && isPartOfName(t[e]) { e += 1 }
        return (String(decoding: t[i..<e], as: UTF8.self), e)
    }

    /// A double-quoted argument without its quotes (`""` inside is one quote; `\"` is kept).
    static func quotedString(_ t: [UInt8], _ i: Int) -> ([UInt8], Int) {
        var acc: [UInt8] = []
        var idx = i
        while idx < t.count && t[idx] == 0x22 {
            idx += 1
            var escaped = false
            while idx < t.count {
                if t[idx - 1] == 0x5c { escaped.toggle() } else { escaped = false }
                if escaped && t[idx] == 0x22 { acc.append(0x22); idx += 1; continue }
                if t[idx] == 0x22 {
                    idx += 1
                    if idx >= t.count || t[idx] != 0x22 { break }
                }
                acc.append(t[idx]); idx += 1
            }
        }
        return (acc, idx)
    }

    /// One argument (gas's get_any_string): a quoted string (quotes removed), or text up to
    /// whitespace or a comma outside `(...)`/`[...]`, quotes inside kept.
    static func anyString(_ t: [UInt8], _ i0: Int) -> ([UInt8], Int) {
        var idx = skipWhite(t, i0)
        guard idx < t.count else { return ([], idx) }
        if idx + 2 < t.count && t[idx + 1] == 0x27 && "bBqQhHdD".utf8.contains(t[idx]) {
            var out: [UInt8] = []
            while idx < t.count && !isSeparator(t[idx]) { out.append(t[idx]); idx += 1 }
            return (out, idx)
        }
        if t[idx] == 0x22 { return quotedString(t, idx) }
        var out: [UInt8] = []
        var brackets: [UInt8] = []
        while idx < t.count && (!brackets.isEmpty || !isWhite(t[idx])) && t[idx] != 0x2c {
            let c = t[idx]
            switch c {
            case 0x22, 0x27:
                out.append(c); idx += 1
                while idx < t.count && t[idx] != c { out.append(t[idx]); idx += 1 }
                if idx == t.count { return (out, idx) }
            case 0x28, 0x5b: brackets.append(c)
            case 0x29: if brackets.last == 0x28 { brackets.removeLast() }
            case 0x5d: if brackets.last == 0x5b { brackets.removeLast() }
            default: break
            }
            out.append(t[idx]); idx += 1
        }
        return (out, idx)
    }

    /// Parses what follows `.macro`: the name, an optional comma, and the formals
    /// (`name`, `name=default`, `name:req`, `name:vararg`, separated by commas or spaces).
    static func header(_ line: SourceLine, from start: Int, warnings: inout [AssemblerMessage]) throws -> (String, [MacroDefinition.Parameter]) {
        let t = line.text
        var idx = skipWhite(t, start)
        let (name, e) = token(t, idx)
        guard !name.isEmpty else { throw AssemblyError(line.location(at: idx), "expected a macro name after .macro") }
        idx = e
        let cidx = skipWhite(t, idx)
        idx = skipComma(t, cidx)
        var params: [MacroDefinition.Parameter] = []
        if idx == cidx || idx < t.count {
            while idx < t.count {
                let at = idx
                let (p, pe) = token(t, idx)
                if p.isEmpty { break }
                idx = skipWhite(t, pe)
                var param = MacroDefinition.Parameter(name: p)
                if idx < t.count && t[idx] == UInt8(ascii: ":") {
                    let (q, qe) = token(t, skipWhite(t, idx + 1))
                    switch q {
                    case "req": param.required = true
                    case "vararg": param.vararg = true
                    case "": throw AssemblyError(line.location(at: idx), "missing parameter qualifier for '\(p)' in macro '\(name)' (expected :req or :vararg)")
                    default: throw AssemblyError(line.location(at: idx + 1), "'\(q)' is not a valid parameter qualifier for '\(p)' in macro '\(name)' (expected :req or :vararg)")
                    }
                    idx = skipWhite(t, qe)
                }
                if idx < t.count && t[idx] == UInt8(ascii: "=") {
                    let (d, de) = anyString(t, idx + 1)
                    idx = skipWhite(t, de)
                    if param.required {
                        warnings.append(AssemblerMessage(.warning, line.location(at: at), "pointless default value for required parameter '\(p)' in macro '\(name)'"))
                    } else { param.defaultValue = d }
                }
                guard !params.contains(where: { $0.name == p }) else {
                    throw AssemblyError(line.location(at: at), "a parameter named '\(p)' already exists for macro '\(name)'")
                }
                params.append(param)
                if param.vararg { break }
                let c = idx
                idx = skipComma(t, idx)
                if idx != c && idx >= t.count { idx = c; break }
            }
        } else { idx = cidx }
        if idx < t.count {
            throw AssemblyError(line.location(at: idx), "bad parameter list for macro '\(name)': unexpected \(quoted(t[idx...]))")
        }
        return (name, params)
    }

    /// Binds the arguments of a use (the text after the macro's name): positional, then
    /// `name=value` keywords; a `:vararg` formal takes the rest of the line.
    static func bind(_ m: MacroDefinition, _ line: SourceLine, from start: Int, warnings: inout [AssemblerMessage]) throws -> [String: [UInt8]] {
        let t = line.text
        var actual: [String: [UInt8]] = [:]
        var positional = 0
        var sawKeyword = false
        var idx = skipWhite(t, start)
        while idx < t.count {
            var scan = idx
            while scan < t.count && !isSeparator(t[scan]) && t[scan] != UInt8(ascii: "=") { scan += 1 }
            if scan < t.count && t[scan] == UInt8(ascii: "=") {
                sawKeyword = true
                let (k, ke) = token(t, idx)
                guard ke < t.count, t[ke] == UInt8(ascii: "=") else {
                    throw AssemblyError(line.location(at: idx), "confusion in formal parameters: expected 'name=value' in the arguments of macro '\(m.name)'")
                }
                let (v, ve) = anyString(t, ke + 1)
                guard m.parameters.contains(where: { $0.name == k }) else {
                    throw AssemblyError(line.location(at: idx), "parameter named '\(k)' does not exist for macro '\(m.name)' (it has \(m.parameters.isEmpty ? "none" : m.parameters.map { "'\($0.name)'" }.joined(separator: ", ")))")
                }
                if let old = actual[k], !old.isEmpty {
                    warnings.append(AssemblerMessage(.warning, line.location(at: idx), "value for parameter '\(k)' of macro '\(m.name)' was already specified"))
                }
                actual[k] = v
                idx = ve
            } else {
                if sawKeyword {
                    throw AssemblyError(line.location(at: idx), "can't mix positional and keyword arguments (macro '\(m.name)')")
                }
                guard positional < m.parameters.count else {
                    throw AssemblyError(line.location(at: idx), "too many positional arguments for macro '\(m.name)' (it takes \(m.parameters.count))")
                }
                let p = m.parameters[positional]
                if p.vararg {
                    actual[p.name] = Array(t[idx...])
                    idx = t.count
                } else {
                    let (v, ve) = anyString(t, idx)
                    actual[p.name] = v
                    idx = ve
                }
                positional += 1
            }
            idx = skipComma(t, idx)
        }
        for p in m.parameters where p.required && (actual[p.name] ?? []).isEmpty {
            throw AssemblyError(line.location(at: start), "missing value for required parameter '\(p.name)' of macro '\(m.name)'")
        }
        var values: [String: [UInt8]] = [:]
        for p in m.parameters {
            let a = actual[p.name] ?? []
            values[p.name] = a.isEmpty ? p.defaultValue : a
        }
        return values
    }

    /// Substitutes one body line: `\formal` (and `&formal`) by its value, `\()` by nothing
    /// (`\(text)` by text), `\@` by the count of macros expanded before this one. Other
    /// backslashes stay. Substituted bytes take the column of the backslash.
    static func substitute(_ line: SourceLine, values: [String: [UInt8]], number: Int) throws -> SourceLine {
        let t = line.text
        guard t.contains(0x5c) || (t.contains(UInt8(ascii: "&")) && !values.isEmpty) else { return line }
        var out: [UInt8] = []
        var cols: [Int32] = []
        out.reserveCapacity(t.count + 16)
        var i = 0
        func copy(_ k: Int) { out.append(t[k]); cols.append(Int32(line.column(at: k))) }
        func put(_ bytes: [UInt8], at k: Int) {
            out.append(contentsOf: bytes)
            cols.append(contentsOf: repeatElement(Int32(line.column(at: k)), count: bytes.count))
        }
        while i < t.count {
            let c = t[i]
            if c == UInt8(ascii: "&") {
                let (name, e) = token(t, i + 1)
                if let v = values[name] {
                    put(v, at: i)
                    i = e < t.count && t[e] == UInt8(ascii: "&") ? e + 1 : e
                } else {
                    copy(i); i += 1
                }
                continue
            }
            guard c == 0x5c, i + 1 < t.count else { copy(i); i += 1; continue }
            let n = t[i + 1]
            if n == UInt8(ascii: "(") {
                var k = i + 2
                while k < t.count && t[k] != UInt8(ascii: ")") { copy(k); k += 1 }
                guard k < t.count else { throw AssemblyError(line.location(at: i), "missing ')' after '\\('") }
                i = k + 1
                continue
            }
            if n == UInt8(ascii: "@") {
                put(Array(String(number).utf8), at: i)
                i += 2
                continue
            }
            if n == UInt8(ascii: "&") { copy(i); copy(i + 1); i += 2; continue }
            let (name, e) = token(t, i + 1)
            if !name.isEmpty, let v = values[name] {
                put(v, at: i)
                // A quote right after the name is a separator and vanishes (macro.c's get_apost_token).
                i = e < t.count && t[e] == 0x27 ? e + 1 : e
                continue
            }
            copy(i)
            i += 1
        }
        var r = line
        r.text = out
        r.columns = cols
        r.endColumn = Int32(line.column(at: t.count))
        return r
    }
}
