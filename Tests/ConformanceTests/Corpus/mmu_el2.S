// EL2 stage-1 translation with a 4 KiB granule: one level-1 table in RAM (T0SZ = 25, 39-bit VA),
// MAIR_EL2/TCR_EL2/TTBR0_EL2, SCTLR_EL2.M on; RAM is mapped twice, at its physical address and
// through a high virtual alias at 0x1_0000_0000; code runs and loads/stores through the alias,
// then returns to the identity map and stops at `done`.
// memory: buf:32
        .text
        .global _start
_start:
        adr     x0, l1_table
        // L1[1]: VA 0x4000_0000 -> PA 0x4000_0000, 1 GiB block, AttrIndx 0, SH inner, AF.
        movz    x1, #0x4000, lsl #16
        movk    x1, #0x0701
        str     x1, [x0, #8]
        // L1[4]: VA 0x1_0000_0000 -> PA 0x4000_0000 (the high alias).
        str     x1, [x0, #32]
        mov     x2, #0xff
        msr     MAIR_EL2, x2
        // T0SZ 25, IRGN0/ORGN0 WBWA, SH0 inner, TG0 4K, PS 40-bit, RES1 bits 31 and 23.
        movz    x3, #0x8082, lsl #16
        movk    x3, #0x3519
        msr     TCR_EL2, x3
        msr     TTBR0_EL2, x0
        tlbi    alle2
        dsb     sy
        isb
        movz    x4, #0x30c5, lsl #16
        movk    x4, #0x1835
        msr     SCTLR_EL2, x4
        isb
        // Jump into the alias: same code, VA + 0xc000_0000.
        adr     x5, high
        movz    x6, #0xc000, lsl #16
        add     x5, x5, x6
        br      x5
high:
        adr     x7, .
        adr     x8, buf
        mov     x9, #0x1234
        str     x9, [x8]
        sub     x10, x8, x6
        ldr     x11, [x10]
        adr     x12, back
        sub     x12, x12, x6
        br      x12
back:
        mrs     x13, SCTLR_EL2
done:
        b       done
        .balign 4096
l1_table:
        .skip   4096
buf:    .quad   0, 0, 0, 0
