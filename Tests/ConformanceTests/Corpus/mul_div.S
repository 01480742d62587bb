// Multiply-add/sub and division, including /0 and INT_MIN / -1.
        .text
        .global _start
_start:
        ldr     x1, =0x0000000100000003
        ldr     x2, =0xfffffffffffffffd
        ldr     x3, =0x8000000000000000
        mov     x4, #-1
        mov     w5, #0x80000000
        mov     x6, #0
        madd    x7, x1, x2, x3
        msub    x8, x1, x2, x3
        mul     x9, x2, x2
        mneg    w10, w1, w2
        madd    w11, w2, w2, w4
        udiv    x12, x2, x1
        sdiv    x13, x2, x1
        udiv    x14, x1, x6
        sdiv    x15, x1, x6
        sdiv    x16, x3, x4
        sdiv    w17, w5, w4
        udiv    w18, w5, w4
        sdiv    w19, w2, w1
        udiv    w20, w4, w6
        sdiv    x21, x4, x3
        mul     x22, x3, x4
        mul     w23, w5, w5
        udiv    x24, x3, x3
        sdiv    x25, x2, x4
        msub    w26, w4, w4, w4
        madd    x27, xzr, x1, x2
        sdiv    w28, w4, w4
done:
        b       done
        .ltorg
