// Loads and stores: every addressing mode and width, sign extension, pairs.
// memory: buf:256
        .text
        .global _start
_start:
        adr     x1, buf
        ldr     x2, =0x8899aabbccddeeff
        ldr     x3, =0x0123456789abcdef
        str     x2, [x1]
        str     w3, [x1, #8]
        strh    w2, [x1, #12]
        strb    w3, [x1, #14]
        stur    x3, [x1, #17]
        sturh   w2, [x1, #27]
        ldr     x4, [x1]
        ldr     w5, [x1, #4]
        ldrh    w6, [x1, #6]
        ldrb    w7, [x1, #7]
        ldrsb   x8, [x1, #7]
        ldrsb   w9, [x1, #7]
        ldrsh   x10, [x1, #6]
        ldrsh   w11, [x1, #2]
        ldrsw   x12, [x1, #4]
        ldur    x13, [x1, #1]
        ldursw  x14, [x1, #-0]
        ldurb   w15, [x1, #3]
        mov     x16, x1
        str     x3, [x16, #32]!
        str     w2, [x16], #8
        ldr     x17, [x16, #-8]!
        ldrb    w18, [x16], #-1
        ldrsh   x19, [x16, #3]!
        mov     x20, #5
        str     x2, [x1, x20, lsl #3]
        ldr     w21, [x1, x20, lsl #2]
        ldrh    w22, [x1, w20, uxtw #1]
        mov     w23, #-2
        ldrsb   x24, [x1, w20, sxtw]
        add     x25, x1, #64
        ldr     x26, [x25, w23, sxtw #3]
        strb    w3, [x25, w23, sxtw]
        ldrsw   x27, [x1, x20, lsl #2]
        stp     x2, x3, [x1, #96]
        stp     w3, w2, [x1, #112]
        ldp     x28, x29, [x1, #96]
        ldp     w30, w0, [x1, #112]
        mov     x16, x1
        stp     x3, x2, [x16, #128]!
        stp     x2, x3, [x16], #16
        ldp     x4, x5, [x16, #-32]!
        ldp     w6, w7, [x16], #-8
        strh    w3, [x1, #250]
        ldr     x8, [x1, #248]
        ldr     x9, literal
        ldrsw   x10, literal
        ldr     w11, literal
        str     xzr, [x1, #200]
        strh    wzr, [x1, #202]
done:
        b       done
literal:
        .quad   0xfedcba9880000000
        .data
        .balign 16
buf:    .fill   32, 8, 0x5a5a5a5a5a5a5a5a
