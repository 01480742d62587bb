import Testing
@testable import A64

@Suite struct EncoderTests {
    @Test func encodesKnownWords() throws {
        #expect(try Encoder.encode(Instruction(op: .movz, sf: true, rd: 0, imm: 1)) == 0xd280_0020)
        #expect(try Encoder.encode(Instruction(op: .b, imm: -4)) == 0x17ff_ffff)
        #expect(try Encoder.encode(Instruction(op: .andImm, sf: true, rd: 0, rn: 1, imm: 0xff)) == 0x9240_1c20)
        #expect(try Encoder.encode(Instruction(op: .orrImm, sf: false, rd: 0, rn: 31, imm: 0x10000)) == 0x3210_03e0)
        #expect(try Encoder.encode(Instruction(op: .ldr, sf: true, rd: 0, rn: 1, rm: 2, shift: 3, size: 3, mode: .register)) == 0xf862_6820)
        #expect(try Encoder.encode(Instruction(op: .ldr, sf: true, rd: 0, rn: 1, imm: -8, size: 3, mode: .pre)) == 0xf85f_8c20)
        #expect(try Encoder.encode(Instruction(op: .ret, rn: 30)) == 0xd65f_03c0)
        #expect(try Encoder.encode(Instruction(op: .msrImm, imm: 0xf, sys: DecodeTable.msrImmSys(op1: 3, op2: 6))) == 0xd503_4fdf)
    }

    @Test func reportsOutOfRange() {
        #expect(throws: EncodingError("immediate 4096 out of range 0...4095")) {
            try Encoder.encode(Instruction(op: .addImm, rd: 0, rn: 1, imm: 4096))
        }
        #expect(throws: EncodingError.self) { try Encoder.encode(Instruction(op: .andImm, rd: 0, rn: 1, imm: 0x1234)) }
        #expect(throws: EncodingError.self) { try Encoder.encode(Instruction(op: .addShift, sf: false, rd: 0, rn: 1, rm: 2, amount: 32)) }
        #expect(throws: EncodingError.self) { try Encoder.encode(Instruction(op: .b, imm: 1 << 27)) }
        #expect(throws: EncodingError.self) { try Encoder.encode(Instruction(op: .ldr, rd: 0, rn: 1, imm: 3, size: 3, mode: .offset)) }
        #expect(throws: EncodingError.self) { try Encoder.encode(Instruction(op: .ldp, rd: 1, rn: 2, ra: 1, mode: .offset)) }
        #expect(throws: EncodingError.self) { try Encoder.encode(Instruction(op: .ldr, rd: 32, rn: 1, size: 3, mode: .offset)) }
    }
}

@Test func nameLookupsRoundTrip() {
    #expect(BarrierName.code("ISH") == 11)
    #expect(BarrierName.code("sy") == 15)
    #expect(BarrierName.code("bogus") == nil)
    #expect(HintName.code("wfi") == 3)
    #expect(HintName.code("nop") == 0)
    #expect(ConditionName.code("hs") == 2 && ConditionName.code("cs") == 2 && ConditionName.code("LO") == 3)
    #expect(SystemRegisterEncoding(name: "VBAR_EL2")?.packed == SystemRegisterEncoding(op0: 3, op1: 4, crn: 12, crm: 0, op2: 0).packed)
    #expect(SystemRegisterEncoding(name: "s3_4_c15_c1_0")?.displayName == "s3_4_c15_c1_0")
    #expect(SystemRegisterEncoding(name: "currentel")?.displayName == "currentel")
    #expect(SystemInstructionName.sys(named: "tlbi alle2")?.register == false)
    #expect(SystemInstructionName.sys(named: "dc civac")?.register == true)
    #expect(RegisterName.x(31, sp: true) == "sp" && RegisterName.w(31) == "wzr" && RegisterName.general(5, sf: false) == "w5")
}
