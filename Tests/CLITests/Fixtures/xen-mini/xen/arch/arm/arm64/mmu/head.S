/*
 * xen/arch/arm/arm64/mmu/head.S of the xen-mini test tree: the boot page tables, turning the
 * MMU on, and switching to other page tables. All of it sits in .text.idmap, in the first page
 * of the image: the only page mapped 1:1 while the MMU goes on.
 */

#include <asm/page.h>
#include <asm/early_printk.h>

#define PT_PT     0xf7f /* nG=1 AF=1 SH=11 AP=01 NS=1 ATTR=111 T=1 P=1 */
#define PT_MEM_L3 0xf7f
#define PT_DEV_L3 0xe73 /* nG=1 AF=1 SH=10 AP=01 NS=1 ATTR=100 T=1 P=1 */

#define XEN_ZEROETH_SLOT    zeroeth_table_offset(XEN_VIRT_START)
#define XEN_FIRST_SLOT      first_table_offset(XEN_VIRT_START)
#define XEN_SECOND_SLOT     second_table_offset(XEN_VIRT_START)

/* \xb := the physical address of \sym (x20 holds the physical offset). */
.macro load_paddr xb, sym
        ldr \xb, =\sym
        add \xb, \xb, x20
.endm

.macro flush_xen_tlb_local
        dsb   nshst
        tlbi  alle2
        dsb   nsh
        isb
.endm

/* \slot := the index of \virt at level \lvl. */
.macro get_table_slot, slot, virt, lvl
        ubfx  \slot, \virt, #XEN_PT_LEVEL_SHIFT(\lvl), #XEN_PT_LPAE_SHIFT
.endm

