import A64
@testable import Machine
import Testing
import TestSupport

/// `run` executes the common integer, branch and load/store forms through specialised slots
/// (`FastSlot`) and everything else through `execute`; `step` always uses `execute`. Random
/// programs must leave identical state either way, whatever the register numbers (31 as SP or
/// ZR), sizes, shift amounts, flags and branch outcomes.
@Suite struct RunFastPathTests {
    typealias Rng = SplitMix64

    /// x20 holds the data base and is never written; every other register is fair game.
    static func register(_ g: inout Rng) -> UInt8 {
        let r = UInt8.random(in: 0...31, using: &g)
        return r == 20 ? 31 : r
    }

    static func randomInstruction(_ g: inout Rng, index: Int, count: Int) -> Instruction {
        let sf = Bool.random(using: &g)
        let rd = register(&g), rn = register(&g), rm = register(&g), ra = register(&g)
        let amount = UInt8.random(in: 0...(sf ? 63 : 31), using: &g)
        let shift = UInt8.random(in: 0...3, using: &g)
        let cond = UInt8.random(in: 0...15, using: &g)
        // Forward branches only (to the end at most), so every program halts.
        let forward = Int64(Int.random(in: 1...max(1, min(4, count - index)), using: &g) * 4)
        switch Int.random(in: 0..<22, using: &g) {
        case 0: return Instruction(op: [.addImm, .subImm, .addsImm, .subsImm].randomElement(using: &g)!, sf: sf, rd: rd, rn: rn,
                                   imm: Int64.random(in: 0...4095, using: &g), amount: Bool.random(using: &g) ? 12 : 0)
        case 1: return Instruction(op: [.movz, .movn].randomElement(using: &g)!, sf: sf, rd: rd,
                                   imm: Int64.random(in: 0...0xffff, using: &g), amount: UInt8.random(in: 0...(sf ? 3 : 1), using: &g) * 16)
        case 2, 3: return Instruction(op: [.addShift, .subShift, .addsShift, .subsShift].randomElement(using: &g)!, sf: sf,
                                      rd: rd, rn: rn, rm: rm, shift: shift == 3 ? 0 : shift, amount: amount)
        case 4, 5: return Instruction(op: [.andShift, .bicShift, .orrShift, .ornShift, .eorShift, .eonShift, .andsShift, .bicsShift]
                                        .randomElement(using: &g)!, sf: sf, rd: rd, rn: rn, rm: rm, shift: shift, amount: amount)
        case 6: return Instruction(op: [.madd, .msub].randomElement(using: &g)!, sf: sf, rd: rd, rn: rn, rm: rm, ra: ra)
        case 7: return Instruction(op: [.csel, .csinc, .csinv, .csneg].randomElement(using: &g)!, sf: sf, rd: rd, rn: rn, rm: rm, cond: cond)
        case 8: return Instruction(op: [.adr, .adrp].randomElement(using: &g)!, rd: rd, imm: Int64.random(in: -4096...4096, using: &g) * 4)
        case 9: return Instruction(op: .bcond, imm: forward, cond: cond)
        case 10: return Instruction(op: [.cbz, .cbnz].randomElement(using: &g)!, sf: sf, rd: rd, imm: forward)
        case 11: return Instruction(op: [.tbz, .tbnz].randomElement(using: &g)!, sf: true, rd: rd, imm: forward,
                                    cond: UInt8.random(in: 0...63, using: &g))
        case 12: return Instruction(op: .b, imm: forward)
        case 13, 14, 15:
            // Loads and stores based on x20 (or SP: generic), scaled or unscaled, all sizes.
            let size = UInt8.random(in: 0...3, using: &g)
            let unscaled = Bool.random(using: &g)
            let imm = unscaled ? Int64.random(in: -256...255, using: &g) + 1024 : Int64.random(in: 0...511, using: &g) << size
            let base: UInt8 = Int.random(in: 0..<8, using: &g) == 0 ? 31 : 20
            return Instruction(op: Bool.random(using: &g) ? .ldr : .str, sf: size == 3, rd: rd, rn: base, imm: imm, size: size,
                               mode: unscaled ? .unscaled : .offset)
        case 16: return Instruction(op: [.ubfm, .sbfm].randomElement(using: &g)!, sf: sf, rd: rd, rn: rn, n: sf ? 1 : 0,
                                    immr: UInt8.random(in: 0...(sf ? 63 : 31), using: &g), imms: UInt8.random(in: 0...(sf ? 63 : 31), using: &g))
        case 17: return Instruction(op: .movk, sf: sf, rd: rd, imm: Int64.random(in: 0...0xffff, using: &g), amount: 16)
        case 18: return Instruction(op: [.addExt, .subsExt].randomElement(using: &g)!, sf: sf, rd: rd, rn: rn, rm: rm,
                                    shift: UInt8.random(in: 0...7, using: &g), amount: UInt8.random(in: 0...4, using: &g))
        default:
            // Compare-and-branch pairs, the loop-closing idiom.
            return Bool.random(using: &g) ? Instruction(op: .subsImm, sf: sf, rd: 31, rn: rn, imm: Int64.random(in: 0...3, using: &g))
                                          : Instruction(op: .subsShift, sf: sf, rd: 31, rn: rn, rm: rm)
        }
    }

    static func prepare(_ program: [Instruction], seed: UInt64) -> Machine {
        let m = machine(program)
        var g = Rng(seed: seed)
        let special: [UInt64] = [0, 1, ~0, 0x8000_0000_0000_0000, 0x7fff_ffff_ffff_ffff, 0xffff_ffff, 0x8000_0000, 0x7fff_ffff]
        for r in 0..<31 { m.setX(r, Bool.random(using: &g) ? special.randomElement(using: &g)! : g.next()) }
        m.setX(20, dataBase)
        m.sp = dataBase + 0x800
        m.pstate = (m.pstate & ~0xf000_0000) | (UInt64.random(in: 0...15, using: &g) << 28)
        return m
    }

