import Foundation
import Testing
import A64
@testable import Assembler
import TestSupport

/// The ARMv8.0 integer families in the assembler: the corpus file against GNU binutils (bytes,
/// and every word's text against `objdump -d`), the `.arch`/`.cpu` gating GNU as applies, and
/// the messages for operands these forms do not take.
@Suite struct IntegerFormsTests {
    static let file = CorpusTests.corpus.appendingPathComponent("integer_additions.S")

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func corpusMatchesGNUAndObjdump() throws {
        try Self.matchesGNUAndObjdump(Self.file)
    }

    /// `file` assembles to GNU's bytes, and every instruction word (not the literal pool's
    /// `.word`s) disassembles as `objdump -d` prints it.
    static func matchesGNUAndObjdump(_ file: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let ours = try Assembler.assemble(file: file)
        let gnu = try CorpusTests.reference(file)
        #expect(ours.image == gnu.image, "\(CorpusTests.firstDifference(ours.image, gnu.image, base: ours.base))",
                sourceLocation: sourceLocation)
        let dump = try GNUToolchain.objdump(elf: gnu.elf)
        #expect(dump.count == ours.image.count / 4, sourceLocation: sourceLocation)
        for d in dump where !d.text.hasPrefix(".word") {
            let text = Disassembler.text(word: d.word, at: d.address)
            #expect(text == d.text, "0x\(String(d.address, radix: 16)) 0x\(String(d.word, radix: 16)): objdump \"\(d.text)\" ours \"\(text)\"",
                    sourceLocation: sourceLocation)
        }
    }

    func assemble(_ source: String) throws -> Program { try Assembler.assemble(source: source, fileName: "t.S") }

    func expectError(_ source: String, _ line: Int, _ column: Int, _ phrase: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            _ = try assemble(source)
            Issue.record("assembled without error: \(source)", sourceLocation: sourceLocation)
        } catch let e as AssemblyError {
            MalformedTests.check(e, file: "t.S", line: line, column: column, phrase: phrase, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error type \(error)", sourceLocation: sourceLocation)
        }
    }

    /// GNU as 2.40 rejects CRC32 under its default `armv8-a` and REV64 before ARMv8.2; these
    /// directives turn them on or off as there (checked against it).
    @Test func architectureGating() throws {
        expectError("  crc32b w0, w1, w2\n", 1, 3, "selected processor does not support 'crc32b'")
        expectError(".arch armv8-a\n  crc32cx w0, w1, x2\n", 2, 3, "the CRC extension")
        expectError(".arch armv8.1-a+nocrc\n  crc32b w0, w0, w0\n", 2, 3, "does not support")
        expectError(".cpu generic\n  crc32b w0, w0, w0\n", 2, 3, "does not support")
        expectError(".cpu cortex-a57+nocrc\n  crc32b w0, w0, w0\n", 2, 3, "does not support")
        expectError(".arch_extension crc\n.arch armv8-a\n  crc32b w0, w0, w0\n", 3, 3, "does not support")
        expectError("  rev64 x0, x1\n", 1, 3, "ARMv8.2-A or later")
        expectError(".cpu cortex-a57\n  rev64 x0, x1\n", 2, 3, "ARMv8.2-A or later")
        expectError(".arch armv8-a+CRC\n", 1, 7, "unknown architectural extension 'CRC'")
        expectError(".arch ARMV8-A\n", 1, 7, "unknown architecture 'ARMV8-A'")
        expectError(".arch\n", 1, 6, "unknown architecture ''")
        expectError(".cpu foo\n", 1, 6, "unknown cpu 'foo'")
        expectError(".arch_extension bogus\n", 1, 17, "unknown architectural extension 'bogus'")
        expectError(".cpu cortex-a57+crc+nocrc+crc\n", 1, 6, "must specify extensions to add before")
        for enable in [".arch armv8-a+crc", ".arch armv8.1-a", ".arch armv9-a", ".arch armv8-r", ".arch_extension crc",
                       ".cpu cortex-a57", ".cpu cortex-a53", ".cpu neoverse-n1", ".arch armv8-a+crypto+crc+nofp"] {
            let p = try assemble("\(enable)\n  crc32b w0, w1, w2\n")
            #expect(p.image == [0x20, 0x40, 0xc2, 0x1a], "\(enable)")
        }
        for enable in [".arch armv8.2-a", ".cpu cortex-a76", ".arch armv8-r"] {
            #expect(try assemble("\(enable)\n  rev64 x0, x1\n").image == [0x20, 0x0c, 0xc0, 0xda], "\(enable)")
        }
    }

    @Test func badOperands() {
        expectError("  ccmp x0, #32, #4, ne\n", 1, 12, "immediate 32 out of range 0...31")
        expectError("  ccmp x0, #1, #16, ne\n", 1, 16, "NZCV value 16 out of range 0...15")
        expectError("  ccmp x0, w1, #1, ne\n", 1, 12, "expected a 64-bit (X) register")
        expectError("  ccmp x0, x1, #1, xx\n", 1, 20, "expected a condition")
        expectError("  ngc x0, w1\n", 1, 11, "expected a 64-bit (X) register")
        expectError("  rev32 w0, w1\n", 1, 9, "expected a 64-bit (X) register")
        expectError("  smull x0, x1, x2\n", 1, 13, "expected a 32-bit (W) register")
        expectError("  smulh x0, w1, w2\n", 1, 13, "expected a 64-bit (X) register")
        expectError(".arch armv8-a+crc\n  crc32x w0, w1, w2\n", 2, 18, "expected a 64-bit (X) register")
        expectError(".arch armv8-a+crc\n  crc32b x0, w1, w2\n", 2, 10, "expected a 32-bit (W) register")
        expectError("  ldpsw w0, w1, [x2]\n", 1, 9, "expected a 64-bit (X) register")
        expectError("  ldpsw x0, x1, [x2, #6]\n", 1, 22, "expected a multiple of 4")
        expectError("  ldnp x0, x1, [x2, #16]!\n", 1, 16, "'ldnp' has no write-back form")
        expectError("  stnp x0, x1, [x2], #16\n", 1, 22, "'stnp' has no write-back form")
        expectError("  ldtr x0, [x1, #256]\n", 1, 17, "offset 256 out of range -256...255")
        expectError("  ldtr x0, [x1, x2]\n", 1, 17, "a register offset is not allowed here")
        expectError("  sttr x0, [x1, #8]!\n", 1, 12, "no write-back")
        expectError("  ldtrb x0, [x1]\n", 1, 9, "expected a 32-bit (W) register")
        expectError("  prfm plx1keep, [x0]\n", 1, 8, "expected a prefetch operation")
        expectError("  prfm #32, [x0]\n", 1, 8, "prefetch operation 32 out of range 0...31")
        expectError("  prfm pldl1keep, [x0, #8]!\n", 1, 19, "'prfm' has no write-back form")
        expectError("  prfum pldl1keep, [x0, #256]\n", 1, 25, "offset 256 out of range -256...255")
        expectError("  ldxr x0, [x1, #8]\n", 1, 17, "the offset of 'ldxr' can only be 0")
        expectError("  ldxr x0, [x1, #0]!\n", 1, 12, "'ldxr' has no write-back form")
        expectError("  ldxrb x0, [x1]\n", 1, 9, "expected a 32-bit (W) register")
        expectError("  stxr x0, x1, [x2]\n", 1, 8, "expected a 32-bit (W) register")
        expectError("  stxr w0, [x2]\n", 1, 16, "expected another operand")
        expectError("  ldxp x0, w1, [x2]\n", 1, 12, "expected a 64-bit (X) register")
        expectError("  stlr w0, [x1, #4]\n", 1, 17, "the offset of 'stlr' can only be 0")
        expectError("  ldar x0, x1\n", 1, 12, "expected an address")
    }

    /// CONSTRAINED UNPREDICTABLE register choices GNU as warns about but assembles, as here.
    @Test func unpredictableRegistersAssembleAsGNU() throws {
        #expect(try assemble("  stxr w0, x0, [x1]\n").image == [0x20, 0x7c, 0x00, 0xc8])
        #expect(try assemble("  stxr w1, x0, [x1]\n").image == [0x20, 0x7c, 0x01, 0xc8])
        #expect(try assemble("  ldxp x0, x0, [x1]\n").image == [0x20, 0x00, 0x7f, 0xc8])
    }
}
