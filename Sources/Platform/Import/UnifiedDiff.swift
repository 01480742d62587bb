/// One hunk of a unified diff: where it claims to apply and its lines.
public struct PatchHunk: Sendable {
    public enum Kind: Sendable, Equatable { case context, removed, added }
    public struct Line: Sendable {
        public var kind: Kind
        public var text: String
        public var place: PatchPlace
    }

    public var oldStart: Int
    public var oldCount: Int
    public var newStart: Int
    public var newCount: Int
    /// The header as written ("@@ -580,7 +626,49 @@ FUNC(hyp_resume)").
    public var header: String
    public var place: PatchPlace
    public var lines: [Line]
    /// Lines the mail client had wrapped, joined back onto the line they belong to.
    public var joinedWraps = 0
    /// Blank context lines that had lost their leading space (in transit or in a quote).
    public var bareBlankLines = 0

    /// The text the hunk replaces (context and removed lines) and the text it puts there.
    public var oldLines: [Line] { lines.filter { $0.kind != .added } }
    public var newLines: [Line] { lines.filter { $0.kind != .removed } }
}

/// The changes to one file.
public struct FileDiff: Sendable {
    /// The paths as the diff names them, without git's `a/` and `b/`; nil is /dev/null (the
    /// file is created, or deleted).
    public var oldPath: String?
    public var newPath: String?
    public var place: PatchPlace
    public var hunks: [PatchHunk] = []
    /// A binary change (`Binary files ... differ`, `GIT binary patch`): nothing to apply as text.
    public var binary = false

    /// The file the change is for.
    public var path: String { newPath ?? oldPath ?? "" }
    public var creates: Bool { oldPath == nil && newPath != nil }
    public var deletes: Bool { newPath == nil && oldPath != nil }
}

/// One patch: what one message (or a bare diff) carries.
public struct Patch: Sendable {
    /// "[PATCH v8 11/13] xen/arm: Save/restore context on suspend/resume".
    public var subject: String?
    public var from: String?
    public var place: PatchPlace
    public var files: [FileDiff]
    /// How deeply the diff was quoted (0 for a patch as posted, 2 for the seed review's `> > `).
    public var quoteDepth: Int
    /// Lines inside the diff that were a reply's commentary (other quote levels), skipped.
    public var commentaryLines: Int
}

/// Finds unified diffs in text, as posted or quoted in a reply: each line's `>` prefixes are
/// its quote depth; a file's diff is read at the depth its `diff --git` (or `---`/`+++`) line
/// has, skipping the commentary at other depths between its lines. Inside a hunk, the counts
/// of its header say how many lines belong to it: a line at the diff's depth that does not
/// start with ' ', '+', '-' or '\' continues the line before it (a mail client wrapped it), and
/// an empty line is a blank context line that lost its leading space. A hunk cut short, or
/// longer than its header says, is an error naming it.
enum UnifiedDiff {
    /// Hunk header numbers above this are not line numbers of a source file.
    static let maxLineNumber = 100_000_000

    struct Quoted { var depth: Int; var content: Substring }

    /// `> > +foo` -> (2, "+foo"); one space after each `>` belongs to the quote.
    static func unquote(_ s: String) -> Quoted {
        var c = Substring(s)
        var depth = 0
        while c.first == ">" {
            depth += 1
            c = c.dropFirst()
            if c.first == " " { c = c.dropFirst() }
        }
        return Quoted(depth: depth, content: c)
    }

