import Foundation

/// A mailing-list reply to a patch, as `git send-email` threads look: the patch quoted with
/// `> ` prefixes (here `> > ` when the reply quotes a review), the reviewer's remarks between
/// the quoted lines one level less deep, and the author's answers unquoted. Lines the mail
/// client wrapped are joined back onto the diff line they belong to.
public struct ReviewEmail: Sendable {
    /// One remark and the patch line it follows.
    public struct Remark: Equatable, Sendable {
        /// The quoted diff line the remark comments on (without `+`, whitespace collapsed).
        public var quotedLine: String
        /// The next quoted line that is code (not a comment or blank), if any: where the
        /// remark applies in the assembly.
        public var codeLine: String?
        public var text: String
        /// The patch author's answer right after the remark ("Ack."), if any.
        public var reply: String?
        public var number: Int
    }

    public var remarks: [Remark] = []

    /// The review of patch v8 11/13 that ships with SuspendScope (Reviews/), the one the
    /// revisions v8 -> v9 answer.
    public static var v8Review: ReviewEmail? {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Reviews/patch-v8-11-review-email.txt"),
              let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return ReviewEmail(text: String(decoding: data, as: UTF8.self))
    }

    /// The path of the shipped review (for `compare --review`).
    public static var v8ReviewPath: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Reviews/patch-v8-11-review-email.txt").path
    }
    /// Every quoted added line (`+`), whitespace collapsed, in order.
    public var quotedLines: [String] = []

    public init(text: String) {
        struct Line { var depth: Int; var body: String }
        var lines: [Line] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var s = Substring(raw)
            var depth = 0
            while true {
                let t = s.drop { $0 == " " }
                guard t.first == ">" else { break }
                depth += 1
                s = t.dropFirst()
                if s.first == " " { s = s.dropFirst() }
            }
            lines.append(Line(depth: depth, body: String(s)))
        }
        let maxDepth = lines.map(\.depth).max() ?? 0
        guard maxDepth >= 1 else { return }
        // The patch is the deepest quote level; remarks are one level up; replies are below.
        var lastQuoted: String?
        var pendingRemark: [String] = []
        var pendingReply: [String] = []
        var diffIndex: [Int] = []     // indices into quotedLines of remarks awaiting a code line
        func flush() {
            if !pendingRemark.isEmpty, let q = lastQuoted {
                remarks.append(Remark(quotedLine: q, codeLine: nil, text: pendingRemark.joined(separator: " "),
                                      reply: pendingReply.isEmpty ? nil : pendingReply.joined(separator: " "),
                                      number: remarks.count + 1))
                diffIndex.append(remarks.count - 1)
            }
            pendingRemark = []; pendingReply = []
        }
        var previousWasDiff = false
        for l in lines {
            if l.depth == maxDepth {
                if !pendingRemark.isEmpty { flush() }
                let b = l.body
                if b.hasPrefix("+") && !b.hasPrefix("+++") {
                    let code = Self.collapse(String(b.dropFirst()))
                    quotedLines.append(code)
                    lastQuoted = code
                    previousWasDiff = true
                    if Self.isCode(code) {
                        for i in diffIndex where remarks[i].codeLine == nil { remarks[i].codeLine = code }
                        diffIndex = []
                    }
                } else if previousWasDiff, !b.isEmpty, !b.hasPrefix(" "), !b.hasPrefix("-"), !b.hasPrefix("@@"), !b.hasPrefix("diff "), !b.hasPrefix("index ") {
                    // A line the mailer wrapped: it continues the previous added line.
                    if let last = quotedLines.popLast() {
                        quotedLines.append(last + " " + Self.collapse(b))
                        lastQuoted = quotedLines.last
                    }
                } else {
                    previousWasDiff = false
                }
            } else if l.depth == maxDepth - 1 {
                previousWasDiff = false
                let t = Self.collapse(l.body)
                if t.isEmpty { continue }
                // A signature ends the reviewer's text.
                if t == "--" || t.hasPrefix("-- ") { flush(); lastQuoted = nil; continue }
                if !pendingReply.isEmpty { flush() }
                if lastQuoted != nil { pendingRemark.append(t) }
            } else {
                previousWasDiff = false
                let t = Self.collapse(l.body)
                if !pendingRemark.isEmpty && !t.isEmpty { pendingReply.append(t) }
                else if !pendingRemark.isEmpty && t.isEmpty && !pendingReply.isEmpty { flush() }
            }
        }
        flush()
    }

    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// An instruction line (not blank, not a comment, not a directive-only line).
    static func isCode(_ s: String) -> Bool {
        !(s.isEmpty || s.hasPrefix("/*") || s.hasPrefix("*") || s.hasPrefix("//") || s.hasPrefix("#"))
    }

    /// The remarks that apply to a source line (whitespace-insensitive match).
    public func remarks(for sourceLine: String) -> [Remark] {
        let key = Self.collapse(sourceLine)
        return remarks.filter { $0.codeLine == key || $0.quotedLine == key }
    }
}
