// Conditional select family under several flag settings.
        .text
        .global _start
_start:
        mov     x1, #5
        mov     x2, #-7
        cmp     x1, x2
        csel    x3, x1, x2, gt
        csel    x4, x1, x2, hi
        csinc   x5, x1, x2, lt
        csinv   x6, x1, x2, ls
        csneg   x7, x1, x2, ge
        cset    w8, ne
        csetm   x9, mi
        cinc    x10, x1, vs
        cinv    w11, w2, pl
        cneg    x12, x2, cc
        cmp     w1, w1
        csel    w13, w1, w2, eq
        csinc   w14, w2, w1, eq
        cset    x15, ls
        cset    x16, hs
        mov     x17, #0x7fffffffffffffff
        adds    x17, x17, #1
        cset    x18, vs
        cset    x19, vc
        csel    x20, x1, x2, le
        csneg   w21, w2, w2, gt
        csel    x22, x1, x2, al
        csel    x23, x1, x2, nv
        cinc    x24, x24, hi
done:
        b       done
