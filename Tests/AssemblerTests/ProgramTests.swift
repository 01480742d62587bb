import Foundation
import Testing
@testable import Assembler
import A64
import TestSupport

/// The public products of an assembly: symbols, line map, entry, word kinds, options.
@Suite struct ProgramTests {
    static let xenLike = """
    #define OFF 8
            .text
    FUNC(_start)
            ldr   x0, =ctx
            str   x1, [x0, #OFF]
    1:      b     1b
    END(_start)
            .data
            .balign 8
    DATA(ctx)
            .quad 0, 0
    END(ctx)
            .equ  ANSWER, 42
    """

    @Test func symbolsLineMapAndEntry() throws {
        let p = try Assembler.assemble(source: Self.xenLike, fileName: "xen.S")
        let start = try #require(p.symbols["_start"])
        #expect(start.address == 0x4008_0000)
        #expect(start.kind == .function)
        #expect(start.isGlobal)
        #expect(start.size == 12)
        #expect(start.section == ".text")
        let ctx = try #require(p.symbols["ctx"])
        #expect(ctx.kind == .object && ctx.size == 16 && ctx.isGlobal)
        #expect(ctx.address == 0x4009_0018)   // DATA_SEGMENT_ALIGN after .text (0x18 bytes with the pool)
        let answer = try #require(p.symbols["ANSWER"])
        #expect(answer.kind == .constant && answer.address == 42 && !answer.isGlobal)
        #expect(p.entry == start.address)
        // Line map: each instruction and the pool entry.
        #expect(p.lineMap.location(at: 0x4008_0000) == SourceLocation(file: "xen.S", line: 4, column: 9))
        #expect(p.lineMap.location(at: 0x4008_0004) == SourceLocation(file: "xen.S", line: 5, column: 9))
        #expect(p.lineMap.location(at: 0x4008_0008) == SourceLocation(file: "xen.S", line: 6, column: 9))
        #expect(p.lineMap.location(at: 0x4008_0010)?.line == 4)   // the literal, from the ldr line
        #expect(p.lineMap.location(at: 0x4009_001c)?.line == 11)  // inside .quad 0, 0
        #expect(p.lineMap.addresses(file: "xen.S", line: 6) == [0x4008_0008])
        // Word kinds: three instructions, then the (aligned) pool word(s).
        #expect(p.wordKind(at: 0x4008_0000) == .instruction)
        #expect(p.wordKind(at: 0x4008_0008) == .instruction)
        #expect(p.wordKind(at: 0x4008_000c) == .data)
        #expect(p.wordKind(at: 0x4008_0010) == .data)
        #expect(p.word(at: 0x4008_0010) == 0x4009_0018)
        // No local label or pool symbol leaks into the table.
        #expect(p.symbols.all.allSatisfy { !$0.name.hasPrefix("\u{1}") })
    }

    @Test func entryWithoutStartIsFirstInstruction() throws {
        let p = try Assembler.assemble(source: "  .byte 1\n  .balign 4\nmain: nop\n", fileName: "e.S")
        #expect(p.entry == 0x4008_0004)
        #expect(p.wordKind(at: 0x4008_0000) == .data)
    }

    @Test func optionsBaseDefinesAndIncludeSearch() throws {
        let dir = try TemporaryDirectory(prefix: "asm-opt")
        try "#define FROM_SEARCH 7\n".write(to: dir.url.appendingPathComponent("conf.h"), atomically: true, encoding: .utf8)
        let opts = AssemblerOptions(base: 0x1000, defines: ["CONFIG_X": "3"], includeSearch: [dir.url])
        let p = try Assembler.assemble(source: "#include <conf.h>\n#ifdef CONFIG_X\n mov x0, #CONFIG_X + FROM_SEARCH\n#endif\n", fileName: "o.S", options: opts)
        #expect(p.base == 0x1000)
        #expect(p.word(at: 0x1000) == 0xd280_0140)   // movz x0, #10
    }

    @Test func errorDescriptionIsOneLineWithPosition() {
        #expect(throws: AssemblyError.self) { try Assembler.assemble(source: "\n   add x0, x1, #3, lsl #5\n", fileName: "prog.S") }
        do { _ = try Assembler.assemble(source: "  nop\n  stp x0, x1, [x2, #3\n", fileName: "prog.S") } catch let e as AssemblyError {
            #expect(e.description == "prog.S:2:22: error: expected ']' to close the address")
        } catch { Issue.record("\(error)") }
        do { _ = try Assembler.assemble(source: "\n\n\n\n\n\n\n\n\n\n\n  mov x0, #3\n  add x0, x1, #3\n  cmp x0, w1\n", fileName: "prog.S") } catch let e as AssemblyError {
            #expect(e.description == "prog.S:14:11: error: expected a 64-bit (X) register after ',' but found 'w1'")
        } catch { Issue.record("\(error)") }
    }

    @Test func instructionsRoundTripThroughTheDecoder() throws {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Corpus/data_processing.S")
        let p = try Assembler.assemble(file: url)
        var count = 0
        for e in p.lineMap.entries where e.isInstruction {
            let w = try #require(p.word(at: e.address))
            #expect(Decoder.decode(w).op != .undefined, "word 0x\(String(w, radix: 16)) at \(e.location)")
            count += 1
        }
        #expect(count > 130)
    }

    @Test func uncataloguedSystemRegisterByGenericName() throws {
        let p = try Assembler.assemble(source: "  mrs x1, S3_4_C1_C1_0\n  mrs x2, s3_0_c15_c2_7\n", fileName: "s.S")
        #expect(p.word(at: 0x4008_0000) == 0xd53c_1101)
    }
}

