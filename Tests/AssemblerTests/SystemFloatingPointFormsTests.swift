import Foundation
import Testing
import A64
@testable import Assembler
import TestSupport

/// System instructions and the SIMD&FP register file in the assembler: system_fp.S against GNU
/// binutils (bytes, and every word's text against `objdump -d`), the names GNU as 2.40 gates
/// behind a later architecture, and the message for SIMD&FP instructions SuspendScope does not
/// model.
@Suite struct SystemFloatingPointFormsTests {
    static let file = CorpusTests.corpus.appendingPathComponent("system_fp.S")

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func corpusMatchesGNUAndObjdump() throws {
        try IntegerFormsTests.matchesGNUAndObjdump(Self.file)
    }

    let forms = IntegerFormsTests()

    /// GNU as 2.40 at its default `armv8-a` rejects SYS aliases, system register names and SB
    /// from later architectures ("selected processor does not support"); a later `.arch` or an
    /// extension accepts them (both checked against it).
    @Test func laterArchitectureNamesAreGated() throws {
        forms.expectError("  tlbi rvae1is, x0\n", 1, 8, "selected processor does not support 'tlbi rvae1is'")
        forms.expectError("  dc cvap, x0\n", 1, 6, "an architecture after ARMv8.0-A")
        forms.expectError("  mrs x0, ttbr1_el2\n", 1, 11, "system register name 'ttbr1_el2'")
        forms.expectError("  msr sctlr_el12, x0\n", 1, 7, "system register name 'sctlr_el12'")
        forms.expectError("  sb\n", 1, 3, "the SB extension")
        #expect(try forms.assemble(".arch armv8.4-a\n  tlbi rvae1is, x0\n").image == [0x20, 0x82, 0x08, 0xd5])
        #expect(try forms.assemble(".arch armv8.1-a\n  mrs x0, ttbr1_el2\n").image.count == 4)
        #expect(try forms.assemble(".arch_extension sb\n  sb\n").image == [0xff, 0x30, 0x03, 0xd5])
        // ARMv8.0 names stay accepted at the default.
        #expect(try forms.assemble("  tlbi vae2is, x3\n  dc zva, x1\n  at s1e2r, x0\n  mrs x0, cntvct_el0\n").image.count == 16)
    }

    @Test func badOperandsAndNotModelled() {
        forms.expectError("  tlbi alle3x\n", 1, 8, "expected a TLBI operation")
        forms.expectError("  bti x\n", 1, 7, "expected c, j or jc")
        forms.expectError("  psb\n", 1, 6, "expected an operand after 'psb'")
        forms.expectError("  ldp b0, b1, [x0]\n", 1, 7, "expected an S, D or Q register")
        forms.expectError("  ldp s0, d1, [x0]\n", 1, 11, "expected an S register")
        forms.expectError("  ldp q0, q1, [x0, #8]\n", 1, 20, "expected a multiple of 16")
        forms.expectError("  ldnp d0, d1, [x0, #8]!\n", 1, 16, "'ldnp' has no write-back form")
        forms.expectError("  fmov w0, d1\n", 1, 12, "expected an S register")
        forms.expectError("  fmov d0, w1\n", 1, 8, "expected an S register")
        forms.expectError("  fadd d0, d1, d2\n", 1, 3, "'fadd' with SIMD&FP operands is not modelled by SuspendScope")
        forms.expectError("  add v0.4s, v1.4s, v2.4s\n", 1, 3, "is not modelled by SuspendScope")
        forms.expectError("  ld1 {v0.16b}, [x0]\n", 1, 3, "'ld1' with SIMD&FP operands is not modelled")
        forms.expectError("  frobnicate x0\n", 1, 3, "unknown instruction 'frobnicate'")
    }
}
