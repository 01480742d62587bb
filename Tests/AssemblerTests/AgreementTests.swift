import Foundation
import Testing
@testable import Assembler
import TestSupport

/// One-line programs on the edges of the syntax: where GNU as accepts, the bytes must match;
/// where it rejects, we must reject too (with a one-line positioned error).
@Suite(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
struct AgreementTests {
    static let lines: [String] = [
        "ldr x0, [x1, x2, lsl #0]", "ldr w0, [x1, x2, lsl #2]", "ldr w0, [x1, x2, lsl #3]",
        "ldrh w0, [x1, x2, lsl #0]", "ldrb w0, [x1, w2, sxtw]", "ldrb w0, [x1, w2, uxtw #0]",
        "ldr x0, [x1, w2]", "ldr x0, [x1, x2, uxtw]", "str x0, [x1, #-257]", "ldr x0, [x1, #32761]",
        "ldur x0, [x1, #256]", "ldr x0, [x1], #256", "ldr x0, [x1, #-257]!", "ldp x0, x1, [x2, #512]",
        "ldp x0, x1, [x2, #-520]", "stp x0, x1, [x2], #-512", "ldp w0, x1, [x2]",
        "add x0, x1, #4096", "add x0, x1, #0x1001000", "add x0, x1, #0xfff000", "sub x0, x1, #-4096",
        "add x0, x1, #1, lsl #1", "adds sp, x1, #1", "add x0, xzr, #1", "add x0, x1, sp",
        "add x0, x1, x2, ror #1", "add w0, w1, w2, lsl #32", "add x0, x1, w2, uxtw #5", "add x0, x1, w2",
        "add x0, sp, x1, lsl #5", "add x0, sp, x1, lsr #2", "cmp sp, #1", "cmn sp, x1",
        "and x0, x1, #0", "and x0, x1, #-1", "and w0, w1, #0x100000000", "and w0, w1, #-2",
        "orr x0, xzr, #0xff", "ands sp, x1, #1", "tst sp, #1", "bic w0, w1, #-1", "bic x0, x1, #0xffff",
        "mov x0, #0x10001", "mov w0, #0x100000000", "mov w0, #-0x80000001", "mov wsp, #1", "mov sp, #-1",
        "mov x0, xzr", "mov xzr, x0", "mov sp, xzr", "mov w0, wzr", "mov x0, w1",
        "movz x0, #1, lsl #8", "movz w0, #1, lsl #32", "movk x0, #0x10000", "movn x0, #-1", "movz x0, #-1",
        "lsl x0, x1, #64", "lsl w0, w1, #32", "lsr x0, x1, #0", "asr w0, w1, #31", "ror x0, x1, #64",
        "ubfx x0, x1, #60, #5", "ubfx x0, x1, #0, #64", "bfi w0, w1, #31, #1", "bfi w0, w1, #0, #33",
        "sbfiz x0, x1, #0, #64", "uxtb x0, w1", "sxtw w0, w1", "sxth x0, x1", "extr x0, x1, x2, #64",
        "cset x0, al", "cinc x0, x1, nv", "csel x0, x1, w2, eq", "csel x0, x1, x2, foo",
        "tbz x0, #64, .", "tbz w0, #31, .", "tbnz x0, #31, .", "cbz sp, .", "b.eq . + 1048572", "b.eq . + 1048576",
        "b . + 134217724", "b . + 134217728", "bl . - 134217728", "tbz x0, #1, . + 32764", "tbz x0, #1, . + 32768",
        "adr x0, . + 1048575", "adr x0, . + 1048576", "adr w0, .", "adrp x0, . + 0x100000000",
        "ret sp", "ret xzr", "br w0", "blr xzr", "svc #65536", "svc #-1", "hvc 1", "brk #0x10000",
        "udf #65535", "hint #128", "hint #127", "clrex #16", "isb ish", "isb #5", "dsb #16", "dmb foo", "dsb",
        "msr spsel, #2", "msr daifclr, #0", "msr daif, #3", "msr vbar_el2, w0", "mrs w0, vbar_el2",
        "mrs x0, s2_0_c0_c0_0", "mrs x0, s3_8_c0_c0_0", "mrs x0, s1_0_c0_c0_0", "msr currentel, x0",
        "tlbi vae2", "tlbi alle2, x0", "dc civac", "ic iallu, x0", "ic ivau, x1", "at s1e2w, x2",
        "sys #7, c15, c15, #7", "sys #8, c0, c0, #0", "sys #0, c16, c0, #0",
        "ldr x0, =", "ldr x0, =1, 2", "ldrb w0, =1", "ldr w0, =0x100000000", "ldr x0, =-1",
        "ldrsw x0, =1", "ldr sp, =1",
        "nop x0", "wfi #1", "eret x0", "ret x0, x1", "nop;nop;;nop", "  ;  ", "1: 2: b 2b",
        ".word 1,", ".word ,1", ".byte 256", ".byte -129", ".hword 0x10000", ".quad 1 2",
        ".ascii \"a\" \"b\"", ".ascii 1", ".asciz", ".string \"\\x414\"", ".ascii \"\\777\"",
        ".skip 2, 300", ".zero 3, 1", ".balign 0", ".p2align 17", ".align 16", ".balign 8, 0x1234",
        "x = 1 + ", "x = 1\nx = 2", ".equ x, 1\n.equ x, 2", ".equiv x, 1\n.equiv x, 2", ".set x, 1\n.set x, x+1\n.word x",
        ".equ dot, .\n.word dot", ".global", ".type foo, %frobnicate", ".size", ".section", ".section .x, \"q\"",
        ".word 'a, 'b'", ".word 1 ? 2", ".word 5 % 0", ".word 1 << 64", ".word -1 >> 1", ".word 0b", ".word 08",
        "mov x0, #(1 << 16)", "mov x0, # 1", "mov x0,#1", "MOV X0, #1", "Mov x0, X1", "ldr X0, [SP, #8]",
        "add x0, x1, :lo12:0x12345", "ldr x0, [x1, :lo12:0x12348]", "ldr x0, [x1, :lo12:0x12344]",
        "ldr x0, [x1, #:got:foo]", "b.eq", "b.xx .", "bxx .", "b.", "cbz x0", "ldr x0", "ldr x0, [x1",
        "ldr x0, x1]", "ldr x0, [x1]!", "ldr x0, [x1, #8]!!", "ldr x0, [x1], x2", "ldr x0, [xzr]", "ldr x0, [w1]",
        "stp x0, x1, [x2, x3]", "ldp x0, x0, [x1]", "ldr x0, [x0], #8", "ldr x0, [x0, #8]!",
    ]

    /// Where we deliberately differ from GNU as 2.40 (which accepts these, mostly with a warning):
    /// - division/modulo by zero is an error (GNU warns and uses 0);
    /// - UNPREDICTABLE forms (LDP with Rt == Rt2, writeback with Rt == Rn) are rejected, because
    ///   the A64 decoder treats those words as reserved;
    /// - `s1_...` generic names (op0 = 1, the SYS space) are not accepted by MRS/MSR.
    /// - `:lo12:` of a plain constant is accepted (GNU wants a symbol).
    /// - a missing operand of `=`/`.equ` is an error (GNU warns and assumes 0); `.word 1,` is accepted as GNU does.
    static let knownDifferences: Set<String> = [
        ".word 5 % 0", "ldp x0, x0, [x1]", "ldr x0, [x0], #8", "ldr x0, [x0, #8]!", "mrs x0, s1_0_c0_c0_0",
        "add x0, x1, :lo12:0x12345", "ldr x0, [x1, :lo12:0x12348]", "x = 1 + ",
    ]

    @Test func agreeWithGNU() throws {
        var mismatches: [String] = []
        for line in Self.lines {
            // A trailing NOP keeps the image non-empty (objcopy writes no file for an empty one).
            let src = "_start:\n" + line + "\n nop\n"
            let gnu: [UInt8]?
            do { gnu = try GNUToolchain.build(source: src).image } catch { gnu = nil }
            let ours: [UInt8]?
            do { ours = try Assembler.assemble(source: src, fileName: "t.S").image }
            catch let e as AssemblyError {
                #expect(!e.description.contains("\n"))
                ours = nil
            }
            if gnu != ours && !Self.knownDifferences.contains(line) {
                mismatches.append("\(line.debugDescription): GNU \(gnu.map { "\($0.count) bytes" } ?? "rejects") ours \(ours.map { "\($0.count) bytes" } ?? "rejects")")
            }
        }
        print("AGREEMENT \(Self.lines.count - mismatches.count)/\(Self.lines.count)")
        for m in mismatches { print("MISMATCH \(m)") }
        #expect(mismatches.isEmpty)
    }
}
