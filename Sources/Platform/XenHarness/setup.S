/*
 * SuspendScope's Xen harness, part 1: what Xen does in C from head.S's `launch` to the call of
 * system_suspend(), after xen/arch/arm/setup.c (start_xen), mmu/setup.c (setup_pagetables),
 * mmu/smpboot.c (the boot page tables, init_ttbr), arm64/mmu/mm.c (the identity mapping,
 * switch_ttbr) and xen.lds.S's symbols. Written for SuspendScope in the shape a compiler gives
 * C (AAPCS64 frames, callee-saved registers kept); GPL-2.0-only, as the Xen it stands in for.
 *
 * It is assembled with the tree's own flags (its config.h, headers and configuration), after
 * the tree's head.S and mmu/head.S, and linked with them by Xen's section layout. The README's
 * "A Xen tree" section is its contract: what it defines, what it needs from the tree.
 *
 * Register use: x20 holds the physical offset (head.S's convention) when `launch` jumps here;
 * Xen's C finds physical addresses with AT S1E2R, the harness with that offset.
 */

/* What the tree's headers define, with Xen's values where a tree lacks one. */
#ifndef XEN_VIRT_START
#define XEN_VIRT_START      0x00000A0000200000
#endif
#ifndef XEN_VIRT_SIZE
#define XEN_VIRT_SIZE       0x800000
#endif
#ifndef FIXMAP_ADDR
#define FIXMAP_ADDR(n)      (XEN_VIRT_START + XEN_VIRT_SIZE + (n) * 4096)
#endif
#ifndef STACK_SIZE
#define STACK_SIZE          (4096 << 3)
#endif
#ifndef DIRECTMAP_VIRT_START
#define DIRECTMAP_VIRT_START (256 << 39)
#endif

/* Stage-1 descriptors as Xen's mfn_to_xen_entry() makes them (MT_NORMAL, NS, AF, nG, SH inner). */
#define HARNESS_PT_TABLE    0xf7f                   /* table (and an L3 page, read-write, executable) */
#define HARNESS_PAGE_RW_X   0xf7f
#define HARNESS_PAGE_RX     0xfff                   /* AP[2]: read-only */
#define HARNESS_PAGE_RO     (0xfff | (1 << 54))     /* read-only, execute-never */
#define HARNESS_PAGE_RW     (0xf7f | (1 << 54))     /* read-write, execute-never */
#define HARNESS_BLOCK_RW    (0xf7d | (1 << 54))     /* a 1 GiB block of RAM, read-write, execute-never */
#define HARNESS_WXN         (1 << 19)               /* SCTLR_EL2.WXN */
#define HARNESS_XEN_L2_SLOTS (XEN_VIRT_SIZE >> 21)  /* XEN_NR_ENTRIES(2) */

/* A global data object, as C defines one (Xen's DATA() aligns and fills, which .bss refuses). */
#define HARNESS_DATA(name) .globl name; .type name, %object; name:
#define HARNESS_END(name)  .size name, . - name

        .text

/*
 * void start_xen(unsigned long fdt_paddr)
 *
 * Entered from head.S's launch: MMU on with the boot page tables, sp at the top of
 * init_data.stack less CPUINFO_sizeof, x20 = physical offset. Builds the runtime page tables and
 * switches to them, sets the EL2 registers Xen runs with, then suspends the system once: the
 * caller's callee-saved registers hold the values below, which the suspend path must give back.
 * Never returns: the run ends at the self-loop (a halt).
 */