    static func extract(_ lines: [PlacedLine]) throws -> (files: [FileDiff], depth: Int, commentary: Int) {
        let q = lines.map { unquote($0.text) }
        var files: [FileDiff] = []
        var depth = 0
        var commentary = 0
        var i = 0
        /// The next line at depth `d` from `k`, skipping (and counting) commentary.
        func next(_ k: Int, _ d: Int, count: Bool = false) -> Int? {
            var k = k
            while k < lines.count {
                if q[k].depth == d { return k }
                if count { commentary += 1 }
                k += 1
            }
            return nil
        }
        while i < lines.count {
            let d = q[i].depth
            let c = q[i].content
            var file: FileDiff
            if c.hasPrefix("diff --git ") {
                file = FileDiff(oldPath: nil, newPath: nil, place: lines[i].place)
                var rest = String(c.dropFirst("diff --git ".count))
                // "diff --git a/x/suspend.h " + "b/x/suspend.h" on the next line: a wrapped header.
                if !rest.contains(" b/"), let k = next(i + 1, d), q[k].content.hasPrefix("b/") {
                    rest += (rest.hasSuffix(" ") ? "" : " ") + q[k].content
                    i = k
                }
                (file.oldPath, file.newPath) = gitPaths(rest)
                i += 1
            } else if c.hasPrefix("--- "), let k = next(i + 1, d), q[k].content.hasPrefix("+++ ") {
                file = FileDiff(oldPath: nil, newPath: nil, place: lines[i].place)
            } else {
                i += 1
                continue
            }
            depth = d
            // Extended headers, ---/+++ and hunks, at this depth.
            var sawPaths = false
            while let k = next(i, d, count: true) {
                let c = q[k].content
                if c.hasPrefix("diff --git ") { break }
                if c.hasPrefix("--- "), !sawPaths, let p = next(k + 1, d), q[p].content.hasPrefix("+++ ") {
                    file.oldPath = diffPath(c.dropFirst(4))
                    file.newPath = diffPath(q[p].content.dropFirst(4))
                    sawPaths = true
                    i = p + 1
                    continue
                }
                if c.hasPrefix("@@ ") {
                    guard sawPaths || file.oldPath != nil || file.newPath != nil else { break }
                    let (hunk, end) = try readHunk(lines, q, at: k, depth: d, count: &commentary)
                    file.hunks.append(hunk)
                    i = end
                    continue
                }
                if c.hasPrefix("Binary files ") || c == "GIT binary patch" { file.binary = true; i = k + 1; continue }
                if !sawPaths, file.hunks.isEmpty, isExtendedHeader(c) {
                    if c.hasPrefix("new file mode") { file.oldPath = nil }
                    if c.hasPrefix("deleted file mode") { file.newPath = nil }
                    i = k + 1
                    continue
                }
                if file.binary, !c.isEmpty, file.hunks.isEmpty, !c.hasPrefix("-- ") { i = k + 1; continue }   // base85 data
                break
            }
            // (A file with no hunks is a mode change or a rename: nothing to apply.)
            files.append(file)
        }
        return (files, depth, commentary)
    }

    static func isExtendedHeader(_ c: Substring) -> Bool {
        ["index ", "new file mode", "deleted file mode", "old mode", "new mode", "similarity index", "dissimilarity index",
         "rename from", "rename to", "copy from", "copy to"].contains { c.hasPrefix($0) }
    }

    /// `a/xen/head.S b/xen/head.S` -> both paths without their prefixes.
    static func gitPaths(_ rest: String) -> (String?, String?) {
        let r = rest.trimmingWhitespace
        // Split where the two halves name the same file, else at the first " b/".
        var candidates: [String.Index] = []
        var s = r.startIndex
        while let f = r.range(of: " b/", range: s..<r.endIndex) { candidates.append(f.lowerBound); s = f.upperBound }
        guard let cut = candidates.first(where: { r[..<$0].dropFirst(2) == r[r.index($0, offsetBy: 3)...] }) ?? candidates.first else {
            return (r, r)
        }
        return (strip(String(r[..<cut])), strip(String(r[r.index(cut, offsetBy: 1)...])))
    }

    /// The path of a `--- ` / `+++ ` line: a tab ends it (a timestamp follows); /dev/null is nil.
    static func diffPath(_ s: Substring) -> String? {
        var p = s.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        p = p.trimmingWhitespace
        if p.count >= 2, p.hasPrefix("\""), p.hasSuffix("\"") { p = String(p.dropFirst().dropLast()) }
        if p == "/dev/null" { return nil }
        return strip(p)
    }

    static func strip(_ p: String) -> String {
        p.hasPrefix("a/") || p.hasPrefix("b/") ? String(p.dropFirst(2)) : p
    }

