// Add/subtract with carry and conditional compare (register and immediate): results and NZCV
// across carries, borrows and signed overflow, every condition against every NZCV value, and
// Xen's check_cpu_mode test (cmp + ccmp + b.eq).
        .text
        .global _start
_start:
        ldr     x1, =0xffffffffffffffff
        ldr     x2, =0x7fffffffffffffff
        ldr     x3, =0x8000000000000000
        mov     x4, #1
        adds    xzr, x1, x4
        adc     x5, x4, x4
        adcs    x6, x1, xzr
        mrs     x7, NZCV
        adcs    w8, w2, w4
        mrs     x9, NZCV
        sbc     x10, x4, x1
        sbcs    x11, x3, x4
        mrs     x12, NZCV
        ngc     x13, x2
        ngcs    w14, w3
        mrs     x15, NZCV
        adds    x16, x1, x4
        adc     x17, x2, xzr
        subs    x18, xzr, x4
        sbc     x19, xzr, xzr
        sbcs    w20, w4, w1
        mrs     x21, NZCV
        adcs    xzr, x3, x3
        mrs     x22, NZCV
        // Xen's check_cpu_mode, taken (CurrentEL = EL2) and not (a made-up EL1 value).
        mrs     x23, CurrentEL
        cmp     x23, #0x8
        ccmp    x23, #0x9, #0x4, ne
        cset    x24, eq
        mov     x25, #0x4
        cmp     x25, #0x8
        ccmp    x25, #0x9, #0x4, ne
        cset    x26, eq
        // Every condition with every NZCV value: x27 and x28 accumulate the flags after each.
        mov     x27, #0
        mov     x28, #0
        mov     x29, #0
loop:   lsl     x30, x29, #28
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, eq
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, eq
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, ne
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, ne
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, cs
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, cs
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, cc
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, cc
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, mi
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, mi
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, pl
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, pl
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, vs
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, vs
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, vc
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, vc
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, hi
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, hi
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, ls
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, ls
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, ge
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, ge
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, lt
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, lt
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, gt
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, gt
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, le
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, le
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, al
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, al
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        msr     NZCV, x30
        ccmp    x2, x3, #0x5, nv
        mrs     x0, NZCV
        eor     x27, x0, x27, ror #3
        msr     NZCV, x30
        ccmn    w1, #31, #0xa, nv
        mrs     x0, NZCV
        eor     x28, x0, x28, ror #5
        add     x29, x29, #1
        cmp     x29, #16
        b.ne    loop
        mov     x0, #0
done:   b       done
        .ltorg
