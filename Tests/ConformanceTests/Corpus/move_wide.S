// Move-wide instructions and their aliases.
        .text
        .global _start
_start:
        movz    x0, #0x1234
        movz    x1, #0xffff, lsl #48
        movk    x1, #0xabcd, lsl #16
        movn    x2, #0
        movn    w3, #0
        movn    x4, #0x1234, lsl #32
        mov     x5, #-1
        mov     w6, #0x80000000
        mov     x7, #0x7fffffffffffffff
        mov     x8, #0x5555555555555555
        mov     w9, #-2
        movk    w9, #0x1111
        movz    w10, #0xffff, lsl #16
        movk    x11, #0xbeef, lsl #48
        mov     x12, sp
        mov     x13, x8
        mov     w14, w2
        mov     x15, #0x10000
        movz    x16, #1, lsl #32
        movk    x16, #2, lsl #16
        movn    w17, #0xff, lsl #16
done:
        b       done
