/// A position in an original source file (1-based line and column, columns counted in bytes).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) { self.file = file; self.line = line; self.column = column }
    public var description: String { "\(file):\(line):\(column)" }
}

/// The one error the assembler throws. `description` is always a single line:
/// `file:line:column: error: message`.
public struct AssemblyError: Error, CustomStringConvertible, Sendable, Equatable {
    public let location: SourceLocation
    public let message: String
    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        // Keep the description on one line whatever the message contains.
        self.message = String(message.map { $0 == "\n" || $0 == "\r" ? " " : $0 })
    }
    public var description: String { "\(location): error: \(message)" }
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
