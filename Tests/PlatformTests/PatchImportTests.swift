import Foundation
import Testing
import Assembler
import TestSupport
@testable import Platform

/// Importing posted patches onto scenarios: the seed review onto v8-base is v8; a revision
/// that adds CNTHCTL_EL2 onto v9 is as clean as v11; a hunk that does not fit is refused and
/// named; a patch that does not touch the save/restore code imports too.
@Suite struct PatchImportTests {
    static let patches = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Patches")

    static func patch(_ name: String) throws -> PatchSet {
        let url = patches.appendingPathComponent(name)
        return try PatchParser.parse([UInt8](try #require(FileManager.default.contents(atPath: url.path))), file: name)
    }

    static func seed() throws -> PatchSet {
        let path = try #require(ReviewEmail.v8ReviewPath)
        return try PatchParser.parse([UInt8](try #require(FileManager.default.contents(atPath: path))), file: "patch-v8-11-review-email.txt")
    }

    static func builtin(_ name: String) throws -> Scenario { try #require(try BuiltinScenarios.scenario(named: name)) }

    /// The save and restore code as the static check follows it: register, offset, instruction.
    static func saveRestore(_ b: BuiltScenario) -> [String] {
        let s = StaticCheck(b)
        return (s.saves + s.restores).map { "\($0.register) \($0.offset) \(b.program.word(at: $0.pc).map { String($0, radix: 16) } ?? "?")" }
    }

    static func boundarySteps(_ b: BuiltScenario) -> [String] {
        let run = ScenarioRun(built: b)
        _ = run.run(maxSteps: 100_000)
        return run.detector.passed.map { "\($0.name.rawValue)@\($0.step)" }
    }

    /// v8 = v8-base + the seed email: the same files, manifest, image, save/restore code, steps
    /// to resume-return and check.
    @Test func seedOntoV8BaseIsV8() throws {
        let imported = try PatchImport.run(try Self.seed(), onto: try Self.builtin("v8-base"), name: "v8-imported")
        let v8 = try Self.builtin("v8")
        let s = imported.scenario
        #expect(s.files == v8.files)
        #expect(s.files["head.S"] == v8.files["head.S"])
        #expect(s.manifest.structName == "cpu_context" && s.manifest.contextSymbol == "cpu_context")
        #expect(s.manifest.config.map { "\($0.0)=\($0.1)" } == v8.manifest.config.map { "\($0.0)=\($0.1)" })
        #expect(s.manifest.sources == v8.manifest.sources)
        #expect(s.manifest.integrityRegisters == v8.manifest.integrityRegisters)
        #expect(s.manifest.initialRegisters.map(\.1) == v8.manifest.initialRegisters.map(\.1))
        #expect(s.manifest.origins == v8.manifest.origins)
        let a = try s.build(), b = try v8.build()
        #expect(a.program.image == b.program.image)
        #expect(a.layout == b.layout)
        #expect(Self.saveRestore(a) == Self.saveRestore(b))
        #expect(Self.saveRestore(a).count == 42)
        let steps = Self.boundarySteps(a)
        #expect(steps == Self.boundarySteps(b))
        #expect(steps.last?.hasPrefix("resume-return@") == true)
        #expect(CheckReport(a).findings.map(\.line) == CheckReport(b).findings.map(\.line))
        // What the import says, file by file.
        #expect(imported.report == [
            "xen/arch/arm/Makefile: not a .S, .h or .c file, ignored",
            "xen/arch/arm/arm64/head.S -> head.S: 2 hunks",
            "  hunk #1 @@ -562,6 +562,52 @@ applied at line 17 (offset -545 lines); 1 line the mail client wrapped, joined",
            "  hunk #2 @@ -580,7 +626,49 @@ applied at line 81 (offset -545 lines); 2 lines the mail client wrapped, joined",
            "xen/arch/arm/include/asm/suspend.h -> suspend.h: 2 hunks",
            "  hunk #1 @@ -3,6 +3,8 @@ applied at line 3",
            "  hunk #2 @@ -14,6 +16,30 @@ applied at line 16",
            "xen/arch/arm/suspend.c (a new file): the scenario has no file for it, skipped (1 hunk)",
            "[struct] is now struct cpu_context (the global cpu_context), as suspend.h declares it",
            "[config] PREPARE_RESUME_CTX_TAKES_PTR = true: the caller passes the context's address, as prepare_resume_ctx(struct cpu_context *ptr) takes it",
        ])
    }

    /// A revision that saves CNTHCTL_EL2, as format-patch writes it and as a reviewer's
    /// quoted-printable CRLF reply quotes it (remark inside a hunk, a wrapped line): onto v9
    /// both give v11's save and restore code, and `check` is clean.
    @Test(arguments: ["cnthctl-v10.patch", "cnthctl-v10-review.eml"])
    func cnthctlRevisionOntoV9IsCleanLikeV11(_ file: String) throws {
        let set = try Self.patch(file)
        #expect(set.subject == "[PATCH v10 11/13] xen/arm: also save and restore CNTHCTL_EL2 on suspend")
        let imported = try PatchImport.run(set, onto: try Self.builtin("v9"), name: "v10")
        let b = try imported.scenario.build()
        let v11 = try Self.builtin("v11").build()
        #expect(Self.saveRestore(b) == Self.saveRestore(v11))
        #expect(b.layout == v11.layout)
        #expect(b.offsets.map(\.value) == v11.offsets.map(\.value))
        let report = CheckReport(b)
        #expect(report.findings.isEmpty, "\(report.text)")
        #expect(imported.report.contains("  hunk #1 @@ -606,6 +606,8 @@ applied at line 54 (offset -552 lines)"), "\(imported.report)")
        // v9's notes follow their lines: the restore's isb moved down by the four added lines.
        #expect(imported.scenario.manifest.notes["head.S:116"]?.hasPrefix("Without this isb") == true)
        #expect(imported.scenario.manifest.notes["head.S:34"] != nil)
        #expect(imported.scenario.manifest.expectedFindings.isEmpty)
    }

    /// The same revision onto v8 does not fit: v8 stores by post-increment. The hunk is named
    /// with its first line that matches nowhere and the closest place in the file.
    @Test func aHunkThatDoesNotApplyIsRefusedAndNamed() throws {
        do {
            _ = try PatchImport.run(try Self.patch("cnthctl-v10.patch"), onto: try Self.builtin("v8"), name: "x")
            Issue.record("imported")
        } catch let e as ImportRefused {
            #expect(e.description == "cnthctl-v10.patch:35: hunk #1 of xen/arch/arm/arm64/head.S (@@ -606,6 +606,8 @@) does not apply to head.S: its first line `        str   x2, [x0, #RESUME_CTX_CPTR_EL2]` (cnthctl-v10.patch:36) is nowhere in head.S; nothing written", "\(e.description)")
            #expect(e.description.hasSuffix("; nothing written"))
        }
        // A hunk whose first lines match but not the rest names the first line that differs.
        var set = try Self.patch("resume-banner.patch")
        set.patches[0].files[1].hunks[0].lines[5].text = "        bl    init_uart_early"
        do {
            _ = try PatchImport.run(set, onto: try Self.builtin("v9"), name: "x")
            Issue.record("imported")
        } catch let e as ImportRefused {
            #expect(e.description == "resume-banner.patch:28: hunk #1 of xen/arch/arm/arm64/head.S (@@ -610,11 +610,11 @@) does not apply to head.S: its first 4 lines match at head.S:62, but the next, `        bl    init_uart_early` (resume-banner.patch:34), does not: line 66 is `        bl    init_uart`; nothing written", "\(e.description)")
        }
    }

    /// Not the save/restore code: the banner and a comment. It imports onto v9 (and the
    /// Makefile hunk is ignored), runs, and prints the new banner.
    @Test func aPatchThatDoesNotTouchSaveRestoreImports() throws {
        let imported = try PatchImport.run(try Self.patch("resume-banner.patch"), onto: try Self.builtin("v9"), name: "banner")
        #expect(imported.report.first == "xen/arch/arm/Makefile: not a .S, .h or .c file, ignored")
        let b = try imported.scenario.build()
        let run = ScenarioRun(built: b)
        _ = run.run(boundaries: [.resumeReturn], maxSteps: 100_000)
        #expect(run.board.uart.text == "- Xen resuming from SYSTEM_SUSPEND -\n")
        #expect(Self.saveRestore(b) == Self.saveRestore(try Self.builtin("v9").build()))
        // It fits v8-base too (hyp_resume is the same there).
        _ = try PatchImport.run(try Self.patch("resume-banner.patch"), onto: try Self.builtin("v8-base"), name: "b")
    }

    /// Offsets and fuzz as `patch` has them: a hunk whose outer context lines changed applies
    /// with fuzz, and says so (GNU patch 2.7 applies the same hunk at the same line, also with
    /// fuzz 1 and offset -552).
    @Test func fuzzIsReported() throws {
        var set = try Self.patch("cnthctl-v10.patch")
        set.patches[0].files[1].hunks[0].lines[0].text = "        str   x2, [x0, #SOMETHING_ELSE]"
        let imported = try PatchImport.run(set, onto: try Self.builtin("v9"), name: "fuzzy")
        #expect(imported.report.contains("  hunk #1 @@ -606,6 +606,8 @@ applied at line 54 (offset -552 lines) with fuzz 1"), "\(imported.report.joined(separator: "\n"))")
        // Less context before a change than after it: patch never ignores the context before
        // (it would anchor the hunk at the start of the file), so this does not apply.
        var banner = try Self.patch("resume-banner.patch")
        banner.patches[0].files[1].hunks[0].lines[0].text = "/* a line that is not there */"
        #expect(throws: ImportRefused.self) { try PatchImport.run(banner, onto: try Self.builtin("v9"), name: "x") }
    }

    /// A hunk that could only be found by comparing without end is given up on, bounded.
    @Test func searchingIsBounded() throws {
        let text = String(repeating: "a\n", count: 20_000)
        let place = PatchPlace(file: "p", line: 1)
        let a = Array(repeating: PatchHunk.Line(kind: .context, text: "a", place: place), count: 25)
        let lines = a + [PatchHunk.Line(kind: .removed, text: "c", place: place)] + a
        let hunk = PatchHunk(oldStart: 1, oldCount: 51, newStart: 1, newCount: 50, header: "", place: place, lines: lines)
        do {
            _ = try HunkApplier.apply([hunk], to: text, budget: 100_000)
            Issue.record("applied")
        } catch {
            #expect(error.gaveUp)
            #expect(PatchImport.describe(error, path: "x.S", target: "x.S").contains("line comparisons without a match"))
        }
    }

    /// Paths and subjects come from the patch: control characters in them are shown escaped,
    /// in the report, the errors and the manifest's header.
    @Test func textFromThePatchIsEscaped() throws {
        let text = "Subject: [PATCH] \u{1b}[2Jclear\n\n--- a/docs/\u{1b}[7mx.txt\n+++ b/docs/\u{1b}[7mx.txt\n@@ -1 +1 @@\n-a\n+b\n"
            + "--- a/xen/arch/arm/arm64/head.S\n+++ b/xen/arch/arm/arm64/head.S\n@@ -1,1 +1,1 @@\n-\u{1b}[31mred\n+x\n"
        let set = try PatchParser.parse(Array(text.utf8), file: "esc.patch")
        #expect(set.subject == "[PATCH] \\u{1b}[2Jclear")
        do {
            _ = try PatchImport.run(set, onto: try Self.builtin("v9"), name: "x")
            Issue.record("imported")
        } catch let e as ImportRefused {
            #expect(e.description.contains("`\\u{1b}[31mred`"), "\(e.description)")
            #expect(!e.description.unicodeScalars.contains { $0.value == 0x1b })
        }
    }

    /// Which file a patch path changes.
    @Test func pathsMapThroughOriginThenName() throws {
        let v9 = try Self.builtin("v9")
        #expect(try PatchImport.target(for: "xen/arch/arm/arm64/head.S", in: v9) == "head.S")
        #expect(try PatchImport.target(for: "arch/arm/arm64/head.S", in: v9) == "head.S")
        #expect(try PatchImport.target(for: "xen/arch/arm/arm64/mmu/head.S", in: v9) == nil)
        #expect(try PatchImport.target(for: "xen/arch/arm/include/asm/suspend.h", in: v9) == "suspend.h")
        #expect(try PatchImport.target(for: "xen/arch/arm/suspend.c", in: v9) == nil)
        // Files without an origin (the harness) by name.
        #expect(try PatchImport.target(for: "somewhere/boot.S", in: v9) == "boot.S")
    }

    /// Nothing of the patch is the scenario's: refused, naming what was skipped.
    @Test func nothingToImportIsRefused() throws {
        let text = """
            diff --git a/xen/arch/arm/arm64/mmu/head.S b/xen/arch/arm/arm64/mmu/head.S
            --- a/xen/arch/arm/arm64/mmu/head.S
            +++ b/xen/arch/arm/arm64/mmu/head.S
            @@ -1,1 +1,1 @@
            -a
            +b

            """
        let set = try PatchParser.parse(Array(text.utf8), file: "mmu.patch")
        #expect(throws: ImportRefused("mmu.patch: nothing to import onto built-in v9: none of the patch's .S, .h or .c files is one of its files (skipped: xen/arch/arm/arm64/mmu/head.S); nothing written")) {
            try PatchImport.run(set, onto: try Self.builtin("v9"), name: "x")
        }
    }

    /// An mbox of a series: the second patch applies on top of the first.
    @Test func aSeriesAppliesInOrder() throws {
        let first = try String(contentsOf: Self.patches.appendingPathComponent("resume-banner.patch"), encoding: .utf8)
        let second = """
            From 1111111111111111111111111111111111111111 Mon Sep 17 00:00:00 2001
            From: Test Author <test.author@example.org>
            Subject: [PATCH 2/2] xen/arm: shorter banner

            ---
            diff --git a/xen/arch/arm/arm64/head.S b/xen/arch/arm/arm64/head.S
            --- a/xen/arch/arm/arm64/head.S
            +++ b/xen/arch/arm/arm64/head.S
            @@ -616,3 +616,3 @@ FUNC(hyp_resume)
             #endif
            -        PRINT_ID("- Xen resuming from SYSTEM_SUSPEND -\\r\\n")
            +        PRINT_ID("- resuming -\\r\\n")
             

            """
        let set = try PatchParser.parse(Array((first + "\n" + second).utf8), file: "series.mbox")
        #expect(set.patches.count == 2)
        let imported = try PatchImport.run(set, onto: try Self.builtin("v9"), name: "series")
        let run = ScenarioRun(built: try imported.scenario.build())
        _ = run.run(boundaries: [.resumeReturn], maxSteps: 100_000)
        #expect(run.board.uart.text == "- resuming -\n")
    }

    /// The folder is written only whole, only where nothing is, and loads back the same.
    @Test func writingTheFolder() throws {
        let imported = try PatchImport.run(try Self.seed(), onto: try Self.builtin("v8-base"), name: "v8-imported")
        let dir = try TemporaryDirectory(prefix: "import")
        let folder = dir.url.appendingPathComponent("out/v8-imported")
        try imported.write(to: folder)
        let back = try Scenario.load(folder: folder)
        #expect(back.files == imported.scenario.files)
        #expect(try back.build().program.image == imported.scenario.build().program.image)
        let manifest = try String(contentsOf: folder.appendingPathComponent("scenario.toml"), encoding: .utf8)
        #expect(manifest.hasPrefix("# Scenario 'v8-imported': built-in v8-base with \"[PATCH v8 11/13] xen/arm: Save/restore context on suspend/resume\""))
        // A folder that holds anything is left alone.
        #expect(throws: ScenarioError.self) { try imported.write(to: folder) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.appendingPathComponent("out").path) == ["v8-imported"])
    }
}

