import Foundation
import Testing
import TestSupport

/// The installed tool under tmux, run from a folder outside the repository with its own HOME
/// and XDG_CONFIG_HOME (no user themes or keys unless a test writes them): themes found and
/// applied (the colours compared as the SGR sequences tmux captures), the pager, F2, a finding
/// jumping to its line, a user keymap, and input that must never end the TUI (Insert, Delete,
/// F1-F12, the right button, a button release, a paste burst), then SIGQUIT leaving the
/// terminal as it was.
@Suite(.serialized) struct TUIEndToEndTests {
    final class Place {
        let dir: TemporaryDirectory
        var config: URL { dir.url.appendingPathComponent("config") }
        init() throws {
            dir = try TemporaryDirectory(prefix: "ssc-tui-e2e")
            try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("config/suspendscope"), withIntermediateDirectories: true)
        }
    }

    static func start(_ args: String, in place: Place, width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let binary = try #require(SuspendScopeBinary.url, "suspendscope is not built")
        let d = place.dir.url.path
        let env = "env -u NO_COLOR HOME=\(d) XDG_CONFIG_HOME=\(place.config.path) TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8"
        return try TmuxSession(command: "cd \(d) && \(env) \(binary.path) \(args); echo EXITED:$?; sleep 30", width: width, height: height)
    }

    /// The SGR parameter strings (`38;5;4`, `1`, ...) in a capture with escapes (`capture-pane -e`).
    static func sgr(_ t: TmuxSession) throws -> Set<String> {
        let text = try t.tmux(["capture-pane", "-t", t.name, "-p", "-e"]).stdout
        var out = Set<String>()
        var rest = Substring(text)
        while let r = rest.range(of: "\u{1b}[") {
            rest = rest[r.upperBound...]
            guard let m = rest.firstIndex(where: { !("0"..."9").contains($0) && $0 != ";" }) else { break }
            if rest[m] == "m" { for p in rest[..<m].split(separator: ";") where !p.isEmpty { out.insert(String(p)) } ; out.insert(String(rest[..<m])) }
            rest = rest[m...]
        }
        return out
    }

    static func flag(_ t: TmuxSession, _ name: String) throws -> String {
        try t.tmux(["display-message", "-p", "-t", t.name, "#{\(name)}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    static func expect(_ t: TmuxSession, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try TerminalEndToEndTests.expectScreen(t, text, sourceLocation: sourceLocation)
    }

    static func type(_ t: TmuxSession, _ command: String) throws {
        try t.send(":")
        try t.send(command, literal: true)
        try t.send("Enter")
    }

    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func themesFromAnywhere() throws {
        let place = try Place()
        // The shipped themes load outside the source folder, and look different.
        var looks: [String: Set<String>] = [:]
        for theme in ["default", "light", "high-contrast", "mono"] {
            let t = try Self.start("v9 --theme \(theme)", in: place)
            defer { t.kill() }
            let screen = try Self.expect(t, "timeline · step 0")
            #expect(!screen.contains("no theme"), "\(theme): \(screen)")
            looks[theme] = try Self.sgr(t)
        }
        #expect(Set(looks.values.map { $0.sorted().joined(separator: " ") }).count == 4, "\(looks)")
        // default: panel titles on blue (44 or 48;5;4); light: dark text on white, no blue titles.
        #expect(looks["default"]!.contains("44") || looks["default"]!.contains("48;5;4"))
        #expect(!looks["light"]!.contains("44") && !looks["light"]!.contains("48;5;4"))

        // An unknown name is reported on screen, with the themes there are.
        let t = try Self.start("v9 --theme nosuch", in: place)
        defer { t.kill() }
        try Self.expect(t, "no theme 'nosuch'")
        try Self.type(t, "theme nosuch")
        try Self.expect(t, "error: theme: no theme")
        // :theme repaints every cell: nothing of the default look stays.
        try Self.type(t, "theme light")
        try Self.expect(t, "theme light")
        Thread.sleep(forTimeInterval: 0.3)
        let after = try Self.sgr(t)
        #expect(!after.contains("44") && !after.contains("48;5;4"), "\(after.sorted())")
        // A user's theme in XDG_CONFIG_HOME.
        try FileManager.default.createDirectory(at: place.config.appendingPathComponent("suspendscope/themes"), withIntermediateDirectories: true)
        try "name = \"mine\"\n[roles]\npanel-title = { fg = \"black\", bg = \"green\" }\n"
            .write(to: place.config.appendingPathComponent("suspendscope/themes/mine.toml"), atomically: true, encoding: .utf8)
        try Self.type(t, "theme mine")
        try Self.expect(t, "theme mine")
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try Self.sgr(t).contains { $0 == "42" || $0 == "48;5;2" })
        try t.send("q")
        try Self.expect(t, "EXITED:0")
    }

    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func pagerF2AndAFindingsJump() throws {
        let place = try Place()
        let t = try Self.start("bug-restore-order", in: place)
        defer { t.kill() }
        try Self.expect(t, "timeline · step 0")
        try Self.expect(t, "! 5 findings")
        // Long output opens the pager; / searches; q closes.
        try Self.type(t, "info registers")
        try Self.expect(t, "lines 1-")
        try t.send("/")
        try t.send("x19", literal: true)
        try t.send("Enter")
        try Self.expect(t, "/x19: n next")
        try t.send("q")
        try Self.expect(t, "timeline · step 0")
        // F2 sets a breakpoint on the pc's line and removes it again.
        try t.send("]")
        try Self.expect(t, "▶ suspend-entry")
        try t.send("F2")
        var screen = try Self.expect(t, "#1 ● head.S:26 · 0 hits")
        #expect(screen.contains("●◆▶"))
        try t.send("F2")
        screen = try Self.expect(t, "none (F2 on a source line")
        // One set with :b as a label is removed by F2 too.
        try Self.type(t, "b prepare_resume_ctx")
        try Self.expect(t, "#2 ● prepare_resume_ctx")
        try t.send("F2")
        try Self.expect(t, "none (F2 on a source line")
        // ! lists the findings; Enter jumps to the first: VBAR_EL2 restored by head.S:97.
        try t.send("!")
        try Self.expect(t, "findings: bug-restore-order")
        try t.send("Enter")
        screen = try Self.expect(t, "source · head.S:97")
        #expect(screen.contains("msr   VBAR_EL2, x2"))
        try t.send("q")
        try t.send("n")
        try Self.expect(t, "EXITED:0")
    }

    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func aUserKeymap() throws {
        let place = try Place()
        let keys = place.config.appendingPathComponent("suspendscope/keys.toml")
        try "preset = \"vim\"\n[keys]\n\"x\" = \":si 5\"\n\"F5\" = \"next-boundary\"\n".write(to: keys, atomically: true, encoding: .utf8)
        var t = try Self.start("v9", in: place)
        try Self.expect(t, "timeline · step 0")
        try t.send("x")
        try Self.expect(t, "timeline · step 5")
        try t.send("F5")
        try Self.expect(t, "▶ suspend-entry")
        try t.send("?")
        try Self.expect(t, "keymap 'keys.toml'")
        try t.send("Escape")
        t.kill()
        // A mistake is reported at its place and the default keys are used.
        try "[keys]\n\"x\" = \"jump-around\"\n".write(to: keys, atomically: true, encoding: .utf8)
        t = try Self.start("v9", in: place)
        defer { t.kill() }
        try Self.expect(t, "~/config/suspendscope/keys.toml:2:7: error:")
        try Self.expect(t, "[keys] x = \"jump-around\"")
        try t.send("s")
        try Self.expect(t, "timeline · step 1")
    }

    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func unmappedInputNeverEndsTheTUIAndSIGQUITRestoresTheTerminal() throws {
        let place = try Place()
        let t = try Self.start("v9", in: place)
        defer { t.kill() }
        try Self.expect(t, "timeline · step 0")
        #expect(try Self.flag(t, "alternate_on") == "1")
        #expect(try Self.flag(t, "mouse_any_flag") == "1" || Self.flag(t, "mouse_standard_flag") == "1")
        // Insert and Delete, on the main screen and on the : line.
        try t.send("IC"); try t.send("DC")
        try t.send(":"); try t.send("p 1", literal: true); try t.send("DC"); try t.send("IC"); try t.send("Escape")
        // F1 (help, closed again) to F12; F7-F9 step and continue.
        try t.send("F1")
        try Self.expect(t, "Keys (Esc or ? closes)")
        try t.send("Escape")
        for n in 2...12 where n != 7 && n != 8 && n != 9 { try t.send("F\(n)") }
        // The right button (press and release) and a left release, as xterm reports them (SGR 1006).
        try t.send("\u{1b}[<2;30;10M\u{1b}[<2;30;10m\u{1b}[<0;30;10m", literal: true)
        // A paste burst: 400 characters on the main screen, then into the : line.
        try t.send(String(repeating: "zyxw", count: 100), literal: true)
        try t.send(":")
        try t.send(String(repeating: "p $x0 + ", count: 50), literal: true)
        try t.send("Escape")
        try t.send("s")
        let screen = try Self.expect(t, "timeline · step")
        #expect(!screen.contains("EXITED"), "the TUI ended:\n\(screen)")
        // SIGQUIT (Ctrl-\): the terminal comes back before anything else prints.
        try t.send("C-\\")
        let done = try Self.expect(t, "EXITED:131")
        #expect(!done.contains("registers"), "the TUI's screen must be gone")
        #expect(!done.contains("Backtrac") && !done.contains("Press space"), "the Swift backtracer drew on the screen:\n\(done)")
        #expect(try Self.flag(t, "alternate_on") == "0")
        #expect(try Self.flag(t, "mouse_any_flag") == "0")
        #expect(try Self.flag(t, "cursor_flag") == "1")
    }
}
