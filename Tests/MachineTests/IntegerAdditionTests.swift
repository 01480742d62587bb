import A64
import Assembler
@testable import Machine
import Testing
import TestSupport

/// The ARMv8.0 integer families on the machine: values and flags at the edges, the local
/// exclusive monitor, undo and the undo log over all of it, and `run` agreeing with `step`.
/// (QEMU judges the same families in Tests/ConformanceTests: Corpus/integer_*.S, exclusives.S
/// and the random programs.)
@Suite struct IntegerAdditionTests {
    /// Assembles `body` (with `.arch armv8-a+crc`) at `codeBase`, presets registers, and runs
    /// it step by step until `b .` or an exception (the machine is returned in that state).
    static func run(_ body: String, x: [Int: UInt64] = [:], nzcv: UInt64 = 0, throughExceptions: Bool = false,
                    setup: (Machine) -> Void = { _ in }) throws -> Machine {
        let p = try Assembler.assemble(source: ".arch armv8-a+crc\n.text\n_start:\n" + body + "\nhalt: b .\n",
                                       options: AssemblerOptions(base: codeBase))
        let m = Machine(entry: codeBase)
        m.load(p.image, at: codeBase)
        for (k, v) in x { m.setX(k, v) }
        m.pstate = (m.pstate & ~0xf000_0000) | nzcv << 28
        setup(m)
        for _ in 0..<10_000 {
            let e = m.step()
            if e.notes.contains(.selfLoop) || (e.exception != nil && !throughExceptions) { break }
        }
        return m
    }

    @Test func addAndSubtractWithCarry() throws {
        var m = try Self.run("adc x0, x1, x2\nadc w3, w1, w2", x: [1: ~0, 2: 0], nzcv: 0b0010)
        #expect(m.x(0) == 0)                       // ~0 + 0 + C
        #expect(m.x(3) == 0)                       // W form wraps at 32 bits, top half zero
        m = try Self.run("adcs x0, x1, x2", x: [1: ~0, 2: 0], nzcv: 0b0010)
        #expect(m.x(0) == 0 && flags(m) == 0b0110)  // Z C
        m = try Self.run("adcs w0, w1, w2", x: [1: 0x7fff_ffff, 2: 0], nzcv: 0b0010)
        #expect(m.x(0) == 0x8000_0000 && flags(m) == 0b1001)   // N V
        m = try Self.run("sbc x0, x1, x2", x: [1: 5, 2: 3], nzcv: 0)   // C clear: borrow one more
        #expect(m.x(0) == 1)
        m = try Self.run("sbcs x0, x1, x2", x: [1: 5, 2: 5], nzcv: 0b0010)
        #expect(m.x(0) == 0 && flags(m) == 0b0110)
        m = try Self.run("sbcs w0, w1, w2", x: [1: 0, 2: 0], nzcv: 0)
        #expect(m.x(0) == 0xffff_ffff && flags(m) == 0b1000)
        m = try Self.run("ngc x0, x1\nngcs w2, w1", x: [1: 1], nzcv: 0b0010)
        #expect(m.x(0) == ~UInt64(0) && m.x(2) == 0xffff_ffff && flags(m) == 0b1000)
        // A 128-bit add: adds then adc.
        m = try Self.run("adds x0, x2, x4\nadc x1, x3, x5", x: [2: ~0, 3: 1, 4: 1, 5: 2])
        #expect(m.x(0) == 0 && m.x(1) == 4)
    }

