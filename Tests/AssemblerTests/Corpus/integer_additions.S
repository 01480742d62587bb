// The ARMv8.0 integer families: every form and alias, in the spellings GNU as 2.40 takes.
        .arch   armv8-a+crc
        .text
        .global _start
_start:
        // Add/subtract with carry, NGC/NGCS.
        adc     x0, x1, x2
        adc     w3, w4, w5
        adc     xzr, xzr, xzr
        adcs    x6, x7, x8
        adcs    w9, wzr, w10
        sbc     x11, x12, x13
        sbc     w14, w15, w16
        sbcs    x17, x18, x19
        sbcs    w20, w21, wzr
        ngc     x22, x23
        ngc     w24, w25
        ngcs    x26, x27
        ngcs    w28, wzr
        sbc     x0, xzr, x1
        // Conditional compare, register and immediate; nzcv with or without '#'.
        ccmp    x5, #2, #0x4, ne
        ccmp    x5, #31, #15, eq
        ccmp    w5, #0, #0, hs
        ccmp    x1, x2, #8, lt
        ccmp    w1, wzr, 4, al
        ccmp    xzr, x30, #0xf, nv
        ccmn    x3, #1, #2, cs
        ccmn    w3, #31, #1, lo
        ccmn    x3, x4, #0, gt
        ccmn    w3, w4, #15, le
        // One source.
        rbit    x0, x1
        rbit    w2, w3
        rev16   x4, x5
        rev16   w6, w7
        rev32   x8, x9
        rev     x10, x11
        rev     w12, w13
        clz     x14, x15
        clz     w16, wzr
        cls     x17, x18
        cls     w19, w20
        // Long and high multiplies, with their aliases.
        smaddl  x0, w1, w2, x3
        smsubl  x4, w5, w6, x7
        umaddl  x8, w9, w10, x11
        umsubl  x12, w13, w14, x15
        smull   x16, w17, w18
        smnegl  x19, w20, w21
        umull   x22, w23, w24
        umnegl  x25, w26, w27
        smaddl  x0, w1, w2, xzr
        umsubl  xzr, wzr, wzr, xzr
        smulh   x1, x2, x3
        umulh   x4, x5, x6
        umulh   xzr, xzr, x30
        mneg    x0, x1, x2
        mneg    w3, w4, w5
        // CRC32 and CRC32C.
        crc32b  w0, w1, w2
        crc32h  w3, w4, w5
        crc32w  w6, w7, w8
        crc32x  w9, w10, x11
        crc32cb w12, w13, w14
        crc32ch w15, w16, w17
        crc32cw w18, w19, w20
        crc32cx w21, w22, x23
        crc32x  wzr, wzr, xzr
        // LDPSW, LDNP/STNP.
        ldpsw   x0, x1, [x2]
        ldpsw   x3, x4, [sp, #252]
        ldpsw   x5, x6, [x7, #-256]
        ldpsw   x8, x9, [x10, #16]!
        ldpsw   x11, x12, [sp], #-4
        ldnp    x0, x1, [x2]
        ldnp    x3, x4, [sp, #504]
        ldnp    w5, w6, [x7, #-256]
        stnp    x8, x9, [x10, #-512]
        stnp    w11, w12, [sp, #252]
        stnp    xzr, xzr, [x13]
        // Unprivileged loads and stores.
        ldtr    x0, [x1]
        ldtr    w2, [x3, #255]
        sttr    x4, [sp, #-256]
        sttr    w5, [x6, #1]
        ldtrb   w7, [x8, #-1]
        sttrb   w9, [x10]
        ldtrh   w11, [x12, #2]
        sttrh   wzr, [x13]
        ldtrsb  x14, [x15]
        ldtrsb  w16, [x17, #3]
        ldtrsh  x18, [x19, #-2]
        ldtrsh  w20, [x21]
        ldtrsw  x22, [x23, #4]
        // Unscaled forms of every size and sign.
        ldur    x0, [x1, #-8]
        ldur    w2, [x3, #3]
        stur    x4, [sp, #255]
        sturb   w5, [x6, #-256]
        sturh   w7, [x8]
        ldurb   w9, [x10, #1]
        ldurh   w11, [x12, #-1]
        ldursb  x13, [x14, #2]
        ldursb  w15, [x16]
        ldursh  x17, [x18, #5]
        ldursh  w19, [x20]
        ldursw  x21, [x22, #-3]
        // Prefetch: every named operation, unnamed ones, every addressing form.
        prfm    pldl1keep, [x0]
        prfm    pldl1strm, [x0, #8]
        prfm    pldl2keep, [x1, #32760]
        prfm    pldl2strm, [sp]
        prfm    pldl3keep, [x2, x3]
        prfm    pldl3strm, [x2, x3, lsl #3]
        prfm    plil1keep, [x2, w3, uxtw]
        prfm    plil1strm, [x2, w3, uxtw #3]
        prfm    plil2keep, [x2, w3, sxtw]
        prfm    plil2strm, [x2, w3, sxtw #3]
        prfm    plil3keep, [x2, x3, sxtx]
        prfm    plil3strm, [x2, x3, sxtx #3]
        prfm    pstl1keep, [x4, #-8]
        prfm    pstl1strm, [x4, #3]
        prfm    pstl2keep, target
        prfm    pstl2strm, _start
        prfm    pstl3keep, [x5]
        prfm    PSTL3STRM, [x5]
        prfm    #6, [x6]
        prfm    #0x0f, [x6, #16]
        prfm    #0x18, [x6, x7]
        prfm    #31, target
        prfm    22, [x6]
        prfum   pldl1keep, [x7, #-256]
        prfum   pstl3strm, [x7, #255]
        prfum   #0x1f, [sp]
        // Register offsets of every size with every extend and shift.
        strb    w0, [x1, x2]
        strb    w0, [x1, x2, lsl #0]
        ldrb    w0, [x1, w2, uxtw]
        ldrsb   x0, [x1, w2, sxtw #0]
        ldrsb   w0, [x1, x2, sxtx]
        strh    w0, [x1, x2, lsl #1]
        ldrh    w0, [x1, w2, uxtw #1]
        ldrsh   x0, [x1, w2, sxtw #1]
        ldrsh   w0, [x1, x2, sxtx #1]
        str     w0, [x1, x2, lsl #2]
        ldr     w0, [x1, w2, uxtw #2]
        ldrsw   x0, [x1, w2, sxtw #2]
        ldrsw   x0, [x1, x2, sxtx]
        str     x0, [x1, x2, lsl #3]
        ldr     x0, [x1, w2, uxtw]
        ldr     x0, [x1, w2, sxtw #3]
        ldr     x0, [x1, x2, sxtx #3]
        // Exclusives, one register.
        ldxr    x0, [x1]
        ldxr    w2, [sp]
        ldxrb   w3, [x4]
        ldxrh   w5, [x6, #0]
        ldaxr   x7, [x8]
        ldaxr   w9, [x10]
        ldaxrb  w11, [x12]
        ldaxrh  w13, [x14]
        stxr    w15, x16, [x17]
        stxr    w18, w19, [sp]
        stxrb   w20, w21, [x22]
        stxrh   w23, w24, [x25, 0]
        stlxr   w26, x27, [x28]
        stlxr   wzr, w29, [x30]
        stlxrb  w0, w1, [x2]
        stlxrh  w3, w4, [x5]
        // Exclusives, pairs.
        ldxp    x0, x1, [x2]
        ldxp    w3, w4, [sp]
        ldaxp   x5, x6, [x7]
        ldaxp   w8, w9, [x10]
        stxp    w11, x12, x13, [x14]
        stxp    w15, w16, w17, [x18]
        stlxp   w19, x20, x21, [sp]
        stlxp   w22, w23, w24, [x25]
        // Acquire/release.
        ldar    x0, [x1]
        ldar    w2, [x3]
        ldarb   w4, [sp]
        ldarh   w5, [x6, #0]
        stlr    x7, [x8]
        stlr    w9, [x10]
        stlrb   wzr, [x11]
        stlrh   w12, [x13]
        clrex
        clrex   #3
        // Xen's check_cpu_mode test.
        mrs     x5, CurrentEL
        cmp     x5, #0x8
        ccmp    x5, #0x9, #0x4, ne
        b.eq    target
        // The REV64 alias needs ARMv8.2 in GNU as 2.40.
        .arch   armv8.2-a
        rev64   x0, x1
        .arch   armv8-a
        .arch_extension crc
        crc32b  w0, w0, w0
target:
        ret
