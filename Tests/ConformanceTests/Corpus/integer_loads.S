// LDPSW in every index form, LDNP/STNP, the unprivileged loads and stores of every size and
// sign (at EL2 they act as LDR/STR), LDUR/STUR of every size and sign, register offsets with
// every extend and shift, and PRFM/PRFUM (no effect, not even on unmapped addresses).
// memory: buf:128
        .text
        .global _start
_start:
        adr     x10, buf
        ldpsw   x0, x1, [x10]
        ldpsw   x2, x3, [x10, #8]!
        ldpsw   x4, x5, [x10], #-8
        ldpsw   x6, x7, [x10, #16]
        stnp    x0, x7, [x10, #32]
        stnp    w1, w6, [x10, #48]
        ldnp    x8, x9, [x10, #32]
        ldnp    w11, w12, [x10, #48]
        sttr    x3, [x10, #64]
        sttr    w2, [x10, #72]
        sttrb   w1, [x10, #76]
        sttrh   w0, [x10, #78]
        ldtr    x13, [x10, #64]
        ldtr    w14, [x10, #75]
        ldtrb   w15, [x10, #76]
        ldtrh   w16, [x10, #78]
        ldtrsb  x17, [x10, #76]
        ldtrsb  w18, [x10, #79]
        ldtrsh  x19, [x10, #78]
        ldtrsh  w20, [x10, #14]
        ldtrsw  x21, [x10, #4]
        ldursw  x22, [x10, #9]
        ldursh  w23, [x10, #-0]
        ldursb  x24, [x10, #15]
        stur    x21, [x10, #81]
        sturh   w23, [x10, #91]
        sturb   w24, [x10, #95]
        ldur    x25, [x10, #83]
        mov     x11, #2
        mov     x12, #-2
        ldrsb   x26, [x10, x11]
        ldrsh   w27, [x10, w11, uxtw #1]
        ldrsw   x28, [x10, w11, sxtw #2]
        ldr     x29, [x10, x11, lsl #3]
        add     x13, x10, #64
        ldr     w30, [x13, w12, sxtw #2]
        strh    w26, [x13, x12, sxtx #1]
        strb    w27, [x13, x12, sxtx]
        mov     x12, #0x50000000
        prfm    pldl1keep, [x12]
        prfm    pstl3strm, [x12, #8]
        prfm    #0x1f, [x12, x11, lsl #3]
        prfum   plil2keep, [x12, #-1]
        prfm    pldl2keep, buf
        mov     x0, sp
        mov     x12, #1
        mov     sp, x12
        prfm    pldl1keep, [sp]
        mov     sp, x0
done:   b       done

        .balign 16
buf:    .quad   0x80000000ffffffff, 0x7fffffff80000001, 0x0123456789abcdef, 0xfedcba9876543210
        .quad   0, 0, 0, 0
        .quad   0, 0, 0, 0
        .quad   0, 0, 0, 0