    @Test func conditionalCompare() throws {
        // Xen's check_cpu_mode: EL2t (8) and EL2h (9) end with Z set, anything else without.
        let check = "cmp x5, #0x8\nccmp x5, #0x9, #0x4, ne"
        for (v, z) in [(UInt64(8), true), (9, true), (4, false), (0xc, false)] {
            let m = try Self.run(check, x: [5: v])
            #expect((flags(m) & 0b0100 != 0) == z, "CurrentEL 0x\(String(v, radix: 16))")
        }
        var m = try Self.run("ccmp x1, x2, #0xa, eq", x: [1: 1, 2: 2], nzcv: 0b0100)   // holds: 1 - 2
        #expect(flags(m) == 0b1000)
        m = try Self.run("ccmp x1, x2, #0xa, ne", x: [1: 1, 2: 2], nzcv: 0b0100)       // fails: nzcv
        #expect(flags(m) == 0b1010)
        m = try Self.run("ccmn w1, #1, #0, al", x: [1: 0xffff_ffff])                    // -1 + 1
        #expect(flags(m) == 0b0110)
        m = try Self.run("ccmp w1, w2, #0, nv", x: [1: 0x8000_0000, 2: 1])              // nv holds: signed overflow
        #expect(flags(m) == 0b0011)
        m = try Self.run("ccmn x1, x2, #0xf, vs", x: [1: 1, 2: 1], nzcv: 0b0001)
        #expect(flags(m) == 0b0000)
    }

    @Test func oneSource() throws {
        let v: UInt64 = 0x0123_4567_89ab_cdef
        var m = try Self.run("rbit x0, x1\nrbit w2, w1\nrev x3, x1\nrev w4, w1\nrev16 x5, x1\nrev16 w6, w1\nrev32 x7, x1", x: [1: v])
        #expect(m.x(0) == 0xf7b3_d591_e6a2_c480)
        #expect(m.x(2) == 0xf7b3_d591)
        #expect(m.x(3) == 0xefcd_ab89_6745_2301)
        #expect(m.x(4) == 0xefcd_ab89)
        #expect(m.x(5) == 0x2301_6745_ab89_efcd)
        #expect(m.x(6) == 0xab89_efcd)
        #expect(m.x(7) == 0x6745_2301_efcd_ab89)
        m = try Self.run("clz x0, x1\nclz w2, w1\nclz x3, xzr\nclz w4, wzr\ncls x5, x1\ncls w6, w1\ncls x7, x8\ncls w9, w8\ncls x10, xzr\ncls x11, x12",
                         x: [1: 0x0000_0000_0080_0000, 8: ~0, 12: 0xff00_0000_0000_0000])
        #expect(m.x(0) == 40 && m.x(2) == 8 && m.x(3) == 64 && m.x(4) == 32)
        #expect(m.x(5) == 39 && m.x(6) == 7 && m.x(7) == 63 && m.x(9) == 31 && m.x(10) == 63 && m.x(11) == 7)
    }

    @Test func longAndHighMultiplies() throws {
        let m = try Self.run("""
            smaddl x0, w1, w2, x3
            umaddl x4, w1, w2, x3
            smsubl x5, w1, w2, x3
            umnegl x6, w1, w2
            smull x7, w1, w1
            smulh x8, x9, x10
            umulh x11, x9, x10
            smulh x12, x9, x9
            """, x: [1: 0xdead_beef_ffff_fffe, 2: 3, 3: 100, 9: 0x8000_0000_0000_0000, 10: ~0])
        #expect(m.x(0) == 94)                                       // 100 + (-2 * 3)
        #expect(m.x(4) == 100 &+ 0xffff_fffe &* 3)
        #expect(m.x(5) == 106)
        #expect(m.x(6) == 0 &- 0xffff_fffe &* 3)
        #expect(m.x(7) == 4)
        #expect(m.x(8) == 0)                                        // -2^63 * -1 = 2^63: high half 0
        #expect(m.x(11) == 0x7fff_ffff_ffff_ffff)                   // 2^63 * (2^64 - 1) >> 64
        #expect(m.x(12) == 0x4000_0000_0000_0000)
    }