    @Test func runMatchesStepOnRandomPrograms() {
        for seed in UInt64(1)...400 {
            var g = Rng(seed: seed &* 7919)
            let count = Int.random(in: 10...60, using: &g)
            var program = (0..<count).map { Self.randomInstruction(&g, index: $0, count: count) }
            // Flag-setting instructions followed by B.cond (run fuses the pair).
            for k in 0..<(count - 1) where [.subsImm, .subsShift, .andsShift, .bicsShift].contains(program[k].op) && Bool.random(using: &g) {
                program[k + 1] = Instruction(op: .bcond, imm: Int64(Int.random(in: 1...max(1, min(4, count - k - 1)), using: &g) * 4),
                                             cond: UInt8.random(in: 0...15, using: &g))
            }
            program.append(selfLoop)

            let stepped = Self.prepare(program, seed: seed)
            var steps = 0
            while steps < 1000 {
                let e = stepped.step()
                steps += 1
                if e.notes.contains(.selfLoop) || stepped.lastException != nil { break }
            }
            let ran = Self.prepare(program, seed: seed)
            let r = ran.run(maxSteps: 1000)
            #expect(r.steps == steps, "seed \(seed)")
            #expect(ran.snapshot() == stepped.snapshot(), "seed \(seed): \(program)")
            #expect(ran.memory.readBytes(at: dataBase, count: 0x1000) == stepped.memory.readBytes(at: dataBase, count: 0x1000),
                    "seed \(seed)")

            // Stopping part-way (maxSteps) leaves the same state as that many steps.
            let cut = Int.random(in: 0...steps, using: &g)
            let partial = Self.prepare(program, seed: seed)
            for _ in 0..<cut { _ = partial.step() }
            let partialRun = Self.prepare(program, seed: seed)
            #expect(partialRun.run(maxSteps: cut).steps == cut)
            #expect(partialRun.snapshot() == partial.snapshot(), "seed \(seed) cut \(cut)")
        }
    }

    /// A breakpoint on a page entered by a branch from a page without one, and the fast path's
    /// page memo reset when a store retires the page.
    @Test func breakpointsOnAnotherPageStillStop() {
        var program = [Instruction](repeating: nop, count: 1100)
        program[0] = Instruction(op: .b, imm: 1030 * 4)        // to the second page
        program[1030] = addi(1, 1, 1)
        program[1031] = addi(2, 2, 1)
        program[1032] = Instruction(op: .b, imm: -1032 * 4 + 8) // back to slot 2
        program[2] = addi(3, 3, 1)
        program[3] = Instruction(op: .b, imm: 1028 * 4)         // to slot 1031
        let m = machine(program)
        let r = m.run(maxSteps: 100, breakpoints: [codeBase + 1031 * 4])
        #expect(r.reason == .breakpoint(codeBase + 1031 * 4))
        #expect(r.steps == 2)
        let r2 = m.run(maxSteps: 100, breakpoints: [codeBase + 1031 * 4])
        #expect(r2.reason == .breakpoint(codeBase + 1031 * 4))
        #expect(r2.steps == 4)
        #expect(m.x(1) == 1 && m.x(2) == 1 && m.x(3) == 1)
    }

    /// A fused CMP + B.cond whose B.cond slot a store has overwritten runs the new instruction.
    @Test func fusedPairSeesAStaleSecondHalf() {
        let prog: [Instruction] = [
            movz(1, 3),                                                      // 0
            ldst(.ldr, 2, 5, 0, size: 2),                                    // 1 w2 = the word of slot 7 (nop)
            ldst(.str, 2, 6, 0, size: 2),                                    // 2 overwrite slot 4 (the b.eq) with it
            subsi(31, 1, 1),                                                 // 3 loop: cmp x1, #1
            Instruction(op: .bcond, imm: 12, cond: Condition.eq.rawValue),   // 4 b.eq out (-> 7)
            subi(1, 1, 1),                                                   // 5
            Instruction(op: .b, imm: -20),                                   // 6 -> 1
            addi(9, 9, 1),                                                   // 7 out
            selfLoop,                                                        // 8
        ]
        func prepared() -> Machine {
            let m = machine(prog)
            m.setX(5, codeBase + 7 * 4)
            m.setX(6, codeBase + 4 * 4)
            return m
        }
        // The first store replaces the B.eq with slot 7's ADD before the pair ever runs: the
        // loop then never exits, and both ways must agree step for step.
        let ran = prepared(), stepped = prepared()
        let r = ran.run(maxSteps: 200)
        var steps = 0
        while steps < 200 { steps += 1; if stepped.step().notes.contains(.selfLoop) { break } }
        #expect(r.steps == steps)
        #expect(ran.snapshot() == stepped.snapshot())
    }

    /// A breakpoint on the B.cond of a fused pair stops before it.
    @Test func breakpointOnTheSecondHalfOfAPair() {
        let prog: [Instruction] = [movz(1, 5), subsi(31, 1, 1), Instruction(op: .bcond, imm: 8, cond: Condition.eq.rawValue), nop, selfLoop]
        let m = machine(prog)
        let r = m.run(maxSteps: 100, breakpoints: [codeBase + 8])
        #expect(r.reason == .breakpoint(codeBase + 8))
        #expect(r.steps == 2)
    }

    @Test func fastSlotsAreCompact() {
        #expect(MemoryLayout<FastSlot>.stride == 16)
    }
}
