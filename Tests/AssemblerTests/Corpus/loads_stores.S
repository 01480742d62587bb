// Loads and stores in every addressing mode, literals and literal pools.
        .text
        .globl  _start
_start:
        ldr     x0, [x1]
        ldr     x0, [x1, #8]
        ldr     x0, [x1, #32760]
        ldr     w0, [x1, #16380]
        ldr     x0, [x1, #-8]
        ldr     x0, [x1, #4]
        ldr     w0, [x1, #1]
        ldr     x0, [sp, #16]
        ldr     x0, [x1, #8]!
        ldr     x0, [x1, #-256]!
        ldr     x0, [x1], #8
        ldr     w0, [x1], #-4
        str     x0, [x1]
        str     x2, [x0], #8
        str     w2, [x0, #4]!
        str     x2, [x0, #255]
        str     xzr, [sp, #-16]!
        ldrb    w0, [x1]
        ldrb    w0, [x1, #4095]
        ldrb    w0, [x1, #-1]
        ldrb    w0, [x1], #1
        strb    w0, [x1, #1]!
        ldrh    w0, [x1, #2]
        ldrh    w0, [x1, #3]
        strh    w0, [x1, #8190]
        ldrsb   x0, [x1]
        ldrsb   w0, [x1, #5]
        ldrsh   x0, [x1, #-2]
        ldrsh   w0, [x1, #6]
        ldrsw   x0, [x1, #4]
        ldrsw   x0, [x1, #-4]
        ldrsw   x0, [x1], #4
        ldur    x0, [x1, #8]
        ldur    w0, [x1]
        stur    x0, [x1, #-255]
        ldurb   w0, [x1, #3]
        sturb   w0, [x1, #-1]
        ldurh   w0, [x1, #2]
        sturh   w0, [x1]
        ldursb  x0, [x1, #1]
        ldursh  w0, [x1, #-6]
        ldursw  x0, [x1, #12]
        ldr     x0, [x1, x2]
        ldr     x0, [x1, x2, lsl #3]
        ldr     w0, [x1, x2, lsl #2]
        ldr     x0, [x1, w2, uxtw]
        ldr     x0, [x1, w2, uxtw #3]
        ldr     x0, [x1, w2, sxtw]
        ldr     w0, [x1, w2, sxtw #2]
        ldr     x0, [x1, x2, sxtx #3]
        ldrb    w0, [x1, x2]
        ldrb    w0, [x1, x2, lsl #0]
        ldrh    w0, [x1, x2, lsl #1]
        strb    w0, [sp, w3, uxtw]
        str     x0, [x1, x2, lsl #3]
        ldrsw   x0, [x1, x2, lsl #2]
        ldp     x0, x1, [x2]
        ldp     x0, x1, [x2, #16]
        ldp     x0, x1, [x2, #-512]
        ldp     x0, x1, [sp, #504]
        ldp     x0, x1, [x2, #16]!
        ldp     x0, x1, [x2], #16
        stp     x29, x30, [sp, #-16]!
        stp     x29, lr, [sp, #-32]!
        ldp     x29, x30, [sp], #16
        stp     w0, w1, [x2, #8]
        ldp     w0, w1, [x2, #-256]
        stp     w0, w1, [x2], #4
        stp     w0, w1, [x2, #252]!
        ldr     x0, target
        ldr     w1, target
        ldrsw   x2, target
        ldr     x3, 1f
        ldr     x0, =0x1234
        ldr     x1, =1
        ldr     w2, =0x12345678
        ldr     x3, =_start
        ldr     x4, =0x1234
        ldr     w5, =1
        ldr     x6, =target + 8
        ldr     lr, =target
        b       2f
        .ltorg
2:      nop
        .balign 8
1:      .quad   0x1122334455667788
target: .quad   42
        ldr     x7, =0xffff
        ldr     w8, =-1
        .pool
        ldr     x9, =0xdeadbeefcafe
        adrp    x0, target
        add     x0, x0, :lo12:target
        ldr     x1, [x0, #:lo12:target]
        ldr     w1, [x0, :lo12:target]
        ret
        .data
        .balign 8
dvar:   .quad   1
        ldr     x0, =dvar
