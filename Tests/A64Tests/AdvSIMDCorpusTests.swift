import Testing
import TestSupport
@testable import A64

/// The AdvSIMD and crypto forms real code contains (memcpy/memset loops, checksums, AES and SHA
/// kernels, FP vector code), written as GNU as takes them, assembled by GNU as with the A57's
/// crypto extension, and disassembled by objdump and by SuspendScope: the texts must agree and
/// every word must decode as a (not modelled) instruction.
@Suite struct AdvSIMDCorpusTests {
    static let source = """
        .arch armv8-a+crypto
        .text
    _start:
        ld1 {v0.16b}, [x1]
        ld1 {v0.16b, v1.16b}, [x1], #32
        ld1 {v0.16b-v3.16b}, [x1], #64
        st1 {v0.2d-v2.2d}, [x0], x2
        ld2 {v4.8h, v5.8h}, [sp]
        st3 {v29.4s, v30.4s, v31.4s}, [x3]
        ld4 {v31.8b, v0.8b, v1.8b, v2.8b}, [x4], #32
        ld1 {v7.s}[3], [x5]
        st1 {v7.d}[1], [x5], #8
        ld2 {v1.h, v2.h}[5], [x6], x7
        ld3r {v0.4s-v2.4s}, [x8]
        ld1r {v9.2d}, [x9], #8
        ld4 {v0.b-v3.b}[15], [x10]
        dup v0.4s, w1
        dup v1.2d, x2
        dup v2.16b, v3.b[7]
        mov s4, v5.s[3]
        mov v6.s[1], w7
        mov v6.d[1], x7
        mov v8.h[2], v9.h[7]
        umov w0, v1.b[3]
        umov w0, v1.h[3]
        mov w0, v1.s[3]
        mov x0, v1.d[1]
        smov x0, v1.h[3]
        smov w0, v1.b[15]
        movi v0.16b, #0
        movi v0.4s, #0xff, lsl #24
        movi v0.2d, #0xff00ff00ff00ff00
        movi d0, #0xffffffffffffffff
        movi v1.4s, #0x12, msl #16
        mvni v2.8h, #0x34, lsl #8
        orr v3.4s, #0x1
        bic v4.4h, #0x80, lsl #8
        fmov v5.4s, #1.0
        fmov v6.2d, #-0.5
        add v0.4s, v1.4s, v2.4s
        sub v0.2d, v1.2d, v2.2d
        mul v0.8h, v1.8h, v2.8h
        mla v0.4s, v1.4s, v2.s[3]
        and v0.16b, v1.16b, v2.16b
        orr v0.16b, v1.16b, v2.16b
        mov v0.16b, v1.16b
        eor v0.8b, v1.8b, v2.8b
        bsl v0.16b, v1.16b, v2.16b
        not v0.16b, v1.16b
        cmeq v0.16b, v1.16b, #0
        cmhi v0.2d, v1.2d, v2.2d
        addp v0.4s, v1.4s, v2.4s
        addv s0, v1.4s
        uaddlv h0, v1.16b
        umaxv b0, v1.16b
        cnt v0.8b, v1.8b
        uaddlp v0.4h, v1.8b
        rev32 v0.16b, v1.16b
        rev64 v0.4s, v1.4s
        ext v0.16b, v1.16b, v2.16b, #8
        tbl v0.16b, {v1.16b, v2.16b}, v3.16b
        tbx v0.8b, {v28.16b-v31.16b}, v3.8b
        zip1 v0.4s, v1.4s, v2.4s
        uzp2 v0.8h, v1.8h, v2.8h
        trn1 v0.2d, v1.2d, v2.2d
        ushr v0.2d, v1.2d, #63
        shl v0.4s, v1.4s, #3
        sli d0, d1, #32
        sshr d2, d3, #1
        ushll v0.8h, v1.8b, #0
        uxtl2 v0.4s, v1.8h
        sxtl v0.2d, v1.2s
        shrn v0.8b, v1.8h, #8
        rshrn2 v0.16b, v1.8h, #4
        xtn v0.2s, v1.2d
        xtn2 v0.8h, v1.4s
        umull v0.2d, v1.2s, v2.2s
        umull2 v0.4s, v1.8h, v2.8h
        pmull v0.1q, v1.1d, v2.1d
        pmull2 v0.1q, v1.2d, v2.2d
        pmull v0.8h, v1.8b, v2.8b
        uaddw v0.8h, v1.8h, v2.8b
        addhn v0.4h, v1.4s, v2.4s
        sqdmlal s0, h1, v2.h[7]
        sqdmulh v0.4s, v1.4s, v2.s[1]
        fadd v0.4s, v1.4s, v2.4s
        fmul v0.2d, v1.2d, v2.d[1]
        fmla v0.2s, v1.2s, v2.s[3]
        fcmgt v0.4s, v1.4s, #0.0
        fabs v0.2d, v1.2d
        fcvtzs v0.4s, v1.4s
        fcvtzs v0.4s, v1.4s, #16
        scvtf d0, d1
        ucvtf s0, s1, #8
        fcvtn v0.4h, v1.4s
        fcvtl2 v0.2d, v1.4s
        fcvtxn s0, d1
        frintn v0.4s, v1.4s
        fmaxnmv s0, v1.4s
        faddp d0, v1.2d
        addp d0, v1.2d
        sqadd b0, b1, b2
        cmge d0, d1, #0
        uqxtn h0, s1
        fmulx s0, s1, s2
        aese v0.16b, v1.16b
        aesmc v0.16b, v0.16b
        aesd v0.16b, v1.16b
        aesimc v0.16b, v0.16b
        sha1c q0, s1, v2.4s
        sha1h s0, s1
        sha1su0 v0.4s, v1.4s, v2.4s
        sha1su1 v0.4s, v1.4s
        sha256h q0, q1, v2.4s
        sha256h2 q0, q1, v2.4s
        sha256su0 v0.4s, v1.4s
        sha256su1 v0.4s, v1.4s, v2.4s
    """

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func commonFormsMatchObjdump() throws {
        let build = try GNUToolchain.build(source: Self.source)
        let dump = try GNUToolchain.objdump(elf: build.elf)
        let lines = Self.source.split(separator: "\n").filter { $0.hasPrefix("    ") && !$0.hasPrefix("    .") }
        #expect(dump.count == lines.count)
        for d in dump {
            let i = Decoder.decode(d.word)
            #expect(i.op == .notModelled, "0x\(String(d.word, radix: 16)) \(d.text)")
            #expect(Disassembler.text(i, at: d.address) == d.text, "0x\(String(d.word, radix: 16))")
        }
    }
}
