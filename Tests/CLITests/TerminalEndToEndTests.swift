import Foundation
import Testing
import TestSupport

/// The real terminal, end to end under tmux: the TUI opens on v9, keys step it, `?` shows the
/// help, a resize below 80x24 shows a clear message and back, `q` restores the shell's screen.
@Suite(.serialized) struct TerminalEndToEndTests {
    /// Waits for `text`, recording an issue with the screen if it never shows.
    @discardableResult
    static func expectScreen(_ t: TmuxSession, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let (screen, found) = try t.waitFor(text)
        if !found { Issue.record("timed out waiting for \"\(text)\"; the pane shows:\n\(screen)", sourceLocation: sourceLocation) }
        return screen
    }

    static func start(_ args: String) throws -> TmuxSession {
        let binary = try #require(SuspendScopeBinary.url, "suspendscope is not built")
        return try TmuxSession(command: "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(binary.path) \(args); echo EXITED:$?; sleep 30", width: 120, height: 40)
    }

    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func stepHelpResizeQuit() throws {
        let t = try Self.start("v9")
        defer { t.kill() }
        var screen = try Self.expectScreen(t, "timeline · step 0")
        #expect(screen.contains("registers"))
        try t.send("s")
        try Self.expectScreen(t, "timeline · step 1")
        try t.send("F7")
        try Self.expectScreen(t, "timeline · step 2")
        for _ in 0..<3 { try t.send("]") }
        screen = try Self.expectScreen(t, "▶ psci-call")
        #expect(screen.contains("smc"))
        try t.send(":b power-off", literal: true)
        try t.send("Enter")
        try t.send("c")
        screen = try Self.expectScreen(t, "▶ power-off")
        #expect(screen.contains("core suspended"))
        #expect(screen.contains("x19 unknown"))
        try t.send("S-F7")
        try Self.expectScreen(t, "▶ psci-call")
        try t.send("?")
        screen = try Self.expectScreen(t, "Keys (Esc or ? closes)")
        #expect(screen.contains("step back N instructions"))
        try t.send("Escape")
        // Let the Escape be read (ncurses waits ESCDELAY for a longer sequence) before resizing.
        try Self.expectScreen(t, "timeline · step")
        Thread.sleep(forTimeInterval: 0.3)
        try t.resize(width: 60, height: 15)
        try Self.expectScreen(t, "terminal too small")
        try t.resize(width: 120, height: 40)
        try Self.expectScreen(t, "▶ psci-call")
        try t.send("q")
        try TerminalEndToEndTests.expectScreen(t, "save the session before quitting?")
        try t.send("n")
        screen = try Self.expectScreen(t, "EXITED:0")
        #expect(!screen.contains("registers"), "the TUI's screen must be gone after q")
    }
}

@Suite(.serialized) struct JobControlTests {
    /// Ctrl-Z gives the shell its screen back, `fg` redraws the TUI, and after `q` the cursor is
    /// visible again (the terminal state is restored).
    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func suspendResumeAndRestore() throws {
        let binary = try #require(SuspendScopeBinary.url, "suspendscope is not built")
        let t = try TmuxSession(command: "env PS1='ssc$ ' bash --norc --noprofile -i", width: 120, height: 40)
        defer { t.kill() }
        try TerminalEndToEndTests.expectScreen(t, "ssc$")
        try t.send("env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 \(binary.path) v9", literal: true)
        try t.send("Enter")
        try TerminalEndToEndTests.expectScreen(t, "timeline · step 0")
        try t.send("s")
        try TerminalEndToEndTests.expectScreen(t, "timeline · step 1")
        try t.send("C-z")
        let stopped = try TerminalEndToEndTests.expectScreen(t, "Stopped")
        #expect(!stopped.contains("timeline · step"), "the TUI's screen must be gone while suspended")
        try t.send("fg", literal: true)
        try t.send("Enter")
        try TerminalEndToEndTests.expectScreen(t, "timeline · step 1")
        try t.send("q")
        try TerminalEndToEndTests.expectScreen(t, "save the session before quitting?")
        try t.send("n")
        let (_, back) = try t.waitFor("ssc$ ")
        #expect(back)
        Thread.sleep(forTimeInterval: 0.3)
        let cursor = try t.tmux(["display-message", "-p", "-t", t.name, "#{cursor_flag}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(cursor == "1", "the cursor must be visible again after q")
    }
}
