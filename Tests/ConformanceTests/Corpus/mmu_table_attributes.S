// EL2 stage-1 translation (T0SZ 25, start level 1) with RAM mapped 1:1 as a read-only 1 GiB
// block, and faults through hierarchical attributes and bad tables, each recorded by a vector
// table that saves ESR/FAR and continues: a store below an APTable[1] table (permission), a
// fetch below an XNTable table (instruction abort), a walk into a table that is not RAM
// (external abort on the walk), a block beyond the 40-bit output size (address size), a
// reserved level-3 descriptor (translation), and SCTLR_EL2.WXN making a writable alias
// execute-never after code ran through it.
        .text
        .global _start
_start:
        adr     x0, l1
        adr     x1, l2a
        adr     x2, l3a
        adr     x3, l2b
        adr     x4, l3b
        adr     x5, l2c
        adr     x6, l3c
        // L1[1]: RAM 1:1, read-only block (executable even under WXN).
        movz    x7, #0x4000, lsl #16
        movk    x7, #0x0781
        str     x7, [x0, #8]
        // L1[8]: VA 0x2_0000_0000 -> RAM, a writable block.
        movk    x7, #0x0701
        str     x7, [x0, #64]
        // L1[4] (APTable[1]) -> L2a -> L3a[0]: a writable page of data.
        add     x7, x1, #3
        orr     x7, x7, #0x4000000000000000
        str     x7, [x0, #32]
        add     x7, x2, #3
        str     x7, [x1]
        adr     x8, data
        add     x7, x8, #0x703
        str     x7, [x2]
        // L1[5] (XNTable) -> L2b -> L3b[0]: the code page.
        add     x7, x3, #3
        orr     x7, x7, #0x1000000000000000
        str     x7, [x0, #40]
        add     x7, x4, #3
        str     x7, [x3]
        adr     x8, code_page
        add     x7, x8, #0x703
        str     x7, [x4]
        // L1[6]: a table at 0x5000_0000, which is not RAM.
        movz    x7, #0x5000, lsl #16
        add     x7, x7, #3
        str     x7, [x0, #48]
        // L1[7] -> L2c: [0] a block at 0x100_0000_0000 (bit 40), [1] -> L3c, [0] reserved.
        add     x7, x5, #3
        str     x7, [x0, #56]
        movz    x7, #0x0100, lsl #32
        add     x7, x7, #0x701
        str     x7, [x5]
        add     x7, x6, #3
        str     x7, [x5, #8]
        adr     x8, data
        add     x7, x8, #0x701
        str     x7, [x6]
        adr     x9, vectors
        msr     VBAR_EL2, x9
        mov     x9, #0xff
        msr     MAIR_EL2, x9
        movz    x9, #0x8082, lsl #16
        movk    x9, #0x3519
        msr     TCR_EL2, x9
        msr     TTBR0_EL2, x0
        tlbi    alle2
        dsb     sy
        isb
        movz    x9, #0x30c5, lsl #16
        movk    x9, #0x1835
        msr     SCTLR_EL2, x9
        isb
        // APTable[1]: reading works, writing faults.
        movz    x10, #0x1, lsl #32
        ldr     x11, [x10]
        adr     x28, after_aptable
        str     x11, [x10, #8]
after_aptable:
        mov     x12, x21
        mov     x13, x22
        // XNTable: the fetch faults.
        adr     x28, after_xntable
        movk    x10, #0x4000, lsl #16
        blr     x10
after_xntable:
        mov     x14, x21
        mov     x15, x22
        // A walk into a table that is not RAM.
        adr     x28, after_walk
        movk    x10, #0x8000, lsl #16
        ldr     x1, [x10, #0x10]
after_walk:
        mov     x16, x21
        mov     x17, x22
        // A block beyond the output size.
        adr     x28, after_size
        movk    x10, #0xc000, lsl #16
        ldr     w1, [x10, #4]
after_size:
        mov     x18, x21
        mov     x19, x22
        // A reserved level-3 descriptor.
        adr     x28, after_reserved
        movk    x10, #0xc020, lsl #16
        str     w1, [x10]
after_reserved:
        mov     x20, x21
        mov     x24, x22
        // WXN: code runs through the writable alias, then no longer.
        movz    x10, #0x2, lsl #32
        adr     x25, code_page
        movz    x9, #0x4000, lsl #16
        sub     x25, x25, x9
        add     x25, x25, x10
        blr     x25
        movz    x9, #0x30cd, lsl #16
        movk    x9, #0x1835
        msr     SCTLR_EL2, x9
        isb
        adr     x28, after_wxn
        blr     x25
after_wxn:
        mov     x26, x21
        mov     x27, x22
done:
        b       done

        .balign 2048
vectors:
        mrs     x21, ESR_EL2
        mrs     x22, FAR_EL2
        br      x28
        .balign 512
        mrs     x21, ESR_EL2
        mrs     x22, FAR_EL2
        br      x28

        .balign 4096
code_page:
        mov     x0, #0x77
        ret
        .balign 4096
data:   .quad   0x1234, 0
        .balign 4096
l1:     .skip   4096
l2a:    .skip   4096
l3a:    .skip   4096
l2b:    .skip   4096
l3b:    .skip   4096
l2c:    .skip   4096
l3c:    .skip   4096
