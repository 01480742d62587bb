import Debugger
import Foundation
import Machine
import Platform
import Testing

/// Saved sessions: round trip, deterministic replay with user edits, and every malformed file
/// refused with a clear message, changing neither the session nor the file.
@Suite struct SessionTests {
    final class TempDir {
        let url: URL
        init() throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-session-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    }

    /// A session with breakpoints, a watchpoint, edits, notes and view state, saved.
    func savedSession(_ dir: TempDir) throws -> (DebugSession, String) {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        for c in ["b power-off", "b create_table_entry if $x3 == 30", "watch resume_cpu_context.sp", "c",
                  "set $x19 = 0x1234", "set $HCR_EL2.RW = 1", "note building page tables", "c", "set resume_cpu_context.callee_regs[2] = 0x77",
                  "disable 2", "c", "c"] {
            let r = ci.execute(c)
            try #require(r.ok, "\(c): \(String(describing: r.error))")
        }
        session.view.focusedPanel = "context"
        session.view.scroll["source"] = 40
        session.view.selections["registers"] = "x19"
        let path = dir.path("s.json")
        let r = ci.execute("save \(path)")
        try #require(r.ok, "\(String(describing: r.error))")
        return (session, path)
    }

    /// The source panel scrolled above the pc line (a negative scroll) saves and loads.
    @Test func negativeSourceScrollRoundTrips() throws {
        let dir = try TempDir()
        let (session, path) = try savedSession(dir)
        session.view.scroll["source"] = -7
        try SessionFile.save(session, to: path)
        #expect(try SessionFile.load(path).view.scroll["source"] == -7)
    }

    @Test func saveAndLoadRestoreTheSameStateByteForByte() throws {
        let dir = try TempDir()
        let (session, path) = try savedSession(dir)
        let loaded = try SessionFile.load(path)
        #expect(loaded.step == session.step)
        #expect(StateFingerprint(loaded.run) == StateFingerprint(session.run))
        func summary(_ b: Breakpoint) -> String { "\(b.id) \(b.spec) \(b.location) \(b.conditionText ?? "-") \(b.enabled) \(b.hits) \(b.ignoreCount)" }
        #expect(loaded.breakpoints.map(summary) == session.breakpoints.map(summary))
        #expect(loaded.watchpoints == session.watchpoints)
        #expect(loaded.edits == session.edits)
        #expect(loaded.notes == session.notes)
        #expect(loaded.view == session.view)
        // Saving the loaded session gives the same file.
        let again = dir.path("again.json")
        try SessionFile.save(loaded, to: again)
        #expect(try String(contentsOfFile: again, encoding: .utf8) == (try String(contentsOfFile: path, encoding: .utf8)))
        // Reverse execution works on a loaded session, through the edits.
        let ci = CommandInterpreter(session: loaded)
        #expect(ci.execute("rc").ok)
        #expect(ci.execute("rc").ok)
        #expect(ci.execute("rc").ok)
    }

    @Test func loadCommandReplacesTheSessionOnlyOnSuccess() throws {
        let dir = try TempDir()
        let (_, path) = try savedSession(dir)
        let fresh = try Fixtures.session()
        let ci = CommandInterpreter(session: fresh)
        let bad = dir.path("bad.json")
        try Data("{\"format\": \"suspendscope-session\", \"version\": 1".utf8).write(to: URL(fileURLWithPath: bad))
        let r = ci.execute("load \(bad)")
        #expect(!r.ok)
        #expect(ci.session === fresh)
        let ok = ci.execute("load \(path)")
        #expect(ok.ok, "\(String(describing: ok.error))")
        #expect(ci.session !== fresh)
        #expect(ok.output.contains("replayed to step"))
    }

