/// A position in an original source file (1-based line and column, columns counted in bytes).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file):\(line):\(column)" }
}

/// A secondary location of a diagnostic, e.g. "in macro 'adr_l' used here" for an error inside
/// a macro expansion, or the other definition of a symbol defined twice.
public struct DiagnosticNote: Sendable, Equatable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String
    public init(_ location: SourceLocation, _ message: String) { self.location = location; self.message = message }
    public var description: String { "\(location): note: \(message)" }
}

/// The one error the assembler throws. `description` is always a single line:
/// `file:line:column: error: message`; `report` adds one line per note (the macro uses an
/// error was reached through, innermost first, as GNU as lists them).
public struct AssemblyError: Error, CustomStringConvertible, Sendable, Equatable {
    public let location: SourceLocation
    public let message: String
    public var notes: [DiagnosticNote]
    public init(_ location: SourceLocation, _ message: String, notes: [DiagnosticNote] = []) {
        self.location = location
        // Keep the description on one line whatever the message contains.
        self.message = oneLine(message)
        self.notes = notes
    }
    public var description: String { "\(location): error: \(message)" }
    /// The error and its notes, one per line (what the command line prints).
    public var report: String { ([description] + notes.map(\.description)).joined(separator: "\n") }
}

/// What assembling said besides the program: `.warning`, `#warning`, `.print`, and GNU as's
/// warnings that SuspendScope reproduces (a macro redefined by cpp, a purge of an unknown macro).
public struct AssemblerMessage: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case warning
        /// `.print "text"`: printed on standard output as GNU as does.
        case print
    }
    public let kind: Kind
    public let location: SourceLocation
    public let message: String
    public var notes: [DiagnosticNote]
    public init(_ kind: Kind, _ location: SourceLocation, _ message: String, notes: [DiagnosticNote] = []) {
        self.kind = kind; self.location = location; self.message = oneLine(message); self.notes = notes
    }
    public var description: String {
        switch kind {
        case .warning: return ([ "\(location): warning: \(message)"] + notes.map(\.description)).joined(separator: "\n")
        case .print: return message
        }
    }
}

func oneLine(_ s: String) -> String {
    String(s.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
}

/// Text from a source file for a message: printable ASCII and UTF-8 as is, control bytes and
/// invalid UTF-8 escaped (`\x1b`), so that nothing from a file reaches the terminal raw.
func printable(_ bytes: [UInt8]) -> String {
    var out = ""
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b >= 0x20 && b < 0x7f { out.append(Character(Unicode.Scalar(b))); i += 1; continue }
        if b >= 0x80 {
            // A well-formed multi-byte UTF-8 sequence of a printable scalar is kept.
            let n = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0
            if n > 0, i + n <= bytes.count, let s = String(validating: bytes[i..<(i + n)], as: UTF8.self),
               let u = s.unicodeScalars.first, !u.properties.generalCategory.isControlLike {
                out += s; i += n; continue
            }
        }
        out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
        i += 1
    }
    return out
}

extension Unicode.GeneralCategory {
    var isControlLike: Bool {
        switch self {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse: return true
        default: return false
        }
    }
}

/// Renders bytes of source text for messages: printable ASCII as is, the rest escaped, and
/// long text shortened so that a message stays one readable line.
func quoted(_ bytes: ArraySlice<UInt8>, limit: Int = 40) -> String {
    var s = "'"
    for (i, b) in bytes.enumerated() {
        if i >= limit { s += "..."; break }
        if b >= 0x20 && b < 0x7f { s.append(Character(Unicode.Scalar(b))) }
        else { s += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16) }
    }
    return s + "'"
}
func quoted(_ s: String) -> String { quoted(ArraySlice(Array(s.utf8))) }
