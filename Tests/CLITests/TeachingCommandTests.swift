import Foundation
import Testing
import TestSupport

/// Tours in batch and under tmux, the exported walkthrough in a real (headless) browser.
@Suite(.serialized) struct TeachingCommandTests {
    @Test func tourWithAnswersFromAFile() throws {
        let dir = try TemporaryDirectory(prefix: "tour")
        let answers = try CLI.write("0x20000200890\n1\n0x1234\n0x30c50830\n\n0\n", as: "answers.txt", in: dir)
        let r = try CLI.run(["tour", "v9", "--answers", answers])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Right: x0 is 0x1."))
        #expect(r.stdout.contains("Not quite: you said 0x1234; x0 is 0xc400000e."))
        #expect(r.stdout.contains("Right: lr is 0x20000200890.\n  at step 539 (head.S:26): lr = 0x20000200890"))
        #expect(r.stdout.contains("Skipped: field:callee_regs[11] is"))
        #expect(r.stdout.hasSuffix("Score: 4/5, 1 skipped\n"), "\(r.stdout.suffix(80))")
        let bad = try CLI.write("scenario = \"v9\"\n[[stop]]\nat = \"nowhere\"\nsay = \"x\"\n", as: "bad.toml", in: dir)
        let b = try CLI.run(["tour", "--file", bad])
        #expect(b.status == 2)
        #expect(b.stderr.contains("bad.toml:2:1: error: at = \"nowhere\": not a boundary"))
    }

    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func tourUnderTmuxWithRightAndWrongAnswers() throws {
        let t = try TerminalEndToEndTests.start("tui v9 --tour")
        defer { t.kill() }
        try TerminalEndToEndTests.expectScreen(t, "[1/8] suspend-entry")
        try TerminalEndToEndTests.expectScreen(t, "lr  ? (the tour asks)")        // hidden until answered
        try t.send("Enter")                       // skipped: revealed
        try TerminalEndToEndTests.expectScreen(t, "Skipped: lr is 0x20000200890.")
        try t.send("Enter")
        try TerminalEndToEndTests.expectScreen(t, "[2/8] context-saved")
        try t.send("0x1", literal: true)          // right (-l: tmux reads "0x1" alone as a key code)
        try t.send("Enter")
        try TerminalEndToEndTests.expectScreen(t, "Right: x0 is 0x1.")
        try t.send("Enter")
        try TerminalEndToEndTests.expectScreen(t, "[3/8] psci-call")
        try t.send("42", literal: true)           // wrong
        try t.send("Enter")
        let screen = try TerminalEndToEndTests.expectScreen(t, "Not quite: you said 0x2a")
        #expect(screen.contains("Score: 1/2, 1 skipped"))
        try t.send("Escape")
        try t.send("q")
        try TerminalEndToEndTests.expectScreen(t, "save the session before quitting?")
        try t.send("n")
        try TerminalEndToEndTests.expectScreen(t, "EXITED:0")
    }

    @Test(.enabled(if: ExternalTool.chromium.shouldRun, Comment(rawValue: ExternalTool.chromium.skipReason)))
    func walkthroughOpensInAHeadlessBrowser() throws {
        let dir = try TemporaryDirectory(prefix: "walkthrough")
        let out = dir.url.appendingPathComponent("site").path
        let r = try CLI.run(["export-walkthrough", "v9", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let page = URL(fileURLWithPath: out).appendingPathComponent("05-warm-boot.html")
        let png = dir.url.appendingPathComponent("shot.png")
        let home = dir.url.appendingPathComponent("home")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(home.path)"]
        let shot = try ProcessRunner.run("chromium", flags + ["--screenshot=\(png.path)", "--window-size=1300,900", page.absoluteString])
        let data = try Data(contentsOf: png)
        #expect(data.starts(with: [0x89, 0x50, 0x4e, 0x47]), "not a PNG: \(shot.stderr)")
        #expect(data.count > 40_000, "a nearly empty screenshot (\(data.count) bytes)")
        let dom = try ProcessRunner.run("chromium", flags + ["--dump-dom", page.absoluteString])
        for text in ["registers", "timeline", "explain", "warm-boot", "r-pc-line", "x19"] {
            #expect(dom.stdout.contains(text), "the rendered page lacks \(text)")
        }
    }
}
