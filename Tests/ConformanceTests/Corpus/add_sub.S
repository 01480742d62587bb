// Add/subtract: immediate (with lsl #12), shifted register, extended register, SP forms, flags.
        .text
        .global _start
_start:
        ldr     x1, =stack_top
        mov     sp, x1
        ldr     x2, =0x7fffffffffffffff
        ldr     x3, =0x8000000000000000
        mov     x4, #-1
        mov     w5, #0x80000000
        add     x6, x2, #1
        adds    x7, x2, #1
        mrs     x8, nzcv
        sub     x9, x3, #1, lsl #12
        subs    x10, x3, #1
        mrs     x11, nzcv
        adds    w12, w5, w5
        mrs     x13, nzcv
        cmp     x4, #0xfff
        mrs     x14, nzcv
        cmn     w4, #1
        mrs     x15, nzcv
        add     x16, x2, x3, lsl #1
        sub     x17, x4, x2, lsr #7
        adds    x18, x3, x3, asr #63
        subs    w19, w5, w4, lsl #31
        mrs     x20, nzcv
        neg     x21, x3
        negs    w22, w5
        mrs     x23, nzcv
        add     x24, sp, #0x10
        sub     sp, sp, #0x20
        add     x25, sp, w4, uxtb #2
        add     x26, x2, w4, sxtb
        sub     x27, x3, w5, sxtw #4
        adds    x28, x4, w5, uxth #1
        subs    x29, x4, x4, uxtx #3
        mrs     x30, nzcv
        add     sp, sp, x1, uxtx #0
        sub     sp, sp, x1
        add     x0, sp, #0x20
        mov     sp, x0
        add     w1, w4, w4, sxth
        cmp     sp, #0x10
        cmn     x4, x4, lsl #63
        adds    x0, x0, #0
        sub     w2, wsp, #1
done:
        b       done
        .ltorg
        .data
        .balign 16
stack:  .skip   256
stack_top:
