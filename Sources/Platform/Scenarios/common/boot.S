/*
 * Boot and the MMU-off helpers of hyp_resume, modelled on Xen's xen/arch/arm/arm64/head.S and
 * mmu/head.S (GPL-2.0-only; rewritten for SuspendScope: no .macro, one CPU, QEMU virt).
 *
 * Everything from `start` to the end of enable_secondary_cpu_mm sits in the first 4 KiB page
 * of the image: the idmap page, the only page mapped 1:1 while the MMU is switched on.
 *
 * Register use as in Xen: x9 = physical offset during boot, x20 = physical offset on resume,
 * x23 = UART base (early printk). x19..x28 are left alone: they belong to the caller state
 * the scenario's manifest sets up.
 */
#include "config.h"

#include "macros.h"

        .text
/* Entered by the loader at the physical load address, EL2h, MMU off. */
FUNC(start)
        msr   DAIFSet, #0xf
        adr   x0, start
        ldr   x1, =start
        sub   x9, x0, x1                /* x9 := physical offset (phys - virt) */
        bl    check_cpu_mode
        bl    cpu_init
        bl    create_page_tables
        /* init_ttbr := physical address of the root table (enable_secondary_cpu_mm reads it). */
        ldr   x0, =xen_pgtable
        add   x0, x0, x9
        ldr   x1, =init_ttbr
        add   x1, x1, x9
        str   x0, [x1]
        ldr   x1, =phys_offset
        add   x1, x1, x9
        str   x9, [x1]
        mov   x1, #SCTLR_Axx_ELx_WXN
        bl    enable_mmu
        ldr   x0, =primary_switched
        br    x0                        /* leave the 1:1 page for the runtime address */
END(start)
        /* The literals `start` loads after the MMU is on must be in the idmap page too. */
        .ltorg

/*
 * check_cpu_mode: EL2t or EL2h, else park the CPU (Xen prints why and branches to fail).
 * The test is Xen's: CMP, then CCMP only when that was not equal. Clobbers x5.
 */
FUNC(check_cpu_mode)   /* global: head.S's hyp_resume calls it (one file in Xen) */
        mrs   x5, CurrentEL
        /* Are we in EL2 */
        cmp   x5, #PSR_MODE_EL2t
        ccmp  x5, #PSR_MODE_EL2h, #0x4, ne
        b.eq  1f /* Yes */
        /* OK, we're boned. */
2:      wfe
        b     2b
1:      ret
END(check_cpu_mode)

/* cpu_init: memory attributes, translation control, SCTLR_EL2, SP_EL2. Clobbers x0..x2. */
FUNC(cpu_init)   /* global: head.S's hyp_resume calls it (one file in Xen) */
        ldr   x0, =MAIRVAL
        msr   MAIR_EL2, x0
        ldr   x0, =TCR_EL2_SET
        /* ID_AA64MMFR0_EL1[3:0] (PARange) becomes TCR_EL2[18:16] (PS), at most 48 bits (5). */
        mrs   x1, ID_AA64MMFR0_EL1
        ubfm  x1, x1, #0, #3
        mov   x2, #5
        cmp   x1, x2
        csel  x1, x1, x2, lt
        bfi   x0, x1, #16, #3
        msr   TCR_EL2, x0
        ldr   x0, =SCTLR_EL2_SET
        msr   SCTLR_EL2, x0
        isb
        msr   SPSel, #1
        ret
END(cpu_init)

/*
 * enable_mmu: x0 = physical address of the root table, x1 = extra SCTLR_EL2 bits.
 * Returns on the 1:1 mapping of the idmap page. Clobbers x0..x5.
 */
FUNC_LOCAL(enable_mmu)
        mov   x4, x0
        mov   x5, x1
        /* The TLBs may hold anything before the MMU is on: flush them. */
        dsb   nshst
        tlbi  alle2
        dsb   nsh
        isb
        msr   TTBR0_EL2, x4
        isb
        mrs   x0, SCTLR_EL2
        orr   x0, x0, #SCTLR_Axx_ELx_M
        orr   x0, x0, #SCTLR_Axx_ELx_C
        orr   x0, x0, x5
        dsb   sy
        msr   SCTLR_EL2, x0
        isb
        ret
END(enable_mmu)

