import Debugger
import Foundation
import Platform
import Testing

/// Issue 16's traps and hangs in the debugger engine: each input below once crashed or spun the
/// process; now it gets a clear answer (the limits are stated in the README).
@Suite struct InputLimitTests {
    func interpreter(_ setup: [String] = []) throws -> CommandInterpreter {
        let ci = CommandInterpreter(session: try Fixtures.session())
        for c in setup { try #require(ci.execute(c).ok, "\(c)") }
        return ci
    }

    /// `p 1+1+...` with 25,000 terms overflowed the stack in `evaluate`.
    @Test func aLongChainOfTermsIsRefusedNotAStackOverflow() throws {
        let ci = try interpreter()
        let long = ci.execute("p " + Array(repeating: "1", count: 25_000).joined(separator: "+"))
        let e = try #require(long.error)
        #expect(e.message.contains("nests more than \(ExpressionParser.maxDepth) deep"))
        // Chains and nesting below the limit still work, whatever their shape.
        #expect(ci.execute("p/d " + Array(repeating: "1", count: 150).joined(separator: "+")).output == "150")
        #expect(ci.execute("p/d " + Array(repeating: "(1", count: 90).joined(separator: "+") + String(repeating: ")", count: 90)).output == "90")
        // A left-leaning tree deeper than the limit, built through parentheses, is refused too.
        var deep = "1"
        for _ in 0..<30 { deep = "(" + deep + String(repeating: "+1", count: 20) + ")" }
        #expect(ci.execute("p " + deep).error?.message.contains("nests more than") == true)
        #expect(ci.execute("p resume_cpu_context.callee_regs[" + Array(repeating: "0", count: 300).joined(separator: "+") + "]").error?.message.contains("nests more than") == true)
    }

    /// 108 user edits overflowed `checkpointInterval *= 2`.
    @Test func manyUserEditsDoNotOverflowTheCheckpointInterval() throws {
        let ci = try interpreter()
        for k in 0..<108 { try #require(ci.execute("set $x19 = \(k)").ok, "edit \(k)") }
        #expect(ci.session.edits.count == 108)
        #expect(ci.session.checkpointInterval == 1_000_000)
        #expect(ci.execute("s 5").ok)
        #expect(ci.execute("rs 5").ok)
        #expect(ci.execute("p/d $x19").output == "107")
    }

    /// The most edits in effect at once is `DebugSession.maxEdits` (a lower limit here, to keep
    /// the test short); the next is refused by name.
    @Test func theEditLimitIsNamed() throws {
        let ci = try interpreter()
        #expect(ci.session.editLimit == DebugSession.maxEdits)
        ci.session.editLimit = 40
        for k in 0..<40 { try #require(ci.execute("set $x2 = \(k)").ok, "edit \(k)") }
        let over = ci.execute("set $x2 = 1")
        #expect(over.error?.message.contains("40 user edits") == true)
        #expect(ci.execute("rs 1").ok)   // going back undoes edits, and makes room
    }

    /// A session with 120 edits trapped on replay.
    @Test func aSessionWith120EditsReplays() throws {
        let ci = try interpreter()
        for k in 0..<120 {
            if k % 10 == 0 { try #require(ci.execute("s 3").ok) }
            try #require(ci.execute("set $x\(k % 29) = \(k)").ok)
        }
        let json = SessionFile.encode(ci.session).serialized(pretty: true)
        let doc = try SessionFile.parse(Data(json.utf8), path: "edits.json")
        #expect(doc.edits.count == 120)
        let loaded = try SessionFile.restore(doc, path: "edits.json")
        #expect(loaded.step == ci.session.step)
        #expect(loaded.edits == ci.session.edits)
        #expect(loaded.machine.snapshot() == ci.session.machine.snapshot())
    }

    /// `b head.S:9223372036854775800` (and `until`) overflowed `line + 20`.
    @Test func hugeLineNumbersAreAnsweredNotTrapped() throws {
        let ci = try interpreter()
        for c in ["b head.S:9223372036854775800", "until head.S:9223372036854775807", "b head.S:0", "b head.S:-3"] {
            let e = try #require(ci.execute(c).error, "\(c)")
            #expect(e.message.contains("head.S:") || e.message.contains("start at 1"), "\(c): \(e.message)")
        }
    }

    /// `x/100000000gx` said "unknown x format letter '0'".
    @Test func anOutOfRangeExamineCountSaysSo() throws {
        let ci = try interpreter()
        let e = try #require(ci.execute("x/100000000gx 0x40200000").error)
        #expect(e.message.contains("out of range") && e.message.contains("1 to 4096"), "\(e.message)")
        #expect(ci.execute("x/4096bx 0x40200000").ok)
    }

    /// With a small history limit, going back past the dropped records re-executes from a
    /// checkpoint; `rs`, `rc`, `rn` and `rfinish` spun forever once records were dropped.
    @Test(.timeLimit(.minutes(1))) func reverseCommandsFinishWithATinyHistoryLimit() throws {
        let ci = try interpreter(["set history-limit 10", "s 30"])
        // Where the same reverse commands land with the whole history kept.
        let full = try interpreter(["s 30", "rs 2", "rn 3"])
        #expect(ci.execute("rs 2").ok)
        #expect(ci.session.step == 28)
        #expect(ci.execute("rn 3").ok)
        #expect(ci.session.step == full.session.step && full.session.step < 28)
        #expect(ci.execute("s 40").ok)
        #expect(ci.execute("rfinish").ok)
        #expect(ci.execute("rc").ok)
        #expect(ci.session.step == 0)
        // And the state is the one a plain run reaches.
        #expect(ci.execute("s 30").ok)
        #expect(ci.execute("rs 7").ok)
        let reference = try Fixtures.reference("v9", steps: 23)
        #expect(ci.session.machine.snapshot() == reference.board.machine.snapshot())
    }

    /// Restoring breakpoints looked each one up in the whole list (100,000 took 9 s); they are
    /// restored in one pass now. The session's count is bounded by `maxBreakpoints`.
    @Test(.timeLimit(.minutes(1))) func aHundredThousandBreakpointsRestoreInOnePass() throws {
        let ci = try interpreter()
        let n = 100_000
        var text = Array(SessionFile.encode(ci.session).serialized(pretty: false).utf8)
        let entry = #"{"id": ID, "location": "power-off", "condition": null, "enabled": true, "hits": 0, "ignore": 0}"#
        let list = (1...n).map { entry.replacingOccurrences(of: "ID", with: String($0)) }.joined(separator: ",")
        let marker = Array(#""breakpoints":[]"#.utf8)
        let at = try #require(text.firstRange(of: marker))
        text.replaceSubrange(at, with: Array(#""breakpoints":["#.utf8) + Array(list.utf8) + Array("]".utf8))
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = try SessionFile.restore(try SessionFile.parse(Data(text), path: "many.json"), path: "many.json")
        #expect(loaded.breakpoints.count == n)
        #expect(loaded.breakpoints.last?.id == n)
        #expect(clock.now - start < .seconds(40), "linear restore")
        let over = CommandInterpreter(session: loaded).execute("b power-off")
        #expect(over.error?.message.contains("\(DebugSession.maxBreakpoints) breakpoints") == true)
    }

    /// A session saved with `watch *PHYS@8` (set with the MMU off) could not be loaded at a step
    /// where the MMU is on: the address was read back as virtual.
    @Test func aPhysicalWatchpointSurvivesSaveAndLoad() throws {
        let ci = try interpreter()
        let pa = ci.session.physicalAddress(of: ci.session.built.symbol("resume_cpu_context")!)!
        #expect(ci.execute("watch *0x\(String(pa, radix: 16))@8").ok)
        #expect(ci.execute("delete 1").ok)
        #expect(ci.execute("watch *0x\(String(pa, radix: 16))@8").ok)
        #expect(ci.execute("disable 2").ok)
        #expect(ci.execute("until resume-return").ok)
        #expect(ci.session.machine.mmuEnabled)
        let json = SessionFile.encode(ci.session).serialized(pretty: true)
        let loaded = try SessionFile.restore(try SessionFile.parse(Data(json.utf8), path: "w.json"), path: "w.json")
        #expect(loaded.watchpoints.map(\.target) == [.memory(physical: pa, count: 8)])
        #expect(loaded.watchpoints.map(\.enabled) == [false])
    }
}
