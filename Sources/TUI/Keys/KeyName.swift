/// Keys written as text, the way keys.toml, the `?` overlay and the README name them:
/// `s`, `R`, `:`, `Space`, `Enter`, `Esc`, `Tab`, `S-Tab`, `Up`, `PgDn`, `Home`, `Ins`, `Del`,
/// `F7`, `S-F7`, `C-a`, `M-b`. Parsing and naming are inverses.
public enum KeyName {
    static let named: [(String, Key)] = [
        ("Enter", .enter), ("Esc", .escape), ("Tab", .tab), ("S-Tab", .backTab), ("Backspace", .backspace),
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right), ("PgUp", .pageUp), ("PgDn", .pageDown),
        ("Home", .home), ("End", .end), ("Ins", .insert), ("Del", .delete), ("Space", .character(" ")),
    ]
    /// Other spellings people write (case-insensitive), for keys.toml.
    static let synonyms: [String: String] = [
        "return": "Enter", "escape": "Esc", "backtab": "S-Tab", "shift-tab": "S-Tab", "pageup": "PgUp", "pagedown": "PgDn",
        "insert": "Ins", "delete": "Del", "bs": "Backspace",
    ]

    /// The key `text` names, or nil.
    public static func parse(_ text: String) -> Key? {
        if let k = named.first(where: { $0.0.lowercased() == text.lowercased() })?.1 { return k }
        if let s = synonyms[text.lowercased()], let k = named.first(where: { $0.0 == s })?.1 { return k }
        let lower = text.lowercased()
        for (prefix, make) in [("s-f", { (n: Int) in Key.shiftFunction(n) }), ("shift-f", { Key.shiftFunction($0) }), ("f", { Key.function($0) })] {
            if lower.hasPrefix(prefix), let n = Int(lower.dropFirst(prefix.count)), (1...12).contains(n) { return make(n) }
        }
        for prefix in ["C-", "Ctrl-", "c-", "ctrl-"] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.lowercased().first, c.isASCII, c.isLetter { return .control(c) }
        }
        for prefix in ["M-", "Alt-", "m-", "alt-"] where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, Self.isPrintable(c) { return .alt(c) }
        }
        if text.count == 1, let c = text.first, Self.isPrintable(c), c != " " { return .character(c) }
        return nil
    }

    static func isPrintable(_ c: Character) -> Bool {
        guard let u = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
        return u.value >= 0x21 && u.value != 0x7f && !(0x80..<0xa0).contains(u.value)
    }

    /// The name of `key`, as `parse` reads it.
    public static func name(_ key: Key) -> String {
        if let n = named.first(where: { $0.1 == key })?.0 { return n }
        switch key {
        case .character(let c): return String(c)
        case .function(let n): return "F\(n)"
        case .shiftFunction(let n): return "S-F\(n)"
        case .control(let c): return "C-\(c)"
        case .alt(let c): return "M-\(c)"
        default: return "?"
        }
    }
}
