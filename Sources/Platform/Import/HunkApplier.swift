/// Applies a file's hunks to its text by context, as GNU `patch` does: each hunk is looked for
/// at the line its header names (moved by what earlier hunks added or removed, and by the
/// offset the previous hunk needed), then ever further away, never before the previous hunk;
/// if its context is nowhere exactly, up to two lines of context may be ignored (fuzz 1, 2),
/// counted as `patch` counts them: from the end with more context, so a hunk with less
/// context before than after (at the start of a file) or after than before (at its end) stays
/// anchored there. Lines compare without trailing whitespace (mail strips it); a hunk that only
/// matches with whitespace collapsed inside lines (which `patch -l` would accept) is applied
/// and says so.
enum HunkApplier {
    static let maxFuzz = 2
    /// Line comparisons one file's hunks may take in all: hunks that match only far from where
    /// they say (a hostile patch) are refused instead of searched for minutes.
    static let comparisonBudget = 50_000_000

    /// How one hunk went.
    struct Applied: Sendable, Equatable {
        var index: Int
        /// 1-based line of the file (as patched so far) where the hunk's text starts.
        var line: Int
        /// Lines away from where the header said.
        var offset: Int
        var fuzz: Int
        var whitespaceDiffers: Bool
    }

    /// A hunk that applies nowhere: the place that matched best and its first line that differs.
    struct Failure: Error, Sendable {
        var index: Int
        var hunk: PatchHunk
        /// 1-based line of the file where the best candidate starts.
        var line: Int
        /// The hunk's first old line that does not match there, and what the file has instead
        /// (nil past the end of the file).
        var expected: PatchHunk.Line
        var found: String?
        var foundLine: Int
        /// How many of the hunk's old lines match there before `expected` (0: its first line is
        /// nowhere in the file after the previous hunk).
        var matched: Int
        /// 1-based line after which the hunk was looked for (the end of the previous hunk).
        var after: Int
        /// The search gave up: the hunks took more than `comparisonBudget` line comparisons.
        var gaveUp = false
    }

    struct Result: Sendable {
        var text: String
        var applied: [Applied]
        /// Old line number (1-based) -> new line number, for lines the patch kept.
        var lineMap: [Int: Int]
    }

    static func apply(_ hunks: [PatchHunk], to text: String, budget limit: Int = comparisonBudget) throws(Failure) -> Result {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trailingNewline = text.hasSuffix("\n") || text.isEmpty
        if trailingNewline { lines.removeLast() }
        // Where each original line is now (nil once removed).
        var origin: [Int?] = Array(0..<lines.count)
        var applied: [Applied] = []
        var delta = 0          // lines added minus removed so far
        var lastOffset = 0
        var floor = 0          // hunks apply in order, after the previous one
        var budget = limit
        for (k, h) in hunks.enumerated() {
            let old = h.oldLines, new = h.newLines
            let stated = (h.oldCount == 0 ? h.oldStart : max(0, h.oldStart - 1)) + delta
            guard let m = find(h, in: lines, near: stated + lastOffset, floor: floor, budget: &budget) else {
                var f = failure(k, h, lines, near: stated + lastOffset, floor: floor)
                f.gaveUp = budget <= 0
                throw f
            }
            let (lead, trail) = (m.lead, m.trail)
            let from = m.position + lead, to = m.position + old.count - trail
            // Context lines keep the file's own text (a mailed patch may have lost their
            // trailing whitespace); added lines come from the hunk.
            var replacement: [String] = [], kept: [Int?] = []
            var o = from
            for l in body(h, lead: lead, trail: trail) {
                switch l.kind {
                case .context: replacement.append(lines[o]); kept.append(origin[o]); o += 1
                case .removed: o += 1
                case .added: replacement.append(l.text); kept.append(nil)
                }
            }
            lines.replaceSubrange(from..<to, with: replacement)
            origin.replaceSubrange(from..<to, with: kept)
            applied.append(Applied(index: k + 1, line: m.position + 1, offset: m.position - stated, fuzz: m.fuzz, whitespaceDiffers: m.loose))
            lastOffset = m.position - stated
            delta += new.count - old.count
            floor = from + replacement.count
        }
        var lineMap: [Int: Int] = [:]
        for (now, o) in origin.enumerated() { if let o { lineMap[o + 1] = now + 1 } }
        return Result(text: lines.joined(separator: "\n") + (trailingNewline && !lines.isEmpty ? "\n" : ""), applied: applied, lineMap: lineMap)
    }