FUNC(start_xen)
        stp   x29, x30, [sp, #-16]!
        mov   x29, sp
        ldr   x1, =harness_phys_offset
        str   x20, [x1]
        bl    setup_pagetables
        bl    init_el2_registers
        /* What start_xen's own variables leave in the callee-saved registers. */
        ldr   x19, =0x1919191919191919
        ldr   x20, =0x2020202020202020
        ldr   x21, =0x2121212121212121
        ldr   x22, =0x2222222222222222
        ldr   x23, =0x2323232323232323
        ldr   x24, =0x2424242424242424
        ldr   x25, =0x2525252525252525
        ldr   x26, =0x2626262626262626
        ldr   x27, =0x2727272727272727
        ldr   x28, =0x2828282828282828
        bl    system_suspend
        ldr   x1, =suspend_result
        str   w0, [x1]
1:      b     1b                        /* the harness ends here */
END(start_xen)

/* void start_secondary(void): one CPU only; a secondary that got here would park. */
FUNC(start_secondary)
1:      wfe
        b     1b
END(start_secondary)

/* unsigned long virt_to_maddr(vaddr_t va), for Xen's image: va + the physical offset. */
FUNC(virt_to_maddr)
        ldr   x1, =harness_phys_offset
        ldr   x1, [x1]
        add   x0, x0, x1
        ret
END(virt_to_maddr)

/* void *maddr_to_virt(paddr_t ma): its alias in the directmap (map_domain_page on arm64). */
FUNC_LOCAL(maddr_to_virt)
        ldr   x1, =DIRECTMAP_VIRT_START
        add   x0, x0, x1
        ret
END(maddr_to_virt)

/*
 * void link_table(lpae_t *table, void *next, vaddr_t va, unsigned int shift)
 * table[(va >> shift) & 511] := a table entry for next (both Xen virtual addresses).
 */
FUNC_LOCAL(link_table)
        stp   x29, x30, [sp, #-32]!
        mov   x29, sp
        stp   x19, x20, [sp, #16]
        mov   x19, x0
        lsr   x20, x2, x3
        and   x20, x20, #511
        mov   x0, x1
        bl    virt_to_maddr
        ldr   x1, =HARNESS_PT_TABLE
        orr   x0, x0, x1
        str   x0, [x19, x20, lsl #3]
        ldp   x19, x20, [sp, #16]
        ldp   x29, x30, [sp], #32
        ret
END(link_table)

/*
 * void map_page(lpae_t *third, vaddr_t va, paddr_t pa, uint64_t attributes)
 * third[(va >> 12) & 511] := pa | attributes.
 */
FUNC_LOCAL(map_page)
        ubfx  x1, x1, #12, #9
        orr   x2, x2, x3
        str   x2, [x0, x1, lsl #3]
        ret
END(map_page)

/* flush_xen_tlb_local(), as xen/arch/arm/include/asm/arm64/flushtlb.h writes it. */
FUNC_LOCAL(flush_xen_tlb_local)
        dsb   nshst
        tlbi  alle2
        dsb   nsh
        isb
        ret
END(flush_xen_tlb_local)

/*
 * void link_identity(lpae_t *root, lpae_t *first, lpae_t *second, lpae_t *third): the chain of
 * tables that maps the page of _start 1:1, linked down to its third level (which maps nothing
 * yet), as prepare_boot_identity_mapping and prepare_runtime_identity_mapping link it.
 */
FUNC_LOCAL(link_identity)
        stp   x29, x30, [sp, #-64]!
        mov   x29, sp
        stp   x19, x20, [sp, #16]
        stp   x21, x22, [sp, #32]
        str   x23, [sp, #48]
        mov   x19, x0
        mov   x20, x1
        mov   x21, x2
        mov   x22, x3
        ldr   x0, =_start
        bl    virt_to_maddr
        mov   x23, x0                   /* x23 := id_addr = virt_to_maddr(_start) */
        mov   x0, x19
        mov   x1, x20
        mov   x2, x23
        mov   x3, #39
        bl    link_table
        mov   x0, x20
        mov   x1, x21
        mov   x2, x23
        mov   x3, #30
        bl    link_table
        mov   x0, x21
        mov   x1, x22
        mov   x2, x23
        mov   x3, #21
        bl    link_table
        ldr   x23, [sp, #48]
        ldp   x21, x22, [sp, #32]
        ldp   x19, x20, [sp, #16]
        ldp   x29, x30, [sp], #64
        ret
END(link_identity)

/*
 * void arch_setup_page_tables(void) (arm64/mmu/mm.c): the identity tables of both page tables;
 * the boot ones are cleared first (they may hold what the boot left), the runtime ones are in
 * .bss, which head.S zeroed.
 */
FUNC_LOCAL(arch_setup_page_tables)
        stp   x29, x30, [sp, #-16]!
        mov   x29, sp
        ldr   x0, =boot_first_id
        bl    clear_page
        ldr   x0, =boot_second_id
        bl    clear_page
        ldr   x0, =boot_third_id
        bl    clear_page
        ldr   x0, =boot_pgtable
        ldr   x1, =boot_first_id
        ldr   x2, =boot_second_id
        ldr   x3, =boot_third_id
        bl    link_identity
        ldr   x0, =xen_pgtable
        ldr   x1, =xen_first_id
        ldr   x2, =xen_second_id
        ldr   x3, =xen_third_id
        bl    link_identity
        ldp   x29, x30, [sp], #16
        ret
END(arch_setup_page_tables)

/* void clear_page(void *page) */
FUNC_LOCAL(clear_page)
        add   x1, x0, #4096
1:      stp   xzr, xzr, [x0], #16
        cmp   x0, x1
        b.lo  1b
        ret
END(clear_page)

/*
 * void update_identity_mapping(lpae_t *third, bool enable): the page of _start mapped 1:1
 * (read-only, executable) in that third-level table, or unmapped; then the TLBs flushed.
 */
FUNC(update_identity_mapping)
        stp   x29, x30, [sp, #-32]!
        mov   x29, sp
        stp   x19, x20, [sp, #16]
        mov   x19, x0
        mov   w20, w1
        ldr   x0, =_start
        bl    virt_to_maddr
        mov   x1, x0
        mov   x2, x0
        ldr   x3, =HARNESS_PAGE_RX
        cmp   w20, #0
        csel  x3, x3, xzr, ne
        csel  x2, x2, xzr, ne
        mov   x0, x19
        bl    map_page
        bl    flush_xen_tlb_local
        ldp   x19, x20, [sp, #16]
        ldp   x29, x30, [sp], #32
        ret
END(update_identity_mapping)

/* void update_boot_mapping(bool enable): the identity mapping in the runtime page tables. */
FUNC(update_boot_mapping)
        mov   w1, w0
        ldr   x0, =xen_third_id
        b     update_identity_mapping
END(update_boot_mapping)

/*
 * void set_init_ttbr(lpae_t *root) (mmu/smpboot.c): init_ttbr := the root's physical address,
 * written through the directmap (init_ttbr's page is mapped read-only) and cleaned to memory,
 * since hyp_resume reads it with the MMU off.
 */
FUNC(set_init_ttbr)
        stp   x29, x30, [sp, #-32]!
        mov   x29, sp
        str   x19, [sp, #16]
        bl    virt_to_maddr
        mov   x19, x0
        ldr   x0, =init_ttbr
        bl    virt_to_maddr
        bl    maddr_to_virt
        str   x19, [x0]
        dc    cvac, x0
        dsb   sy
        ldr   x19, [sp, #16]
        ldp   x29, x30, [sp], #32
        ret
END(set_init_ttbr)

/*
 * void switch_ttbr(uint64_t ttbr): from the boot page tables to ttbr, through the tree's
 * switch_ttbr_id called at its physical address on the identity mapping (arm64/mmu/mm.c).
 */
FUNC_LOCAL(switch_ttbr)
        stp   x29, x30, [sp, #-32]!
        mov   x29, sp
        str   x19, [sp, #16]
        mov   x19, x0
        /* The identity mapping in the boot page tables (live) and in the runtime ones. */
        ldr   x0, =boot_third_id
        mov   w1, #1
        bl    update_identity_mapping
        ldr   x0, =xen_third_id
        mov   w1, #1
        bl    update_identity_mapping
        ldr   x0, =switch_ttbr_id
        bl    virt_to_maddr
        mov   x1, x0
        mov   x0, x19
        blr   x1                        /* switch_ttbr_id(ttbr), on the 1:1 mapping */
        ldr   x0, =xen_third_id
        mov   w1, #0
        bl    update_identity_mapping
        ldr   x19, [sp, #16]
        ldp   x29, x30, [sp], #32
        ret
END(switch_ttbr)

/*
 * void setup_pagetables(void) (mmu/setup.c): xen_pgtable -> xen_first -> xen_second ->
 * xen_xenmap maps Xen's image page by page, xen_second also links the fixmap (xen_fixmap, where
 * head.S put the UART), slot 256 of xen_pgtable holds the directmap (1 GiB blocks of RAM);
 * switch to them, then protect Xen (text read-only and executable, rodata read-only, the rest
 * read-write and execute-never) and enforce WXN.
 */
FUNC_LOCAL(setup_pagetables)
        stp   x29, x30, [sp, #-48]!
        mov   x29, sp
        stp   x19, x20, [sp, #16]
        stp   x21, x22, [sp, #32]
        bl    arch_setup_page_tables
        ldr   x0, =xen_pgtable
        ldr   x1, =xen_first
        ldr   x2, =XEN_VIRT_START
        mov   x3, #39
        bl    link_table
        ldr   x0, =xen_first
        ldr   x1, =xen_second
        ldr   x2, =XEN_VIRT_START
        mov   x3, #30
        bl    link_table
        mov   x19, #0
1:      ldr   x0, =xen_second
        ldr   x1, =xen_xenmap
        add   x1, x1, x19, lsl #12
        ldr   x2, =XEN_VIRT_START
        add   x2, x2, x19, lsl #21
        mov   x3, #21
        bl    link_table
        add   x19, x19, #1
        cmp   x19, #HARNESS_XEN_L2_SLOTS
        b.lo  1b
        ldr   x0, =xen_second
        ldr   x1, =xen_fixmap
        ldr   x2, =FIXMAP_ADDR(0)
        mov   x3, #21
        bl    link_table
        /* The directmap: one 1 GiB block for the gigabyte Xen was loaded in. */
        ldr   x0, =xen_pgtable
        ldr   x1, =xen_directmap
        ldr   x2, =DIRECTMAP_VIRT_START
        mov   x3, #39
        bl    link_table
        ldr   x0, =_start
        bl    virt_to_maddr
        and   x20, x0, #~((1 << 30) - 1)
        ldr   x1, =HARNESS_BLOCK_RW
        orr   x1, x20, x1
        ubfx  x2, x20, #30, #9
        ldr   x0, =xen_directmap
        str   x1, [x0, x2, lsl #3]
        /* Xen's pages, read-write and executable until the switch. */
        ldr   x19, =_start
        ldr   x21, =_end
2:      mov   x0, x19
        bl    virt_to_maddr
        mov   x2, x0
        ldr   x0, =xen_xenmap
        ldr   x1, =XEN_VIRT_START
        sub   x1, x19, x1
        lsr   x1, x1, #12
        ldr   x3, =HARNESS_PAGE_RW_X
        orr   x2, x2, x3
        str   x2, [x0, x1, lsl #3]
        add   x19, x19, #4096
        cmp   x19, x21
        b.lo  2b
        ldr   x0, =xen_pgtable
        bl    virt_to_maddr
        bl    switch_ttbr
        /* Protect Xen. */
        ldr   x19, =_start
3:      ldr   x22, =HARNESS_PAGE_RW
        ldr   x0, =_stext               /* _stext <= va < _etext: text */
        cmp   x19, x0
        b.lo  4f
        ldr   x0, =_etext
        cmp   x19, x0
        b.hs  4f
        ldr   x22, =HARNESS_PAGE_RX
        b     6f
4:      ldr   x0, =_sinittext           /* _sinittext <= va < _einittext: init text */
        cmp   x19, x0
        b.lo  5f
        ldr   x0, =_einittext
        cmp   x19, x0
        b.hs  5f
        ldr   x22, =HARNESS_PAGE_RX
        b     6f
5:      ldr   x0, =_srodata             /* _srodata <= va < _erodata: read-only data */
        cmp   x19, x0
        b.lo  6f
        ldr   x0, =_erodata
        cmp   x19, x0
        b.hs  6f
        ldr   x22, =HARNESS_PAGE_RO
6:      mov   x0, x19
        bl    virt_to_maddr
        ldr   x1, =0x0000fffffffff000
        and   x0, x0, x1
        orr   x2, x0, x22
        ldr   x0, =xen_xenmap
        ldr   x1, =XEN_VIRT_START
        sub   x1, x19, x1
        lsr   x1, x1, #12
        str   x2, [x0, x1, lsl #3]
        add   x19, x19, #4096
        cmp   x19, x21
        b.lo  3b
        bl    flush_xen_tlb_local
        /* xen_pt_enforce_wnx(). */
        mrs   x0, SCTLR_EL2
        orr   x0, x0, #HARNESS_WXN
        dsb   sy
        msr   SCTLR_EL2, x0
        isb
        bl    flush_xen_tlb_local
        ldp   x21, x22, [sp, #32]
        ldp   x19, x20, [sp, #16]
        ldp   x29, x30, [sp], #48
        ret
END(setup_pagetables)

/*
 * What the rest of start_xen leaves in the EL2 registers the suspend path saves: the trap
 * vectors, the hypervisor configuration and traps, this CPU's per-cpu offset, the first
 * guest's stage-2 settings (the values of the built-in scenarios, reference section 3).
 */
FUNC_LOCAL(init_el2_registers)
        ldr   x0, =hyp_traps_vector
        msr   VBAR_EL2, x0
        ldr   x0, =0x38                 /* HCR_EL2: AMO | IMO | FMO */
        msr   HCR_EL2, x0
        ldr   x0, =0xe60                /* MDCR_EL2: TDRA | TDOSA | TDA | TPM | TPMCR */
        msr   MDCR_EL2, x0
        ldr   x0, =0x8000               /* HSTR_EL2: T15 */
        msr   HSTR_EL2, x0
        ldr   x0, =0x401032ff           /* CPTR_EL2: TAM | TTA | RES1 */
        msr   CPTR_EL2, x0
        ldr   x0, =0x80023558           /* VTCR_EL2: 40-bit IPA, 4K, inner WBWA, SL0 1 */
        msr   VTCR_EL2, x0
        ldr   x0, =0x0001000040600000   /* VTTBR_EL2: VMID 1, p2m root */
        msr   VTTBR_EL2, x0
        ldr   x0, =0x1c8000             /* TPIDR_EL2: per-cpu offset */
        msr   TPIDR_EL2, x0
        mov   x0, #3                    /* CNTHCTL_EL2: EL1PCEN | EL1PCTEN */
        msr   CNTHCTL_EL2, x0
        isb
        ret
END(init_el2_registers)

/* Xen's EL2 vector table (entry.S): any exception here is a bug the run reports. */
        .balign 2048
FUNC(hyp_traps_vector)
        .rept 16
        b     .
        .balign 128
        .endr
END(hyp_traps_vector)

#ifdef CONFIG_ARM_EFI
/* The EFI stub's entry and cache flush: this platform boots without EFI; never reached. */
FUNC(efi_start)
1:      wfe
        b     1b
END(efi_start)
FUNC(__flush_dcache_area)
        ret
END(__flush_dcache_area)
#endif

        .data
        .balign 8
HARNESS_DATA(harness_phys_offset)
        .quad 0
HARNESS_END(harness_phys_offset)
suspend_result: .word 0

/* struct init_info init_data = { .stack = cpu0_boot_stack } (smpboot.c). */
        .balign 8
HARNESS_DATA(init_data)
        .quad cpu0_boot_stack
        .word 0                         /* cpuid */
        .word 0
HARNESS_END(init_data)
HARNESS_DATA(dcache_line_bytes)
        .quad 64
HARNESS_END(dcache_line_bytes)

/* init_ttbr and smp_up_cpu live in the identity-mapped page (mmu/smpboot.c, smpboot.c). */
        .section .data.idmap, "aw", %progbits
        .balign 8
HARNESS_DATA(init_ttbr)
        .quad 0
HARNESS_END(init_ttbr)
HARNESS_DATA(smp_up_cpu)
        .quad 0xffffffffffffffff        /* MPIDR_INVALID */
HARNESS_END(smp_up_cpu)

/* The boot page tables (mmu/smpboot.c: DEFINE_BOOT_PAGE_TABLE, in .data.page_aligned). */
        .section .data.page_aligned, "aw", %progbits
        .balign 4096
HARNESS_DATA(boot_pgtable)
        .skip 4096
HARNESS_END(boot_pgtable)
HARNESS_DATA(boot_first)
        .skip 4096
HARNESS_END(boot_first)
HARNESS_DATA(boot_first_id)
        .skip 4096
HARNESS_END(boot_first_id)
HARNESS_DATA(boot_second_id)
        .skip 4096
HARNESS_END(boot_second_id)
HARNESS_DATA(boot_third_id)
        .skip 4096
HARNESS_END(boot_third_id)
HARNESS_DATA(boot_second)
        .skip 4096
HARNESS_END(boot_second)
HARNESS_DATA(boot_third)
        .skip 4096 * HARNESS_XEN_L2_SLOTS
HARNESS_END(boot_third)
HARNESS_DATA(xen_fixmap)
        .skip 4096
HARNESS_END(xen_fixmap)

/* The runtime page tables (DEFINE_PAGE_TABLE: .bss, page aligned). */
        .section .bss.page_aligned, "aw", %nobits
        .balign 4096
HARNESS_DATA(xen_pgtable)
        .skip 4096
HARNESS_END(xen_pgtable)
xen_first:      .skip 4096
xen_second:     .skip 4096
xen_xenmap:     .skip 4096 * HARNESS_XEN_L2_SLOTS
xen_first_id:   .skip 4096
xen_second_id:  .skip 4096
xen_third_id:   .skip 4096
xen_directmap:  .skip 4096

/*
 * The boot CPU's stack (smpboot.c: static unsigned char __initdata cpu0_boot_stack[STACK_SIZE]
 * __aligned(STACK_SIZE)): init data, part of the image, not cleared by zero_bss.
 */
        .section .init.data, "aw", %progbits
        .balign STACK_SIZE
cpu0_boot_stack:
        .skip STACK_SIZE
