import A64
import Machine
import Testing

@Suite struct ArithmeticTests {
    @Test func addsFlags64() {
        var m = exec([addsi(0, 1, 1)], x: [1: ~0])
        #expect(m.x(0) == 0); #expect(flags(m) == 0b0110)            // Z C
        m = exec([addsi(0, 1, 1)], x: [1: 0x7fff_ffff_ffff_ffff])
        #expect(m.x(0) == 0x8000_0000_0000_0000); #expect(flags(m) == 0b1001) // N V
        m = exec([reg(.addsShift, 0, 1, 2)], x: [1: 0x8000_0000_0000_0000, 2: 0x8000_0000_0000_0000])
        #expect(m.x(0) == 0); #expect(flags(m) == 0b0111)            // Z C V
    }

    @Test func addsFlags32AndTopHalfZeroed() {
        var m = exec([addsi(0, 1, 1, sf: false)], x: [1: 0xdead_beef_ffff_ffff])
        #expect(m.x(0) == 0); #expect(flags(m) == 0b0110)
        m = exec([addsi(0, 1, 1, sf: false)], x: [1: 0x1234_5678_7fff_ffff])
        #expect(m.x(0) == 0x8000_0000); #expect(flags(m) == 0b1001)
        m = exec([addi(0, 1, 1, sf: false)], x: [1: 0xdead_beef_0000_0001])
        #expect(m.x(0) == 2)
        m = exec([reg(.orrShift, 0, 31, 1, sf: false)], x: [1: ~0])
        #expect(m.x(0) == 0xffff_ffff)
    }

    @Test func subsFlagsBothWidths() {
        var m = exec([subsi(0, 1, 1)], x: [1: 0])
        #expect(m.x(0) == ~0); #expect(flags(m) == 0b1000)            // borrow: C = 0
        m = exec([subsi(0, 1, 5)], x: [1: 5])
        #expect(m.x(0) == 0); #expect(flags(m) == 0b0110)
        m = exec([subsi(0, 1, 1, sf: false)], x: [1: 0x8000_0000])
        #expect(m.x(0) == 0x7fff_ffff); #expect(flags(m) == 0b0011)   // C V
        m = exec([subsi(0, 1, 1, sf: false)], x: [1: 0xffff_ffff_0000_0000])
        #expect(m.x(0) == 0xffff_ffff); #expect(flags(m) == 0b1000)
        m = exec([subsi(0, 1, 1)], x: [1: 0x8000_0000_0000_0000])
        #expect(flags(m) == 0b0011)
        // CMP (SUBS to ZR) leaves x31 alone and sets flags.
        m = exec([reg(.subsShift, 31, 1, 2)], x: [1: 3, 2: 3])
        #expect(flags(m) == 0b0110)
    }

    @Test func wrapAround() {
        var m = exec([addi(0, 1, 2)], x: [1: ~0])
        #expect(m.x(0) == 1)
        m = exec([Instruction(op: .madd, rd: 0, rn: 1, rm: 2, ra: 3)], x: [1: 1 << 63, 2: 4, 3: 7])
        #expect(m.x(0) == 7)
        m = exec([Instruction(op: .msub, sf: false, rd: 0, rn: 1, rm: 2, ra: 3)], x: [1: 2, 2: 3, 3: 1])
        #expect(m.x(0) == 0xffff_fffb)
        m = exec([addi(0, 1, 1, shift12: true)], x: [1: 0])
        #expect(m.x(0) == 0x1000)
    }

    @Test func logicalFlagsAndBic() {
        var m = exec([reg(.andsShift, 0, 1, 2)], x: [1: 0x8000_0000_0000_00ff, 2: 0x8000_0000_0000_0000])
        #expect(m.x(0) == 0x8000_0000_0000_0000); #expect(flags(m) == 0b1000)
        m = exec([reg(.bicsShift, 0, 1, 2, sf: false)], x: [1: 0xff, 2: 0xff])
        #expect(m.x(0) == 0); #expect(flags(m) == 0b0100)
        m = exec([reg(.eonShift, 0, 1, 2, shift: .lsr, amount: 4)], x: [1: 0xf0, 2: 0xf00])
        #expect(m.x(0) == ~UInt64(0))
        m = exec([reg(.ornShift, 0, 31, 2, shift: .ror, amount: 8)], x: [2: 0xff])
        #expect(m.x(0) == ~UInt64(0xff00_0000_0000_0000))
        m = exec([Instruction(op: .andsImm, sf: false, rd: 0, rn: 1, imm: 0x8000_0000)], x: [1: 0x8000_0000])
        #expect(flags(m) == 0b1000)
    }

