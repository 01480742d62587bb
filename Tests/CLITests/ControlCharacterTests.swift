import Foundation
import Testing
import TestSupport

/// Issue 16: control characters from files, arguments and the emulated program reached the
/// terminal raw (a tour's narration set the window title and cleared the screen). Every text the
/// executable writes goes through one rule now: C0, DEL and C1 shown as `\x1b`.
@Suite struct ControlCharacterTests {
    /// Whether `s` holds a control character other than newline and tab.
    static func raw(_ s: String) -> Bool {
        s.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || ($0.value >= 0x7f && $0.value < 0xa0) }
    }

    static func expectClean(_ r: ProcessResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!raw(r.stdout), "\(what): raw control in stdout \(r.stdout.debugDescription)", sourceLocation: sourceLocation)
        #expect(!raw(r.stderr), "\(what): raw control in stderr \(r.stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func tourNarrationIsEscapedOnTheTerminalAndInTheRecording() throws {
        let dir = try TemporaryDirectory(prefix: "ctl-tour")
        let tour = try CLI.write("""
            scenario = "v9"
            title = "t\\u001b]0;title\\u0007"
            [[stop]]
            at = "context-saved"
            say = "\\u001b]0;pwned\\u0007\\u001b[2J and \\u009b2J"
            """, as: "t.toml", in: dir)
        let answers = try CLI.write("", as: "answers.txt", in: dir)
        let cast = dir.url.appendingPathComponent("t.cast").path
        let r = try CLI.run(["tour", "--file", tour, "--answers", answers, "--record", cast])
        #expect(r.status == 0, "\(r.stderr)")
        Self.expectClean(r, "tour")
        #expect(r.stdout.contains(#"\x1b]0;pwned\x07\x1b[2J and \x9b2J"#))
        // The recording replays on a terminal: the same escapes, no ESC inside the narration.
        let recording = try String(contentsOfFile: cast, encoding: .utf8)
        #expect(recording.contains(#"\\x1b]0;pwned"#))
        #expect(!recording.contains(#"\u001b]0;pwned"#))
        #expect(!recording.contains(#"\u001b]0;title"#))
    }

    @Test func tourKeysAndManifestValuesInErrorsAreEscaped() throws {
        let dir = try TemporaryDirectory(prefix: "ctl-err")
        let tour = try CLI.write("scenario = \"v9\"\n\"\\u001b[2J\" = 1\n", as: "t.toml", in: dir)
        let r = try CLI.run(["tour", "--file", tour])
        #expect(r.status == 2)
        #expect(r.stderr.contains(#"unknown key '\x1b[2J'"#), "\(r.stderr)")
        Self.expectClean(r, "tour key")

        let folder = dir.url.appendingPathComponent("scn")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name = \"x\"\nbase = \"v9\"\n[firmware]\nsystem-suspend = \"\\u001b[2J\\u0085\"\n"
            .write(to: folder.appendingPathComponent("scenario.toml"), atomically: true, encoding: .utf8)
        let m = try CLI.run(["check", folder.path])
        #expect(m.status == 2)
        #expect(m.stderr.contains(#"\x1b[2J\x85"#), "\(m.stderr)")
        Self.expectClean(m, "manifest value")
    }

    @Test func headerAndAsmOffsetsErrorsAreEscaped() throws {
        let dir = try TemporaryDirectory(prefix: "ctl-hdr")
        let e = try CLI.run(["scenarios", "export", "v9", dir.url.appendingPathComponent("s").path])
        #expect(e.status == 0, "\(e.stderr)")
        let folder = dir.url.appendingPathComponent("s")
        let header = folder.appendingPathComponent("suspend.h")
        var text = try String(contentsOf: header, encoding: .utf8)
        text = text.replacingOccurrences(of: "struct resume_cpu_context {", with: "struct resume_cpu_context {\n    \u{1b}[2Jbogus\u{9b} x;")
        try text.write(to: header, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", folder.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("suspend.h:"), "\(r.stderr)")
        Self.expectClean(r, "header")

        try FileManager.default.removeItem(at: folder)
        #expect(try CLI.run(["scenarios", "export", "v9", folder.path]).status == 0)
        let offsets = folder.appendingPathComponent("asm-offsets.c")
        try (try String(contentsOf: offsets, encoding: .utf8) + "\n    OFFSET(\u{1b}]0;x\u{7}, resume_cpu_context, nope\u{1b});\n")
            .write(to: offsets, atomically: true, encoding: .utf8)
        let o = try CLI.run(["check", folder.path])
        #expect(o.status == 2)
        Self.expectClean(o, "asm-offsets")
    }

    @Test func sessionFieldsAndDebuggerInputAreEscaped() throws {
        let dir = try TemporaryDirectory(prefix: "ctl-ses")
        let save = try SuspendScopeBinary.run(["debug", "v9", "--commands", "-"],
                                              input: Data("s 3\nnote hello\nsave \(dir.url.path)/s.json\n".utf8))
        #expect(save.status == 0, "\(save.stderr)")
        let path = dir.url.appendingPathComponent("s.json")
        var json = try String(contentsOf: path, encoding: .utf8)
        json = json.replacingOccurrences(of: "\"name\": \"v9\"", with: "\"name\": \"v9\\u001b]0;evil\\u0007\\nforged line\"")
            .replacingOccurrences(of: "\"text\": \"hello\"", with: "\"text\": \"he\\u009b2Jllo\"")
        try json.write(to: path, atomically: true, encoding: .utf8)
        let show = try CLI.run(["session", "show", path.path])
        #expect(show.status == 0, "\(show.stderr)")
        Self.expectClean(show, "session show")
        #expect(show.stdout.contains(#"scenario v9\x1b]0;evil\x07\x0aforged line (v9)"#), "\(show.stdout)")
        #expect(show.stdout.contains(#"he\x9b2Jllo"#))
        let replay = try CLI.run(["session", "replay", path.path])
        #expect(replay.status == 2)
        Self.expectClean(replay, "session replay")

        // C1 controls are refused by the debugger like C0 ones, and shown escaped.
        let d = try SuspendScopeBinary.run(["debug", "v9", "--commands", "-"], input: Data("note a\u{9b}2J\np \u{85}1\n".utf8))
        #expect(d.status == 2)
        #expect(d.stdout.contains(#"control character \x9b"#), "\(d.stdout)")
        Self.expectClean(d, "debug")
    }

    @Test func theEmulatedProgramsUARTOutputIsEscaped() throws {
        let dir = try TemporaryDirectory(prefix: "ctl-uart")
        let folder = dir.url.appendingPathComponent("s")
        #expect(try CLI.run(["scenarios", "export", "v9", folder.path]).status == 0)
        let head = folder.appendingPathComponent("head.S")
        let text = try String(contentsOf: head, encoding: .utf8)
        #expect(text.contains(#"PRINT_ID("- Xen resuming -\r\n")"#))
        try text.replacingOccurrences(of: #"PRINT_ID("- Xen resuming -\r\n")"#, with: #"PRINT_ID("- Xen \033]0;t\007\233resuming -\r\n")"#)
            .write(to: head, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", folder.path, "--until", "resume-return"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(#"uart: - Xen \x1b]0;t\x07\x9bresuming -"#), "\(r.stdout)")
        Self.expectClean(r, "run")
        let d = try SuspendScopeBinary.run(["debug", folder.path, "--commands", "-"], input: Data("until resume-return\ninfo registers\n".utf8))
        Self.expectClean(d, "debug")
    }
}
