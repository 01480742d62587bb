import Foundation

/// A tmux session on its own server socket, for end-to-end terminal tests: nothing is shared
/// with the user's tmux or other tests, and the server never holds the test's pipes (it is
/// started with /dev/null for input and output; a server that inherited our pipe
/// would keep the read open forever). `kill()` (also on deinit) stops the whole server.
/// Commands other than new-session talk to the running server and exit, so pipes are fine.
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    public let name = "main"
    private var killed = false

    /// Starts `command` (run by `sh -c`) in a detached session of `width` x `height`.
    public init(command: String, width: Int, height: Int) throws {
        socket = "ssc-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let status = try ProcessRunner.runDetached("tmux", ["-u", "-L", socket, "new-session", "-d", "-s", name,
                                                            "-x", String(width), "-y", String(height), command])
        guard status == 0 else { throw ToolError("tmux new-session failed (status \(status))") }
    }

    deinit { kill() }

    @discardableResult
    public func tmux(_ args: [String]) throws -> ProcessResult {
        try ProcessRunner.run("tmux", ["-u", "-L", socket] + args)
    }

    /// Sends key names (`Enter`, `Escape`, `F7`, `S-F7`), or literal text with `literal`.
    public func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", name] + (literal ? ["-l"] : []) + keys)
    }

    public func capture() throws -> String { try tmux(["capture-pane", "-t", name, "-p"]).stdout }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// Polls until the pane shows `text`; returns the last screen either way, and whether it
    /// appeared.
    public func waitFor(_ text: String, timeout: Double = 10) throws -> (screen: String, found: Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if screen.contains(text) { return (screen, true) }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (screen, false)
    }

    public func kill() {
        guard !killed else { return }
        killed = true
        _ = try? ProcessRunner.run("tmux", ["-L", socket, "kill-server"])
    }
}
