import Foundation
import Testing
import TestSupport

/// The real terminal, end to end under tmux: the TUI opens on v9, keys step it, `?` shows the
/// help, a resize below 80x24 shows a clear message and back, `q` restores the shell's screen.
@Suite(.serialized) struct TerminalEndToEndTests {
    static func tmux(_ args: [String]) throws -> ProcessResult { try ProcessRunner.run("tmux", args) }

    static func capture(_ session: String) throws -> String { try tmux(["capture-pane", "-t", session, "-p"]).stdout }

    /// Polls until the pane shows `text` (the app renders asynchronously to the test).
    static func waitFor(_ text: String, in session: String, timeout: Double = 10) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture(session)
            if screen.contains(text) { return screen }
            Thread.sleep(forTimeInterval: 0.1)
        }
        Issue.record("timed out waiting for \"\(text)\"; the pane shows:\n\(screen)")
        return screen
    }

    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func stepHelpResizeQuit() throws {
        let binary = try #require(SuspendScopeBinary.url, "suspendscope is not built")
        let session = "ssc-e2e-\(getpid())"
        _ = try Self.tmux(["new-session", "-d", "-s", session, "-x", "120", "-y", "40",
                           "env TERM=xterm-256color \(binary.path) v9; echo EXITED:$?; sleep 30"])
        defer { _ = try? Self.tmux(["kill-session", "-t", session]) }
        var screen = try Self.waitFor("timeline · step 0", in: session)
        #expect(screen.contains("registers"))
        for _ in 0..<3 { _ = try Self.tmux(["send-keys", "-t", session, "c"]) }
        screen = try Self.waitFor("▶ psci-call", in: session)
        #expect(screen.contains("smc"))
        _ = try Self.tmux(["send-keys", "-t", session, "?"])
        screen = try Self.waitFor("Keys (Esc or ? closes)", in: session)
        #expect(screen.contains("step back one instruction"))
        _ = try Self.tmux(["send-keys", "-t", session, "Escape"])
        _ = try Self.tmux(["resize-window", "-t", session, "-x", "70", "-y", "20"])
        screen = try Self.waitFor("terminal too small", in: session)
        _ = try Self.tmux(["resize-window", "-t", session, "-x", "120", "-y", "40"])
        screen = try Self.waitFor("▶ psci-call", in: session)
        _ = try Self.tmux(["send-keys", "-t", session, "q"])
        screen = try Self.waitFor("EXITED:0", in: session)
        #expect(!screen.contains("registers"), "the TUI's screen must be gone after q")
    }
}