    /// `@@ -l[,n] +l[,n] @@ heading` and the hunk's lines; returns the index after it.
    static func readHunk(_ lines: [PlacedLine], _ q: [Quoted], at k: Int, depth d: Int, count commentary: inout Int) throws -> (PatchHunk, Int) {
        let c = q[k].content
        let place = lines[k].place
        let column = lines[k].text.count - c.count + 1
        guard let h = parseHeader(c) else {
            throw PatchError(place, "column \(column): malformed hunk header `\(String(c.prefix(80)))`: expected @@ -START[,COUNT] +START[,COUNT] @@ with line numbers up to \(maxLineNumber)")
        }
        var hunk = PatchHunk(oldStart: h.0, oldCount: h.1, newStart: h.2, newCount: h.3, header: String(c), place: place, lines: [])
        var oldLeft = h.1, newLeft = h.3
        var j = k + 1
        func describe() -> String { "hunk @@ -\(h.0),\(h.1) +\(h.2),\(h.3) @@ at \(place)" }
        while oldLeft > 0 || newLeft > 0 {
            var m = j
            while m < lines.count, q[m].depth != d { m += 1; commentary += 1 }
            guard m < lines.count else {
                throw PatchError(place, "\(describe()) ends after \(h.1 - oldLeft) of its \(h.1) old and \(h.3 - newLeft) of its \(h.3) new lines: the text stops (a reply that cuts the patch short cannot be applied; use the patch as posted)")
            }
            let t = q[m].content
            let lp = lines[m].place
            j = m + 1
            let kind: PatchHunk.Kind
            var text: Substring
            if t.isEmpty {
                kind = .context; text = ""; hunk.bareBlankLines += 1
            } else if t.first == " " {
                kind = .context; text = t.dropFirst()
            } else if t.first == "-" {
                kind = .removed; text = t.dropFirst()
            } else if t.first == "+" {
                kind = .added; text = t.dropFirst()
            } else if t.first == "\\" {
                continue   // "\ No newline at end of file"
            } else {
                // A line the mail client wrapped: it continues the line before.
                guard !hunk.lines.isEmpty else {
                    throw PatchError(lp, "expected a line of \(describe()) starting with ' ', '+' or '-', found `\(String(t.prefix(60)))`")
                }
                join(&hunk, t)
                continue
            }
            switch kind {
            case .context:
                guard oldLeft > 0, newLeft > 0 else { throw overlong(hunk, lp, "a context line", describe()) }
                oldLeft -= 1; newLeft -= 1
            case .removed:
                guard oldLeft > 0 else { throw overlong(hunk, lp, "a removed line", describe()) }
                oldLeft -= 1
            case .added:
                guard newLeft > 0 else { throw overlong(hunk, lp, "an added line", describe()) }
                newLeft -= 1
            }
            hunk.lines.append(.init(kind: kind, text: String(text), place: lp))
        }
        // The last line may have been wrapped too (its first part ends in the space the
        // client broke at), and may be followed by "\ No newline at end of file".
        while j < lines.count, q[j].depth == d {
            let t = q[j].content
            if t.hasPrefix("\\") { j += 1; continue }
            guard let last = hunk.lines.last?.text, last.hasSuffix(" "), !t.isEmpty,
                  !" +-@".contains(t.first!), !t.hasPrefix("diff "), !t.hasPrefix("--") else { break }
            join(&hunk, t)
            j += 1
        }
        // An added or removed line right after the hunk: its header's counts are wrong.
        if j < lines.count, q[j].depth == d, let f = q[j].content.first, f == "+" || f == "-",
           !q[j].content.hasPrefix("--"), !q[j].content.hasPrefix("+++ ") {
            throw overlong(hunk, lines[j].place, f == "+" ? "an added line" : "a removed line", describe())
        }
        return (hunk, j)
    }

    static func join(_ hunk: inout PatchHunk, _ t: Substring) {
        let last = hunk.lines[hunk.lines.count - 1].text
        hunk.lines[hunk.lines.count - 1].text = last + (last.hasSuffix(" ") || last.hasSuffix("\t") ? "" : " ") + t
        hunk.joinedWraps += 1
    }

    static func overlong(_ h: PatchHunk, _ at: PatchPlace, _ what: String, _ name: String) -> PatchError {
        PatchError(at, "\(what) beyond the end of \(name): its header says -\(h.oldStart),\(h.oldCount) +\(h.newStart),\(h.newCount) (a malformed hunk, or a hunk edited by hand without fixing its counts)")
    }

    /// (oldStart, oldCount, newStart, newCount) of `@@ -l[,n] +l[,n] @@...`.
    static func parseHeader(_ c: Substring) -> (Int, Int, Int, Int)? {
        var s = c
        func eat(_ p: String) -> Bool { if s.hasPrefix(p) { s = s.dropFirst(p.count); return true }; return false }
        func number() -> Int? {
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 9, let n = Int(digits), n <= maxLineNumber else { return nil }
            s = s.dropFirst(digits.count)
            return n
        }
        guard eat("@@ -"), let a = number() else { return nil }
        var b = 1
        if eat(",") { guard let n = number() else { return nil }; b = n }
        guard eat(" +"), let c2 = number() else { return nil }
        var d = 1
        if eat(",") { guard let n = number() else { return nil }; d = n }
        guard eat(" @@") else { return nil }
        guard b > 0 || d > 0 else { return nil }
        return (a, b, c2, d)
    }
}
