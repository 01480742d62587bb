import Foundation
import Platform
import Testing
import TUI

/// Theme files that once aborted the process inside toml++ (`[!]`, `[=]`, `[\x7f]` headers) or
/// trapped in Theme.swift (a `"\u0000"` key) are now located errors, and the default theme is
/// used; themes are read by the project's one TOML reader.
@Suite struct ThemeInputTests {
    static let traps: [(String, String)] = [
        ("name = \"x\"\n[!]\n", "bad.toml:2:2: error: expected a key"),
        ("name = \"x\"\n[=]\n", "bad.toml:2:2: error: expected a key"),
        ("name = \"x\"\n[\u{7f}]\n", "bad.toml:2:2: error: expected a key (letters, digits, '-', '_'), found '\\x7f'"),
        ("[roles.pc-line]\n\"\\u0000\" = 1\n", "bad.toml:2:1: error: unknown key '\u{0}' in pc-line"),
        ("[roles]\n\"\\u0000\" = { bold = true }\n", "bad.toml:2:1: error: unknown role '\u{0}'"),
        ("[roles]\npc-line = { \"\\u001b\" = true }\n", "bad.toml:2:13: error: unknown key '\u{1b}' in pc-line"),
    ]

    @Test(arguments: traps)
    func trapsAreLocatedErrors(_ text: String, _ expected: String) {
        do {
            _ = try Theme.parse(text, file: "bad.toml")
            Issue.record("parsed: \(text.debugDescription)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(text.debugDescription) gave \(error)")
        }
    }

    /// Through `Theme.load` (what `--theme`, `:theme` and `export-walkthrough --theme` call):
    /// the default theme and the message.
    @Test func loadingATrapFileFallsBackToTheDefault() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-theme-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, (text, expected)) in Self.traps.enumerated() {
            try Data(text.utf8).write(to: dir.appendingPathComponent("t\(i).toml"))
            let (theme, message) = Theme.load(named: "t\(i)", searching: [dir], environment: [:])
            #expect(theme == .default)
            #expect(message?.contains(expected.replacingOccurrences(of: "bad.toml", with: "t\(i).toml")) == true, "\(message ?? "nil")")
        }
        // A FIFO named like a theme is refused, not waited on.
        let fifo = dir.appendingPathComponent("pipe.toml").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let (theme, message) = Theme.load(named: "pipe", searching: [dir], environment: [:])
        #expect(theme == .default)
        #expect(message?.contains("is a FIFO") == true, "\(message ?? "nil")")
    }
}
