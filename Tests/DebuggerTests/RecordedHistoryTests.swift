import A64
@testable import Debugger
import Machine
import Platform
import Testing
import TestSupport

/// Commands without a per-step predicate (`s N`, `c`, `until`, session replay) run stretches
/// of plain steps on the machine's recording loop. Everything a user can see must be what the
/// single-step path gives: the state at every step forward and back, boundaries, who saved and
/// restored each context slot, who last wrote each register, and stops.
@Suite struct RecordedHistoryTests {
    struct Seen: Equatable {
        var state: StateFingerprint
        var provenance: ContextProvenance
        var writers: [Int: WriterRecord]
    }
    static func seen(_ s: DebugSession) -> Seen {
        Seen(state: StateFingerprint(s.run), provenance: s.contextProvenance, writers: s.run.registerWriters)
    }

    /// The reference: one step at a time on the full path (a per-step predicate forces it).
    static func reference(_ name: String, steps: Int) throws -> [Seen] {
        let s = try Fixtures.session(name)
        var out = [seen(s)]
        while out.count <= steps {
            let stop = s.forward(limit: 1, done: { _ in true })
            if stop.steps == 0 { break }
            out.append(seen(s))
            if case .done = stop.reason {} else { break }
        }
        return out
    }

    @Test(arguments: ["v9", "v8", "bug-lr-not-saved", "bug-restore-order"])
    func recordedRunsMatchSingleStepsForwardAndBack(_ name: String) throws {
        let ref = try Self.reference(name, steps: 3000)
        let s = try Fixtures.session(name)
        var g = SplitMix64(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        // Forward in random pieces: each piece ends on the reference's state.
        while s.step < ref.count - 1 {
            let n = Int(g.next() % 300) + 1
            let stop = s.forward(count: min(n, ref.count - 1 - s.step))
            #expect(Self.seen(s) == ref[s.step], "\(name): forward to step \(s.step)")
            if stop.steps == 0 { break }
        }
        #expect(s.step == ref.count - 1, "\(name): stopped early at \(s.step): \(ref.count - 1) expected")
        // The recording loop did the work (not a step at a time with full records).
        #expect(s.historyBytesPerStep < 64, "\(name): \(s.historyBytesPerStep) bytes per step")
        // Back one step at a time, and in pieces: every state on the way is the reference's.
        while s.step > 0 {
            let n = Int(g.next() % 3) == 0 ? Int(g.next() % 200) + 1 : 1
            _ = s.backward(limit: n)
            guard Self.seen(s).state == ref[s.step].state, s.contextProvenance == ref[s.step].provenance else {
                Issue.record("\(name): back to step \(s.step) differs")
                return
            }
        }
    }

    /// With a tiny history limit and frequent checkpoints (thinned as they pile up), going back
    /// re-executes from checkpoints, across a user edit, and every state is the reference's.
    @Test func checkpointsReachEveryEarlierStateAcrossAnEdit() throws {
        // References: plain, and with x21 set at step 300.
        let plain = try Self.reference("v9", steps: 700)
        let edited = try Fixtures.session("v9")
        let ce = CommandInterpreter(session: edited)
        var editedRef: [Int: StateFingerprint] = [:]
        _ = ce.execute("s 300")
        _ = ce.execute("set $x21 = 0x2121")
        for _ in 300..<700 { editedRef[edited.step] = StateFingerprint(edited.run); _ = edited.forward(limit: 1, done: { _ in true }) }
        editedRef[edited.step] = StateFingerprint(edited.run)

        let s = try Fixtures.session("v9")
        s.checkpointInterval = 7
        s.historyLimit = 40
        let ci = CommandInterpreter(session: s)
        _ = ci.execute("s 300")
        _ = ci.execute("set $x21 = 0x2121")
        _ = ci.execute("s 400")
        #expect(s.step == 700)
        #expect(s.checkpointSteps.count <= DebugSession.maxCheckpoints && s.checkpointInterval > 7)
        #expect(s.checkpointSteps.contains(300) && s.checkpointSteps.first == 0)
        var g = SplitMix64(seed: 11)
        while s.step > 0 {
            _ = s.backward(count: Int(g.next() % 40) + 1)
            let want = s.step > 300 || (s.step == 300 && !s.edits.isEmpty) ? editedRef[s.step] : plain[s.step].state
            guard StateFingerprint(s.run) == want else { Issue.record("step \(s.step) differs (edits \(s.edits))"); return }
        }
        #expect(s.edits.isEmpty)
    }

    /// Breakpoints and `until` stop the recording loop exactly where single steps stop.
    @Test func breakpointsAndUntilStopWhereSingleStepsDo() throws {
        let a = try Fixtures.session("v9"), b = try Fixtures.session("v9")
        let ca = CommandInterpreter(session: a), cb = CommandInterpreter(session: b)
        for c in ["b prepare_resume_ctx", "c"] { _ = ca.execute(c) }
        _ = cb.execute("b prepare_resume_ctx")
        while b.step < 100_000 {
            _ = cb.execute("si")
            if b.isAt(b.breakpoints[0].location) { break }
        }
        #expect(a.step == b.step && a.step > 0)
        #expect(StateFingerprint(a.run) == StateFingerprint(b.run))
        let ua = ca.execute("until power-off"), ub = cb.execute("until power-off")
        #expect(a.step == b.step, "\(ua.output) / \(ub.output)")
        #expect(a.run.detector.has(.powerOff))
    }
}
