import A64
import Machine
import TestSupport
import Testing

/// The save routines assembled by GNU as and decoded by the real A64 decode table.
@Suite(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
struct AssembledProgramTests {
    static let regs = SaveRestoreTests.sysregs
    static let values = SaveRestoreTests.values

    static let v8 = """
        .text
        _start:
            stp x19, x20, [x0], #16
            stp x21, x22, [x0], #16
            stp x23, x24, [x0], #16
            stp x25, x26, [x0], #16
            stp x27, x28, [x0], #16
            stp x29, lr, [x0], #16
            mov x2, sp
            str x2, [x0], #8
        \(regs.map { "    mrs x2, \($0)\n    str x2, [x0], #8" }.joined(separator: "\n"))
            mov x0, #1
            ret
        halt:
            b .
        """

    static let v9 = """
        .text
        _start:
            stp x19, x20, [x0, #0]
            stp x21, x22, [x0, #16]
            stp x23, x24, [x0, #32]
            stp x25, x26, [x0, #48]
            stp x27, x28, [x0, #64]
            stp x29, lr, [x0, #80]
            mov x2, sp
            str x2, [x0, #96]
        \(regs.enumerated().map { "    mrs x2, \($0.element)\n    str x2, [x0, #\(104 + 8 * $0.offset)]" }.joined(separator: "\n"))
            mov x0, #1
            ret
        halt:
            b .
        """

    func run(_ source: String) throws -> (Machine, [UInt8]) {
        let build = try GNUToolchain.build(source: source, base: 0x4008_0000)
        let m = Machine(entry: 0x4008_0000)
        m.load(build.image, at: 0x4008_0000)
        let halt = 0x4008_0000 + UInt64(build.image.count) - 4
        for r in 19...29 { m.setX(r, 0x1900 + UInt64(r)) }
        m.setX(30, halt)
        m.sp = 0x4070_fff0
        for (n, v) in zip(Self.regs, Self.values) { m.setSystemRegister(named: n, v) }
        m.load(Array(repeating: 0xee, count: 176), at: 0x4010_0000)
        m.setX(0, 0x4010_0000)
        #expect(m.run(maxSteps: 1000).reason == .halted(halt))
        return (m, m.memory.readBytes(at: 0x4010_0000, count: 176)!)
    }

    func expected(halt: UInt64) -> [UInt8] {
        var words: [UInt64] = (19...29).map { 0x1900 + UInt64($0) } + [halt, 0x4070_fff0] + Self.values
        var bytes = words.flatMap { w in (0..<8).map { UInt8(truncatingIfNeeded: w >> UInt64(8 * $0)) } }
        bytes += Array(repeating: 0xee, count: 8)
        words.removeAll()
        return bytes
    }

    @Test func v8PostIncrement() throws {
        let (m, bytes) = try run(Self.v8)
        #expect(bytes == expected(halt: m.pc))
        #expect(m.x(0) == 1)
    }

    @Test func v9Offsets() throws {
        let (m, bytes) = try run(Self.v9)
        #expect(bytes == expected(halt: m.pc))
        #expect(m.x(0) == 1)
    }

    /// A loop with flags, a byte copy and a BL/RET, checked against the values it must compute.
    @Test func loopAndCall() throws {
        let src = """
            .text
            _start:
                ldr x1, =0x40100000
                mov x2, #100
                mov x3, #0
            1:  strb w2, [x1], #1
                add x3, x3, x2
                subs x2, x2, #1
                b.ne 1b
                bl f
                b .
            f:  ldrb w4, [x1, #-1]
                ldrsb x5, [x1, #-100]
                udiv x6, x3, x4
                ret
                .ltorg
            """
        let build = try GNUToolchain.build(source: src, base: 0x4008_0000)
        let m = Machine()
        m.load(build.image, at: 0x4008_0000)
        let r = m.run(maxSteps: 10_000)
        guard case .halted = r.reason else { Issue.record("\(r)"); return }
        #expect(m.x(3) == 5050); #expect(m.x(4) == 1); #expect(m.x(5) == 100); #expect(m.x(6) == 5050)
        #expect(m.x(1) == 0x4010_0064)
    }

    /// PSTATE immediates, system instructions and barriers as the real decoder produces them.
    @Test func systemInstructions() throws {
        let src = """
            .text
            _start:
                msr daifclr, #0xf
                mrs x1, daif
                msr daifset, #0x5
                mrs x2, daif
                msr spsel, #0
                mrs x3, spsel
                msr spsel, #1
                mrs x4, currentel
                tlbi alle2
                dc civac, x0
                ic iallu
                dsb sy
                isb
                wfi
                mov x5, #0x300
                msr nzcv, x5
                mrs x6, nzcv
                b .
            """
        let build = try GNUToolchain.build(source: src, base: 0x4008_0000)
        let m = Machine()
        m.load(build.image, at: 0x4008_0000)
        var notes: StepNotes = []
        while true {
            let e = m.step()
            #expect(e.exception == nil, "\(e.instruction)")
            notes.formUnion(e.notes)
            if e.notes.contains(.selfLoop) || e.exception != nil { break }
        }
        #expect(m.x(1) == 0); #expect(m.x(2) == 0x140); #expect(m.x(3) == 0); #expect(m.x(4) == 8)
        #expect(m.x(6) == 0)      // 0x300 has no NZCV bits
        #expect(notes.isSuperset(of: [.maintenanceNoOp, .barrier, .waitForInterrupt]))
        #expect(m.pstate & 0xf == 0x9)
    }
}
