// Flag-heavy code: boundary adds/subs in both widths, NZCV read/write, conditional branches on every condition.
        .text
        .global _start
_start:
        mov     x20, #0
        ldr     x1, =0x7fffffffffffffff
        ldr     x2, =0x8000000000000000
        mov     w3, #0x7fffffff
        mov     w4, #0x80000000
        adds    x5, x1, x1
        mrs     x6, nzcv
        subs    x7, x2, #1
        mrs     x8, nzcv
        adds    w9, w3, #1
        mrs     x10, nzcv
        subs    w11, w4, w3
        mrs     x12, nzcv
        cmp     x2, x1
        mrs     x13, nzcv
        cmn     x2, x2
        mrs     x14, nzcv
        subs    xzr, x20, #0
        mrs     x15, nzcv
        mov     x16, #0xf0000000
        msr     nzcv, x16
        mrs     x17, nzcv
        mov     x16, #0x50000000
        msr     nzcv, x16
        b.eq    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.ne    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.cs    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.cc    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.mi    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.pl    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.vs    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.vc    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.hi    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.ls    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.ge    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.lt    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.gt    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        b.le    1f
        lsl     x20, x20, #1
        b       2f
1:      lsl     x20, x20, #1
        orr     x20, x20, #1
2:
        mov     x16, #0xa0000000
        msr     nzcv, x16
        cset    x21, eq
        orr     x22, x21, x22, lsl #1
        cset    x21, ne
        orr     x22, x21, x22, lsl #1
        cset    x21, cs
        orr     x22, x21, x22, lsl #1
        cset    x21, cc
        orr     x22, x21, x22, lsl #1
        cset    x21, mi
        orr     x22, x21, x22, lsl #1
        cset    x21, pl
        orr     x22, x21, x22, lsl #1
        cset    x21, vs
        orr     x22, x21, x22, lsl #1
        cset    x21, vc
        orr     x22, x21, x22, lsl #1
        cset    x21, hi
        orr     x22, x21, x22, lsl #1
        cset    x21, ls
        orr     x22, x21, x22, lsl #1
        cset    x21, ge
        orr     x22, x21, x22, lsl #1
        cset    x21, lt
        orr     x22, x21, x22, lsl #1
        cset    x21, gt
        orr     x22, x21, x22, lsl #1
        cset    x21, le
        orr     x22, x21, x22, lsl #1
        ands    x23, x2, x2
        mrs     x24, nzcv
        mov     w26, #0
        adds    w25, w26, w26
        mrs     x26, nzcv
done:
        b       done
        .ltorg