    /// The check values of CRC-32 and CRC-32C ("123456789", initial and final inversion done in
    /// software), byte by byte and eight bytes at a time.
    @Test func crcCheckValues() throws {
        let data = Array("123456789".utf8)
        let first8 = (0..<8).reduce(UInt64(0)) { $0 | UInt64(data[$1]) << UInt64(8 * $1) }
        func program(_ op: String) -> String {
            "mov w0, #-1\n" + data.indices.map { "mov w1, #\(data[$0])\n\(op)b w0, w0, w1" }.joined(separator: "\n") + "\nmvn w0, w0"
        }
        #expect(try Self.run(program("crc32")).x(0) == 0xcbf4_3926)
        #expect(try Self.run(program("crc32c")).x(0) == 0xe306_9283)
        // crc32x over the first 8 bytes then crc32b over the ninth equals the byte-wise result.
        let m = try Self.run("mov w0, #-1\ncrc32x w0, w0, x2\ncrc32b w0, w0, w3\nmvn w0, w0\nmov w4, #-1\ncrc32cx w4, w4, x2\ncrc32cb w4, w4, w3\nmvn w4, w4\nmov w5, #0\ncrc32h w5, w5, w6\ncrc32w w7, w5, w6",
                             x: [2: first8, 3: UInt64(data[8]), 6: 0x1234_5678])
        #expect(m.x(0) == 0xcbf4_3926 && m.x(4) == 0xe306_9283)
        #expect(m.x(5) != 0 && m.x(7) != 0)
    }

    @Test func pairsUnprivilegedAndPrefetch() throws {
        let m = try Self.run("""
            ldpsw x0, x1, [x10]
            ldpsw x2, x3, [x10, #8]!
            stnp x0, x1, [x11]
            ldnp w4, w5, [x11]
            sttr x3, [x11, #16]
            ldtr x6, [x11, #16]
            ldtrsb x7, [x11, #7]
            ldtrsh w8, [x11, #6]
            sttrh w12, [x11, #-2]
            ldtrb w9, [x11, #-1]
            prfm pldl1keep, [x13]
            prfm pstl3strm, [x13, #8]
            prfum #0x1f, [x13, #-3]
            mov sp, x13
            prfm pldl1keep, [sp, #8]
            """, x: [10: dataBase, 11: dataBase + 0x100, 12: 0xabcd, 13: 0x7000_0001]) { m in
            m.load([0xff, 0xff, 0xff, 0xff, 0x01, 0, 0, 0, 0xfe, 0xff, 0xff, 0x7f, 0, 0, 0, 0x80], at: dataBase)
            m.setSystemRegister(named: "SCTLR_EL2", (m.systemRegister(named: "SCTLR_EL2") ?? 0) | 8)   // SA: SP alignment
        }
        #expect(m.lastException == nil, "prefetch never faults, not even on an unmapped, misaligned SP")
        #expect(m.x(0) == ~0 && m.x(1) == 1 && m.x(2) == 0x7fff_fffe && m.x(3) == 0xffff_ffff_8000_0000)
        #expect(m.x(10) == dataBase + 8)
        #expect(m.x(4) == 0xffff_ffff && m.x(5) == 0xffff_ffff)  // ldnp w: the low words of x0 and x1
        #expect(m.x(6) == 0xffff_ffff_8000_0000)
        #expect(m.x(7) == ~0 && m.x(8) == 0xffff_ffff)
        #expect(m.x(9) == 0xab)
    }

    // MARK: The exclusive monitor

    static let stackSetup: (Machine) -> Void = { $0.sp = dataBase + 0x800 }

