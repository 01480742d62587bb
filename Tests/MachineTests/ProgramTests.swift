import A64
import Machine
import Testing

@Suite struct UndoTests {
    /// A loop with stores (single, pair, write-back), loads, flags, an MSR and an SVC whose
    /// handler ERETs: several thousand steps, then every step undone newest first.
    @Test func stepThenUndoRestoresEverything() {
        let vbar: UInt64 = 0x4009_0000
        let prog: [Instruction] = [
            movz(1, 0x4010, hw: 1),                                  // 0 x1 = dataBase
            movz(2, 600),                                            // 1 counter
            movz(6, 0x4009, hw: 1),                                  // 2
            msr("VBAR_EL2", 6),                                      // 3
            reg(.addsShift, 3, 3, 2, shift: .lsl, amount: 3),        // 4 loop:
            ldst(.str, 3, 1, 8, mode: .post),                        // 5
            pair(.stp, 3, 2, 1, 16, mode: .post),                    // 6
            ldst(.ldr, 4, 1, -8, mode: .unscaled),                   // 7
            msr("TPIDR_EL2", 3),                                     // 8
            csel(.csinc, 5, 5, 4, .eq),                              // 9
            Instruction(op: .svc, imm: 3),                           // 10
            ldst(.str, 4, 1, 1, size: 0, mode: .unscaled),           // 11 unaligned byte store
            subsi(2, 2, 1),                                          // 12
            Instruction(op: .bcond, imm: -36, cond: Condition.ne.rawValue), // 13 -> 4
            selfLoop,                                                // 14
            Instruction(op: .eret),                                  // 15 (handler)
        ]
        let m = machine(prog)
        m.load(words: [0xE000_000F], at: vbar + 0x200)
        let before = m.snapshot()
        let memBefore = m.memory.readBytes(at: dataBase, count: 0x8000)!
        var effects: [StepEffects] = []
        while true {
            let e = m.step()
            effects.append(e)
            if e.notes.contains(.selfLoop) { break }
        }
        #expect(effects.count > 5000)
        #expect(m.systemRegister(named: "TPIDR_EL2") != 0)
        #expect(m.memory.readBytes(at: dataBase, count: 0x8000)! != memBefore)
        for e in effects.reversed() { m.undo(e) }
        #expect(m.snapshot() == before)
        #expect(m.memory.readBytes(at: dataBase, count: 0x8000)! == memBefore)
        // And replaying gives the same effects again.
        for (k, e) in effects.enumerated() {
            let again = m.step()
            if again != e { Issue.record("step \(k) differs on replay"); break }
        }
    }
}

@Suite struct RunLoopTests {
    let loop: [Instruction] = [
        movz(1, 100),                                                // 0
        addi(0, 0, 3),                                               // 1 loop
        subsi(1, 1, 1),                                              // 2
        Instruction(op: .bcond, imm: -8, cond: Condition.ne.rawValue), // 3
        selfLoop,                                                    // 4
    ]

    @Test func haltsAtSelfLoop() {
        let m = machine(loop)
        let r = m.run(maxSteps: 10_000)
        #expect(r.reason == .halted(codeBase + 16))
        #expect(r.steps == 1 + 300 + 1)
        #expect(m.x(0) == 300)
    }

    @Test func stopsAtBreakpointsAndResumes() {
        let m = machine(loop)
        var r = m.run(maxSteps: 10_000, breakpoints: [0x4000_0000, codeBase + 8, 0x4100_0000])
        #expect(r.reason == .breakpoint(codeBase + 8)); #expect(r.steps == 2)
        r = m.run(maxSteps: 10_000, breakpoints: [codeBase + 8])
        #expect(r.reason == .breakpoint(codeBase + 8)); #expect(r.steps == 3)
        #expect(m.x(0) == 6)
        r = m.run(maxSteps: 5)
        #expect(r.reason == .maxSteps); #expect(r.steps == 5)
    }

    @Test func stopsOnExceptionOrRunsTheVector() {
        let m = machine([Instruction(op: .brk, imm: 1), selfLoop])
        m.setSystemRegister(named: "VBAR_EL2", codeBase - 0x200 + 4)    // vector lands on the b .
        let r = m.run(maxSteps: 100)
        guard case .exception(let e) = r.reason else { Issue.record("\(r)"); return }
        #expect(e.ec == 0x3c); #expect(m.pc == codeBase + 4)
        m.pc = codeBase
        #expect(m.run(maxSteps: 100, stopOnException: false).reason == .halted(codeBase + 4))
        // Fetch from nowhere.
        m.pc = 0x5000_0000
        guard case .exception(let ia) = m.run(maxSteps: 10).reason else { Issue.record("no abort"); return }
        #expect(ia.esr == 0x8600_0010)
    }

    /// Release-mode speed: `SUSPENDSCOPE_THROUGHPUT=1 swift test -c release --filter throughput`.
    @Test func throughput() {
        let big = ProcessInfo.processInfo.environment["SUSPENDSCOPE_THROUGHPUT"] == "1"
        let n: UInt64 = big ? 100_000_000 : 200_000
        let prog: [Instruction] = [
            movz(1, UInt16(n & 0xffff)), movk(1, UInt16(n >> 16), hw: 1),
            addi(0, 0, 3),                                           // 2 loop
            reg(.eorShift, 2, 0, 1, shift: .lsl, amount: 1),
            subsi(1, 1, 1),
            Instruction(op: .bcond, imm: -12, cond: Condition.ne.rawValue),
            selfLoop,
        ]
        let m = machine(prog)
        let bps = (0..<10).map { 0x4100_0000 + UInt64($0) * 0x40 }
        let clock = ContinuousClock()
        var result: RunResult?
        let t = clock.measure { result = m.run(maxSteps: Int.max, breakpoints: bps) }
        let secs = Double(t.components.seconds) + Double(t.components.attoseconds) * 1e-18
        let rate = Double(result!.steps) / secs
        print("throughput: \(result!.steps) instructions in \(secs) s = \(Int(rate / 1e6)) M instructions/s (10 breakpoints armed)")
        #expect(result?.reason == .halted(codeBase + 24))
        #expect(m.x(0) == 3 * n)
    }
}

import Foundation
