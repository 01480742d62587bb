import Foundation
import Testing
import TestSupport
@testable import Platform

/// The hunk applier against the reference, GNU patch: the scenario's files laid out at their
/// places in Xen's tree, the hunks SuspendScope read (the quoted seed review re-written as a
/// plain diff; the format-patch files as they are), `patch -p1`: the same files come out, and
/// each hunk is reported at the same line with the same offset and fuzz (or fails in both).
@Suite struct PatchGNUTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var patch: String
        var onto: String
        /// A change to the hunks before both sides apply them: (file, hunk, line, new text).
        var edit: (Int, Int, Int, String)?
        var applies: Bool
        var testDescription: String { "\(patch) onto \(onto)\(edit == nil ? "" : " (edited)")" }
    }

    static let cases: [Case] = [
        Case(patch: "seed", onto: "v8-base", applies: true),
        Case(patch: "cnthctl-v10.patch", onto: "v9", applies: true),
        Case(patch: "cnthctl-v10-review.eml", onto: "v9", applies: true),
        Case(patch: "cnthctl-v10.patch", onto: "v9", edit: (1, 0, 0, "        str   x2, [x0, #SOMETHING_ELSE]"), applies: true),
        Case(patch: "cnthctl-v10.patch", onto: "v9", edit: (1, 1, 6, "        /* not the comment */"), applies: true),
        Case(patch: "cnthctl-v10.patch", onto: "v9", edit: (1, 0, 1, "        mrs   x2, SOMETHING_ELSE"), applies: true),
        Case(patch: "cnthctl-v10.patch", onto: "v9", edit: (1, 0, 2, "        str   x2, [x0, #SOMETHING_ELSE]"), applies: false),
        Case(patch: "cnthctl-v10.patch", onto: "v8", applies: false),
        Case(patch: "resume-banner.patch", onto: "v8-base", applies: true),
        Case(patch: "resume-banner.patch", onto: "v9", applies: true),
        Case(patch: "resume-banner.patch", onto: "v9", edit: (1, 0, 0, "/* a line that is not there */"), applies: false),
        Case(patch: "resume-banner.patch", onto: "v9", edit: (1, 0, 12, "/* a line that is not there */"), applies: true),
        Case(patch: "resume-banner.patch", onto: "v9", edit: (1, 0, 10, "/* a line that is not there */"), applies: false),
    ]

    static func read(_ c: Case) throws -> PatchSet {
        if c.patch == "seed" { return try PatchImportTests.seed() }
        return try PatchImportTests.patch(c.patch)
    }

    /// A plain unified diff of the hunks for the scenario's files, at their Xen paths.
    static func unified(_ set: PatchSet, _ s: Scenario) throws -> String {
        var out = ""
        for f in set.files where PatchImport.sourceSuffixes.contains(where: { f.path.hasSuffix($0) }) {
            guard let target = try PatchImport.target(for: f.path, in: s), let origin = s.manifest.origins[target] else { continue }
            out += "--- a/\(origin)\n+++ b/\(origin)\n"
            for h in f.hunks {
                out += "@@ -\(h.oldStart),\(h.oldCount) +\(h.newStart),\(h.newCount) @@\n"
                for l in h.lines { out += (l.kind == .context ? " " : l.kind == .added ? "+" : "-") + l.text + "\n" }
            }
        }
        return out
    }

    @Test(.enabled(if: ExternalTool.gnuPatch.shouldRun, Comment(rawValue: ExternalTool.gnuPatch.skipReason)), arguments: cases)
    func sameAsGNUPatch(_ c: Case) throws {
        var set = try Self.read(c)
        if let (f, h, l, text) = c.edit { set.patches[0].files[f].hunks[h].lines[l].text = text }
        let base = try #require(try BuiltinScenarios.scenario(named: c.onto))
        let dir = try TemporaryDirectory(prefix: "gnu-patch")
        for (file, origin) in base.manifest.origins {
            let url = dir.url.appendingPathComponent(origin)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((base.files[file] ?? "").utf8).write(to: url)
        }
        let diff = dir.url.appendingPathComponent("the.patch")
        try Data(try Self.unified(set, base).utf8).write(to: diff)
        let gnu = try ProcessRunner.run("patch", ["-p1", "--batch", "--no-backup-if-mismatch", "--reject-file=-", "-i", diff.path],
                                        currentDirectory: dir.url)
        let ours: PatchImport
        do {
            ours = try PatchImport.run(set, onto: base, name: "x")
        } catch let e as ImportRefused {
            #expect(!c.applies, "\(e.description)")
            #expect(gnu.status == 1 && gnu.stdout.contains("FAILED"), "\(gnu.stdout)")
            return
        }
        #expect(c.applies)
        #expect(gnu.status == 0, "\(gnu.stdout)\(gnu.stderr)")
        for (file, origin) in base.manifest.origins {
            let theirs = try String(contentsOf: dir.url.appendingPathComponent(origin), encoding: .utf8)
            #expect(ours.scenario.files[file] == theirs, "\(file) differs from GNU patch's")
        }
        // "Hunk #2 succeeded at 111 with fuzz 1 (offset -552 lines)." for every hunk GNU moved.
        var gnuHunks: [String] = []
        for line in gnu.stdout.split(separator: "\n") where line.hasPrefix("Hunk #") {
            gnuHunks.append(String(line).replacingOccurrences(of: "Hunk #", with: "hunk #").replacingOccurrences(of: ".", with: ""))
        }
        let oursMoved = ours.report.filter { $0.hasPrefix("  hunk #") && ($0.contains("offset") || $0.contains("fuzz")) }.map { r -> String in
            // "  hunk #1 @@ ... @@ applied at line 54 (offset -552 lines) with fuzz 1" -> GNU's words.
            let words = r.split(separator: " ")
            let n = words[1], at = words[words.firstIndex(of: "line")! + 1]
            let offset = r.range(of: "(offset ").map { r[$0.upperBound...].prefix { $0 != ")" } }
            let fuzz = r.range(of: "with fuzz ").map { r[$0.upperBound...].prefix { $0.isNumber } }
            return "hunk \(n) succeeded at \(at)" + (fuzz.map { " with fuzz \($0)" } ?? "") + (offset.map { " (offset \($0))" } ?? "")
        }
        #expect(oursMoved == gnuHunks, "\(ours.report)\n\(gnu.stdout)")
    }
}