    @Test func storeExclusiveSucceedsOnlyOnTheMark() throws {
        var m = try Self.run("ldxr x0, [x10]\nadd x0, x0, #1\nstxr w1, x0, [x10]\nldr x2, [x10]", x: [10: dataBase, 1: 7])
        #expect(m.x(1) == 0 && m.x(2) == 1 && m.exclusiveMark == nil, "x0 \(m.x(0)) x1 \(m.x(1)) x2 \(m.x(2)) pc \(m.pc) \(String(describing: m.lastException))")
        // No mark: fails, memory untouched, status 1.
        m = try Self.run("mov x0, #5\nstxr w1, x0, [x10]\nldr x2, [x10]", x: [10: dataBase])
        #expect(m.x(1) == 1 && m.x(2) == 0)
        // Another address, another size, CLREX, a second store-exclusive: each fails.
        m = try Self.run("ldxr x0, [x10]\nstxr w1, x0, [x11]", x: [10: dataBase, 11: dataBase + 8])
        #expect(m.x(1) == 1)
        m = try Self.run("ldxr x0, [x10]\nstxr w1, w0, [x10]", x: [10: dataBase])
        #expect(m.x(1) == 1)
        m = try Self.run("ldxrb w0, [x10]\nstxrb w1, w0, [x10]\nldaxrh w0, [x10]\nstxrb w2, w0, [x10]", x: [10: dataBase + 2])
        #expect(m.x(1) == 0 && m.x(2) == 1)
        m = try Self.run("ldxr w0, [x10]\nclrex\nstxr w1, w0, [x10]", x: [10: dataBase])
        #expect(m.x(1) == 1)
        m = try Self.run("ldxr w0, [x10]\nstlxr w1, w0, [x10]\nstlxr w2, w0, [x10]", x: [10: dataBase])
        #expect(m.x(1) == 0 && m.x(2) == 1)
        // A plain store in between leaves the mark (this model; see Execute+Exclusive.swift).
        m = try Self.run("ldaxr x0, [x10]\nstr xzr, [x10]\nstlxr w1, x0, [x10]", x: [10: dataBase])
        #expect(m.x(1) == 0)
    }

    @Test func pairsAndTheSameRegisters() throws {
        var m = try Self.run("""
            ldxp x0, x1, [x10]
            stxp w2, x1, x0, [x10]
            ldp x3, x4, [x10]
            ldaxp w5, w6, [x11]
            stlxp w7, w6, w5, [x11]
            ldr x8, [x11]
            """, x: [10: dataBase, 11: dataBase + 0x10]) { m in
            m.load([1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0], at: dataBase)
        }
        #expect(m.x(2) == 0 && m.x(3) == 2 && m.x(4) == 1)
        #expect(m.x(7) == 0 && m.x(8) == 0x0000_0003_0000_0004)
        // Rs == Rt: the old value is stored (QEMU); LDXP with Rt == Rt2 keeps the second.
        m = try Self.run("ldxr x0, [x10]\nmov x0, #9\nstxr w0, x0, [x10]\nldr x1, [x10]\nldxp x2, x2, [x10]", x: [10: dataBase])
        #expect(m.x(0) == 0 && m.x(1) == 9 && m.x(2) == 0)
    }

    @Test func exceptionsAndEretClearTheMark() throws {
        // svc to a vector that returns at once: entry and ERET both clear the mark.
        let vectors = dataBase + 0x800
        let m = try Self.run("ldxr x0, [x10]\nsvc #1\nstxr w1, x0, [x10]", x: [10: dataBase, 1: 7], throughExceptions: true) { m in
            m.setSystemRegister(named: "VBAR_EL2", vectors)
            m.load(words: [0xd69f_03e0], at: vectors + 0x200)         // eret
        }
        #expect(m.x(1) == 1)
        let e = try Self.run("ldxr x0, [x10]", x: [10: dataBase]) { _ in }
        #expect(e.exclusiveMark?.address == dataBase && e.exclusiveMark?.size == 8)
        let eret = try Self.run("ldxr x0, [x10]\nadr x2, 1f\nmsr ELR_EL2, x2\nmov x3, #0x3c9\nmsr SPSR_EL2, x3\neret\n1: stxr w1, x0, [x10]",
                                x: [10: dataBase, 1: 7])
        #expect(eret.x(1) == 1)
    }

