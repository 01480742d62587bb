import Testing
import TestSupport
@testable import A64

/// Reserved encodings and the CONSTRAINED UNPREDICTABLE choices documented on `Decoder`.
@Suite struct DecoderChoicesTests {
    @Test(arguments: [
        (UInt32(0x0b02_8020), "add w0, w1, w2, lsl #32: 32-bit shift amount >= 32"),
        (0x8bc2_0020, "add x0, x1, x2, ror #0: ROR in an arithmetic shift"),
        (0x8b22_7420, "add x0, x1, x2, uxtx #5: imm3 > 4"),
        (0x1340_0c20, "sbfm w0, w1 with N = 1"),
        (0x1320_0020, "sbfm w0, w1 with immr >= 32"),
        (0x1240_0020, "and w0, w1, #imm with N = 1"),
        (0x9240_fc20, "and x0, x1 with an all-ones element (imms = 63, N = 1)"),
        (0x52c0_0000, "movz w0 with hw = 2"),
        (0x1380_8020, "extr w0 with lsb >= 32"),
        (0xa940_0020, "ldp x0, x0, [x1]: Rt == Rt2"),
        (0xa8c1_0400, "ldp x0, x1, [x0], #16: write-back into Rt"),
        (0xf840_8400, "ldr x0, [x0], #8: load write-back into Rt"),
        (0x3840_0c00, "ldrb w0, [x0, #0]!: load write-back into Rt"),
        (0xf862_2820, "ldr x0, [x1, w2, uxth]: option not W/X"),
        (0xd500_437f, "msr spsel with CRm = 3"),
        (0xd500_401f, "msr (immediate) to an unsupported PSTATE field (CFINV)"),
        (0x5400_0010, "bc.eq (FEAT_HBC)"),
        (0x9180_0000, "addg (MTE): add immediate with bit 23 set"),
        (0xd4a0_0001, "dcps1"),
        (0xd528_0000, "sysl"),
        (0x48c0_fc20, "ldarh w0, [x1] with Rs != 11111 (objdump: undefined)"),
        (0xc8df_8020, "ldar x0, [x1] with Rt2 != 11111 (objdump: undefined)"),
        (0x087f_0440, "ldxp with byte elements (CASP space)"),
        (0x6940_0441, "ldpsw x1, x1, [x2]: Rt == Rt2"),
        (0x2840_0441, "ldnp w1, w1, [x2]: Rt == Rt2"),
        (0x88df_7c20, "ldlar (ARMv8.1 LORegions)"),
        (0xdac0_1841, "ctz (FEAT_CSSC)"),
        (0xdac1_0041, "pacia (ARMv8.3)"),
        (0xf880_0820, "prfm with the unprivileged form (unallocated)"),
        (0x9ac5_4041, "crc32b with sf = 1"),
        (0x3a45_1074, "ccmn with o3 = 1"),
    ])
    func reservedDecodesAsUndefined(word: UInt32, what: String) throws {
        let i = Decoder.decode(word)
        #expect(i.op == .undefined, "\(what)")
        #expect(i.imm == Int64(word))
        #expect(try Encoder.encode(i) == word)
        #expect(Disassembler.text(i, at: 0).hasPrefix(".inst 0x"))
    }

    @Test func storesWithWritebackIntoBaseAreDecoded() throws {
        // str x0, [x0], #8 and stp x0, x1, [x0, #16]! store the register's value before write-back.
        for w: UInt32 in [0xf800_8400, 0xa981_0400] {
            let i = Decoder.decode(w)
            #expect(i.op != .undefined)
            #expect(try Encoder.encode(i) == w)
        }
        // Write-back through SP with Rt = 31 (xzr) is not an overlap.
        #expect(Decoder.decode(0xf81f_8fff).op == .str)
    }

    @Test func undefinedPrintsLikeObjdump() {
        #expect(Disassembler.text(word: 0xffff_ffff, at: 0) == ".inst 0xffffffff ; undefined")
        #expect(Disassembler.text(word: 0x0000_0000, at: 0) == "udf #0")
    }
}

/// Hand-built instructions (as the assembler or a debugger user may produce) with arbitrary
/// field values never trap the disassembler or the encoder; the encoder either succeeds with a
/// word that decodes to the same op or throws.
@Test func arbitraryInstructionsNeverTrap() {
    var rng = SplitMix64(seed: 99)
    for op in Op.allCases {
        for _ in 0..<500 {
            func b() -> UInt8 { UInt8(truncatingIfNeeded: rng.next()) & (rng.next() & 1 == 0 ? 31 : 255) }
            let i = Instruction(op: op, sf: rng.next() & 1 == 0, rd: b(), rn: b(), rm: b(), ra: b(),
                                imm: Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64), shift: b() & 7, amount: b(),
                                cond: b(), n: b() & 1, immr: b(), imms: b(), size: b() & 3,
                                mode: AddressingMode(rawValue: UInt8(rng.next() % 8))!, sys: UInt16(truncatingIfNeeded: rng.next()))
            _ = Disassembler.text(i, at: rng.next())
            if op != .undefined, let w = try? Encoder.encode(i) {  // .undefined emits its raw word, like .inst
                #expect(Decoder.decode(w).op == op)
            }
        }
    }
}