/* enable_secondary_cpu_mm: MMU on with init_ttbr, then return to the (virtual) lr. */
FUNC(enable_secondary_cpu_mm)
        mov   x6, lr
        ldr   x0, =init_ttbr
        add   x0, x0, x20               /* load_paddr: virtual + physical offset */
        ldr   x0, [x0]
        mov   x1, #SCTLR_Axx_ELx_WXN
        bl    enable_mmu
        mov   lr, x6
        ret
END(enable_secondary_cpu_mm)

#ifdef CONFIG_EARLY_PRINTK
/* init_uart: x23 := UART base, PL011 8n1 at 115200 baud. Clobbers x0, x1. */
FUNC(init_uart)   /* global: head.S's hyp_resume calls it (one file in Xen) */
        ldr   x23, =CONFIG_EARLY_UART_BASE_ADDRESS
        mov   x1, #0
        strb  w1, [x23, #FBRD]
        mov   x1, #4
        strh  w1, [x23, #IBRD]
        mov   x1, #WLEN_8
        strb  w1, [x23, #LCR_H]
        ldr   x1, =UART_EN
        strh  w1, [x23, #UARTCR]
        ret
END(init_uart)

/* asm_puts: prints the NUL-terminated string at x0 on the UART at x23. Clobbers x0, x1. */
FUNC(asm_puts)
1:      ldrh  w1, [x23, #UARTFR]
        tst   w1, #BUSY
        b.ne  1b
        ldrb  w1, [x0], #1
        cbz   w1, 2f
        strb  w1, [x23, #UARTDR]
        b     1b
2:      ret
END(asm_puts)
#endif

/*
 * create_page_tables (MMU off, x9 = physical offset): the image at its virtual link address
 * through four levels (L3 pages: read-only executable up to data_start, read-write XN after),
 * and the idmap page (the first page of the image) 1:1. Clobbers x0..x8, x10..x17.
 */
FUNC_LOCAL(create_page_tables)
        mov   x17, lr
        ldr   x10, =start               /* virtual address of the image */
        add   x11, x10, x9              /* its physical address */
        /* The runtime mapping: xen_pgtable -> xen_first -> xen_second -> xen_third. */
        ldr   x0, =xen_pgtable
        ldr   x1, =xen_first
        mov   x2, x10
        mov   x3, #39
        bl    create_table_entry
        ldr   x0, =xen_first
        ldr   x1, =xen_second
        mov   x3, #30
        bl    create_table_entry
        ldr   x0, =xen_second
        ldr   x1, =xen_third
        mov   x3, #21
        bl    create_table_entry
        ldr   x12, =data_start
        ldr   x13, =_end
        ldr   x14, =xen_third
        add   x14, x14, x9
        mov   x15, x10
1:      ubfx  x16, x15, #12, #9         /* L3 index */
        add   x7, x15, x9               /* physical page */
        cmp   x15, x12
        b.hs  2f
        ldr   x8, =PT_MEM_RO_X
        b     3f
2:      ldr   x8, =PT_MEM_RW
3:      orr   x7, x7, x8
        str   x7, [x14, x16, lsl #3]
        add   x15, x15, #4096
        cmp   x15, x13
        b.lo  1b
        /* The idmap page 1:1: xen_pgtable -> boot_first_id -> boot_second_id -> boot_third_id. */
        ldr   x0, =xen_pgtable
        ldr   x1, =boot_first_id
        mov   x2, x11
        mov   x3, #39
        bl    create_table_entry
        ldr   x0, =boot_first_id
        ldr   x1, =boot_second_id
        mov   x3, #30
        bl    create_table_entry
        ldr   x0, =boot_second_id
        ldr   x1, =boot_third_id
        mov   x3, #21
        bl    create_table_entry
        ldr   x0, =boot_third_id
        add   x0, x0, x9
        ubfx  x16, x11, #12, #9
        ldr   x8, =PT_MEM_RO_X
        orr   x7, x11, x8
        str   x7, [x0, x16, lsl #3]
        mov   lr, x17
        ret
END(create_page_tables)

/* x0 = table (virtual), x1 = next-level table (virtual), x2 = address mapped, x3 = level shift. */
FUNC_LOCAL(create_table_entry)
        add   x0, x0, x9
        add   x1, x1, x9
        lsr   x4, x2, x3
        and   x4, x4, #511
        orr   x1, x1, #PT_TABLE
        str   x1, [x0, x4, lsl #3]
        ret
END(create_table_entry)
