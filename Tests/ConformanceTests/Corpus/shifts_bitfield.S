// Shifts (immediate and register), bitfield aliases, extends, EXTR.
        .text
        .global _start
_start:
        ldr     x1, =0x8123456789abcdef
        mov     x2, #68
        lsl     x3, x1, #4
        lsr     x4, x1, #60
        asr     x5, x1, #33
        ror     x6, x1, #13
        lsl     w7, w1, #31
        asr     w8, w1, #7
        ror     w9, w1, #1
        lslv    x10, x1, x2
        lsrv    w11, w1, w2
        asrv    x12, x1, x2
        rorv    w13, w1, w2
        ubfx    x14, x1, #8, #12
        sbfx    x15, x1, #60, #4
        bfi     x16, x1, #8, #16
        bfxil   w17, w1, #3, #5
        ubfiz   x18, x1, #40, #20
        sbfiz   w19, w1, #4, #8
        sxtb    x20, w1
        sxth    w21, w1
        sxtw    x22, w1
        uxtb    w23, w1
        uxth    w24, w1
        extr    x25, x1, x2, #17
        extr    w26, w1, w2, #31
        extr    x27, x1, x1, #0
        bfm     x28, x1, #60, #3
        sbfm    x29, x1, #0, #63
        ubfm    w30, w1, #31, #30
        mov     x0, #-1
        bfxil   x0, xzr, #0, #8
        lsl     x1, x1, #0
done:
        b       done
        .ltorg
