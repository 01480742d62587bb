/// GNU as's input: the preprocessed lines of a unit, split into scrubbed statements, with the
/// expansions of macros and repeats pushed on top as they are used (gas's input_scrub_include_sb).
final class StatementReader {
    private struct Frame {
        var statements: [SourceStatement]
        var index = 0
    }
    private let lines: [SourceLine]
    private let cppExpanded: [Int: String]
    private var lineIndex = 0
    private var pending: [SourceStatement] = []
    private var pendingIndex = 0
    private var frames: [Frame] = []

    /// How many expansions the next statement is inside (gas's macro_nest).
    var nesting: Int { frames.count }

    init(_ lines: [SourceLine], cppExpanded: [Int: String] = [:]) {
        self.lines = lines
        self.cppExpanded = cppExpanded
    }

    func next() -> SourceStatement? {
        while let last = frames.indices.last {
            let k = frames[last].index
            if k < frames[last].statements.count {
                frames[last].index += 1
                return frames[last].statements[k]
            }
            frames.removeLast()
        }
        while pendingIndex >= pending.count {
            guard lineIndex < lines.count else { return nil }
            let line = lines[lineIndex]
            let frame = cppExpanded.isEmpty ? nil : cppExpanded[lineIndex].map { ExpansionFrame(kind: .cpp($0), use: line.location(at: 0), parent: nil) }
            lineIndex += 1
            // One statement on the line (the common case): no arrays.
            if !line.text.contains(UInt8(ascii: ";")) { return SourceStatement(line: line, expansion: frame) }
            // Squeezing whitespace (gas's scrubber) is left to where text matters: macro
            // arguments, bodies, `.ifc`/`.ifb` and `.irp` lists (MacroLanguage).
            pending = Scrubber.split(line).map { SourceStatement(line: $0, expansion: frame) }
            pendingIndex = 0
        }
        pendingIndex += 1
        return pending[pendingIndex - 1]
    }

    /// Reads the next statements from `statements` before anything else.
    func push(_ statements: [SourceStatement]) {
        frames.append(Frame(statements: statements))
    }

    /// `.exitm`: abandons the innermost expansion.
    func exitInnermost() {
        if !frames.isEmpty { frames.removeLast() }
    }
}
