import A64
@testable import Machine
import Testing

/// The compact undo log: a recording run (`runRecording`) or single steps recorded with
/// `UndoLog.append` must take every step back exactly, record by record, across chunk
/// boundaries, whatever the program does.
@Suite struct UndoLogTests {
    struct State: Equatable {
        var machine: Machine.Snapshot
        var data: [UInt8]?
    }
    static func state(_ m: Machine) -> State { State(machine: m.snapshot(), data: m.memory.readBytes(at: dataBase, count: 0x1000)) }

    /// Random programs (the fast-path generator): the states after each `step()` are the
    /// reference; a recording run then undone one record at a time must pass through them all.
    @Test func recordingRunUndoesToEveryEarlierState() {
        for seed in UInt64(1)...300 {
            var g = RunFastPathTests.Rng(seed: seed &* 104_729)
            let count = Int.random(in: 10...60, using: &g)
            var program = (0..<count).map { RunFastPathTests.randomInstruction(&g, index: $0, count: count) }
            program.append(selfLoop)

            let stepped = RunFastPathTests.prepare(program, seed: seed)
            var states = [Self.state(stepped)]
            while states.count < 1000 {
                let e = stepped.step()
                if e.notes.contains(.selfLoop) || stepped.lastException != nil { break }
                states.append(Self.state(stepped))
            }

            let m = RunFastPathTests.prepare(program, seed: seed)
            let log = UndoLog(chunkSize: 4096)   // small chunks: records cross chunk boundaries
            var done = 0
            // In random pieces, as the debugger would run between stops.
            while done < states.count - 1 {
                let r = m.runRecording(maxSteps: min(states.count - 1 - done, Int.random(in: 1...40, using: &g)), log: log)
                #expect(!r.endedSpecial, "seed \(seed)")
                if r.steps == 0 { break }
                done += r.steps
                #expect(Self.state(m) == states[done], "seed \(seed) after \(done) steps")
            }
            #expect(done == states.count - 1 && log.records == done, "seed \(seed)")
            while done > 0 {
                log.undoLast(m)
                done -= 1
                guard Self.state(m) == states[done] else {
                    Issue.record("seed \(seed): undoing to step \(done) differs\n\(program)")
                    break
                }
            }
            #expect(log.records == 0 || done > 0)
        }
    }

    /// Steps recorded from their full effects, sides between them, and a recording run
    /// after them: popped newest first, each kind comes back in order.
    @Test func mixedRecordsAndSides() {
        let program = [movz(0, 5), addi(1, 0, 3), Instruction(op: .str, sf: true, rd: 1, rn: 20, imm: 8, size: 3, mode: .offset),
                       subsi(31, 0, 5), addi(2, 2, 1), selfLoop]
        let m = machine(program)
        m.setX(20, dataBase)
        let log = UndoLog()
        let s0 = Self.state(m)
        log.append(m.step())
        log.appendSide()
        let s1 = Self.state(m)
        _ = m.runRecording(maxSteps: 4, log: log)
        #expect(m.x(2) == 1 && m.x(1) == 8)
        #expect(log.records == 6)
        let peek = log.peekLast(m)
        #expect(peek?.registerWrites == [RegisterWrite(index: 2, old: 0, new: 1)])
        #expect(peek?.pcOld == codeBase + 16 && peek?.instruction.op == .addImm)
        for _ in 0..<4 { #expect(log.top == .step); log.undoLast(m) }
        #expect(Self.state(m) == s1)
        #expect(log.top == .side)
        log.popSide()
        log.undoLast(m)
        #expect(Self.state(m) == s0)
        #expect(log.top == .none && log.records == 0)
    }

    /// A recording run stops before the operations asked for, and after a step it cannot
    /// express alone (an exception).
    @Test func stopsBeforeAskedOperationsAndAfterExceptions() {
        let program = [addi(1, 1, 1), Instruction(op: .isb), addi(1, 1, 1), Instruction(op: .brk, imm: 0), addi(1, 1, 1)]
        let m = machine(program)
        let log = UndoLog()
        let r = m.runRecording(maxSteps: 100, stopOps: [.isb], log: log)
        #expect(r.steps == 1 && r.stoppedBefore && m.pc == codeBase + 4)
        _ = m.step()
        let r2 = m.runRecording(maxSteps: 100, log: log)
        #expect(r2.steps == 2, "\(r2.steps) \(r2.reason)")
        #expect(r2.endedSpecial && m.lastException != nil)
        log.undoLast(m)
        #expect(m.pc == codeBase + 12 && m.x(1) == 2)
    }

    /// A memory cap drops whole chunks, oldest first, and never the one being written.
    @Test func droppingOldestChunks() {
        let m = machine([addi(1, 1, 1), Instruction(op: .b, imm: -4)])
        let log = UndoLog(chunkSize: 4096)
        _ = m.runRecording(maxSteps: 10_000, log: log)
        #expect(log.records == 10_000)
        let perStep = Double(log.byteCount) / 10_000
        #expect(perStep < 12, "bytes per step \(perStep)")
        var dropped = 0
        while let d = log.dropOldestChunk() { dropped += d.records }
        #expect(dropped > 0 && log.records == 10_000 - dropped)
        for _ in 0..<log.records { log.undoLast(m) }
        #expect(m.x(1) == UInt64((dropped + 1) / 2))   // the state after the oldest step kept
        #expect(log.top == .none)
    }
}