    @Test func shifts() {
        var m = exec([reg(.addShift, 0, 31, 1, shift: .asr, amount: 63)], x: [1: 1 << 63])
        #expect(m.x(0) == ~0)
        m = exec([reg(.addShift, 0, 31, 1, sf: false, shift: .asr, amount: 31)], x: [1: 0x8000_0000])
        #expect(m.x(0) == 0xffff_ffff)
        m = exec([reg(.lslv, 0, 1, 2)], x: [1: 1, 2: 65])          // amount mod 64
        #expect(m.x(0) == 2)
        m = exec([reg(.lsrv, 0, 1, 2, sf: false)], x: [1: 0x8000_0000, 2: 33])  // amount mod 32
        #expect(m.x(0) == 0x4000_0000)
        m = exec([reg(.asrv, 0, 1, 2)], x: [1: 1 << 63, 2: 4])
        #expect(m.x(0) == 0xf800_0000_0000_0000)
        m = exec([reg(.rorv, 0, 1, 2, sf: false)], x: [1: 1, 2: 1])
        #expect(m.x(0) == 0x8000_0000)
    }

    @Test func extendedRegister() {
        var m = exec([ext(.addExt, 0, 1, 2, .sxtb)], x: [1: 0x100, 2: 0x80])
        #expect(m.x(0) == 0x80)
        m = exec([ext(.subExt, 0, 1, 2, .uxtw, 2)], x: [1: 0x1_0000_0000, 2: 0xffff_ffff_0000_0001])
        #expect(m.x(0) == 0x0_ffff_fffc)
        // rn = 31 is SP in extended forms; rd = 31 is SP for ADD (extended).
        m = exec([ext(.addExt, 31, 31, 2, .uxtx)], x: [2: 0x10]) { $0.sp = 0x4000_1000 }
        #expect(m.sp == 0x4000_1010)
        m = exec([ext(.addsExt, 31, 31, 2, .uxtx)], x: [2: 0]) { $0.sp = 0 }
        #expect(flags(m) == 0b0100)
    }

    @Test func spVersusZR() {
        // ADD (immediate): 31 is SP on both sides (mov sp, x1 / mov x1, sp).
        var m = exec([addi(31, 1, 0), addi(2, 31, 8)], x: [1: 0x4000_2000])
        #expect(m.sp == 0x4000_2000); #expect(m.x(2) == 0x4000_2008)
        // ADDS to 31 discards (CMN), ORR (shifted) reads XZR for rn 31.
        m = exec([addsi(31, 1, 0), reg(.orrShift, 3, 31, 1)], x: [1: 7]) { $0.sp = 0x1234 }
        #expect(m.sp == 0x1234); #expect(m.x(3) == 7)
        // ORR (immediate) writes SP for rd 31.
        m = exec([Instruction(op: .orrImm, rd: 31, rn: 31, imm: 0x4000_0000)])
        #expect(m.sp == 0x4000_0000)
        // SP selection follows SPSel.
        m = exec([Instruction(op: .msrImm, imm: 0, sys: SystemRegisterEncoding(op0: 0, op1: 0, crn: 4, crm: 0, op2: 5).packed),
                  addi(31, 31, 16)]) { $0.spEL0 = 0x100; $0.spEL2 = 0x200 }
        #expect(m.spEL0 == 0x110); #expect(m.spEL2 == 0x200); #expect(m.pstate & 0xf == 0x8)
    }

    @Test func division() {
        var m = exec([reg(.udiv, 0, 1, 2), reg(.sdiv, 3, 1, 2)], x: [1: 5, 2: 0])
        #expect(m.x(0) == 0); #expect(m.x(3) == 0)
        m = exec([reg(.sdiv, 0, 1, 2)], x: [1: 1 << 63, 2: ~0])
        #expect(m.x(0) == 1 << 63)
        m = exec([reg(.sdiv, 0, 1, 2, sf: false)], x: [1: 0x8000_0000, 2: 0xffff_ffff])
        #expect(m.x(0) == 0x8000_0000)
        m = exec([reg(.sdiv, 0, 1, 2)], x: [1: UInt64(bitPattern: -7), 2: 2])
        #expect(m.x(0) == UInt64(bitPattern: -3))
        m = exec([reg(.udiv, 0, 1, 2, sf: false)], x: [1: 0x1_0000_0010, 2: 0x1_0000_0004])
        #expect(m.x(0) == 4)
    }

    @Test func moveWide() {
        let m = exec([movz(0, 0x1234, hw: 3), movk(0, 0xbeef, hw: 0), Instruction(op: .movn, rd: 1, imm: 0, amount: 0),
                      Instruction(op: .movn, sf: false, rd: 2, imm: 1, amount: 16), movk(3, 0xffff, hw: 1, sf: false)],
                     x: [3: 0xffff_ffff_0000_1111])
        #expect(m.x(0) == 0x1234_0000_0000_beef)
        #expect(m.x(1) == ~0)
        #expect(m.x(2) == 0xfffe_ffff)
        #expect(m.x(3) == 0xffff_1111)
    }

