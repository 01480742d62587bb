/// Everything a patch file held: one patch per message (an mbox of a series holds several).
public struct PatchSet: Sendable {
    public var file: String
    public var patches: [Patch]

    /// Every file change, in the order the patches apply.
    public var files: [FileDiff] { patches.flatMap(\.files) }
    /// The first patch's subject, without "Re:" and "Subject:".
    public var subject: String? { patches.lazy.compactMap(\.subject).first }
}

/// Reads a posted patch: a `git format-patch` file, an mbox, one email (MIME parts, quoted-
/// printable, base64, CRLF), a review reply quoting the patch, or a bare diff. A pure function
/// of the bytes (the fuzz target drives it): a `PatchSet`, or a `PatchError` naming file:line.
/// Input is bounded (16 MiB; MIME nested at most 8 deep) and read in linear passes.
public enum PatchParser {
    public static func parse(_ bytes: [UInt8], file: String) throws -> PatchSet {
        guard bytes.count <= PatchText.maxBytes else {
            throw PatchError(file: file, "\(bytes.count) bytes: larger than \(PatchText.maxBytes >> 20) MiB, not a patch or an email")
        }
        if let b = PatchText.binaryEvidence(bytes) {
            let (l, c) = PatchText.lineColumn(of: b, in: bytes)
            throw PatchError(PatchPlace(file: file, line: l), "column \(c): a binary file (byte 0x\(String(bytes[b], radix: 16))): expected a patch, an mbox or an email (text)")
        }
        var patches: [Patch] = []
        for m in try MailReader.messages(bytes, file: file) {
            var files: [FileDiff] = []
            var depth = 0
            var commentary = 0
            var subject = m.subject.map(cleanSubject)
            for part in m.parts {
                let found = try UnifiedDiff.extract(part)
                if !found.files.isEmpty { depth = max(depth, found.depth) }
                files += found.files
                commentary += found.commentary
                if subject == nil { subject = quotedSubject(part) }
            }
            guard !files.isEmpty else { continue }
            patches.append(Patch(subject: subject, from: m.from, place: m.place, files: files, quoteDepth: depth, commentaryLines: commentary))
        }
        guard !patches.isEmpty else {
            throw PatchError(file: file, "no patch found: expected a unified diff (`diff --git a/FILE b/FILE`, `--- a/FILE`, `+++ b/FILE`, `@@ -START,COUNT +START,COUNT @@` and its lines), as posted or quoted with `> ` in a reply")
        }
        return PatchSet(file: file, patches: patches)
    }

    /// "Re: [PATCH v8 11/13] xen/arm: ..." -> "[PATCH v8 11/13] xen/arm: ...".
    static func cleanSubject(_ s: String) -> String {
        var t = Substring(s.trimmingWhitespace)
        while true {
            let lower = t.lowercased()
            if lower.hasPrefix("re:") { t = t.dropFirst(3) } else if lower.hasPrefix("subject:") { t = t.dropFirst(8) } else if lower.hasPrefix("fwd:") { t = t.dropFirst(4) } else { break }
            t = Substring(t.trimmingWhitespace)
        }
        return PatchText.escaped(String(t))   // a subject is one line of text, shown as such
    }

    /// A reply pasted from a list archive has no headers: its subject is the first line naming
    /// a "[PATCH ...]" before the diff.
    static func quotedSubject(_ lines: [PlacedLine]) -> String? {
        for l in lines.prefix(200) {
            let t = UnifiedDiff.unquote(l.text).content
            if t.hasPrefix("diff --git ") { break }
            if t.contains("[PATCH") { return cleanSubject(String(t)) }
        }
        return nil
    }
}