    @Test func alignmentAlwaysChecked() throws {
        // Exclusives and acquire/release fault when misaligned even with SCTLR_EL2.A = 0.
        var m = try Self.run("ldxr x0, [x10]", x: [10: dataBase + 4])
        var ex = try #require(m.lastException)
        #expect(ex.ec == 0x25 && ex.esr & 0x3f == 0x21 && ex.esr & (1 << 24) == 0 && ex.far == dataBase + 4)
        m = try Self.run("ldxp x0, x1, [x10]", x: [10: dataBase + 8])
        ex = try #require(m.lastException)
        #expect(ex.ec == 0x25 && ex.esr & 0x3f == 0x21)
        m = try Self.run("stxr w1, x0, [x10]", x: [10: dataBase + 2])
        ex = try #require(m.lastException)
        #expect(ex.esr & (1 << 6) != 0 && ex.esr & (1 << 24) == 0)
        m = try Self.run("ldar w3, [x10]", x: [10: dataBase + 2])
        ex = try #require(m.lastException)
        // ISV, SAS = word, SRT = 3, AR: the syndrome QEMU gives.
        #expect(ex.esr & 0x1ff_ffff == (1 << 24 | 2 << 22 | 3 << 16 | 1 << 14 | 0x21))
        m = try Self.run("stlrh w3, [x10]\nldarh w4, [x10]", x: [10: dataBase + 2, 3: 0x1234_5678])
        #expect(m.lastException == nil && m.x(4) == 0x5678)
        // Unmapped memory: an external abort with no syndrome, the mark unchanged.
        m = try Self.run("ldxr x0, [x10]", x: [10: 0x5000_0000])
        ex = try #require(m.lastException)
        #expect(ex.esr & 0x1ff_ffff == 0x10 && m.exclusiveMark == nil)
    }

    /// Undoing steps puts the monitor back: the step back over a store-exclusive brings back
    /// the mark (so re-executing it succeeds again), over a load-exclusive removes it.
    @Test func undoRestoresTheMonitor() throws {
        let p = try Assembler.assemble(source: ".text\n_start:\nldxr x0, [x10]\nstxr w1, x0, [x10]\nclrex\nldxr x2, [x10]\nsvc #0\nb .\n",
                                       options: AssemblerOptions(base: codeBase))
        let m = Machine(entry: codeBase)
        m.load(p.image, at: codeBase)
        m.setX(10, dataBase)
        m.setSystemRegister(named: "VBAR_EL2", dataBase + 0x800)
        var effects: [StepEffects] = []
        var marks: [UInt64?] = [m.exclusiveMark?.address]
        for _ in 0..<5 { effects.append(m.step()); marks.append(m.exclusiveMark?.address) }
        #expect(marks == [nil, dataBase, nil, nil, dataBase, nil])
        #expect(effects[0].monitorWrite != nil && effects[2].monitorWrite == nil && effects[4].monitorWrite != nil)
        for k in (0..<5).reversed() {
            m.undo(effects[k])
            #expect(m.exclusiveMark?.address == marks[k], "undo of step \(k)")
        }
        // The same through the undo log of a recording run.
        let log = UndoLog()
        let r = m.runRecording(maxSteps: 4, log: log)
        #expect(r.steps == 4 && m.exclusiveMark?.address == dataBase)
        #expect(log.peekLast(m)?.monitorWrite?.new != 0)
        var k = 4
        while log.top == .step {
            log.undoLast(m); k -= 1
            #expect(m.exclusiveMark?.address == marks[k], "undo log, step \(k)")
        }
        #expect(k == 0)
        // Snapshots keep it.
        _ = m.step()
        let snap = m.snapshot()
        m.clearExclusiveMonitor()
        m.restore(snap)
        #expect(m.exclusiveMark?.address == dataBase)
    }

    // MARK: run and step agree