    @Test func bitfieldAliases() {
        let v: UInt64 = 0x8123_4567_89ab_cdef
        func one(_ i: Instruction, _ src: UInt64 = v, dst: UInt64 = 0) -> UInt64 { exec([i], x: [1: src, 0: dst]).x(0) }
        #expect(one(bf(.ubfm, 0, 1, immr: 60, imms: 59)) == v << 4)                     // lsl #4
        #expect(one(bf(.ubfm, 0, 1, immr: 4, imms: 63)) == v >> 4)                      // lsr #4
        #expect(one(bf(.sbfm, 0, 1, immr: 4, imms: 63)) == 0xf812_3456_789a_bcde)        // asr #4
        #expect(one(bf(.sbfm, 0, 1, immr: 0, imms: 7)) == 0xffff_ffff_ffff_ffef)         // sxtb
        #expect(one(bf(.sbfm, 0, 1, immr: 0, imms: 31)) == 0xffff_ffff_89ab_cdef)        // sxtw
        #expect(one(bf(.ubfm, 0, 1, immr: 0, imms: 15, sf: false)) == 0xcdef)            // uxth
        #expect(one(bf(.ubfm, 0, 1, immr: 28, imms: 27, sf: false)) == 0x9abc_def0)      // lsl w, #4
        #expect(one(bf(.sbfm, 0, 1, immr: 4, imms: 31, sf: false)) == 0xf89a_bcde)       // asr w, #4
        #expect(one(bf(.ubfm, 0, 1, immr: 8, imms: 15)) == 0xcd)                         // ubfx #8, #8
        #expect(one(bf(.sbfm, 0, 1, immr: 4, imms: 11)) == 0xffff_ffff_ffff_ffde)        // sbfx #4, #8
        #expect(one(bf(.ubfm, 0, 1, immr: 56, imms: 7)) == 0xef00)                       // ubfiz #8, #8
        #expect(one(bf(.bfm, 0, 1, immr: 56, imms: 3), dst: ~0) == ~0)  // bfi #8, #4 of 0xf
        #expect(one(bf(.bfm, 0, 1, immr: 56, imms: 3), 0x5, dst: ~0) == 0xffff_ffff_ffff_f5ff)
        #expect(one(bf(.bfm, 0, 1, immr: 8, imms: 15), dst: 0x1111_1111_1111_1111) == 0x1111_1111_1111_11cd) // bfxil #8, #8
        #expect(one(bf(.bfm, 0, 1, immr: 0, imms: 7, sf: false), dst: 0xffff_ffff_0000_0000) == 0xef) // 32-bit zeroes top
    }

    @Test func extr() {
        var m = exec([Instruction(op: .extr, rd: 0, rn: 1, rm: 2, imms: 8)], x: [1: 0x11, 2: 0x2200_0000_0000_0033])
        #expect(m.x(0) == 0x1122_0000_0000_0000)
        m = exec([Instruction(op: .extr, sf: false, rd: 0, rn: 1, rm: 2, imms: 4)], x: [1: 0xa, 2: 0xb000_0000])
        #expect(m.x(0) == 0xab00_0000)
        m = exec([Instruction(op: .extr, rd: 0, rn: 1, rm: 1, imms: 0)], x: [1: 0x42])   // ror #0
        #expect(m.x(0) == 0x42)
    }

    @Test func conditionalSelect() {
        func run(_ op: Op, _ c: Condition, _ nzcv: UInt64, sf: Bool = true) -> UInt64 {
            exec([csel(op, 0, 1, 2, c, sf: sf)], x: [1: 10, 2: 20]) { $0.pstate = ($0.pstate & 0xfff_ffff) | nzcv << 28 }.x(0)
        }
        #expect(run(.csel, .eq, 0b0100) == 10); #expect(run(.csel, .eq, 0) == 20)
        #expect(run(.csinc, .ne, 0b0100) == 21); #expect(run(.csinv, .ne, 0b0100) == ~UInt64(20))
        #expect(run(.csneg, .ne, 0b0100) == UInt64(bitPattern: -20)); #expect(run(.csneg, .ne, 0b0100, sf: false) == 0xffff_ffec)
        #expect(run(.csel, .hi, 0b0010) == 10); #expect(run(.csel, .hi, 0b0110) == 20)
        #expect(run(.csel, .ge, 0b1001) == 10); #expect(run(.csel, .lt, 0b1000) == 10)
        #expect(run(.csel, .gt, 0b0000) == 10); #expect(run(.csel, .le, 0b0100) == 10)
        #expect(run(.csel, .al, 0) == 10); #expect(run(.csel, .nv, 0) == 10)
        #expect(run(.csel, .mi, 0b1000) == 10); #expect(run(.csel, .vs, 0b0001) == 10)
        #expect(run(.csel, .lo, 0b0010) == 20); #expect(run(.csel, .ls, 0b0100) == 10)
    }

    @Test func adrAndAdrp() {
        let m = exec([nop, Instruction(op: .adr, rd: 0, imm: -4), Instruction(op: .adrp, rd: 1, imm: 0x3000)], steps: 3)
        #expect(m.x(0) == codeBase)
        #expect(m.x(1) == codeBase + 0x3000)
        let far = machine([Instruction(op: .adrp, rd: 2, imm: -0x1000)], base: 0x4008_0ffc)
        _ = far.step()
        #expect(far.x(2) == 0x4007_f000)
    }
}
