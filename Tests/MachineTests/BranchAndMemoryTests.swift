import A64
import Machine
import Testing

@Suite struct BranchTests {
    @Test func unconditionalAndLink() {
        let m = machine([Instruction(op: .bl, imm: 12), nop, nop, Instruction(op: .b, imm: -8)])
        _ = m.step()
        #expect(m.pc == codeBase + 12); #expect(m.x(30) == codeBase + 4)
        _ = m.step()
        #expect(m.pc == codeBase + 4)
    }

    @Test func conditionalBranches() {
        var m = exec([subsi(31, 1, 1), Instruction(op: .bcond, imm: 8, cond: Condition.eq.rawValue)], x: [1: 1])
        #expect(m.pc == codeBase + 12)
        m = exec([subsi(31, 1, 1), Instruction(op: .bcond, imm: 8, cond: Condition.ne.rawValue)], x: [1: 1])
        #expect(m.pc == codeBase + 8)
        m = exec([Instruction(op: .cbz, sf: false, rd: 1, imm: 16)], x: [1: 0x1_0000_0000])   // W form looks at 32 bits
        #expect(m.pc == codeBase + 16)
        m = exec([Instruction(op: .cbnz, rd: 1, imm: 16)], x: [1: 0x1_0000_0000])
        #expect(m.pc == codeBase + 16)
        m = exec([nop, Instruction(op: .tbnz, rd: 1, imm: -4, cond: 33)], x: [1: 1 << 33])
        #expect(m.pc == codeBase)
        m = exec([Instruction(op: .tbz, rd: 1, imm: 8, cond: 63)], x: [1: 1 << 62])
        #expect(m.pc == codeBase + 8)
    }

    @Test func registerBranches() {
        var m = exec([Instruction(op: .blr, rn: 30)], x: [30: 0x4009_0000])   // target read before link
        #expect(m.pc == 0x4009_0000); #expect(m.x(30) == codeBase + 4)
        m = exec([Instruction(op: .br, rn: 5)], x: [5: 0x4000_0040])
        #expect(m.pc == 0x4000_0040)
        m = exec([ret()], x: [30: 0x4000_0080])
        #expect(m.pc == 0x4000_0080)
    }
}

@Suite struct LoadStoreTests {
    @Test func signAndZeroExtension() {
        let m = exec([ldst(.str, 1, 2, size: 3),
                      ldst(.ldr, 3, 2, size: 0), ldst(.ldrs, 4, 2, size: 0, sf: true), ldst(.ldrs, 5, 2, size: 0, sf: false),
                      ldst(.ldr, 6, 2, size: 1), ldst(.ldrs, 7, 2, size: 1, sf: true),
                      ldst(.ldr, 8, 2, size: 2), ldst(.ldrs, 9, 2, size: 2, sf: true),
                      ldst(.ldr, 10, 2, 1, size: 0, mode: .unscaled)],
                     x: [1: 0x0102_0304_8584_8382, 2: dataBase, 5: ~0])
        #expect(m.x(3) == 0x82)
        #expect(m.x(4) == 0xffff_ffff_ffff_ff82)
        #expect(m.x(5) == 0xffff_ff82)
        #expect(m.x(6) == 0x8382)
        #expect(m.x(7) == 0xffff_ffff_ffff_8382)
        #expect(m.x(8) == 0x8584_8382)
        #expect(m.x(9) == 0xffff_ffff_8584_8382)
        #expect(m.x(10) == 0x83)
        #expect(m.memory.readBytes(at: dataBase, count: 8) == [0x82, 0x83, 0x84, 0x85, 4, 3, 2, 1])
    }

    @Test func narrowStoresAndRegisterOffset() {
        let m = exec([ldst(.str, 1, 2, size: 0), ldst(.str, 1, 2, 2, size: 1), ldst(.str, 1, 2, 4, size: 2),
                      Instruction(op: .ldr, sf: true, rd: 4, rn: 2, rm: 3, shift: Extend.uxtx.rawValue, amount: 3, size: 3, mode: .register),
                      Instruction(op: .ldr, sf: false, rd: 5, rn: 2, rm: 6, shift: Extend.sxtw.rawValue, amount: 0, size: 0, mode: .register)],
                     x: [1: 0x1122_3344_5566_7788, 2: dataBase, 3: 0, 6: 0xffff_ffff_ffff_ffff])  // sxtw(-1) -> dataBase - 1
        #expect(m.memory.readBytes(at: dataBase, count: 8) == [0x88, 0, 0x88, 0x77, 0x88, 0x77, 0x66, 0x55])
        #expect(m.x(4) == 0x5566_7788_7788_0088)
        #expect(m.x(5) == 0)
    }

    @Test func writeBack() {
        var m = exec([ldst(.str, 1, 2, 16, mode: .pre), ldst(.str, 3, 2, 8, mode: .post), ldst(.ldr, 4, 2, -8, mode: .pre)],
                     x: [1: 0xaa, 2: dataBase, 3: 0xbb])
        #expect(m.x(2) == dataBase + 16)
        #expect(m.x(4) == 0xbb)
        #expect(m.memory.readRAM(dataBase + 16, 8) == 0xbb)
        m = exec([pair(.stp, 1, 3, 31, -16, mode: .pre), pair(.ldp, 5, 6, 31, 16, mode: .post),
                  pair(.stp, 1, 3, 2, 8, sf: false), pair(.ldp, 7, 8, 2, 8, sf: false)],
                 x: [1: 0x1111_1111_2222_2222, 2: dataBase, 3: 0x3333_3333_4444_4444]) { $0.sp = dataBase + 0x100 }
        #expect(m.sp == dataBase + 0x100)
        #expect(m.x(5) == 0x1111_1111_2222_2222); #expect(m.x(6) == 0x3333_3333_4444_4444)
        #expect(m.x(7) == 0x2222_2222); #expect(m.x(8) == 0x4444_4444)
        #expect(m.memory.readRAM(dataBase + 8, 8) == 0x4444_4444_2222_2222)
    }

    @Test func stpEffectsRecordSixteenBytes() {
        let m = machine([pair(.stp, 1, 3, 2, 0)])
        m.setX(1, 0x0807_0605_0403_0201); m.setX(3, 0x100f_0e0d_0c0b_0a09); m.setX(2, dataBase)
        let e = m.step()
        #expect(e.memoryWrite?.count == 16)
        #expect(e.memoryWrite?.newBytes == Array(1...16))
        #expect(e.memoryWrite?.oldBytes == [UInt8](repeating: 0, count: 16))
    }

    @Test func literalLoad() {
        let m = machine([Instruction(op: .ldr, sf: false, rd: 0, imm: 8, size: 2, mode: .literal),
                         Instruction(op: .ldrs, sf: true, rd: 1, imm: 4, size: 2, mode: .literal), Instruction(op: .udf, imm: 0)])
        _ = m.step(); _ = m.step()
        // The words at +8 and +8 are the tag words 0xE0000002.
        #expect(m.x(0) == 0xe000_0002)
        #expect(m.x(1) == 0xffff_ffff_e000_0002)
    }

    @Test func selfModifyingStoreInvalidatesDecodedPage() {
        // Word 1 is overwritten with the tag of instruction 3 before it runs.
        let m = machine([ldst(.str, 1, 2, size: 2, sf: false), movz(5, 1), selfLoop, movz(5, 2)])
        m.setX(1, 0xe000_0003); m.setX(2, codeBase + 4)
        _ = m.step(); _ = m.step()
        #expect(m.x(5) == 2)
    }
}
