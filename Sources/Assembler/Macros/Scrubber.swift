/// gas's input scrubber (app.c) as far as the macro language can see it: statements split at
/// `;`, whitespace squeezed, character constants turned into numbers.
enum Scrubber {
    static func isSymbolChar(_ c: UInt8) -> Bool {
        (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95 || c == 46 || c == 36
    }
    static func isWhite(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0b || c == 0x0c || c == 0x0d }

    /// Splits a preprocessed line at `;` outside strings into statements.
    static func split(_ line: SourceLine) -> [SourceLine] {
        let t = line.text
        guard t.contains(UInt8(ascii: ";")) else { return [line] }
        var out: [SourceLine] = []
        var start = 0
        var i = 0
        while i <= t.count {
            if i == t.count || t[i] == UInt8(ascii: ";") {
                out.append(line.slice(start, i))
                start = i + 1
                i += 1
                continue
            }
            if t[i] == 0x22 {
                i += 1
                while i < t.count && t[i] != 0x22 { if t[i] == 0x5c { i += 1 }; i += 1 }
                if i < t.count { i += 1 }
                continue
            }
            if t[i] == 0x27 { i = min(t.count, i + (i + 1 < t.count && t[i + 1] == 0x5c ? 3 : 2)); continue }
            i += 1
        }
        return out
    }

    /// Squeezes whitespace as gas's scrubber does: none at the start, one space after the first
    /// word (the mnemonic or directive, after any `label:`), and in the operands one space only
    /// between two characters of names or numbers (`a , b` -> `a,b`, `a   b` -> `a b`). A
    /// character constant `'c'` (or `'c`) becomes its decimal value, as in gas. Strings are kept.
    static func scrub(_ line: SourceLine) -> SourceLine {
        let t = line.text
        var out: [UInt8] = []
        var cols: [Int32] = []
        out.reserveCapacity(t.count)
        cols.reserveCapacity(t.count)
        // 0 line start, 2 in the first word, 3 operands, 9 after a symbol char in the operands,
        // 10 whitespace after a symbol char in the operands.
        var state = 0
        var pendingSpace: Int32? = nil
        var i = 0
        func emit(_ c: UInt8, _ at: Int) { out.append(c); cols.append(Int32(line.column(at: at))) }
        while i < t.count {
            let c = t[i]
            if isWhite(c) {
                switch state {
                case 2:
                    // Whitespace after the first word: one space, unless a ':' (a label) follows.
                    var k = i
                    while k < t.count && isWhite(t[k]) { k += 1 }
                    if k < t.count && t[k] == UInt8(ascii: ":") { i = k; continue }
                    if k < t.count { emit(0x20, i); state = 3 }
                    i = k
                case 9, 10:
                    if pendingSpace == nil { pendingSpace = Int32(line.column(at: i)) }
                    state = 10
                    i += 1
                default:
                    i += 1
                }
                continue
            }
            if c == 0x22 {
                if state == 10 { pendingSpace = nil }
                if state == 0 { state = 2 } else if state == 9 || state == 10 { state = 3 }
                emit(c, i); i += 1
                while i < t.count && t[i] != 0x22 {
                    if t[i] == 0x5c && i + 1 < t.count { emit(t[i], i); i += 1 }
                    emit(t[i], i); i += 1
                }
                if i < t.count { emit(t[i], i); i += 1 }
                continue
            }
            if c == 0x27 && i + 1 < t.count {
                // 'c' or 'c: its decimal value.
                var k = i + 1
                var v: UInt8
                if t[k] == 0x5c && k + 1 < t.count {
                    let e = t[k + 1]
                    switch e {
                    case UInt8(ascii: "b"): v = 8
                    case UInt8(ascii: "f"): v = 12
                    case UInt8(ascii: "n"): v = 10
                    case UInt8(ascii: "r"): v = 13
                    case UInt8(ascii: "t"): v = 9
                    default: v = e
                    }
                    k += 2
                } else { v = t[k]; k += 1 }
                if k < t.count && t[k] == 0x27 { k += 1 }
                if state == 10, let p = pendingSpace { out.append(0x20); cols.append(p) }
                pendingSpace = nil
                for d in String(v).utf8 { emit(d, i) }
                if state == 0 { state = 2 } else if state != 2 { state = 9 }
                i = k
                continue
            }
            if c == UInt8(ascii: ":") {
                // After a label the next word is a mnemonic again.
                if state == 2 || state == 0 { state = 0 } else { state = 3 }
                pendingSpace = nil
                emit(c, i); i += 1
                continue
            }
            if isSymbolChar(c) {
                if state == 10, let p = pendingSpace { out.append(0x20); cols.append(p) }
                pendingSpace = nil
                if state == 0 { state = 2 } else if state != 2 { state = 9 }
                emit(c, i); i += 1
                continue
            }
            pendingSpace = nil
            if state == 0 { state = 2 } else if state != 2 { state = 3 }
            emit(c, i); i += 1
        }
        if out == t { return line }
        var r = line
        r.text = out
        r.columns = cols
        // Just past the last character kept (trailing blanks are gone).
        // (A line a cpp macro rewrote keeps pointing at the macro's name.)
        if line.columns == nil || line.endColumn != nil {
            r.endColumn = cols.last.map { $0 + 1 } ?? Int32(line.column(at: 0))
        }
        return r
    }
}
