import A64
import Platform

/// What the panels compute once and reuse across frames: everything here is a function of
/// the scenario's program (which never changes while a run lives) or is checked against the
/// value it was computed from, so a cached frame is identical to a freshly computed one.
/// An `App` keeps one for its life; a `ViewState` made without one gets a fresh (empty) one.
public final class RenderCache {
    /// The run the tables belong to: a different run (a `load`) empties them.
    private weak var run: ScenarioRun?

    struct SourceKey: Hashable { var address: UInt64; var wide: Bool; var disassemblyOnly: Bool }
    /// A source row after its gutter, with the word it was made from (a different word, say
    /// from self-modifying code in a future program view, recomputes it).
    private var sourceRows: [SourceKey: (word: UInt32, text: String)] = [:]
    /// Each source file split into lines.
    private var fileLines: [String: [Substring]] = [:]

    public init() {}

    /// Empties the tables when `run` is not the one they were made for.
    func check(_ run: ScenarioRun) {
        if self.run !== run {
            self.run = run
            sourceRows = [:]
            fileLines = [:]
        }
    }

    func sourceRow(_ run: ScenarioRun, address a: UInt64, word w: UInt32, wide: Bool, disassemblyOnly: Bool) -> String {
        check(run)
        let key = SourceKey(address: a, wide: wide, disassemblyOnly: disassemblyOnly)
        if let hit = sourceRows[key], hit.word == w { return hit.text }
        let program = run.built.program
        var line = " " + String(a, radix: 16).suffix(8) + " "
        if wide || disassemblyOnly { line += hex32(w) + " " }
        if !disassemblyOnly, let loc = program.lineMap.location(at: a), let lines = lines(run, file: loc.file) {
            if loc.line >= 1 && loc.line <= lines.count {
                line += pad(String(loc.line), 4) + " " + lines[loc.line - 1].trimmingCharacters(in: .whitespaces)
            }
        } else {
            line += program.isInstruction(at: a) ? Disassembler.text(word: w, at: a) : ".word 0x" + String(w, radix: 16)
        }
        sourceRows[key] = (w, line)
        return line
    }

    func lines(_ run: ScenarioRun, file: String) -> [Substring]? {
        check(run)
        if let l = fileLines[file] { return l }
        guard let src = run.built.scenario.files[file] else { return nil }
        let l = src.split(separator: "\n", omittingEmptySubsequences: false)
        fileLines[file] = l
        return l
    }
}

/// `s` padded with spaces (or cut) to `n` UTF-16 units: what Foundation's
/// `padding(toLength: n, withPad: " ", startingAt: 0)` gives, without going through NSString.
@inline(__always)
func pad(_ s: String, _ n: Int) -> String {
    let u = s.utf16.count
    if u == n { return s }
    if u < n { return s + String(repeating: " ", count: n - u) }
    return String(s.utf16.prefix(n)) ?? String(s.prefix(n))
}

private let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

/// `%08x`.
func hex32(_ v: UInt32) -> String {
    String(unsafeUninitializedCapacity: 8) { buf in
        for i in 0..<8 { buf[i] = hexDigits[Int((v >> UInt32(28 - 4 * i)) & 0xf)] }
        return 8
    }
}

/// `%02x`.
func hex8(_ v: UInt8) -> String {
    String(unsafeUninitializedCapacity: 2) { buf in
        buf[0] = hexDigits[Int(v >> 4)]; buf[1] = hexDigits[Int(v & 0xf)]
        return 2
    }
}
