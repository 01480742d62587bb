// Data processing: every form and alias GNU as picks for us.
        .text
        .global _start
_start:
        mov     x0, #0
        mov     x1, #1
        mov     x2, #0x10000
        mov     x3, #0x12340000
        mov     x4, #0xffff000000000000
        mov     x5, #-1
        mov     x6, #-0x10001
        mov     w7, #0xffff0000
        mov     w8, #-2
        mov     w9, #0xffffffff
        mov     x10, #0x5555555555555555
        mov     w11, #0x0f0f0f0f
        mov     sp, #0x1000
        mov     x12, sp
        mov     sp, x13
        mov     wsp, w14
        mov     w15, w16
        mov     x17, x18
        mov     lr, fp
        movz    x0, #1, lsl #16
        movz    w1, #0xffff
        movk    x2, #0xbeef, lsl #48
        movk    w3, #1, lsl #16
        movn    x4, #5
        movn    w5, #5, lsl #16
        add     x0, x1, #1
        add     x0, x1, #4095
        add     x0, x1, #0x1000
        add     x0, x1, #1, lsl #12
        add     w0, w1, #12, lsl #0
        add     x0, x1, #-4
        sub     x0, x1, #8
        sub     sp, sp, #0x40
        add     sp, sp, #0x40
        adds    x0, sp, #1
        subs    w0, w1, #-3
        add     x0, x1, x2
        add     x0, x1, x2, lsl #3
        add     w0, w1, w2, lsr #31
        sub     x0, x1, x2, asr #63
        adds    x0, x1, x2
        subs    x0, x1, x2, lsl #1
        add     x0, sp, x1
        add     sp, sp, x1
        add     x0, x1, w2, uxtw
        add     x0, x1, w2, uxtw #2
        add     x0, x1, w2, sxtw #4
        add     x0, sp, x2, lsl #3
        sub     x0, x1, x2, sxtx
        add     w0, w1, w2, uxtb
        add     w0, wsp, w2, uxth #1
        subs    x0, sp, x3
        cmp     x0, #1
        cmp     x0, #-1
        cmp     w1, w2
        cmp     x1, x2, lsl #4
        cmp     sp, x2
        cmn     x0, #12
        cmn     w0, w1
        tst     x0, #1
        tst     w0, #0xff
        tst     x0, x1, lsl #2
        neg     x0, x1
        neg     w0, w1, lsl #2
        negs    x0, x1
        mvn     x0, x1
        mvn     w0, w1, ror #3
        and     x0, x1, #0xff
        and     sp, x1, #0xfffffffffffffff0
        orr     w0, w1, #1
        eor     x0, x1, #0x8000000000000000
        ands    x0, x1, #0x3
        bic     x0, x0, #1
        and     x0, x1, x2
        orr     x0, x1, x2, lsl #4
        eor     w0, w1, w2, ror #7
        ands    x0, x1, x2, asr #2
        bic     x0, x1, x2
        bics    w0, w1, w2, lsr #1
        orn     x0, x1, x2
        eon     x0, x1, x2, lsl #1
        lsl     x0, x1, #3
        lsl     w0, w1, #31
        lsr     x0, x1, #4
        lsr     w0, w1, #1
        asr     x0, x1, #63
        asr     w0, w1, #2
        ror     x0, x1, #5
        ror     w0, w1, #3
        lsl     x0, x1, x2
        lsr     w0, w1, w2
        asr     x0, x1, x2
        ror     w0, w1, w2
        lslv    x0, x1, x2
        rorv    w3, w4, w5
        ubfm    x0, x1, #4, #11
        sbfm    w0, w1, #0, #7
        bfm     x0, x1, #60, #3
        ubfx    x0, x1, #4, #8
        sbfx    w0, w1, #3, #5
        ubfiz   x0, x1, #4, #8
        sbfiz   x0, x1, #63, #1
        bfi     x0, x1, #8, #16
        bfxil   w0, w1, #0, #4
        uxtb    w0, w1
        uxth    w0, w1
        sxtb    x0, w1
        sxtb    w0, w1
        sxth    x0, w1
        sxtw    x0, w1
        extr    x0, x1, x2, #12
        extr    w0, w1, w2, #31
        madd    x0, x1, x2, x3
        msub    w0, w1, w2, w3
        mul     x0, x1, x2
        mneg    w0, w1, w2
        udiv    x0, x1, x2
        sdiv    w0, w1, w2
        csel    x0, x1, x2, eq
        csinc   w0, w1, w2, ne
        csinv   x0, x1, x2, hs
        csneg   x0, x1, x2, lo
        csel    x0, x1, x2, cs
        csel    x0, x1, x2, cc
        cset    x0, eq
        cset    w0, gt
        csetm   x0, lt
        cinc    x0, x1, mi
        cinv    w0, w1, pl
        cneg    x0, x1, vs
        csel    x0, xzr, x1, vc
        csel    w0, w1, wzr, hi
        csel    x0, x1, x2, ls
        csel    x0, x1, x2, ge
        csel    x0, x1, x2, le
        csel    x0, x1, x2, al
        add     X0, X1, #1
        ADD     x2, x3, x4
        ret
