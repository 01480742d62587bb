import A64
import Machine
import Testing
import Assembler

/// Syndromes as QEMU 'virt,virtualization=on' cortex-a57 reported them (scripts/qemu-sysreg-probe.py).
@Suite struct ExceptionTests {
    static let vbar: UInt64 = 0x4009_0000

    func take(_ program: [Instruction], x: [Int: UInt64] = [:], setup: (Machine) -> Void = { _ in }) -> (Machine, StepEffects) {
        let m = machine(program)
        m.setSystemRegister(named: "VBAR_EL2", Self.vbar)
        for (k, v) in x { m.setX(k, v) }
        setup(m)
        var e = m.step()
        var n = 1
        while e.exception == nil && n <= program.count && m.pc != codeBase + UInt64(4 * program.count) { e = m.step(); n += 1 }
        return (m, e)
    }

    func check(_ m: Machine, esr: UInt64, elr: UInt64, far: UInt64? = nil, spsr: UInt64 = 0x4000_03c9) {
        #expect(m.systemRegister(named: "ESR_EL2") == esr)
        #expect(m.systemRegister(named: "ELR_EL2") == elr)
        if let far { #expect(m.systemRegister(named: "FAR_EL2") == far) }
        #expect(m.systemRegister(named: "SPSR_EL2") == spsr)
        #expect(m.pc == Self.vbar + 0x200)
        #expect(m.pstate & 0x3cf == 0x3c9)
    }

    @Test func unmappedAccessesAreExternalAborts() {
        var (m, e) = take([ldst(.ldr, 1, 2)], x: [2: 0x5000_0000])
        check(m, esr: 0x97c1_8010, elr: codeBase, far: 0x5000_0000)
        #expect(e.exception?.ec == 0x25)
        (m, _) = take([ldst(.str, 1, 2, size: 2)], x: [2: 0x5000_0010])
        check(m, esr: 0x9781_0050, elr: codeBase, far: 0x5000_0010)
        (m, _) = take([ldst(.ldr, 1, 2, size: 0)], x: [2: 0x12_3456_789a])
        check(m, esr: 0x9701_0010, elr: codeBase, far: 0x12_3456_789a)
        (m, _) = take([ldst(.ldr, 1, 2, 8, mode: .post)], x: [2: 0x5000_0000])
        check(m, esr: 0x9600_0010, elr: codeBase, far: 0x5000_0000)
        #expect(m.x(2) == 0x5000_0000)      // no write-back on abort
        (m, _) = take([ldst(.ldrs, 3, 2, 4, size: 2, sf: true)], x: [2: 0x5000_0000])
        check(m, esr: 0x97a3_8010, elr: codeBase, far: 0x5000_0004)
        (m, _) = take([pair(.ldp, 3, 4, 2, 0)], x: [2: 0x5000_0000])
        check(m, esr: 0x9600_0010, elr: codeBase, far: 0x5000_0000)
        // Beyond the 44-bit physical range: address size fault, level 0.
        (m, _) = take([ldst(.ldr, 1, 2)], x: [2: 0x1000_0000_0000])
        check(m, esr: 0x97c1_8000, elr: codeBase, far: 0x1000_0000_0000)
    }

    @Test func alignmentFaultsWithSCTLRA() {
        var (m, _) = take([ldst(.ldr, 1, 2)], x: [2: 0x4030_0001]) { $0.setSystemRegister(named: "SCTLR_EL2", 2) }
        check(m, esr: 0x97c1_8021, elr: codeBase, far: 0x4030_0001)
        (m, _) = take([pair(.stp, 1, 2, 2, 0)], x: [2: 0x4030_0004]) { $0.setSystemRegister(named: "SCTLR_EL2", 2) }
        check(m, esr: 0x9600_0061, elr: codeBase, far: 0x4030_0004)
        (m, _) = take([ldst(.str, 1, 2, 8, mode: .post)], x: [2: 0x4030_0004]) { $0.setSystemRegister(named: "SCTLR_EL2", 2) }
        check(m, esr: 0x9600_0061, elr: codeBase, far: 0x4030_0004)
        // Without SCTLR_EL2.A the same access completes.
        (m, _) = take([ldst(.ldr, 1, 2), nop], x: [2: 0x4030_0001])
        #expect(m.pc == codeBase + 8)
    }

    @Test func undefinedInstructions() {
        for i in [Instruction(op: .udf, imm: 0x42), Instruction(op: .undefined, imm: 0), Instruction(op: .hlt, imm: 7),
                  Instruction(op: .smc, imm: 0x33)] {
            let (m, e) = take([i])
            check(m, esr: 0x0200_0000, elr: codeBase)
            #expect(e.exception?.ec == 0)
        }
        // An undecodable word in memory (the decoder's `.undefined`).
        let m = Machine(); m.decode = { _ in .undefined }
        m.setSystemRegister(named: "VBAR_EL2", Self.vbar)
        _ = m.step()
        check(m, esr: 0x0200_0000, elr: 0x4008_0000)
    }

    @Test func callsAndBreakpoints() {
        var (m, _) = take([Instruction(op: .brk, imm: 0x1234)])
        check(m, esr: 0xf200_1234, elr: codeBase)
        (m, _) = take([Instruction(op: .svc, imm: 0x11)])
        check(m, esr: 0x5600_0011, elr: codeBase + 4)
        (m, _) = take([Instruction(op: .hvc, imm: 0x22)])
        check(m, esr: 0x5a00_0022, elr: codeBase + 4)
        (m, _) = take([Instruction(op: .hvc, imm: 0x22)]) { $0.setSystemRegister(named: "HCR_EL2", 1 << 29) }   // HCD
        check(m, esr: 0x0200_0000, elr: codeBase)
    }

    final class PSCI: ExceptionHook {
        func smc(_ imm: UInt16, machine: Machine) -> HookResult {
            machine.setX(0, machine.x(0) == 0x8400_0000 ? 0x10001 : ~0)   // what QEMU's conduit answers
            return .handled
        }
    }

    @Test func smcGoesThroughTheHook() {
        let hook = PSCI()
        let m = machine([Instruction(op: .smc, imm: 0), nop])
        m.hook = hook
        m.setX(0, 0x8400_0000)
        let e = m.step()
        #expect(m.x(0) == 0x10001); #expect(m.pc == codeBase + 4); #expect(e.exception == nil)
        #expect(e.notes.contains(.hookHandled))
        m.undo(e)
        #expect(m.x(0) == 0x8400_0000); #expect(m.pc == codeBase)
        withExtendedLifetime(hook) {}
    }

    @Test func pcAlignmentAndInstructionAbort() {
        var (m, e) = take([Instruction(op: .br, rn: 2)], x: [2: 0x4030_0002])
        #expect(e.exception?.ec == 0x22)
        check(m, esr: 0x8a00_0000, elr: 0x4030_0002, far: 0x4030_0002)
        (m, e) = take([Instruction(op: .br, rn: 2)], x: [2: 0x5000_0000])
        check(m, esr: 0x8600_0010, elr: 0x5000_0000, far: 0x5000_0000)
    }

    @Test func spAlignment() {
        let (m, e) = take([ldst(.ldr, 1, 31)]) { $0.sp = 0x4030_0008; $0.setSystemRegister(named: "SCTLR_EL2", 8) }
        #expect(e.exception?.ec == 0x26)
        check(m, esr: 0x9a00_0000, elr: codeBase)
        // QEMU does not implement the check (verified); the configuration can match it.
        let q = machine([ldst(.ldr, 1, 31)])
        q.configuration.checkSPAlignment = false
        q.sp = 0x4030_0008; q.setSystemRegister(named: "SCTLR_EL2", 8)
        #expect(q.step().exception == nil)
    }

    @Test func eretRoundTrip() {
        // svc from EL2t with flags set; the handler at VBAR+0x000 erets back.
        let m = machine([Instruction(op: .svc, imm: 1), movz(1, 7)])
        m.load(words: [0xE000_0002], at: Self.vbar)     // handler: instruction 2 = eret
        let prog: [Instruction] = [Instruction(op: .svc, imm: 1), movz(1, 7), Instruction(op: .eret)]
        m.decode = { w in w & 0xf000_0000 == 0xe000_0000 && Int(w & 0xfff) < prog.count ? prog[Int(w & 0xfff)] : .undefined }
        m.setSystemRegister(named: "VBAR_EL2", Self.vbar)
        m.pstate = 0x9000_0008          // N V, DAIF clear, EL2t
        _ = m.step()
        #expect(m.pc == Self.vbar)      // from SP_EL0: +0x000
        #expect(m.pstate == 0x0000_03c9)   // NZCV cleared on entry, as QEMU (conformance: exceptions.S)
        #expect(m.systemRegister(named: "SPSR_EL2") == 0x9000_0008)
        _ = m.step()
        #expect(m.pc == codeBase + 4); #expect(m.pstate == 0x9000_0008)
        _ = m.step()
        #expect(m.x(1) == 7)
    }

    @Test func eretToLowerELIsIllegal() {
        let m = machine([Instruction(op: .eret), nop])
        m.setSystemRegister(named: "VBAR_EL2", Self.vbar)
        m.setSystemRegister(named: "SPSR_EL2", 0x3c5)   // EL1h
        m.setSystemRegister(named: "ELR_EL2", codeBase + 4)
        let e = m.step()
        #expect(e.notes.contains(.illegalReturn))
        let e2 = m.step()
        #expect(e2.exception?.ec == 0x0e)
    }
}

/// DC ZVA zeroes a 64-byte block, as QEMU does with the MMU off (conformance: system_instructions.S).
@Suite struct ZeroBlockTests {
    @Test func dcZVAZeroesTheAlignedBlockAndUndoes() {
        let m = Machine()
        let buf: UInt64 = 0x4010_0000
        m.load([UInt8](repeating: 0xab, count: 256), at: buf)
        let dczva = Instruction(op: .sys, rd: 1, sys: SystemRegisterEncoding(op0: 1, op1: 3, crn: 7, crm: 4, op2: 1).packed)
        m.decode = { _ in dczva }
        m.load(words: [0xd50b7421], at: 0x4008_0000)
        m.setX(1, buf + 64 + 13)
        let e = m.step()
        #expect(e.exception == nil)
        #expect(m.memory.readBytes(at: buf + 64, count: 64) == [UInt8](repeating: 0, count: 64))
        #expect(m.memory.readRAM(buf + 56, 8) == 0xabab_abab_abab_abab)
        #expect(m.memory.readRAM(buf + 128, 8) == 0xabab_abab_abab_abab)
        m.undo(e)
        #expect(m.memory.readBytes(at: buf + 64, count: 64) == [UInt8](repeating: 0xab, count: 64))
        m.pc = 0x4008_0000
        m.setX(1, 0x5000_0000)
        #expect(m.step().exception?.ec == 0x25)
    }
}

/// ERET with SPSR_EL2.IL = 1 to EL2h returns into the illegal state: the next instruction takes
/// EC 0x0e, in `run` (fast path) as in `step` (conformance: eret_spsr.S).
@Suite struct IllegalReturnTests {
    @Test func eretWithILTrapsTheNextInstructionInRun() throws {
        let p = try Assembler.assemble(source: """
            _start:
                adr     x0, vectors
                msr     VBAR_EL2, x0
                adr     x1, back
                msr     ELR_EL2, x1
                mov     x2, #0x3c9
                orr     x2, x2, #(1 << 20)
                msr     SPSR_EL2, x2
                eret
            back:
                mov     x3, #1
            spin:
                b       spin
                .balign 2048
            vectors:
                .skip   0x200
                mrs     x4, ESR_EL2
            stop:
                b       stop
            """)
        let m = Machine()
        m.load(p.image, at: p.base)
        let r = m.run(maxSteps: 100, stopOnException: false)
        #expect(r.reason == .halted(p.symbols.all.first { $0.name == "stop" }!.address))
        #expect(m.x(3) == 0)
        #expect(m.x(4) >> 26 == 0x0e)
    }
}
