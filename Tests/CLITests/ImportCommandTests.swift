import Foundation
import Testing
import TestSupport

/// `suspendscope import PATCH --onto SCENARIO|DIR -o DIR`, as a user runs it from a folder of
/// their own: the seed review onto v8-base runs and checks like v8; what does not fit is
/// refused with nothing written; bad input exits 2. The imported folder works with run,
/// check, compare, debug and saved sessions.
@Suite struct ImportCommandTests {
    static let patches = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("PlatformTests/Patches")
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/Platform/Reviews/patch-v8-11-review-email.txt")

    /// A JSON value as text with sorted keys, to compare two decoded objects.
    static func canonical(_ v: Any?) throws -> String {
        guard let v else { return "nil" }
        return String(decoding: try JSONSerialization.data(withJSONObject: v, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }

    static func entries(_ dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    }

    @Test func seedOntoV8BaseRunsAndChecksLikeV8() throws {
        let dir = try TemporaryDirectory(prefix: "import-cli")
        let r = try CLI.run(["import", Self.seed.path, "--onto", "v8-base", "-o", "my-v8"], in: dir.url)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("hunk #2 @@ -580,7 +626,49 @@ applied at line 81 (offset -545 lines)"))
        #expect(r.stdout.contains("xen/arch/arm/suspend.c (a new file): the scenario has no file for it, skipped"))
        #expect(r.stdout.hasSuffix("wrote my-v8 (7 files); run it: suspendscope run my-v8, suspendscope check my-v8\n"))
        let folder = dir.url.appendingPathComponent("my-v8").path
        // Same path, same steps, same registers at resume-return as the built-in v8.
        let mine = try CLI.runJSON([folder, "--until", "resume-return"])
        let v8 = try CLI.runJSON(["v8", "--until", "resume-return"])
        #expect(mine.status == 0)
        for key in ["steps", "pc", "x", "sp", "sysregs", "unknown", "boundaries", "uart"] {
            #expect(try Self.canonical(mine.json[key]) == Self.canonical(v8.json[key]), "\(key)")
        }
        // And the same check: v8 does not save CNTHCTL_EL2.
        let check = try CLI.run(["check", folder])
        let v8Check = try CLI.run(["check", "v8"])
        #expect(check.status == 1 && v8Check.status == 1)
        #expect(check.stdout.split(separator: "\n").dropFirst() == v8Check.stdout.split(separator: "\n").dropFirst())
        // compare, debug and sessions take the folder.
        let compare = try CLI.run(["compare", "v8", folder])
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.hasPrefix("compare v8 (struct cpu_context, 176 bytes)  <->  my-v8 (struct cpu_context, 176 bytes)"))
        let commands = try CLI.write("until resume-return\nsave at-return\n", as: "cmds.txt", in: dir)
        let debug = try CLI.run(["debug", folder, "--commands", commands], in: dir.url)
        #expect(debug.status == 0, "\(debug.stderr)")
        let replay = try CLI.run(["session", "replay", "sessions/at-return.json", "--commands", "-"], in: dir.url)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout.contains("step 801: 0x20000200894 <system_suspend+40> suspend.S:71"), "\(replay.stdout)")
    }

    /// v8-base, the code the seed applies to: no context struct, said so by every command.
    @Test func v8BaseHasNoContextAndSaysSo() throws {
        let check = try CLI.run(["check", "v8-base"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("static: no context struct to pair saves and restores through"))
        #expect(check.stdout.contains("[path] head.S:38: the core was woken but never came back to the caller"))
        let compare = try CLI.run(["compare", "v8-base", "v8"])
        #expect(compare.stdout.hasPrefix("compare v8-base (no context struct)  <->  v8 (struct cpu_context, 176 bytes)"))
        let dir = try TemporaryDirectory(prefix: "v8-base")
        let commands = try CLI.write("info context\nc\n", as: "cmds.txt", in: dir)
        let debug = try CLI.run(["debug", "v8-base", "--commands", commands])
        #expect(debug.stdout.contains("no context struct: v8-base saves nothing before suspend"))
        #expect(debug.stdout.contains("halted: b . (the instruction branches to itself)"), "\(debug.stdout)")
    }

    /// The v10 revision onto v9: check is clean, as for v11.
    @Test func aRevisionThatSavesCNTHCTLChecksClean() throws {
        let dir = try TemporaryDirectory(prefix: "import-cli")
        let r = try CLI.run(["import", Self.patches.appendingPathComponent("cnthctl-v10-review.eml").path, "--onto", "v9", "-o", "v10"], in: dir.url)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        let check = try CLI.run(["check", "v10"], in: dir.url)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.hasPrefix("check v10: clean"))
    }

    /// A hunk that does not fit: exit 1, the hunk and its line named, no folder.
    @Test func aHunkThatDoesNotApplyWritesNothing() throws {
        let dir = try TemporaryDirectory(prefix: "import-cli")
        let r = try CLI.run(["import", Self.patches.appendingPathComponent("cnthctl-v10.patch").path, "--onto", "v8", "-o", "out"], in: dir.url)
        #expect(r.status == 1)
        #expect(r.stderr.contains("hunk #1 of xen/arch/arm/arm64/head.S (@@ -606,6 +606,8 @@) does not apply to head.S: its first line `        str   x2, [x0, #RESUME_CTX_CPTR_EL2]`"), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("; nothing written\n"))
        #expect(try Self.entries(dir).isEmpty)
    }

    /// Bad input of every kind: exit 2, one clear message, nothing written, a folder that holds
    /// something left as it was.
    @Test func badInputExits2AndWritesNothing() throws {
        let dir = try TemporaryDirectory(prefix: "import-cli")
        var png = Data([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
        png.append(Data(repeating: 0x41, count: 64))
        try png.write(to: dir.url.appendingPathComponent("image.png"))
        _ = try CLI.write("Hi,\n\nLooks good to me.\n\n> On Monday you wrote:\n> the patch\n", as: "reply.eml", in: dir)
        _ = try CLI.write("--- a/xen/arch/arm/arm64/head.S\n+++ b/xen/arch/arm/arm64/head.S\n@@ -1,2 +1,two @@\n a\n", as: "bad.patch", in: dir)
        let cases: [([String], String)] = [
            (["image.png", "--onto", "v9"], "image.png:3: error: column 1: a binary file (byte 0x0): expected a patch, an mbox or an email (text)"),
            (["reply.eml", "--onto", "v9"], "reply.eml: error: no patch found: expected a unified diff"),
            (["bad.patch", "--onto", "v9"], "bad.patch:3: error: column 1: malformed hunk header `@@ -1,2 +1,two @@`: expected @@ -START[,COUNT] +START[,COUNT] @@"),
            (["missing.patch", "--onto", "v9"], "error: missing.patch: no such file"),
            ([Self.seed.path, "--onto", "v99"], "v99: no such scenario or folder"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(["import"] + args + ["-o", "out"], in: dir.url)
            #expect(r.status == 2, "\(args): \(r.stdout)\(r.stderr)")
            #expect(r.stderr.hasPrefix(message), "\(args): \(r.stderr)")
        }
        #expect(try Self.entries(dir) == ["bad.patch", "image.png", "reply.eml"])
        // An output folder that already holds something is not touched.
        let mine = dir.url.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
        try "keep".write(to: mine.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["import", Self.seed.path, "--onto", "v8-base", "-o", "mine"], in: dir.url)
        #expect(r.status == 2)
        #expect(r.stderr.contains("mine: exists and is not an empty folder; choose a new folder (nothing was written)"), "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path) == ["notes.txt"])
    }
}

/// In the serialized terminal suite, so that two tmux sessions never compete for the machine.
extension TerminalEndToEndTests {
    /// The imported folder in the real terminal, from the folder the user imported in.
    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func theImportedFolderOpensInTheTerminal() throws {
        let dir = try TemporaryDirectory(prefix: "import-tui")
        let r = try CLI.run(["import", ImportCommandTests.seed.path, "--onto", "v8-base", "-o", "my-v8"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        let t = try TerminalEndToEndTests.start("\(dir.url.appendingPathComponent("my-v8").path)")
        defer { t.kill() }
        try TerminalEndToEndTests.expectScreen(t, "timeline · step 0")
        for _ in 0..<9 { try t.send("]") }
        let screen = try TerminalEndToEndTests.expectScreen(t, "▶ resume-return")
        #expect(screen.contains("struct cpu_context"))
        try t.send("q")
        try TerminalEndToEndTests.expectScreen(t, "save the session before quitting?")
        try t.send("n")
        try TerminalEndToEndTests.expectScreen(t, "EXITED:0")
    }
}