    static func randomAddition(_ g: inout SplitMix64) -> Instruction {
        func r() -> UInt8 { let v = UInt8.random(in: 0...31, using: &g); return v == 20 || v == 21 ? 31 : v }
        let sf = Bool.random(using: &g)
        switch Int.random(in: 0..<12, using: &g) {
        case 0: return Instruction(op: [.adc, .adcs, .sbc, .sbcs].randomElement(using: &g)!, sf: sf, rd: r(), rn: r(), rm: r())
        case 1: return Instruction(op: [.ccmnReg, .ccmpReg].randomElement(using: &g)!, sf: sf, rn: r(), rm: r(),
                                   cond: UInt8.random(in: 0...15, using: &g), imms: UInt8.random(in: 0...15, using: &g))
        case 2: return Instruction(op: [.ccmnImm, .ccmpImm].randomElement(using: &g)!, sf: sf, rn: r(), imm: Int64.random(in: 0...31, using: &g),
                                   cond: UInt8.random(in: 0...15, using: &g), imms: UInt8.random(in: 0...15, using: &g))
        case 3: return Instruction(op: [.rbit, .rev16, .rev, .clz, .cls].randomElement(using: &g)!, sf: sf, rd: r(), rn: r())
        case 4: return Instruction(op: .rev32, sf: true, rd: r(), rn: r())
        case 5: return Instruction(op: [.smaddl, .smsubl, .umaddl, .umsubl].randomElement(using: &g)!, sf: true, rd: r(), rn: r(), rm: r(), ra: r())
        case 6: return Instruction(op: [.smulh, .umulh].randomElement(using: &g)!, sf: true, rd: r(), rn: r(), rm: r(), ra: 31)
        case 7:
            let op = [Op.crc32b, .crc32h, .crc32w, .crc32x, .crc32cb, .crc32ch, .crc32cw, .crc32cx].randomElement(using: &g)!
            return Instruction(op: op, sf: op == .crc32x || op == .crc32cx, rd: r(), rn: r(), rm: r())
        case 8:
            let size = UInt8.random(in: 0...3, using: &g)
            return Instruction(op: [.ldxr, .ldaxr, .ldar].randomElement(using: &g)!, sf: size == 3, rd: r(), rn: 21, rm: 31, ra: 31, size: size, mode: .offset)
        case 9:
            let size = UInt8.random(in: 0...3, using: &g)
            let op = [Op.stxr, .stlxr, .stlr].randomElement(using: &g)!
            return Instruction(op: op, sf: size == 3, rd: r(), rn: 21, rm: op == .stlr ? 31 : r(), ra: 31, size: size, mode: .offset)
        case 10: return Instruction(op: .clrex, imm: 15)
        default:
            let size = UInt8.random(in: 0...3, using: &g)
            return Instruction(op: Bool.random(using: &g) ? .ldr : .str, sf: size == 3, rd: r(), rn: 20,
                               imm: Int64.random(in: -256...255, using: &g) + 512, size: size, mode: .unprivileged)
        }
    }

    @Test func runMatchesStepOnRandomAdditions() {
        for seed in UInt64(1)...300 {
            var g = SplitMix64(seed: seed &* 104_729)
            let program = (0..<Int.random(in: 5...40, using: &g)).map { _ in Self.randomAddition(&g) } + [selfLoop]
            func prepared() -> Machine {
                let m = RunFastPathTests.prepare(program, seed: seed)
                m.setX(21, dataBase + 0x400)
                return m
            }
            let stepped = prepared()
            var steps = 0
            while steps < 100 {
                let e = stepped.step()
                steps += 1
                if e.notes.contains(.selfLoop) || stepped.lastException != nil { break }
            }
            let ran = prepared()
            #expect(ran.run(maxSteps: 100).steps == steps, "seed \(seed)")
            #expect(ran.snapshot() == stepped.snapshot(), "seed \(seed): \(program)")
            #expect(ran.memory.readBytes(at: dataBase, count: 0x1000) == stepped.memory.readBytes(at: dataBase, count: 0x1000))
            // And the recording loop, undone step by step, comes back to the start.
            let recorded = prepared(), start = prepared().snapshot()
            let log = UndoLog()
            _ = recorded.runRecording(maxSteps: steps, log: log)
            while log.top == .step { log.undoLast(recorded) }
            #expect(recorded.snapshot() == start, "seed \(seed): undo log")
        }
    }
}

