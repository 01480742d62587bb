/// A patch or email that cannot be read: bad input (exit 2). The message names file:line and
/// what was expected.
/// Text from the patch in it is shown with its control characters escaped.
public struct PatchError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ place: PatchPlace, _ message: String) { description = PatchText.escaped("\(place): error: \(message)") }
    public init(file: String, _ message: String) { description = PatchText.escaped("\(file): error: \(message)") }
}

/// Where a line of a patch came from: the input file's line, and for a line decoded from a
/// base64 part, its line within the decoded text.
public struct PatchPlace: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based line in the decoded text of a base64 part starting at `line`.
    public var decodedLine: Int?

    public init(file: String, line: Int, decodedLine: Int? = nil) {
        self.file = file; self.line = line; self.decodedLine = decodedLine
    }

    public var description: String {
        decodedLine.map { "\(file):\(line) (line \($0) of the base64 part decoded)" } ?? "\(file):\(line)"
    }
}

/// One line of text with its place, without its line terminator (CRLF and LF both end a line).
struct PlacedLine: Sendable {
    var text: String
    var place: PatchPlace
}

enum PatchText {
    /// Control characters (C0 but tab, DEL, C1) as `\u{1b}`: text from a patch never reaches a
    /// terminal raw.
    static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || ($0.value >= 0x7f && $0.value < 0xa0) }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if (u.value < 0x20 && u != "\t") || (u.value >= 0x7f && u.value < 0xa0) { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// The largest input read: a whole mbox of a patch series is a few hundred kilobytes.
    static let maxBytes = 16 << 20

    /// Bytes a text file does not hold: NUL and the C0 controls other than tab, LF, FF, CR and
    /// ESC (which colour output and mailers' form feeds leave in patches).
    static func isBinaryByte(_ b: UInt8) -> Bool {
        b == 0 || (b < 0x20 && b != 0x09 && b != 0x0a && b != 0x0c && b != 0x0d && b != 0x1b) || b == 0x7f
    }

    /// The first byte that makes `bytes` binary rather than text, if any: a NUL, or more than 1%
    /// of the bytes being control characters.
    static func binaryEvidence(_ bytes: [UInt8]) -> Int? {
        if let nul = bytes.firstIndex(of: 0) { return nul }
        var controls = 0
        var first: Int?
        for (i, b) in bytes.enumerated() where isBinaryByte(b) {
            controls += 1
            if first == nil { first = i }
        }
        return controls * 100 > bytes.count ? first : nil
    }

    /// (line, column) of byte offset `i`, 1-based.
    static func lineColumn(of i: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1, col = 1
        for b in bytes[..<min(i, bytes.count)] {
            if b == 0x0a { line += 1; col = 1 } else { col += 1 }
        }
        return (line, col)
    }

    /// Decodes bytes as UTF-8, or for a part that names another charset, as that charset
    /// (Latin-1 and Windows-1252 by byte; anything else as UTF-8 with replacement characters).
    static func string(_ bytes: ArraySlice<UInt8>, charset: String?) -> String {
        let cs = (charset ?? "utf-8").lowercased()
        if cs == "iso-8859-1" || cs == "latin1" || cs == "iso-8859-15" || cs == "windows-1252" || cs == "cp1252" {
            var s = String.UnicodeScalarView()
            for b in bytes { s.append(Unicode.Scalar(b)) }
            return String(s)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Splits bytes into lines ending at LF (a CR before it is dropped), numbered from
    /// `firstLine` (or, for a decoded part, all placed at `firstLine` with their decoded line).
    /// Works on bytes: in a Swift String, CR LF is one Character and would not split at "\n".
    static func lines(_ bytes: ArraySlice<UInt8>, charset: String? = nil, file: String, firstLine: Int = 1,
                      decoded: Bool = false) -> [PlacedLine] {
        var out: [PlacedLine] = []
        var start = bytes.startIndex
        var n = 0
        func emit(_ end: Int) {
            var e = end
            if e > start, bytes[e - 1] == 0x0d { e -= 1 }
            let place = decoded ? PatchPlace(file: file, line: firstLine, decodedLine: n + 1) : PatchPlace(file: file, line: firstLine + n)
            out.append(PlacedLine(text: string(bytes[start..<e], charset: charset), place: place))
            n += 1
        }
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x0a { emit(i); start = i + 1 }
            i += 1
        }
        if start < bytes.endIndex { emit(bytes.endIndex) }
        return out
    }
}