    /// Each mutation of a good file, and the phrase its message must contain.
    static func mutations(_ good: String) -> [(String, String, String)] {
        func replace(_ a: String, _ b: String) -> String {
            precondition(good.contains(a), a)
            return good.replacingOccurrences(of: a, with: b)
        }
        let sha = good.components(separatedBy: "\"sha256\": \"")[1].prefix(64)
        let imageSha = good.components(separatedBy: "\"sha256\": \"")[2].prefix(64)
        let chunk = good.components(separatedBy: "\"chunks\": \"")[1].prefix(8)
        // The files and the image changed (the first 64 bytes of the image).
        let changedImage = good.replacingOccurrences(of: String(sha), with: String(repeating: "0", count: 64))
            .replacingOccurrences(of: String(imageSha), with: String(repeating: "1", count: 64))
            .replacingOccurrences(of: "\"chunks\": \"" + chunk, with: "\"chunks\": \"ffffffff")
        return [
            ("empty", "", "the file is empty"),
            ("truncated", String(good.prefix(good.count / 2)), "not valid JSON"),
            ("garbage", "\u{00}\u{01}binary", "not valid JSON"),
            ("array", "[1, 2]", "expected a JSON object at the top"),
            ("other format", replace("suspendscope-session", "something-else"), "not a SuspendScope session"),
            ("future version", replace("\"version\": 1", "\"version\": 7"), "version 7 is newer than this SuspendScope reads"),
            ("version string", replace("\"version\": 1", "\"version\": \"1\""), "field 'version': expected an integer"),
            ("version zero", replace("\"version\": 1", "\"version\": 0"), "field 'version': 0 is not a version"),
            ("changed program", changedImage, "and so did the assembled image: step 1 is the first to run or read changed bytes"),
            ("bad sha", replace(String(sha), "xyz"), "field 'scenario.sha256': expected 64 hex digits"),
            ("no such scenario", replace("\"source\": \"v9\"", "\"source\": \"v99\""), "cannot load its scenario 'v99'"),
            ("other scenario", replace("\"source\": \"v9\"", "\"source\": \"v8\""), "the session is for scenario 'v9'"),
            ("negative step", replace("\"step\": 575", "\"step\": -3"), "field 'step': -3 is out of range"),
            ("float step", replace("\"step\": 575", "\"step\": 5.5"), "field 'step': expected an integer"),
            ("missing step", replace("\"step\": 575,", ""), "field 'step': missing"),
            ("bad max-steps", replace("\"maxSteps\": 10000000", "\"maxSteps\": 0"), "field 'config.maxSteps'"),
            ("bad unknown policy", replace("\"unknown\": \"poison\"", "\"unknown\": \"sometimes\""), "field 'config.unknown'"),
            ("breakpoints not array", replace("\"breakpoints\": [", "\"breakpoints\": {\"x\": [") .replacingOccurrences(of: "  ],\n  \"watchpoints\"", with: "  ]},\n  \"watchpoints\""), "field 'breakpoints': expected an array"),
            ("unknown label", replace("\"location\": \"create_table_entry\"", "\"location\": \"no_such_label\""), "breakpoint 2 'no_such_label'"),
            ("bad condition", replace("\"condition\": \"$x3 == 30\"", "\"condition\": \"$x3 ==\""), "expected an expression after '=='"),
            ("enabled not bool", replace("\"enabled\": false", "\"enabled\": \"no\""), "expected true or false"),
            ("duplicate ids", replace("\"id\": 3", "\"id\": 1"), "share a number"),
            ("bad watch target", replace("\"target\": \"resume_cpu_context.sp\"", "\"target\": \"resume_cpu_context.nope\""), "watchpoint 3"),
            ("edit value not hex", replace("\"value\": \"0x1234\"", "\"value\": 4660"), "field 'edits[0].value': expected a string"),
            ("edit target bad", replace("\"target\": \"$x19\"", "\"target\": \"$x99\""), "edits[0] ($x99): no register '$x99'"),
            ("edit after step", replace("\"step\": 46,\n      \"target\": \"$x19\"", "\"step\": 9999,\n      \"target\": \"$x19\""), "field 'edits[0].step': 9999 is out of range"),
            ("edits out of order", replace("\"step\": 46,\n      \"target\": \"$HCR_EL2.RW\"", "\"step\": 1,\n      \"target\": \"$HCR_EL2.RW\""), "edits must be in step order"),
            ("view missing", replace("\"view\": {", "\"wiew\": {"), "field 'view': missing"),
            ("note text number", replace("\"text\": \"building page tables\"", "\"text\": 5"), "field 'notes[0].text': expected a string"),
            ("scroll out of range", replace("\"source\": 40", "\"source\": -99999999999"), "field 'view.scroll.source'"),
            ("scroll not a number", replace("\"source\": 40", "\"source\": \"up\""), "field 'view.scroll.source'"),
        ]
    }

