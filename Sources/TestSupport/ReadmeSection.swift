import Foundation

/// A part of README.md made from a table in the code (the key list, the command list), between
/// `<!-- NAME:begin ... -->` and `<!-- NAME:end -->`. Tests compare it with what the table makes
/// now; `SUSPENDSCOPE_RECORD_README=1` writes it instead.
public enum ReadmeSection {
    public static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md")

    /// Nil when the README holds `expected` (or was just written); else what is wrong.
    public static func problem(name: String, expected: String) throws -> String? {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = "<!-- \(name):begin (made from the table; SUSPENDSCOPE_RECORD_README=1 swift test --filter theReadmeLists) -->\n"
        let end = "<!-- \(name):end -->"
        guard let b = text.range(of: begin), let e = text.range(of: end, range: b.upperBound..<text.endIndex) else {
            return "README.md has no \(name) section (\(begin.trimmingCharacters(in: .newlines)) ... \(end))"
        }
        let wanted = expected.hasSuffix("\n") ? expected : expected + "\n"
        if ProcessInfo.processInfo.environment["SUSPENDSCOPE_RECORD_README"] == "1" {
            var updated = text
            updated.replaceSubrange(b.upperBound..<e.lowerBound, with: wanted)
            try updated.write(to: readme, atomically: true, encoding: .utf8)
            return nil
        }
        return String(text[b.upperBound..<e.lowerBound]) == wanted ? nil
            : "README.md's \(name) list differs from the table: run SUSPENDSCOPE_RECORD_README=1 swift test --filter theReadmeLists (one test at a time) and read the diff"
    }
}
