import Debugger
import Machine
import Platform
import Testing

/// Reverse execution restores every register, system register, unknown flag and byte exactly.
@Suite struct ReverseExecutionTests {
    @Test func reverseTwentyFromPowerOffAndForwardAgain() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        // First pass: the state at every step up to power-off.
        var first: [Int: StateFingerprint] = [0: StateFingerprint(session.run)]
        while !session.run.detector.has(.powerOff) {
            let r = ci.execute("si")
            try #require(r.ok, "\(String(describing: r.error))")
            first[session.step] = StateFingerprint(session.run)
            try #require(session.step < 100_000)
        }
        let top = session.step
        #expect(session.run.detector.boundary(.powerOff)?.step == top)
        // Back 20 steps, one at a time: each state equals the first pass's.
        for k in 1...20 {
            #expect(ci.execute("rs").ok)
            #expect(session.step == top - k)
            #expect(StateFingerprint(session.run) == first[top - k], "state differs at step \(top - k) going back")
        }
        // Forward again.
        for k in stride(from: 19, through: 0, by: -1) {
            #expect(ci.execute("s").ok)
            #expect(session.step == top - k)
            #expect(StateFingerprint(session.run) == first[top - k], "state differs at step \(top - k) going forward again")
        }
        // rs N in one command lands on the same state as N single steps back.
        #expect(ci.execute("rs 20").ok)
        #expect(StateFingerprint(session.run) == first[top - 20])
        #expect(ci.execute("until power-off").ok)
        #expect(StateFingerprint(session.run) == first[top])
    }

    @Test func reverseAcrossTheWholePathToTheStart() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        let start = StateFingerprint(session.run)
        #expect(ci.execute("until resume-return").ok)
        #expect(session.run.detector.has(.resumeReturn))
        let end = StateFingerprint(session.run)
        let r = ci.execute("rc")
        #expect(r.output.contains("reached the start of the history"))
        #expect(session.step == 0)
        #expect(StateFingerprint(session.run) == start)
        #expect(ci.execute("until resume-return").ok)
        #expect(StateFingerprint(session.run) == end)
    }

    @Test func nextFinishAndTheirReverses() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("until suspend-entry").ok)
        // We are at prepare_resume_ctx's first instruction: rfinish goes back to the bl.
        let entry = session.step
        #expect(ci.execute("rfinish").ok)
        #expect(session.step == entry - 1)
        let atCall = StateFingerprint(session.run)
        // next steps over the call: lands after the bl, at context-saved.
        #expect(ci.execute("n").ok)
        #expect(session.run.detector.boundary(.contextSaved)?.step == session.step)
        // rn steps back over the whole call to the bl.
        #expect(ci.execute("rn").ok)
        #expect(StateFingerprint(session.run) == atCall)
        // finish from inside the callee returns to the caller at context-saved.
        #expect(ci.execute("s 3").ok)
        #expect(ci.execute("finish").ok)
        #expect(session.run.detector.boundary(.contextSaved)?.step == session.step)
    }

    @Test func userEditsAreUndoneByGoingBackPastThem() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("s 10").ok)
        let before = StateFingerprint(session.run)
        #expect(ci.execute("set $x19 = 0x1234").ok)
        #expect(ci.execute("set $VBAR_EL2 = 0x40000800").ok)
        #expect(ci.execute("set resume_cpu_context.sp = 7").ok)
        #expect(session.machine.x(19) == 0x1234)
        #expect(try session.evaluate("resume_cpu_context.sp") == 7)
        #expect(session.edits.count == 3)
        #expect(ci.execute("s 2").ok)
        let r = ci.execute("rs 2")
        #expect(r.ok)
        #expect(session.edits.count == 3)
        let r2 = ci.execute("rs")
        #expect(r2.output.contains("undid the user edit $x19"))
        #expect(session.edits.isEmpty)
        #expect(session.step == 9)
        #expect(ci.execute("s").ok)
        #expect(StateFingerprint(session.run) == before)
    }

    /// The cap drops the oldest undo records with a notice; going back past them re-executes
    /// from a checkpoint, so every earlier step is still reached exactly.
    @Test func historyLimitDropsTheOldestWithANoticeAndCheckpointsStillReachThem() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("set history-limit 80").ok)
        let r = ci.execute("s 300")
        // The oldest history goes a chunk of the undo log at a time (a few dozen steps here).
        let oldest = session.oldestRecordedStep
        #expect(oldest >= 220 && oldest < 300)
        #expect(r.output.contains("notice: history: dropped the"))
        #expect(r.output.contains("going back past step \(oldest) re-executes from a checkpoint (nearest: step 0)"), "\(r.output)")
        #expect(session.oldestStep == 0)
        // Step by step back across the dropped records: each state is the reference's.
        var refs: [StateFingerprint] = []
        let ref = try Fixtures.session()
        for _ in 0...300 { refs.append(StateFingerprint(ref.run)); _ = ref.forward(limit: 1, done: { _ in true }) }
        for _ in 0..<120 {
            #expect(ci.execute("rs").ok)
            guard StateFingerprint(session.run) == refs[session.step] else { Issue.record("step \(session.step) differs"); return }
        }
        #expect(session.step == 180)
        let back = ci.execute("rc")
        #expect(back.output.contains("reached the start of the history (step 0)"), "\(back.output)")
        #expect(session.step == 0 && StateFingerprint(session.run) == refs[0])
    }

    @Test func runawayGuard() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("set max-steps 50").ok)
        let r = ci.execute("c")
        #expect(r.output.contains("stopped after 50 steps: the runaway guard"))
        #expect(session.step == 50)
    }
}
