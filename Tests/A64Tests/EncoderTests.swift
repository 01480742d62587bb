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
