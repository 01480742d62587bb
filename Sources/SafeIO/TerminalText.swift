/// The one escaping rule for text that reaches a terminal or stderr from outside the program
/// (files, arguments, the emulated program's UART): C0 controls, DEL and C1 controls are shown
/// as `\xHH` (`\x1b` for ESC, `\x7f` for DEL, `\x9b` for U+009B), so no file can move the
/// cursor, set the window title, clear the screen or start a terminal control sequence.
///
/// Tab is kept (it only moves to the next tab stop); a newline is kept where the caller writes
/// several lines (`keepingNewlines`). The TUI, batch output and error messages all go through
/// this rule: the TUI's frames escape every control they are given (a tab is laid out there).
public enum TerminalText {
    /// Whether the rule shows `u` escaped: C0 (U+0000–U+001F), DEL (U+007F), C1 (U+0080–U+009F).
    @inline(__always)
    public static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (u.value >= 0x7f && u.value < 0xa0)
    }

    /// `\xHH` for a control character (two lowercase hex digits).
    public static func escape(_ u: Unicode.Scalar) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var s = "\\x"
        s.unicodeScalars.append(digits[Int(u.value >> 4) & 0xf])
        s.unicodeScalars.append(digits[Int(u.value) & 0xf])
        return s
    }

    /// `s` with every control character but tab (and newline when `keepingNewlines`) escaped.
    public static func escaped(_ s: String, keepingNewlines: Bool = false) -> String {
        // Most text has no controls at all: give it back as it is.
        guard s.unicodeScalars.contains(where: { isControl($0) && $0 != "\t" && !(keepingNewlines && $0 == "\n") }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isControl(u) && u != "\t" && !(keepingNewlines && u == "\n") {
                out.append(contentsOf: escape(u).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}
