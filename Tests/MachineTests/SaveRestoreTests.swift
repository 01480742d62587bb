import A64
import Machine
import Testing

/// The patch's two save routines for the EL2 context (struct size 176 bytes).
@Suite struct SaveRestoreTests {
    static let sysregs = ["VBAR_EL2", "VTCR_EL2", "VTTBR_EL2", "TPIDR_EL2", "MDCR_EL2", "HSTR_EL2", "CPTR_EL2", "HCR_EL2"]
    static let values: [UInt64] = [0x4009_0800, 0x8002_3558, 0x0001_0000_4321_0000, 0xffff_8000_0123_4000, 0x6, 0x0, 0x33ff, 0x8_0000_0000 | 0x8603_c03f]

    /// v8: post-increment stores.
    static var v8: [Instruction] {
        var p: [Instruction] = []
        for r in stride(from: UInt8(19), through: 29, by: 2) { p.append(pair(.stp, r, r + 1, 0, 16, mode: .post)) }
        p.append(addi(2, 31, 0))                                  // mov x2, sp
        p.append(ldst(.str, 2, 0, 8, mode: .post))
        for n in sysregs { p.append(mrs(2, n)); p.append(ldst(.str, 2, 0, 8, mode: .post)) }
        p.append(movz(0, 1)); p.append(ret())
        return p
    }

    /// v9: fixed offsets 0...80 for the pairs, 96 sp, 104...160 system registers.
    static var v9: [Instruction] {
        var p: [Instruction] = []
        for (k, r) in stride(from: UInt8(19), through: 29, by: 2).enumerated() { p.append(pair(.stp, r, r + 1, 0, Int64(16 * k))) }
        p.append(addi(2, 31, 0))
        p.append(ldst(.str, 2, 0, 96))
        for (k, n) in sysregs.enumerated() { p.append(mrs(2, n)); p.append(ldst(.str, 2, 0, Int64(104 + 8 * k))) }
        p.append(movz(0, 1)); p.append(ret())
        return p
    }

    func runRoutine(_ prog: [Instruction]) -> (Machine, [UInt8]) {
        let halt = codeBase + 0x800
        let m = machine(prog + [selfLoop])
        // Return address: the trailing `b .`.
        let haltAt = codeBase + UInt64(4 * prog.count)
        _ = halt
        for r in 19...30 { m.setX(r, 0x1900 + UInt64(r)) }
        m.setX(30, haltAt)
        m.sp = 0x4070_fff0
        for (n, v) in zip(Self.sysregs, Self.values) { m.setSystemRegister(named: n, v) }
        m.load(Array(repeating: 0xee, count: 176), at: dataBase)
        m.setX(0, dataBase)
        let r = m.run(maxSteps: 1000)
        #expect(r.reason == .halted(haltAt))
        return (m, m.memory.readBytes(at: dataBase, count: 176)!)
    }

    func expected() -> [UInt8] {
        var words: [UInt64] = (19...28).map { 0x1900 + UInt64($0) }
        words += [0x1900 + 29, codeBase + UInt64(4 * Self.v8.count)]   // lr = halt address (same length for v8 and v9)
        words.append(0x4070_fff0)
        words += Self.values
        var bytes: [UInt8] = words.flatMap { w in (0..<8).map { UInt8(truncatingIfNeeded: w >> UInt64(8 * $0)) } }
        bytes += Array(repeating: 0xee, count: 176 - 168)      // padding to the struct size is untouched
        return bytes
    }

    @Test func v8PostIncrement() {
        let (m, bytes) = runRoutine(Self.v8)
        #expect(bytes == expected())
        #expect(m.x(0) == 1)
    }

    @Test func v9Offsets() {
        #expect(Self.v8.count == Self.v9.count)
        let (m, bytes) = runRoutine(Self.v9)
        #expect(bytes == expected())
        #expect(m.x(0) == 1)
    }
}
