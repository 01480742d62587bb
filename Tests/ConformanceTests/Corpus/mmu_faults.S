// EL2 stage-1 translation shaped like Xen's enable_mmu: a 4-level walk (T0SZ = 16, 48-bit VA,
// 4 KiB pages at level 3) maps the image at the high virtual address 0x00000a0000200000 and
// only the page currently executing 1:1. The tables are built with the MMU off, the MMU is
// turned on in the 1:1 page, execution continues in the high image and takes, with VBAR_EL2
// pointing at a vector table in the high image that records ESR/FAR/ELR and continues:
// a translation fault at level 3 (unmapped page), an access flag fault (AF = 0), a permission
// fault (store to an AP[2] = 1 page, and DC ZVA there), a translation fault at level 0 (no level-1 table) and an
// instruction abort (branch to an XN page). Then it returns to the 1:1 page and stops.
        .text
        .global _start
_start:
        adr     x0, l0
        adr     x1, l1_high
        adr     x2, l2_high
        adr     x3, l3_high
        adr     x4, l1_id
        adr     x5, l2_id
        adr     x6, l3_id
        add     x7, x1, #3
        str     x7, [x0, #20 * 8]       // L0[20]: VA 0x00000a00_00000000
        add     x7, x4, #3
        str     x7, [x0]                // L0[0]: the 1:1 page
        add     x7, x2, #3
        str     x7, [x1]                // L1[0]
        add     x7, x3, #3
        str     x7, [x2, #8]            // L2[1]: VA + 0x200000
        add     x7, x5, #3
        str     x7, [x4, #8]            // L1[1]: 0x4000_0000
        add     x7, x6, #3
        str     x7, [x5]                // L2[0]
        adr     x8, _start
        add     x7, x8, #0x703          // page, AF, SH inner, AttrIndx 0, RW
        str     x7, [x6, #0x80 * 8]     // L3[0x80]: 0x4008_0000 1:1
        // The high image: pages 0-2 code and vectors, 3 data (XN), 4 read-only, 5 AF = 0.
        str     x7, [x3]
        add     x9, x8, #1, lsl #12
        add     x7, x9, #0x703
        str     x7, [x3, #8]
        add     x9, x8, #2, lsl #12
        add     x7, x9, #0x703
        str     x7, [x3, #16]
        add     x9, x8, #3, lsl #12
        add     x7, x9, #0x703
        orr     x7, x7, #0x40000000000000
        str     x7, [x3, #24]
        add     x9, x8, #4, lsl #12
        add     x7, x9, #0x783
        str     x7, [x3, #32]
        add     x9, x8, #5, lsl #12
        add     x7, x9, #0x303
        str     x7, [x3, #40]
        mov     x9, #0xff
        msr     MAIR_EL2, x9
        // T0SZ 16, IRGN0/ORGN0 WBWA, SH0 inner, TG0 4K, PS 40-bit, RES1 bits 31 and 23.
        movz    x9, #0x8082, lsl #16
        movk    x9, #0x3510
        msr     TCR_EL2, x9
        msr     TTBR0_EL2, x0
        movz    x10, #0x0a00, lsl #32
        movk    x10, #0x0020, lsl #16   // x10 = the high image base
        adr     x11, vectors
        sub     x11, x11, x8
        add     x11, x11, x10
        msr     VBAR_EL2, x11
        tlbi    alle2
        dsb     sy
        isb
        movz    x9, #0x30c5, lsl #16
        movk    x9, #0x1835
        msr     SCTLR_EL2, x9
        isb
        adr     x11, high_code
        sub     x11, x11, x8
        add     x11, x11, x10
        br      x11
back:
        mrs     x20, SCTLR_EL2
done:
        b       done

        .balign 4096
high_code:
        adr     x13, high_code
        add     x2, x10, #3, lsl #12
        ldr     x14, [x2]
        mov     x9, #0x5a5a
        str     x9, [x2, #8]
        ldr     x15, [x2, #8]
        // Translation fault at level 3: nothing at image + 0x6000.
        adr     x28, after_translation
        add     x2, x10, #6, lsl #12
        ldr     x1, [x2, #16]
after_translation:
        mov     x16, x21
        mov     x24, x22
        // Access flag fault: image + 0x5000 has AF = 0.
        adr     x28, after_access_flag
        add     x2, x10, #5, lsl #12
        ldr     w1, [x2, #4]
after_access_flag:
        mov     x17, x21
        mov     x25, x22
        // Permission fault: image + 0x4000 is read-only; reading it works.
        adr     x28, after_permission
        add     x2, x10, #4, lsl #12
        ldr     x12, [x2]
        str     x9, [x2, #24]
after_permission:
        mov     x18, x21
        mov     x26, x22
        // DC ZVA into the read-only page: a permission fault; FAR is the register's address.
        adr     x28, after_zva
        add     x2, x10, #4, lsl #12
        add     x2, x2, #0x48
        dc      zva, x2
after_zva:
        mov     x6, x21
        mov     x7, x22
        // Translation fault at level 0: L0[22] is invalid.
        adr     x28, after_level0
        movz    x2, #0x0b00, lsl #32
        ldp     x3, x4, [x2, #32]
after_level0:
        mov     x19, x21
        mov     x27, x22
        // Instruction abort: image + 0x3000 is execute-never.
        adr     x28, after_fetch
        add     x3, x10, #3, lsl #12
        br      x3
after_fetch:
        mov     x29, x21
        ldr     x5, =back
        br      x5
        .ltorg

        .balign 4096
vectors:
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, FAR_EL2
        mrs     x23, ELR_EL2
        br      x28
        .balign 512
        mrs     x21, ESR_EL2
        mrs     x22, FAR_EL2
        mrs     x23, ELR_EL2
        br      x28

        .balign 4096
data:   .quad   0x1122334455667788, 0
        .balign 4096
readonly: .quad 0xcafe
        .balign 4096
no_access_flag: .quad 0xbeef
        .balign 4096
l0:     .skip   4096
l1_high: .skip  4096
l2_high: .skip  4096
l3_high: .skip  4096
l1_id:  .skip   4096
l2_id:  .skip   4096
l3_id:  .skip   4096
