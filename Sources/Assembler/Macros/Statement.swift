/// One statement as GNU as reads it: a `;`-separated piece of a preprocessed line with its
/// whitespace squeezed as gas's input scrubber (app.c) squeezes it, and, when it came out of a
/// `.macro`, `.rept`, `.irp` or `.irpc`, the expansion it belongs to.
///
/// `line` holds the text and where each byte came from: for an expanded statement that is the
/// body line in the macro's definition (what an error points at, as GNU as does); `expansion`
/// leads back to the uses.
struct SourceStatement {
    var line: SourceLine
    var expansion: ExpansionFrame?

    var location: SourceLocation { line.location(at: 0) }

    /// Where the line map puts what this statement emits: the outermost macro use (a debugger
    /// shows a macro use as one line of its file), else the statement itself (a `.rept` body
    /// line stays on its own line).
    var mappedLocation: SourceLocation {
        var f = expansion
        var outer: SourceLocation? = nil
        while let x = f {
            if case .macro = x.kind { outer = x.use }
            f = x.parent
        }
        return outer ?? location
    }

    /// "in macro 'x' used here" notes, innermost first (as GNU as's "macro invoked from here").
    var notes: [DiagnosticNote] {
        var out: [DiagnosticNote] = []
        var f = expansion
        while let x = f {
            switch x.kind {
            case .macro(let name): out.append(DiagnosticNote(x.use, "in macro '\(name)' used here"))
            case .rept: out.append(DiagnosticNote(x.use, "in the .rept here"))
            case .irp: out.append(DiagnosticNote(x.use, "in the .irp here"))
            case .irpc: out.append(DiagnosticNote(x.use, "in the .irpc here"))
            case .cpp: break
            }
            f = x.parent
        }
        return out
    }
}

/// One level of expansion: a macro use, a `.rept`/`.irp`/`.irpc`, or a cpp macro on the line.
/// Shared by every statement it produced; `parent` is the expansion the use itself was in.
final class ExpansionFrame {
    enum Kind: Equatable {
        case macro(String)
        case rept
        case irp
        case irpc
        /// A C preprocessor macro rewrote the line (its first macro's name).
        case cpp(String)
    }
    let kind: Kind
    let use: SourceLocation
    let parent: ExpansionFrame?
    /// Nesting depth (1 for an expansion of a file statement).
    let depth: Int
    init(kind: Kind, use: SourceLocation, parent: ExpansionFrame?) {
        self.kind = kind; self.use = use; self.parent = parent
        depth = (parent?.depth ?? 0) + 1
    }

    /// The public record of this chain, outermost use first (worked out once per expansion:
    /// a `.rept 4096` shares one array).
    private(set) lazy var publicFrames: [LineMap.Expansion.Frame] = {
        var out: [LineMap.Expansion.Frame] = []
        var f: ExpansionFrame? = self
        while let x = f {
            let kind: LineMap.Expansion.Kind
            let name: String
            switch x.kind {
            case .macro(let n): kind = .macro; name = n
            case .rept: kind = .rept; name = ".rept"
            case .irp: kind = .irp; name = ".irp"
            case .irpc: kind = .irpc; name = ".irpc"
            case .cpp(let n): kind = .preprocessor; name = n
            }
            out.append(LineMap.Expansion.Frame(kind: kind, name: name, use: x.use))
            f = x.parent
        }
        return out.reversed()
    }()
}

extension SourceLine {
    /// Bytes `start..<end` of the line, keeping their columns.
    func slice(_ start: Int, _ end: Int) -> SourceLine {
        var r = self
        r.text = Array(text[start..<end])
        r.columns = (start..<end).map { Int32(column(at: $0)) }
        if columns == nil || endColumn != nil || end < text.count { r.endColumn = Int32(column(at: end)) }
        return r
    }
}