/// Unknown values through the integer additions: what each reads carries its loss along, and
/// the uses the tracker reports (flags read by CCMP, addresses of the exclusives).
@Suite struct IntegerAdditionUnknownTests {
    typealias Run = UnknownTrackerTests.Run
    let p = UnknownTrackerTests.powerOff

    @Test func conditionalCompareReadsTheFlags() {
        let ccmp = Instruction(op: .ccmpImm, sf: true, rn: 1, imm: 9, cond: Condition.ne.rawValue, imms: 4)
        var r = Run([ccmp], x: [1: 9], unknown: [.flags])
        let uses = r.step()
        #expect(uses.map(\.kind) == [.condition])
        #expect(uses.first?.message.contains("ccmp at 0x40080000 reads the flags, which are unknown") == true)
        #expect(r.t.origin(of: .flags) == p)
        // Known flags, condition holds, an unknown operand: the flags become unknown, silently.
        r = Run([Instruction(op: .ccmpReg, sf: true, rn: 1, rm: 2, cond: Condition.al.rawValue, imms: 0)], unknown: [.register(2)])
        #expect(r.step().isEmpty)
        #expect(r.t.origin(of: .flags) == p)
        // The condition fails: the flags are the immediate, known.
        r = Run([Instruction(op: .ccmpReg, sf: true, rn: 1, rm: 2, cond: Condition.eq.rawValue, imms: 0)], unknown: [.register(2)])
        r.m.pstate &= ~0xf000_0000
        #expect(r.step().isEmpty)
        #expect(r.t.origin(of: .flags) == nil)
    }

    @Test func dataProcessingCarriesTheLoss() {
        let r = Run([Instruction(op: .adc, sf: true, rd: 0, rn: 1, rm: 2), Instruction(op: .clz, sf: true, rd: 3, rn: 4),
                     Instruction(op: .umulh, sf: true, rd: 5, rn: 6, rm: 4, ra: 31), Instruction(op: .crc32w, rd: 7, rn: 8, rm: 8)],
                    unknown: [.flags, .register(4)])
        #expect(r.step(4).isEmpty)
        #expect(r.t.origin(of: .register(0)) == p)          // the carry in was unknown
        #expect(r.t.origin(of: .register(3)) == p && r.t.origin(of: .register(5)) == p)
        #expect(r.t.origin(of: .register(7)) == nil)
        r.undoAll()
        #expect(r.t.origin(of: .register(0)) == nil && r.t.origin(of: .register(4)) == p)
    }

    @Test func exclusivesUseTheirAddressesAndStoreTheirData() {
        let r = Run([Instruction(op: .ldxr, sf: true, rd: 0, rn: 10, rm: 31, ra: 31, size: 3, mode: .offset),
                     Instruction(op: .stxr, sf: true, rd: 1, rn: 10, rm: 2, ra: 31, size: 3, mode: .offset)],
                    x: [10: dataBase], unknown: [.register(1)])
        r.t.markUnknown(memory: dataBase, count: 8, origin: p)
        let uses = r.step(2)
        #expect(uses.map(\.kind) == [.registerRestoredFromUnknownMemory, .storedDatum])
        #expect(r.t.origin(of: .register(0)) == p)
        #expect(r.t.origin(of: .register(2)) == nil)         // the status is known
        #expect(r.m.x(2) == 0)
        let a = Run([Instruction(op: .ldar, sf: false, rd: 0, rn: 10, rm: 31, ra: 31, size: 2, mode: .offset)], unknown: [.register(10)])
        #expect(a.step().map(\.kind) == [.address])
    }
}
