import Foundation
import Testing
import TestSupport

/// Issue 16's messages without a location (or with a confusing one): each now names
/// file:line:column, the field and what was expected.
@Suite struct LocatedMessageTests {
    func savedSession(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.url.appendingPathComponent("s.json").path
        let r = try SuspendScopeBinary.run(["debug", "v9", "--commands", "-"], input: Data("s 3\nsave \(path)\n".utf8))
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    /// Invalid session JSON said "The data is not in the correct format." (no file, line, field).
    @Test func sessionJSONErrorsNameLineColumnAndField() throws {
        let dir = try TemporaryDirectory(prefix: "json")
        let path = try savedSession(dir)
        let good = try String(contentsOfFile: path, encoding: .utf8)
        let lines = good.split(separator: "\n", omittingEmptySubsequences: false)
        let stepLine = try #require(lines.firstIndex { $0.contains("\"step\": 3") }) + 1
        let cases: [(String, String)] = [
            (String(good.prefix(good.count - 20)), "error: not valid JSON (truncated or corrupt?): expected ',' or '}', found the end of the file"),
            (good.replacingOccurrences(of: "\"step\": 3", with: "\"step\": \"3\""), "s.json:\(stepLine):11: error: field 'step': expected an integer, found a string"),
            (good.replacingOccurrences(of: "\"step\": 3", with: "\"step\": 9223372036854775808"), "s.json:\(stepLine):11: error: field 'step': 9223372036854775808 is out of range (0...10000000)"),
            (good.replacingOccurrences(of: "\"step\": 3", with: "\"step\": 3, \"step\": 4"), "s.json:\(stepLine):14: error: not valid JSON (truncated or corrupt?): the key \"step\" appears twice"),
            (good.replacingOccurrences(of: "\"maxSteps\"", with: "\"maxStep\""), "error: field 'config.maxSteps': missing (expected an integer)"),
        ]
        for (i, (text, expected)) in cases.enumerated() {
            let file = dir.url.appendingPathComponent("bad\(i)/s.json")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            let r = try CLI.run(["session", "show", file.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains(expected), "case \(i): \(r.stderr)")
            #expect(r.stderr.hasPrefix(file.path + ":"), "case \(i): \(r.stderr)")
            #expect(!r.stderr.contains("The data is not in the correct format"))
        }
    }

    /// A breakpoint the scenario cannot resolve any more is reported at its place in the file.
    @Test func restoreErrorsPointIntoTheFile() throws {
        let dir = try TemporaryDirectory(prefix: "json")
        let path = dir.url.appendingPathComponent("s.json").path
        let r = try SuspendScopeBinary.run(["debug", "v9", "--commands", "-"], input: Data("b hyp_resume\nsave \(path)\n".utf8))
        #expect(r.status == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"hyp_resume\"", with: "\"no_such_label\"")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("no_such_label") }) + 1
        let replay = try CLI.run(["session", "replay", path])
        #expect(replay.status == 2)
        #expect(replay.stderr.contains("s.json:\(line):"), "\(replay.stderr)")
        #expect(replay.stderr.contains("error: breakpoint 1 'no_such_label'"), "\(replay.stderr)")
    }

    @Test func aCommandFileThatIsNotUTF8IsLocated() throws {
        let dir = try TemporaryDirectory(prefix: "utf8")
        let file = dir.url.appendingPathComponent("cmds.txt")
        try Data("s\np \u{e9}\n".utf8 + [0x73, 0x20, 0xff, 0x0a]).write(to: file)
        let r = try CLI.run(["debug", "v9", "--commands", file.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("cmds.txt:3:3: error: byte 0xff is not UTF-8 text"), "\(r.stderr)")
    }

    /// `check prog.S` without prepare_resume_ctx, `[symbols]` naming a missing label, a tour
    /// with an unknown scenario, and a folder's file named from the working directory.
    @Test func scenarioAndTourMessagesAreLocated() throws {
        let dir = try TemporaryDirectory(prefix: "loc")
        let prog = try CLI.write("_start:\n    nop\n1:  b 1b\n", as: "noprep.S", in: dir)
        let c = try CLI.run(["check", prog])
        #expect(c.status == 2)
        #expect(c.stderr.contains("noprep.S:1:1: error: the program does not define prepare_resume_ctx"), "\(c.stderr)")

        #expect(try CLI.run(["scenarios", "export", "v9", "s"], in: dir.url).status == 0)
        let manifest = dir.url.appendingPathComponent("s/scenario.toml")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let saveLine = try #require(lines.firstIndex { $0.hasPrefix("save = ") }) + 1
        text = text.replacingOccurrences(of: "save = \"prepare_resume_ctx\"", with: "save = \"no_such_label\"")
        try text.write(to: manifest, atomically: true, encoding: .utf8)
        let s = try CLI.run(["check", "s"], in: dir.url)
        #expect(s.status == 2)
        #expect(s.stderr.contains("scenario.toml:\(saveLine):1: error: [symbols] save names 'no_such_label'"), "\(s.stderr)")

        try FileManager.default.removeItem(at: dir.url.appendingPathComponent("s"))
        #expect(try CLI.run(["scenarios", "export", "v9", "s"], in: dir.url).status == 0)
        let header = dir.url.appendingPathComponent("s/suspend.h")
        try (try String(contentsOf: header, encoding: .utf8)).replacingOccurrences(of: "struct resume_cpu_context {", with: "struct resume_cpu_context {\n  bogus x;")
            .write(to: header, atomically: true, encoding: .utf8)
        let h = try CLI.run(["check", "s"], in: dir.url)
        #expect(h.status == 2)
        // The file as it is found from here, not "suspend.h" relative to the folder.
        let first = h.stderr.split(separator: ":").first.map(String.init) ?? ""
        #expect(first.hasSuffix("s/suspend.h") && FileManager.default.fileExists(atPath: first), "\(h.stderr)")

        let tour = try CLI.write("scenario = \"v99\"\n[[stop]]\nat = \"power-off\"\nsay = \"x\"\n", as: "t.toml", in: dir)
        let t = try CLI.run(["tour", "--file", tour])
        #expect(t.status == 2)
        #expect(t.stderr.contains("t.toml:1:12: error: scenario = \"v99\": v99: no such scenario or folder"), "\(t.stderr)")
    }
}
