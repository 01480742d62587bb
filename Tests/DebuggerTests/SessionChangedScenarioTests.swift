import Debugger
import Foundation
import Platform
import Testing

/// A session of a scenario folder whose files changed since it was saved: a change that leaves
/// the assembled image alone (a comment) loads with a note; a change to the code names the
/// first step that runs it, and `load --partial` loads up to the step before.
@Suite struct SessionChangedScenarioTests {
    @Test func aCommentKeepsTheSessionAndChangedCodeLoadsUpToTheChange() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-changed-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("my-v9")
        try #require(try BuiltinScenarios.scenario(named: "v9")).export(to: folder)
        let session = try DebugSession(scenario: folder.path)
        let ci = CommandInterpreter(session: session)
        for c in ["b hyp_resume", "b head.S:97", "until power-off", "note asleep"] { try #require(ci.execute(c).ok, "\(c)") }
        let path = root.appendingPathComponent("s.json").path
        try #require(ci.execute("save \(path)").ok)
        let step = session.step
        // A comment above the code: the files changed, the image did not.
        let head = folder.appendingPathComponent("head.S")
        let text = try String(contentsOf: head, encoding: .utf8)
        try ("/* a comment added after the session was saved */\n" + text).write(to: head, atomically: true, encoding: .utf8)
        let other = CommandInterpreter(session: try DebugSession(scenario: "v9"))
        let r = other.execute("load \(path)")
        #expect(r.ok, "\(String(describing: r.error))")
        #expect(r.output.contains("but the assembled image is the same: loaded"))
        #expect(other.session.step == step)
        #expect(other.session.notes.map(\.text) == ["asleep"])
        #expect(other.session.breakpoints.count == 2)
        // Change the code the warm boot runs: the first step that runs it is named.
        try text.replacingOccurrences(of: "        bl    check_cpu_mode\n", with: "        nop\n        bl    check_cpu_mode\n")
            .write(to: head, atomically: true, encoding: .utf8)
        let refused = other.execute("load \(path)")
        let e = try #require(refused.error)
        #expect(e.message.contains("and so did the assembled image: step "), "\(e.message)")
        #expect(e.message.contains("load --partial loads it up to step"))
        #expect(other.session.step == step)                       // nothing changed
        let partial = other.execute("load --partial \(path)")
        #expect(partial.ok, "\(String(describing: partial.error))")
        #expect(partial.output.contains("loaded up to step"))
        #expect(other.session.step < step && other.session.step > 0)
        #expect(other.session.notes.map(\.text) == ["asleep"])
    }
}
