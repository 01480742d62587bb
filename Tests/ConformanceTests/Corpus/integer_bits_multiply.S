// One-source operations (RBIT, REV16, REV32, REV, CLZ, CLS), the long and high multiplies and
// their aliases, and CRC32/CRC32C of every size, on values at the edges.
        .arch   armv8-a+crc
        .text
        .global _start
_start:
        ldr     x1, =0x0123456789abcdef
        ldr     x2, =0x8000000000000001
        ldr     x3, =0xffffffff00000000
        mov     x4, #0x80
        rbit    x5, x1
        rbit    w6, w2
        rev16   x7, x1
        rev16   w8, w3
        rev32   x9, x1
        rev     x10, x2
        rev     w11, w1
        clz     x12, x4
        clz     w13, w3
        clz     x14, xzr
        cls     x15, x3
        cls     w16, w2
        cls     x17, x1
        cls     w18, wzr
        smaddl  x19, w1, w2, x3
        smsubl  x20, w2, w3, x4
        umaddl  x21, w1, w2, x3
        umsubl  x22, w3, w1, x2
        smull   x23, w2, w2
        umull   x24, w1, w1
        smnegl  x25, w1, w4
        umnegl  x26, w2, w4
        smulh   x27, x2, x3
        umulh   x28, x2, x3
        smulh   x29, x1, x1
        umulh   x30, x1, x1
        mov     w0, #-1
        crc32b  w0, w0, w1
        crc32h  w0, w0, w2
        crc32w  w0, w0, w3
        crc32x  w0, w0, x1
        mvn     w5, w0
        mov     w0, #-1
        crc32cb w0, w0, w1
        crc32ch w0, w0, w2
        crc32cw w0, w0, w3
        crc32cx w0, w0, x2
        mvn     w6, w0
        crc32x  w7, wzr, xzr
        crc32cw w8, w1, wzr
done:   b       done
        .ltorg
