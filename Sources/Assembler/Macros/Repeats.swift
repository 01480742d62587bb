/// `.rept`, `.irp` and `.irpc`: a body read up to the matching `.endr` and pushed back as many
/// times as asked, with `\name` substituted for `.irp`/`.irpc` (as gas's expand_irp does).
extension Assembly {
    /// `.rept count` ... `.endr`.
    func repeatBlock(_ st: SourceStatement, from: Int) throws {
        let loc = st.line.location(at: MacroText.skipWhite(st.line.text, 0))
        let count = try conditionValue(st.line, from: from, directive: ".rept")
        let body = try collect(from: st, openers: Self.repeatOpeners, closer: ".endr", what: ".rept: expected .endr")
        guard count >= 0 else { throw AssemblyError(loc, "negative count \(count) for .rept") }
        try checkNesting(st, loc)
        if count > 0 && !body.isEmpty {
            guard count <= Int64(Self.maxExpandedStatements) else {
                throw AssemblyError(loc, ".rept \(count) would produce more than \(Self.maxExpandedStatements) statements in this file (SuspendScope's limit)")
            }
            try budget(Int(count) * body.count, loc, ".rept \(count)")
        }
        let frame = ExpansionFrame(kind: .rept, use: loc, parent: st.expansion)
        var out: [SourceStatement] = []
        for _ in 0..<count { for b in body { out.append(SourceStatement(line: b.line, expansion: frame)) } }
        reader?.push(out)
    }

    /// `.irp name, values...` / `.irpc name, characters` ... `.endr`.
    func iterateBlock(_ st: SourceStatement, characters: Bool, from: Int) throws {
        let line = st.line
        let t = line.text
        let loc = line.location(at: MacroText.skipWhite(t, 0))
        let directive = characters ? ".irpc" : ".irp"
        var idx = MacroText.skipWhite(t, from)
        let (param, pe) = MacroText.token(t, idx)
        guard !param.isEmpty else { throw AssemblyError(line.location(at: idx), "missing model parameter: expected '\(directive) name, ...'") }
        let body = try collect(from: st, openers: Self.repeatOpeners, closer: ".endr", what: "\(directive): expected .endr")
        try checkNesting(st, loc)
        idx = MacroText.skipComma(t, pe)
        var values: [[UInt8]] = []
        func add(_ v: [UInt8]) throws {
            values.append(v)
            if values.count * max(1, body.count) > Self.maxExpandedStatements - macro.expanded {
                throw AssemblyError(loc, "\(directive) with \(values.count) or more items would produce more than \(Self.maxExpandedStatements) statements in this file (SuspendScope's limit)")
            }
        }
        // Refuse at once a list that cannot fit (a comma per item, or a byte per character).
        let roughCount = characters ? t.count - idx : t[idx...].reduce(1) { $0 + ($1 == 0x2c ? 1 : 0) }
        if roughCount > Self.maxExpandedStatements + 1 && roughCount * max(1, body.count) > Self.maxExpandedStatements - macro.expanded {
            throw AssemblyError(loc, "\(directive) with about \(roughCount) items would produce more than \(Self.maxExpandedStatements) statements in this file (SuspendScope's limit)")
        }
        if idx >= t.count {
            try add([])
        } else if !characters {
            while idx < t.count {
                let (v, e) = MacroText.anyString(t, idx)
                try add(v)
                idx = MacroText.skipComma(t, e)
            }
        } else {
            var inQuotes = false
            if t[idx] == 0x22 { inQuotes = true; idx += 1 }
            while idx < t.count {
                if t[idx] == 0x22 {
                    inQuotes.toggle()
                    if MacroText.skipWhite(t, idx + 1) >= t.count { break }
                }
                try add([t[idx]])
                idx += 1
                if !inQuotes { idx = MacroText.skipWhite(t, idx) }
            }
        }
        try budget(values.count * body.count, loc, directive)
        let frame = ExpansionFrame(kind: characters ? .irpc : .irp, use: loc, parent: st.expansion)
        var out: [SourceStatement] = []
        for v in values {
            for b in body {
                let l = try MacroText.substitute(b.line, values: [param: v], number: macro.counter)
                for piece in Scrubber.split(l) { out.append(SourceStatement(line: Scrubber.scrub(piece), expansion: frame)) }
            }
        }
        reader?.push(out)
    }

}
