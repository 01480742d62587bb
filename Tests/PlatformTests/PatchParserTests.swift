import Foundation
import Testing
import TestSupport
@testable import Platform

/// The patch reader: every form a posted patch arrives in gives the same hunks; bad input is
/// one message naming file:line.
@Suite struct PatchParserTests {
    static var seed: [UInt8] {
        get throws {
            let path = try #require(ReviewEmail.v8ReviewPath)
            return [UInt8](try #require(FileManager.default.contents(atPath: path)))
        }
    }

    static func parse(_ text: String, file: String = "p.patch") throws -> PatchSet {
        try PatchParser.parse(Array(text.utf8), file: file)
    }

    /// The seed review: the patch quoted at depth 2 with the reviewer's remarks (depth 1) and
    /// the author's answers (depth 0) between its lines, three lines the mail client wrapped
    /// (two in hunks, one `diff --git` header) and blank context lines without their space.
    @Test func seedReviewQuotesTheWholePatch() throws {
        let set = try PatchParser.parse(try Self.seed, file: "seed.eml")
        #expect(set.patches.count == 1)
        let p = try #require(set.patches.first)
        #expect(p.quoteDepth == 2)
        #expect(set.subject == "[PATCH v8 11/13] xen/arm: Save/restore context on suspend/resume")
        #expect(p.files.map(\.path) == ["xen/arch/arm/Makefile", "xen/arch/arm/arm64/head.S",
                                        "xen/arch/arm/include/asm/suspend.h", "xen/arch/arm/suspend.c"])
        let head = p.files[1]
        #expect(head.hunks.map(\.header) == ["@@ -562,6 +562,52 @@ END(efi_xen_start)", "@@ -580,7 +626,49 @@ FUNC(hyp_resume)"])
        for h in head.hunks {
            #expect(h.oldLines.count == h.oldCount && h.newLines.count == h.newCount)
        }
        #expect(head.hunks[0].joinedWraps == 1 && head.hunks[1].joinedWraps == 2)
        #expect(head.hunks[0].lines.contains { $0.kind == .added && $0.text == " * CPU context saved here will be restored on resume in hyp_resume function." })
        #expect(head.hunks[1].lines.contains { $0.kind == .added && $0.text == "         * as opposed to return from this function which executes on resume," })
        #expect(head.hunks[1].lines.contains { $0.kind == .removed && $0.text == "        b ." })
        // The wrapped `diff --git` header still names suspend.h; the new file has no old path.
        #expect(p.files[2].oldPath == "xen/arch/arm/include/asm/suspend.h")
        #expect(p.files[3].creates && p.files[3].hunks.first?.newCount == 14)
        // The reviewer's remarks and the author's "Ack." inside the hunks were skipped.
        #expect(p.commentaryLines > 10)
        #expect(!head.hunks[0].lines.contains { $0.text.contains("generic name") || $0.text == "Ack." })
        // Lines keep their place in the email.
        #expect(head.hunks[1].place.description == "seed.eml:154")
    }

    static let formatPatch = """
        From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001
        From: Ada Reviewer <ada@example.org>
        Date: Sat, 9 May 2026 10:00:00 +0200
        Subject: [PATCH v9 11/13] xen/arm: Say why the UART comes back first

        Only a comment changes.

        Signed-off-by: Ada Reviewer <ada@example.org>
        ---
         xen/arch/arm/arm64/head.S | 2 +-
         1 file changed, 1 insertion(+), 1 deletion(-)

        diff --git a/xen/arch/arm/arm64/head.S b/xen/arch/arm/arm64/head.S
        index 2cb02ee314..3dc13ff425 100644
        --- a/xen/arch/arm/arm64/head.S
        +++ b/xen/arch/arm/arm64/head.S
        @@ -605,6 +605,6 @@ END(prepare_resume_ctx)
         
         FUNC(hyp_resume)
        -        /* Initialize the UART if earlyprintk has been enabled. */
        +        /* The UART first, so that everything after it can print. */
         #ifdef CONFIG_EARLY_PRINTK
                 bl    init_uart
         #endif
        -- 
        2.47.0

        """

    @Test func gitFormatPatch() throws {
        let set = try Self.parse(Self.formatPatch)
        let p = try #require(set.patches.first)
        #expect(p.subject == "[PATCH v9 11/13] xen/arm: Say why the UART comes back first")
        #expect(p.from == "Ada Reviewer <ada@example.org>")
        #expect(p.quoteDepth == 0)
        let h = try #require(p.files.first?.hunks.first)
        #expect((h.oldStart, h.oldCount, h.newStart, h.newCount) == (605, 6, 605, 6))
        #expect(h.lines.map(\.kind) == [.context, .context, .removed, .added, .context, .context, .context])
        #expect(h.lines[0].text == "")
        // The same file with CRLF line ends (as some mailers store it) reads the same.
        let crlf = try PatchParser.parse(Array(Self.formatPatch.replacingOccurrences(of: "\n", with: "\r\n").utf8), file: "p.patch")
        #expect(crlf.patches.first?.files.first?.hunks.first?.lines.map(\.text) == h.lines.map(\.text))
    }

    /// An mbox of two messages: a cover letter without a diff, then the patch.
    @Test func mboxOfASeries() throws {
        let cover = """
            From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001
            From: Ada Reviewer <ada@example.org>
            Subject: [PATCH v9 00/13] xen/arm: system suspend

            The series.

            """
        let set = try Self.parse(cover + "\n" + Self.formatPatch)
        #expect(set.patches.count == 1)
        #expect(set.patches[0].subject == "[PATCH v9 11/13] xen/arm: Say why the UART comes back first")
        #expect(set.patches[0].place.line == 8)
    }

    /// One email, MIME multipart: a quoted-printable text part and the patch again as a base64
    /// attachment; both parts' diffs are read, each line placed in the email.
    @Test func mimeQuotedPrintableAndBase64() throws {
        let diff = Self.formatPatch.components(separatedBy: "\n").drop { !$0.hasPrefix("diff --git") }.prefix(12).joined(separator: "\n") + "\n"
        let qp = diff.replacingOccurrences(of: "=", with: "=3D")
            .replacingOccurrences(of: "/* The UART first, so that everything after it can print. */",
                                  with: "/* The UART first, so that everything after =\nit can print. */")
        let b64 = Data(diff.utf8).base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        let mail = """
            From: Ada Reviewer <ada@example.org>
            Subject: =?UTF-8?q?=5BPATCH=5D_xen/arm=3A_comment?=
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="==b1"

            This is a multi-part message in MIME format.
            --==b1
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: quoted-printable

            \(qp)
            --==b1
            Content-Type: text/x-patch; name="0001-comment.patch"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="0001-comment.patch"

            \(b64)
            --==b1--

            """
        let set = try Self.parse(mail, file: "m.eml")
        let p = try #require(set.patches.first)
        #expect(p.subject == "[PATCH] xen/arm: comment")
        #expect(p.files.count == 2)
        for f in p.files {
            #expect(f.hunks.first?.lines.contains { $0.kind == .added && $0.text == "        /* The UART first, so that everything after it can print. */" } == true)
        }
        #expect(p.files[0].hunks[0].place.decodedLine == nil)
        #expect(p.files[1].hunks[0].place.decodedLine == 5)
        let firstBase64Line = try #require(mail.components(separatedBy: "\n").firstIndex(of: String(b64.prefix(76)))) + 1
        #expect(p.files[1].hunks[0].place.description == "m.eml:\(firstBase64Line) (line 5 of the base64 part decoded)")
    }

    /// Bad input: one located message, never a trap or a hang.
    static let bad: [(String, String)] = [
        ("hello\nno patch here\n", "p.patch: error: no patch found"),
        ("diff --git a/x.S b/x.S\n--- a/x.S\n+++ b/x.S\n@@ -1,2 +1,x @@\n a\n", "p.patch:4: error: column 1: malformed hunk header `@@ -1,2 +1,x @@`"),
        ("--- a/x.S\n+++ b/x.S\n@@ -1 +1 @@\n-a\n+b\n+c\n", "p.patch:6: error: an added line beyond the end of hunk @@ -1,1 +1,1 @@ at p.patch:3"),
        ("--- a/x.S\n+++ b/x.S\n@@ -1,3 +1,3 @@\n a\n-b\n", "p.patch:3: error: hunk @@ -1,3 +1,3 @@ at p.patch:3 ends after 2 of its 3 old"),
        ("> > --- a/x.S\n> > +++ b/x.S\n> > @@ -1,2 +1,2 @@\n> > -a\n> [snip]\n", "p.patch:3: error: hunk @@ -1,2 +1,2 @@ at p.patch:3 ends after 1 of its 2 old"),
        ("--- a/x.S\n+++ b/x.S\n@@ -1,999999999 +1,1 @@\n", "p.patch:3: error: column 1: malformed hunk header"),
        ("From: a\nContent-Type: multipart/mixed\n\nx\n", "p.patch:2: error: multipart/mixed without a boundary= parameter"),
        ("From: a\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nZGlm*\n", "p.patch:5: error: column 5: '*' is not base64"),
    ]

    @Test(arguments: bad)
    func badInputIsOneLocatedMessage(_ input: String, _ expected: String) {
        #expect(throws: PatchError.self) { try Self.parse(input) }
        do { _ = try Self.parse(input) } catch let e as PatchError {
            #expect(e.description.hasPrefix(expected), "\(e.description)")
        } catch { Issue.record("\(error)") }
    }

    @Test func binaryAndHugeInputs() {
        var png: [UInt8] = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]
        png += Array(repeating: 0x41, count: 100)
        #expect(throws: PatchError(PatchPlace(file: "img.png", line: 3), "column 1: a binary file (byte 0x0): expected a patch, an mbox or an email (text)")) {
            try PatchParser.parse(png, file: "img.png")
        }
        let huge = [UInt8](repeating: 0x20, count: PatchText.maxBytes + 1)
        #expect(throws: PatchError.self) { try PatchParser.parse(huge, file: "big") }
    }

    /// MIME parts nested deeper than the bound are refused, not recursed into.
    @Test func deeplyNestedMIMEIsBounded() {
        var mail = "From: a\nContent-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for k in 0..<40 { mail += "--b\(k)\nContent-Type: multipart/mixed; boundary=\"b\(k + 1)\"\n\n" }
        mail += "--b40\n\n--- a/x.S\n+++ b/x.S\n@@ -1 +1 @@\n-a\n+b\n"
        do { _ = try Self.parse(mail); Issue.record("accepted") } catch let e as PatchError {
            #expect(e.description.contains("MIME parts nested more than 8 deep"), "\(e.description)")
        } catch { Issue.record("\(error)") }
    }

    /// Random mutations of real patches: the reader answers (a patch set or a PatchError) and
    /// never traps; a hang would time the test out.
    @Test func mutatedPatchesNeverTrap() throws {
        var g = SplitMix64(seed: 14)
        let seeds = [try Self.seed, Array(Self.formatPatch.utf8)]
        for k in 0..<800 {
            var b = seeds[k % seeds.count]
            for _ in 0..<(1 + Int(g.next() % 8)) {
                guard !b.isEmpty else { break }
                let i = Int(g.next() % UInt64(b.count))
                switch g.next() % 4 {
                case 0: b[i] = Array("> @-+ \n=\\".utf8)[Int(g.next() % 9)]
                case 1: b.remove(at: i)
                case 2: b.insert(contentsOf: b[i..<min(b.count, i + Int(g.next() % 40))], at: i)
                default: b[i] = UInt8(truncatingIfNeeded: g.next())
                }
            }
            _ = try? PatchParser.parse(b, file: "m")
        }
    }
}
