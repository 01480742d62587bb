import Foundation
import A64

/// The disassembly corpus: one GNU as line per instruction form and alias of SPEC §1.
/// Every line assembles to exactly one word.
enum Corpus {
    static let handwritten = #"""
    movz x0, #0
    movz x0, #0xffff
    movz x1, #0x1234, lsl #16
    movz x2, #0x1234, lsl #32
    movz x3, #0x1234, lsl #48
    movz x4, #0, lsl #48
    movz w5, #0x1234, lsl #16
    movz w6, #0, lsl #16
    movz xzr, #1
    movn x0, #0
    movn x0, #0x1234, lsl #16
    movn w0, #0
    movn w0, #0xffff
    movn w0, #0xffff, lsl #16
    movn x0, #0, lsl #32
    movn xzr, #0
    movk x0, #0
    movk x0, #0xffff, lsl #48
    movk w30, #0x1234, lsl #16
    movk wzr, #1
    mov x0, #0x10000
    mov x0, #-2
    mov w0, #-2
    mov x0, #0xff00ff00ff00ff00
    mov w0, #0x00ff00ff
    mov sp, #0xff00ff00ff00ff00
    mov wsp, #0xff00ff00
    mov x0, sp
    mov sp, x1
    mov wsp, w1
    mov w1, wsp
    mov sp, sp
    mov x0, x1
    mov w0, w1
    mov x0, xzr
    mov xzr, x1
    add x0, x1, #0
    add x0, x1, #4095
    add x0, x1, #1, lsl #12
    add x0, x1, #4095, lsl #12
    add sp, sp, #16
    add x0, sp, #0, lsl #12
    add w0, wsp, #1
    sub sp, sp, #0x10
    sub w3, w4, #4095
    sub x0, sp, #0
    adds x0, x1, #1
    adds x0, sp, #1
    subs w0, w1, #1, lsl #12
    subs x0, sp, #0
    cmp x0, #1
    cmp sp, #4095
    cmp wsp, #0
    cmn w1, #1
    cmn x1, #1, lsl #12
    cmn sp, #0
    and x0, x1, #0xff
    and w0, w1, #0xff
    and sp, x1, #0xfffffffffffffff0
    and wsp, w1, #0xfffffff0
    and x0, xzr, #0x1
    orr x0, x1, #0x5555555555555555
    orr w0, wzr, #0x10000
    orr x0, xzr, #0xff
    orr x0, xzr, #0xffff0000
    orr x0, xzr, #0xffffffff
    orr w0, wzr, #0xffff
    orr w0, wzr, #0xaaaaaaaa
    orr sp, xzr, #0x5555555555555555
    orr w6, wzr, #0xfffffff9
    mov wsp, #0x3800
    orr x8, xzr, #0xffff8000ffffffff
    orr x8, xzr, #0xffff0000ffff0000
    eor x0, x1, #0x8000000000000000
    eor w0, w1, #0x80000000
    eor x0, x1, #0x7ffffffffffffffe
    ands x0, x1, #0x3
    ands w0, w1, #0xfffffffe
    ands xzr, x1, #0x3
    tst x0, #0x1
    tst w0, #0x7fffffff
    tst xzr, #0x1
    lsl x0, x1, #1
    lsl x0, x1, #63
    lsl w0, w1, #31
    lsl w0, w1, #1
    lsr x0, x1, #0
    lsr x0, x1, #63
    lsr w0, w1, #5
    lsr w0, w1, #0
    asr x0, x1, #63
    asr w0, w1, #1
    asr x0, x1, #0
    ror x0, x1, #1
    ror w0, w1, #31
    ror x0, x1, #0
    ubfx x0, x1, #4, #8
    ubfx w0, w1, #0, #31
    ubfx x0, x1, #0, #8
    ubfx x0, x1, #0, #16
    ubfx x0, x1, #0, #32
    sbfx x0, x1, #4, #8
    sbfx w0, w1, #1, #30
    ubfiz x0, x1, #4, #8
    ubfiz w0, w1, #31, #1
    sbfiz w0, w1, #1, #3
    sbfiz x0, x1, #63, #1
    bfi x0, x1, #8, #16
    bfi w0, w1, #31, #1
    bfxil w0, w1, #3, #4
    bfxil x0, x1, #0, #63
    bfc x0, #3, #4
    bfc w0, #0, #31
    bfxil x0, xzr, #3, #2
    uxtb w0, w1
    uxth w0, w1
    sxtb x0, w1
    sxtb w0, w1
    sxth x0, w1
    sxth w0, w1
    sxtw x0, w1
    sxtw xzr, wzr
    ubfm x0, x1, #0, #7
    ubfm x0, x1, #0, #15
    ubfm w0, w1, #0, #0
    sbfm x0, x1, #0, #0
    sbfm w0, w1, #0, #31
    bfm x0, x1, #0, #0
    bfm x0, x1, #63, #62
    extr x0, x1, x2, #3
    extr w0, w1, w2, #31
    extr x0, xzr, x2, #63
    extr x0, x1, x2, #0
    lsl x0, x1, x2
    lsr w0, w1, w2
    asr x0, x1, x2
    ror w0, w1, w2
    lsl xzr, xzr, xzr
    udiv x0, x1, x2
    sdiv w0, w1, w2
    udiv wzr, w1, wzr
    add x0, x1, x2
    add x0, x1, x2, lsl #63
    add w0, w1, w2, lsr #31
    add x0, xzr, x2, asr #1
    add xzr, x1, xzr
    adds x0, x1, x2
    adds x0, xzr, x2, lsl #1
    sub x0, x1, x2, lsl #1
    subs w0, w1, w2, asr #3
    neg x0, x1
    neg w0, w1, lsl #3
    negs x0, x1, asr #2
    negs w0, w1
    cmp x0, x1
    cmp w0, w1, lsl #2
    cmp xzr, x1
    cmn x0, x1
    cmn w0, w1, lsr #31
    add x0, x1, w2, uxtb
    add x0, x1, w2, uxth #1
    add x0, x1, w2, uxtw #2
    add x0, x1, x2, uxtx #3
    add x0, x1, w2, sxtb #4
    add x0, x1, w2, sxth
    add x0, x1, w2, sxtw
    add x0, x1, x2, sxtx
    add w0, w1, w2, uxtb
    add w0, w1, w2, sxth #2
    add w0, w1, w2, uxtx
    add w0, w1, w2, uxtw
    add sp, x1, x2, uxtx
    add x0, sp, x2, lsl #4
    add x0, sp, w2, uxtw
    add w0, wsp, w2
    add w0, wsp, w2, uxtx
    add wsp, w1, w2, uxtw #1
    add x0, sp, x1, sxtx
    sub sp, sp, x0
    sub x0, sp, w1, sxtw
    sub x0, x1, xzr, uxtx #4
    adds x0, sp, x1
    adds x0, x1, w2, uxtw
    adds xzr, x1, w2, uxtw
    subs x0, sp, x1, lsl #2
    subs x0, x1, x2, uxtx
    cmp sp, x1
    cmp x1, w2, uxtb
    cmn sp, w1, uxtw
    cmp wsp, w1
    cmp wsp, w1, uxtw #4
    and x0, x1, x2
    and w0, w1, w2, lsl #31
    bic x0, x1, x2, lsr #1
    orr x0, x1, x2, asr #63
    orr x0, xzr, x1, lsl #1
    orr x0, xzr, x1, lsr #0
    orr x0, xzr, x1, ror #0
    orn w0, w1, w2, ror #7
    eor x0, x1, x2, ror #0
    eor x0, x1, x2, lsr #0
    eon x0, x1, x2
    ands x0, x1, x2
    bics w0, w1, w2, lsl #4
    mvn x0, x1
    mvn w0, w1, ror #3
    tst x0, x1
    tst w0, w1, lsr #5
    madd x0, x1, x2, x3
    msub w0, w1, w2, w3
    mul x0, x1, x2
    mneg w0, w1, w2
    madd xzr, xzr, xzr, x0
    csel x0, x1, x2, eq
    csel w0, w1, w2, al
    csinc x0, x1, x2, ne
    csinc x0, x1, x1, al
    csinc x0, xzr, xzr, nv
    csinc x0, xzr, x1, eq
    csinc x0, x1, xzr, eq
    csinc x0, xzr, xzr, eq
    csinv w0, w1, w2, lt
    csinv x0, xzr, xzr, al
    csneg x0, x1, x2, ge
    csneg x0, x1, x1, al
    csneg x0, xzr, xzr, eq
    cset x0, eq
    cset w0, hs
    csetm x0, lo
    cinc x0, x1, mi
    cinv w0, w1, vs
    cneg x0, x1, gt
    adr x0, _start
    adr xzr, .
    adr x1, . + 1048575
    adr x1, . - 1048576
    adrp x0, _start
    adrp x1, . + 0x10000
    adrp x2, . - 0x100000000
    b _start
    bl _start
    b . + 4
    b . + 0x7fffffc
    bl . - 0x8000000
    br x0
    blr x30
    br xzr
    ret
    ret x1
    ret xzr
    cbz x0, _start
    cbnz w1, . + 8
    cbz xzr, . + 0xffffc
    cbnz w0, . - 0x100000
    tbz x0, #63, .
    tbnz w1, #0, . + 4
    tbz w2, #31, .
    tbnz x30, #32, . + 0x7ffc
    tbz xzr, #40, . - 0x8000
    eret
    svc #0
    svc #0xffff
    hvc #0
    hvc #0x10
    smc #1
    brk #0x3e8
    hlt #0xf000
    udf #0
    udf #65535
    udf #17
    nop
    yield
    wfe
    wfi
    sev
    sevl
    hint #6
    hint #127
    hint #8
    hint #34
    isb
    isb #1
    clrex
    clrex #1
    sb
    ssbb
    pssbb
    dsb #8
    dmb #0
    msr spsel, #0
    msr spsel, #1
    msr daifset, #0xf
    msr daifclr, #2
    msr daifset, #0
    msr daifclr, #15
    tlbi alle2
    tlbi alle2is
    tlbi alle1
    tlbi alle1is
    tlbi vmalls12e1
    tlbi vmalls12e1is
    tlbi vae2, x0
    tlbi vae2is, x1
    tlbi ipas2e1is, x2
    tlbi vmalle1
    dc civac, x0
    dc cvac, x1
    dc ivac, x2
    dc cvau, x3
    dc zva, x4
    dc cisw, x5
    dc civac, xzr
    ic iallu
    ic ialluis
    ic ivau, x4
    at s1e2r, x0
    at s12e1r, x1
    sys #0, c7, c5, #0, x1
    sys #7, c15, c15, #7, x0
    sys #7, c15, c15, #7
    sys #0, c0, c0, #0, xzr
    mrs x0, s3_4_c15_c1_0
    mrs x1, s3_7_c15_c15_7
    msr s3_0_c15_c2_0, x2
    msr s3_3_c11_c0_7, xzr
    mrs xzr, s3_6_c15_c0_0
    mrs x0, s2_7_c15_c15_7
    """#

    static let conditions = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"]

    /// Lines generated per condition, system register, barrier option and load/store form.
    static var generated: [String] {
        var l: [String] = []
        for c in conditions {
            l.append("b.\(c) _start")
            l.append("csel x0, x1, x2, \(c)")
            l.append("csinc w0, w1, w2, \(c)")
            l.append("csinv x3, x4, x5, \(c)")
            l.append("csneg w3, w4, w5, \(c)")
            if c != "al" && c != "nv" {
                l += ["cset x0, \(c)", "csetm w0, \(c)", "cinc x1, x2, \(c)", "cinv w1, w2, \(c)", "cneg x1, x2, \(c)"]
            }
        }
        for r in SystemRegisterCatalogue.all {
            l.append("mrs x1, \(r.name)")
            l.append("msr \(r.name), x2")
            l.append("mrs xzr, \(r.encoding.genericName)")
        }
        for o in ["sy", "st", "ld", "ish", "ishst", "ishld", "nsh", "nshst", "nshld", "osh", "oshst", "oshld"] {
            l.append("dsb \(o)")
            l.append("dmb \(o)")
        }
        // Single-register loads and stores: mnemonic, register prefix, log2 size.
        let singles: [(String, String, Int)] = [
            ("strb", "w", 0), ("ldrb", "w", 0), ("strh", "w", 1), ("ldrh", "w", 1),
            ("str", "w", 2), ("ldr", "w", 2), ("str", "x", 3), ("ldr", "x", 3),
            ("ldrsb", "w", 0), ("ldrsb", "x", 0), ("ldrsh", "w", 1), ("ldrsh", "x", 1), ("ldrsw", "x", 2),
        ]
        for (m, p, s) in singles {
            let maxOff = 4095 << s
            let um = m.replacingOccurrences(of: "ld", with: "ldu").replacingOccurrences(of: "st", with: "stu")
            l += [
                "\(m) \(p)0, [x1]", "\(m) \(p)2, [sp, #\(maxOff)]", "\(m) \(p)30, [x29, #\(1 << s)]",
                "\(m) \(p)zr, [x3]",
                "\(um) \(p)0, [x1, #-256]", "\(um) \(p)0, [sp, #255]", "\(um) \(p)0, [x1]", "\(um) \(p)0, [x1, #1]",
                "\(m) \(p)0, [x1, #-256]!", "\(m) \(p)0, [sp, #255]!", "\(m) \(p)0, [x1, #0]!",
                "\(m) \(p)0, [x1], #-256", "\(m) \(p)0, [sp], #255", "\(m) \(p)0, [x1], #0",
                "\(m) \(p)0, [x1, x2]", "\(m) \(p)0, [x1, x2, lsl #\(s)]", "\(m) \(p)0, [sp, xzr]",
                "\(m) \(p)0, [x1, w2, uxtw]", "\(m) \(p)0, [x1, w2, uxtw #\(s)]",
                "\(m) \(p)0, [x1, w2, sxtw]", "\(m) \(p)0, [x1, w2, sxtw #\(s)]",
                "\(m) \(p)0, [x1, x2, sxtx]", "\(m) \(p)0, [x1, x2, sxtx #\(s)]",
            ]
            if m.hasPrefix("st") {
                l += ["\(m) \(p)1, [x1, #8]!", "\(m) \(p)1, [x1], #8"] // write-back with Rt == Rn is allowed for stores
            }
        }
        l += ["ldr w0, _start", "ldr x1, . + 0xffffc", "ldr xzr, . - 0x100000", "ldrsw x2, _start", "ldr w30, ."]
        for p in ["w", "x"] {
            let unit = p == "w" ? 4 : 8
            for m in ["ldp", "stp"] {
                l += [
                    "\(m) \(p)0, \(p)1, [x2]", "\(m) \(p)29, \(p)30, [sp, #\(63 * unit)]", "\(m) \(p)0, \(p)1, [x2, #\(-64 * unit)]",
                    "\(m) \(p)0, \(p)1, [sp, #-\(2 * unit)]!", "\(m) \(p)0, \(p)1, [x2, #0]!", "\(m) \(p)0, \(p)1, [x2, #\(63 * unit)]!",
                    "\(m) \(p)0, \(p)1, [sp], #\(2 * unit)", "\(m) \(p)0, \(p)1, [x2], #\(-64 * unit)", "\(m) \(p)30, \(p)zr, [x2, #\(unit)]",
                ]
            }
            l.append("stp \(p)2, \(p)2, [x2, #\(unit)]!")
        }
        return l
    }

    /// Every line, in order.
    static var lines: [String] {
        handwritten.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } + generated
            + integerLines + systemLines
    }

    /// The assembler source: `.arch` for SB/BFC/TLBI-range era instructions, `_start` first.
    static var source: String {
        ".arch armv8.5-a+memtag+predres+sve\n.text\n_start:\n" + lines.map { "    " + $0 }.joined(separator: "\n") + "\n"
    }
}