/* In table \ptbl, the entry for \virt at level \lvl points to the table at physical \tbl. */
.macro create_table_entry_from_paddr, ptbl, tbl, virt, lvl, tmp1, tmp2
        get_table_slot \tmp1, \virt, \lvl
        mov   \tmp2, #PT_PT
        orr   \tmp2, \tmp2, \tbl
        adr_l \tbl, \ptbl
        str   \tmp2, [\tbl, \tmp1, lsl #3]
.endm

/* The same with the next table named by its symbol. */
.macro create_table_entry, ptbl, tbl, virt, lvl, tmp1, tmp2, tmp3
        load_paddr \tmp1, \tbl
        create_table_entry_from_paddr \ptbl, \tmp1, \virt, \lvl, \tmp2, \tmp3
.endm

/* In third-level table \ptbl, \virt maps the page at \phys (normal memory unless \type says). */
.macro create_mapping_entry, ptbl, virt, phys, tmp1, tmp2, tmp3, type=PT_MEM_L3
        and   \tmp3, \phys, #THIRD_MASK
        get_table_slot \tmp1, \virt, 3
        mov   \tmp2, #\type
        orr   \tmp2, \tmp2, \tmp3
        adr_l \tmp3, \ptbl
        str   \tmp2, [\tmp3, \tmp1, lsl #3]
.endm

.section .text.idmap, "ax", %progbits

/*
 * The boot page tables: Xen at XEN_VIRT_START through boot_pgtable, boot_first, boot_second
 * and the XEN_NR_ENTRIES(2) pages of boot_third; the page of start 1:1 through the *_id
 * tables; the UART in the fixmap. x19 = paddr(start), x20 = phys offset. Clobbers x0 - x4.
 */
FUNC_LOCAL(create_page_tables)
        ldr   x0, =XEN_VIRT_START
        create_table_entry boot_pgtable, boot_first, x0, 0, x1, x2, x3
        create_table_entry boot_first, boot_second, x0, 1, x1, x2, x3

        load_paddr x4, boot_third
        ldr   x1, =XEN_VIRT_START
.rept XEN_NR_ENTRIES(2)
        mov   x0, x4
        create_table_entry_from_paddr boot_second, x0, x1, 2, x2, x3
        add   x1, x1, #XEN_PT_LEVEL_SIZE(2)
        add   x4, x4, #PAGE_SIZE
.endr

        /* Every page of Xen, from start to _end. */
        ldr   x0, =_start
        ldr   x1, =_end
        sub   x0, x1, x0
        lsr   x0, x0, #PAGE_SHIFT
        lsl   x0, x0, #3             /* x0 := pages * 8 */
        adr_l x4, boot_third
        lsr   x2, x19, #THIRD_SHIFT
        lsl   x2, x2, #THIRD_SHIFT
        mov   x3, #PT_MEM_L3
        orr   x2, x2, x3
        mov   x1, xzr
1:      str   x2, [x4, x1]
        add   x2, x2, #PAGE_SIZE
        add   x1, x1, #8
        cmp   x1, x0
        b.lt  1b

        /* The page of start, 1:1 (xen-mini is never loaded in Xen's own root slot). */
        get_table_slot x0, x19, 0
        cmp   x0, #XEN_ZEROETH_SLOT
        beq   fail
        create_table_entry boot_pgtable, boot_first_id, x19, 0, x0, x1, x2
        create_table_entry boot_first_id, boot_second_id, x19, 1, x0, x1, x2
        create_table_entry boot_second_id, boot_third_id, x19, 2, x0, x1, x2
        create_mapping_entry boot_third_id, x19, x19, x0, x1, x2

#ifdef CONFIG_EARLY_PRINTK
        /* The UART in the fixmap (x23 holds its physical address). */
        ldr   x0, =EARLY_UART_VIRTUAL_ADDRESS
        create_mapping_entry xen_fixmap, x0, x23, x1, x2, x3, type=PT_DEV_L3
#endif
        ldr   x0, =FIXMAP_ADDR(0)
        create_table_entry boot_second, xen_fixmap, x0, 2, x1, x2, x3
        ret
END(create_page_tables)

/*
 * MMU and data cache on with the tables at x0 and the extra SCTLR_EL2 bits in x1; returns on
 * the 1:1 mapping. Clobbers x0 - x5.
 */
FUNC_LOCAL(enable_mmu)
        mov   x4, x0
        mov   x5, x1
        PRINT_ID("- Turning on paging -\r\n")
        flush_xen_tlb_local
        msr   TTBR0_EL2, x4
        isb
        mrs   x0, SCTLR_EL2
        orr   x0, x0, #SCTLR_Axx_ELx_M
        orr   x0, x0, #SCTLR_Axx_ELx_C
        orr   x0, x0, x5
        dsb   sy
        msr   SCTLR_EL2, x0
        isb
#ifdef CONFIG_EARLY_PRINTK
        ldr   x23, =EARLY_UART_VIRTUAL_ADDRESS
#endif
        PRINT_ID("- Paging turned on -\r\n")
        ret
END(enable_mmu)

/* A CPU coming back (or up): init_ttbr's tables, WXN from the start; returns to lr (virtual). */
FUNC(enable_secondary_cpu_mm)
        mov   x6, lr
        load_paddr x0, init_ttbr
        ldr   x0, [x0]
        mov   x1, #SCTLR_Axx_ELx_WXN
        bl    enable_mmu
        mov   lr, x6
        ret
END(enable_secondary_cpu_mm)

/* The boot CPU: builds the boot tables, MMU on, leaves the 1:1 map; returns to lr (virtual). */
FUNC(enable_boot_cpu_mm)
        mov   x6, lr
        bl    create_page_tables
        load_paddr x0, boot_pgtable
        mov   x1, #0
        bl    enable_mmu
        ldr   x0, =1f
        br    x0
1:
        mov   lr, x6
        b     remove_identity_mapping
END(enable_boot_cpu_mm)

/* Unlinks the 1:1 map from boot_pgtable. Clobbers x0 - x1. */
FUNC_LOCAL(remove_identity_mapping)
        get_table_slot x1, x19, 0
        ldr   x0, =boot_pgtable
        str   xzr, [x0, x1, lsl #3]
        flush_xen_tlb_local
        ret
END(remove_identity_mapping)

/* This file's own fail-stop (head.S has another). */
FUNC_LOCAL(fail)
        PRINT_ID("- Boot failed (MMU) -\r\n")
1:      wfe
        b     1b
END(fail)

/* x0 = the new TTBR: MMU off, TLBs flushed, TTBR0_EL2 switched, MMU on. On the 1:1 map. */
FUNC(switch_ttbr_id)
        dsb   ish
        isb
        mrs   x1, SCTLR_EL2
        bic   x1, x1, #SCTLR_Axx_ELx_M
        msr   SCTLR_EL2, x1
        isb
        flush_xen_tlb_local
        msr   TTBR0_EL2, x0
        isb
        ic    iallu
        isb
        mrs   x1, SCTLR_EL2
        orr   x1, x1, #SCTLR_Axx_ELx_M
        msr   SCTLR_EL2, x1
        isb
        ret
END(switch_ttbr_id)
