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

    /// `\xHH` for a raw byte (a control, or a byte that is not UTF-8 on its own).
    public static func escape(byte b: UInt8) -> String { escape(Unicode.Scalar(b)) }

    /// Bytes from a file as text: well-formed UTF-8 kept, control characters (and scalars
    /// `also` names) and bytes that are not UTF-8 escaped as `\xHH`, byte by byte.
    public static func escaped(bytes: [UInt8], also: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
        var out = ""
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                let u = Unicode.Scalar(b)
                if isControl(u) || also(u) { out += escape(byte: b) } else { out.unicodeScalars.append(u) }
                i += 1
                continue
            }
            // A well-formed multi-byte sequence of a scalar the rule keeps is kept.
            let n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0
            if n > 0, i + n <= bytes.count {
                let s = String(decoding: bytes[i..<(i + n)], as: UTF8.self)
                if s.utf8.elementsEqual(bytes[i..<(i + n)]), let u = s.unicodeScalars.first, !isControl(u), !also(u) {
                    out += s; i += n; continue
                }
            }
            out += escape(byte: b)
            i += 1
        }
        return out
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