    /// The hunk's lines without the `lead` leading and `trail` trailing context lines that
    /// fuzz ignores.
    static func body(_ h: PatchHunk, lead: Int, trail: Int) -> ArraySlice<PatchHunk.Line> {
        h.lines[lead..<(h.lines.count - trail)]
    }

    /// Context lines before the first change and after the last.
    static func context(_ h: PatchHunk) -> (prefix: Int, suffix: Int) {
        (h.lines.prefix { $0.kind == .context }.count, h.lines.reversed().prefix { $0.kind == .context }.count)
    }

    struct Match { var position: Int; var fuzz: Int; var lead: Int; var trail: Int; var loose: Bool }

    static func trimmedEnd(_ s: Substring) -> Substring {
        var t = s
        while let l = t.last, l == " " || l == "\t" || l == "\r" { t = t.dropLast() }
        return t
    }

    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    static func same(_ a: String, _ b: String, loose: Bool) -> Bool {
        loose ? collapsed(a) == collapsed(b) : trimmedEnd(Substring(a)) == trimmedEnd(Substring(b))
    }

    /// The nearest position to `near` (not before `floor`) where the hunk's old text matches,
    /// with the least fuzz, exact before loose.
    static func find(_ h: PatchHunk, in lines: [String], near: Int, floor: Int, budget: inout Int) -> Match? {
        let old = h.oldLines
        let (prefix, suffix) = context(h)
        let most = max(prefix, suffix)
        for fuzz in 0...min(maxFuzz, most) {
            // As patch's locate_hunk: fuzz counts from the side with more context.
            var lead = fuzz + prefix - most, trail = fuzz + suffix - most
            let atStart = lead < 0 && h.oldStart <= 1, atEnd = trail < 0
            lead = max(0, lead); trail = max(0, trail)
            let body = old[lead..<(old.count - trail)]
            for loose in [false, true] {
                // Positions p are where the whole hunk would start; the compared part starts at p + lead.
                let lo = floor - lead, hi = lines.count - body.count - lead
                guard hi >= lo else { continue }
                var candidates: [Int]
                if atStart || atEnd {
                    candidates = atStart ? [0] : [lines.count - old.count]
                    if atStart && atEnd && old.count != lines.count { candidates = [] }
                } else {
                    let start = min(max(near, lo), hi)
                    candidates = [start]
                    var dist = 1
                    while start + dist <= hi || start - dist >= lo {
                        candidates += [start + dist, start - dist]
                        dist += 1
                    }
                }
                for p in candidates where p >= lo && p <= hi {
                    if matches(body, lines, at: p + lead, loose: loose, budget: &budget) { return Match(position: p, fuzz: fuzz, lead: lead, trail: trail, loose: loose) }
                    if budget <= 0 { return nil }
                }
            }
        }
        return nil
    }

    static func matches(_ body: ArraySlice<PatchHunk.Line>, _ lines: [String], at start: Int, loose: Bool, budget: inout Int) -> Bool {
        for (k, l) in body.enumerated() {
            budget -= 1
            if !same(l.text, lines[start + k], loose: loose) { return false }
        }
        return true
    }

    /// The candidate that matched most leading lines (nearest the stated place on a tie), and
    /// where it stops matching.
    static func failure(_ k: Int, _ h: PatchHunk, _ lines: [String], near: Int, floor: Int) -> Failure {
        let old = h.oldLines.isEmpty ? h.lines : h.oldLines   // (a hunk with no old lines always applies)
        var best = (position: min(max(near, floor), max(floor, lines.count - 1)), matched: -1)
        let hi = max(floor, lines.count - 1)
        var spent = 0
        if floor <= hi {
            for p in floor...hi where spent < comparisonBudget {
                var n = 0
                while n < old.count, p + n < lines.count, same(old[n].text, lines[p + n], loose: true) { n += 1 }
                spent += n + 1
                if n > best.matched || (n == best.matched && abs(p - near) < abs(best.position - near)) { best = (p, n) }
            }
        }
        let n = max(0, min(best.matched, old.count - 1))
        let at = best.position + n
        return Failure(index: k + 1, hunk: h, line: best.position + 1, expected: old[n],
                       found: at < lines.count ? lines[at] : nil, foundLine: at + 1, matched: max(0, best.matched), after: floor)
    }
}
