// Logical immediate and shifted register, with flags; aliases mov/mvn/tst.
        .text
        .global _start
_start:
        ldr     x1, =0x0123456789abcdef
        ldr     x2, =0xfedcba9876543210
        and     x3, x1, #0xff00ff00ff00ff00
        orr     x4, x1, #0x5555555555555555
        eor     x5, x2, #0x3
        ands    x6, x1, #0x8000000000000000
        mrs     x7, nzcv
        ands    w8, w1, #0xf0
        mrs     x9, nzcv
        tst     x2, #0x1
        mrs     x10, nzcv
        and     x11, x1, x2, lsl #4
        bic     x12, x1, x2, lsr #8
        orr     x13, x1, x2, asr #12
        orn     x14, x1, x2, ror #16
        eor     w15, w1, w2, ror #31
        eon     x16, x1, x2
        ands    x17, x1, x2, lsl #63
        mrs     x18, nzcv
        bics    w19, w1, w1
        mrs     x20, nzcv
        mvn     x21, x1
        mvn     w22, w2, lsl #3
        mov     x23, #0xffff0000ffff0000
        orr     w24, wzr, #0x7fffffff
        and     sp, x1, #0xfffffffffffffff0
        mov     x25, sp
        eor     w26, w1, #0xaaaaaaaa
        tst     w2, w1, lsr #2
        mrs     x27, nzcv
        orr     x28, xzr, x2
        and     x29, x2, #0x3ffffffff
        orr     x30, x1, #0x1e0
done:
        b       done
        .ltorg