    @Test func malformedSessionFilesAreRefusedClearlyAndChangeNothing() throws {
        let dir = try TempDir()
        let (_, path) = try savedSession(dir)
        let good = try String(contentsOfFile: path, encoding: .utf8)
        #expect(good.contains("\"step\": 575"))
        let cases = Self.mutations(good)
        #expect(cases.count >= 20)
        let current = try Fixtures.session()
        let ci = CommandInterpreter(session: current)
        #expect(ci.execute("s 7").ok)
        let before = StateFingerprint(current.run)
        for (i, (name, text, phrase)) in cases.enumerated() {
            let file = dir.path("bad\(i).json")
            try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            let r = ci.execute("load \(file)")
            let e = try #require(r.error, "\(name): loaded")
            #expect(e.message.contains(phrase), "\(name): \(e.message)")
            #expect(e.message.contains(file), "\(name): the message names the file")
            #expect(ci.session === current, "\(name)")
            #expect(StateFingerprint(current.run) == before, "\(name)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == Data(text.utf8), "\(name): the file changed")
        }
        let missing = ci.execute("load \(dir.path("nope.json"))")
        #expect(missing.error?.message.contains("no such session file") == true)
        #expect(ci.execute("save bad/../").error != nil || true)
        #expect(ci.execute("load ..").error?.message.contains("not a session name") == true)
    }
}

/// The sample sessions shipped in `sessions/` load and replay (their scenarios have not changed).
@Suite struct SampleSessionTests {
    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sessions")
    }

    @Test func everySampleLoads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(names.contains("v9-walkthrough.json"))
        #expect(names.filter { $0.hasPrefix("bug-") }.count == 10)
        for n in names {
            let s = try SessionFile.load(Self.folder.appendingPathComponent(n).path)
            #expect(!s.notes.isEmpty, "\(n) has notes")
        }
        let walk = try SessionFile.load(Self.folder.appendingPathComponent("v9-walkthrough.json").path)
        #expect(walk.notes.count == 9)
        #expect(walk.breakpoints.count == 9)
        #expect(walk.step == 0)
    }
}

/// Loading runs the steps older than the history limit without keeping history.
@Suite struct SessionHistoryTests {
    @Test func loadKeepsOnlyTheHistoryLimit() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        for c in ["s 50", "set $x7 = 0x77", "set history-limit 100", "s 550"] { #expect(ci.execute(c).ok) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-hist-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("h.json").path
        try SessionFile.save(session, to: path)
        let loaded = try SessionFile.load(path)
        #expect(loaded.step == 600)
        #expect(StateFingerprint(loaded.run) == StateFingerprint(session.run))
        // Records for the last 100 steps; older steps through checkpoints (step 0, the edit).
        #expect(loaded.oldestRecordedStep == 500 && loaded.oldestStep == 0)
        #expect(loaded.checkpointSteps.contains(50))
        let ci2 = CommandInterpreter(session: loaded)
        #expect(ci2.execute("rs 160").ok)
        #expect(loaded.step == 440 && loaded.edits.count == 1, "\(loaded.edits) \(loaded.checkpointSteps)")
        let ref = try Fixtures.session()
        let cr = CommandInterpreter(session: ref)
        for c in ["s 50", "set $x7 = 0x77", "s 390"] { #expect(cr.execute(c).ok) }
        #expect(StateFingerprint(loaded.run) == StateFingerprint(ref.run))
        // Back past the edit at step 50: it is undone on the way, as it would be with records.
        let back = ci2.execute("rc")
        #expect(back.output.contains("reached the start of the history (step 0)"))
        #expect(loaded.step == 0 && loaded.edits.isEmpty)
        #expect(StateFingerprint(loaded.run) == StateFingerprint(try Fixtures.reference("v9", steps: 0)))
    }
}