/// GNU as 2.40 behaviour the assembler reproduces, pinned by direct comparison.
@Suite(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
struct GNUBehaviourTests {
    func same(_ src: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let ours = try Assembler.assemble(source: src, fileName: "t.S")
        let gnu = try GNUToolchain.build(source: src)
        let equal = ours.image == gnu.image
        #expect(equal, "\(CorpusTests.firstDifference(ours.image, gnu.image, base: ours.base))", sourceLocation: sourceLocation)
    }

    /// `ldr =imm` is always a literal load (never MOVZ); 4-byte literals before 8-byte ones;
    /// each pool aligned to its entry size with zeros; equal values shared.
    @Test func literalPools() throws {
        try same("  ldr x0, =1\n  ldr w1, =2\n  ldr x2, =1\n  ldr w3, =2\n  ldr x4, =0\n  .ltorg\n  nop\n")
        try same("  nop\n  ldr w0, =5\n  ldr x1, =_start\n_start: ret\n")   // pools at section end
        try same("  ldr x0, =1\n  .data\n  .byte 1\n  .balign 4\n  ldr x1, =1\n  .text\n  ldr x2, =1\n")  // per-section pools
        try same("  .data\n  .word 1\n  ldr x1, =1\n  .byte 1\n")  // no instruction alignment in data
        try same("  ldr x0, =lbl + 4\n  ldr x1, =lbl + 4\n  ldr x2, =lbl\nlbl: ret\n")
        try same("  .ltorg\n  .ltorg\n  ldr w0, ='A'\n  .pool\n  ldr w0, ='A'\n")   // empty pools emit nothing
    }

    /// Alignment in code: zeros up to a word boundary, then NOPs; data sections: zeros.
    @Test func alignmentFill() throws {
        try same("  nop\n  .byte 1\n  .balign 16\n  nop\n  .p2align 5\n  ret\n")
        try same("  .data\n  .byte 1\n  .balign 16\n  .byte 2\n  .align 3\n  .quad 1\n")
        try same("  .byte 1\n  nop\n")   // instructions are word aligned
        try same("  nop\n  .balign 32, 0xff\n  nop\n  .balign 64, 0, 8\n  ret\n")
    }

    /// Section placement of ld -Ttext with the default script.
    @Test func sectionLayout() throws {
        try same("  nop\n  .section .rodata\n  .byte 1\n  .data\n  .quad 2\n")
        try same("  nop\n  .section .x, \"ax\"\n  ret\n  .section .y, \"a\"\n  .byte 3\n  .section .rodata.z\n  .word 4\n  .section .w, \"aw\"\n  .byte 5\n  .data\n  .byte 6\n")
        try same("  .section .text.b\n  ret\n  .text\n  nop\n  .section .text.a\n  .byte 1\n")
    }

    @Test func movImmediateChoice() throws {
        var src = ""
        for v in ["0", "1", "0xffff", "0x10000", "0xffff0000", "0xffffffff", "-1", "-2", "-65536", "-65537",
                  "0x5555555555555555", "0xff00ff00ff00ff00", "0x7fffffffffffffff", "0x8000000000000000",
                  "0xffffffff00000000", "0x100000000", "0xfffffffffffffffe"] {
            src += "  mov x0, #\(v)\n"
        }
        for v in ["0", "0xffff", "0x10000", "0xffffffff", "-1", "0x7fffffff", "0x80000000", "0xfffeffff", "0x55555555"] {
            src += "  mov w0, #\(v)\n"
        }
        try same(src)
    }
}

extension GNUBehaviourTests {
    @Test func instDirective() throws {
        try same("  .byte 1\n  .inst 0xd503201f\n  .data\n  .byte 2\n  .inst 0x12345678\n")
        try same("  .org 2\n  .inst 0xd503201f\n  nop\n")
    }
}

extension ProgramTests {
    @Test func lineMapInsideIncludedFiles() throws {
        let dir = try TemporaryDirectory(prefix: "asm-lm")
        try "  nop\n  nop\n".write(to: dir.url.appendingPathComponent("body.inc"), atomically: true, encoding: .utf8)
        try "  ret\n#include \"body.inc\"\n  .skip 0x20000\n  b .\n".write(to: dir.url.appendingPathComponent("main.S"), atomically: true, encoding: .utf8)
        let main = dir.url.appendingPathComponent("main.S")
        let p = try Assembler.assemble(file: main)
        let inc = p.lineMap.location(at: 0x4008_0008)
        #expect(inc?.file.hasSuffix("body.inc") == true && inc?.line == 2 && inc?.column == 3)
        #expect(p.lineMap.addresses(file: inc!.file, line: 1) == [0x4008_0004])
        #expect(p.lineMap.location(at: 0x4008_0000)?.file == main.path)
        #expect(p.lineMap.location(at: 0x4009_0000)?.line == 3)      // inside the .skip
        #expect(p.lineMap.location(at: 0x400a_000c)?.line == 4)
        #expect(p.lineMap.location(at: 0x400a_0010) == nil)
    }
}

extension ProgramTests {
    @Test func alignmentPaddingMapsToItsDirective() throws {
        let p = try Assembler.assemble(source: "  nop\n  .balign 16\n  ret\n", fileName: "a.S")
        #expect(p.lineMap.location(at: 0x4008_0004)?.line == 2)
        #expect(p.lineMap.location(at: 0x4008_000c)?.line == 2)
        #expect(p.lineMap.location(at: 0x4008_0010)?.line == 3)
        #expect(p.wordKind(at: 0x4008_0008) == .instruction)   // a padding NOP
    }
}
