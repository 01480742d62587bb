/*
 * xen/arch/arm/arm64/head.S of the xen-mini test tree: the boot CPU's start of day, and the
 * suspend series' save and restore of the CPU context (v11: resume_cpu_context, offsets from
 * asm-offsets, CNTHCTL_EL2 kept).
 *
 * Register use:
 *  x19 - paddr(start)
 *  x20 - phys offset
 *  x21 - DTB address
 *  x23 - UART address
 *  x26 - skip_zero_bss
 *  x30 - lr
 */

#include <asm/page.h>
#include <asm/early_printk.h>

#if defined(CONFIG_EARLY_PRINTK) && defined(CONFIG_EARLY_PRINTK_INC)
#include CONFIG_EARLY_PRINTK_INC
#endif

/* The image header's flags: 4 KiB pages (1 << 1), placed anywhere (1 << 3). */
#define HEAD_FLAGS  (((PAGE_SHIFT - 10) / 2) << 1 | 1 << 3)

/* Saves \reg into its field of the context at x0, through x2. */
.macro save_el2 reg, field
        mrs   x2, \reg
        str   x2, [x0, #\field]
.endm

/* Restores \reg from its field of the context at x0, through x2. */
.macro restore_el2 reg, field
        ldr   x2, [x0, #\field]
        msr   \reg, x2
.endm

.section .text.header, "ax", %progbits

/*
 * The entry point, first in the image: MMU off, x0 = the DTB's physical address. Linked at
 * XEN_VIRT_START, loaded at any 4 KiB-aligned address.
 */
FUNC(start)
        add   x13, x18, #0x16        /* "MZ", for loaders that look */
        b     real_start
END(start)
        .quad 0                      /* load offset */
        .quad _end - start           /* image size */
        .quad HEAD_FLAGS
        .quad 0, 0, 0
        .byte 0x41, 0x52, 0x4d, 0x64 /* "ARM\x64" */
        .long 0x0U                   /* no PE header */

FUNC_LOCAL(real_start)
        mov   x26, #0                /* zero the BSS */
        msr   DAIFSet, 0xf
        mov   x21, x0

        ldr   x0, =start
        adr   x19, start             /* x19 := paddr(start) */
        sub   x20, x19, x0           /* x20 := phys offset */

#ifdef CONFIG_EARLY_PRINTK
        bl    init_uart
#endif
        PRINT("- xen-mini booting -\r\n")

        bl    check_cpu_mode
        bl    cpu_init

        ldr   lr, =primary_switched
        b     enable_boot_cpu_mm

primary_switched:
        bl    zero_bss
        PRINT("- Ready -\r\n")
        mov   x0, x21                /* start_xen(fdt_paddr) */
        ldr   x1, =start_xen
        b     launch
END(real_start)

/* EL2 or park. Clobbers x0 - x5. */
FUNC_LOCAL(check_cpu_mode)
        PRINT_ID("- Current EL ")
        mrs   x5, CurrentEL
        print_reg x5
        PRINT_ID(" -\r\n")
        cmp   x5, #PSR_MODE_EL2t
        ccmp  x5, #PSR_MODE_EL2h, #0x4, ne   /* EL2t, or else EL2h: Z set */
        b.ne  1f
        ret
        /* Anything else cannot run Xen. */
1:      PRINT_ID("- Not entered in EL2 -\r\n")
        b     fail
END(check_cpu_mode)

/* Zeroes the BSS unless x26 says not to. Clobbers x0 - x3. */
FUNC_LOCAL(zero_bss)
        cbnz  x26, 2f
        PRINT("- Zero BSS -\r\n")
        ldr   x0, =__bss_start
        ldr   x1, =__bss_end
1:      str   xzr, [x0], #8
        cmp   x0, x1
        b.lo  1b
2:      ret
END(zero_bss)

/* Memory attributes, translation control, SCTLR_EL2, SPSel. Clobbers x0 - x3. */
FUNC_LOCAL(cpu_init)
        PRINT_ID("- Initialize CPU -\r\n")
        ldr   x0, =MAIRVAL
        msr   mair_el2, x0
        ldr   x0, =(TCR_RES1|TCR_SH0_IS|TCR_ORGN0_WBWA|TCR_IRGN0_WBWA|TCR_T0SZ(64-48))
        mrs   x1, ID_AA64MMFR0_EL1
        ubfm  x1, x1, #0, #3         /* PARange, at most 48 bits (5) */
        mov   x2, #5
        cmp   x1, x2
        csel  x1, x1, x2, lt
        bfi   x0, x1, #16, #3
        msr   tcr_el2, x0
        ldr   x0, =SCTLR_EL2_SET
        msr   SCTLR_EL2, x0
        isb
        msr   spsel, #1
        ret
END(cpu_init)

/* x0 = argument, x1 = the C function: the boot stack from init_data, then C. Clobbers x3. */
FUNC_LOCAL(launch)
        ldr   x3, =init_data
        add   x3, x3, #INITINFO_stack
        ldr   x3, [x3]
        add   x3, x3, #STACK_SIZE
        sub   x3, x3, #CPUINFO_sizeof
        mov   sp, x3
        br    x1
END(launch)

/* This file's own fail-stop (mmu/head.S has another). */
FUNC_LOCAL(fail)
        PRINT_ID("- Boot failed -\r\n")
1:      wfe
        b     1b
END(fail)

#ifdef CONFIG_EARLY_PRINTK
/* x23 := the UART's physical base; initialised when a baud rate is configured. */
FUNC_LOCAL(init_uart)
        ldr   x23, =CONFIG_EARLY_UART_BASE_ADDRESS
#if CONFIG_EARLY_UART_PL011_BAUD_RATE != 0
        early_uart_init x23, 0
#endif
        PRINT("- UART enabled -\r\n")
        ret
END(init_uart)

/* Prints the NUL-terminated string at x0 on the UART at x23. Clobbers x0 - x1. */
FUNC(asm_puts)
        early_uart_ready x23, 1
        ldrb  w1, [x0], #1
        cbz   w1, 1f
        early_uart_transmit x23, w1
        b     asm_puts
1:
        ret
END(asm_puts)

/* Prints x0 as 16 hex digits. Clobbers x0 - x3. */
FUNC(asm_putn)
        adr_l x1, hex
        mov   x3, #16
1:
        early_uart_ready x23, 2
        and   x2, x0, #(0xf<<60)
        lsr   x2, x2, #60
        ldrb  w2, [x1, x2]
        early_uart_transmit x23, w2
        lsl   x0, x0, #4
        subs  x3, x3, #1
        b.ne  1b
        ret
END(asm_putn)

RODATA_SECT(.rodata.idmap, hex, "0123456789abcdef")
#endif /* CONFIG_EARLY_PRINTK */

#ifdef CONFIG_SYSTEM_SUSPEND
/*
 * int prepare_resume_ctx(void)
 *
 * Saves the callee-saved registers, sp and the EL2 state into resume_cpu_context and returns
 * 1. hyp_resume restores them and returns 0 "from here" after the system wakes up.
 */
FUNC(prepare_resume_ctx)
        ldr   x0, =resume_cpu_context

        stp   x19, x20, [x0, #RESUME_CTX_X19]
        stp   x21, x22, [x0, #RESUME_CTX_X21]
        stp   x23, x24, [x0, #RESUME_CTX_X23]
        stp   x25, x26, [x0, #RESUME_CTX_X25]
        stp   x27, x28, [x0, #RESUME_CTX_X27]
        stp   x29, lr, [x0, #RESUME_CTX_X29]

        mov   x2, sp
        str   x2, [x0, #RESUME_CTX_SP]

        save_el2 VBAR_EL2, RESUME_CTX_VBAR_EL2
        save_el2 VTCR_EL2, RESUME_CTX_VTCR_EL2
        save_el2 VTTBR_EL2, RESUME_CTX_VTTBR_EL2
        save_el2 TPIDR_EL2, RESUME_CTX_TPIDR_EL2
        save_el2 MDCR_EL2, RESUME_CTX_MDCR_EL2
        save_el2 HSTR_EL2, RESUME_CTX_HSTR_EL2
        save_el2 CPTR_EL2, RESUME_CTX_CPTR_EL2
        save_el2 HCR_EL2, RESUME_CTX_HCR_EL2
        save_el2 CNTHCTL_EL2, RESUME_CTX_CNTHCTL_EL2

        mov   x0, #1
        ret
END(prepare_resume_ctx)

/* The entry point PSCI wakes the CPU at: physical address, MMU off. */
FUNC(hyp_resume)
#ifdef CONFIG_EARLY_PRINTK
        bl    init_uart
#endif
        PRINT_ID("- Xen resuming -\r\n")

        bl    check_cpu_mode
        bl    cpu_init

        ldr   x0, =start
        adr   x20, start             /* x20 := paddr(start) */
        sub   x20, x20, x0           /* x20 := phys offset */
        ldr   lr, =mmu_resumed
        b     enable_secondary_cpu_mm

mmu_resumed:
        /* The MMU is on: resume_cpu_context is reachable at its virtual address. */
        ldr   x0, =resume_cpu_context

        ldp   x19, x20, [x0, #RESUME_CTX_X19]
        ldp   x21, x22, [x0, #RESUME_CTX_X21]
        ldp   x23, x24, [x0, #RESUME_CTX_X23]
        ldp   x25, x26, [x0, #RESUME_CTX_X25]
        ldp   x27, x28, [x0, #RESUME_CTX_X27]
        ldp   x29, lr, [x0, #RESUME_CTX_X29]

        ldr   x2, [x0, #RESUME_CTX_SP]
        mov   sp, x2

        restore_el2 VBAR_EL2, RESUME_CTX_VBAR_EL2
        restore_el2 VTCR_EL2, RESUME_CTX_VTCR_EL2
        restore_el2 VTTBR_EL2, RESUME_CTX_VTTBR_EL2
        restore_el2 TPIDR_EL2, RESUME_CTX_TPIDR_EL2
        restore_el2 MDCR_EL2, RESUME_CTX_MDCR_EL2
        restore_el2 HSTR_EL2, RESUME_CTX_HSTR_EL2
        restore_el2 CPTR_EL2, RESUME_CTX_CPTR_EL2
        restore_el2 HCR_EL2, RESUME_CTX_HCR_EL2
        restore_el2 CNTHCTL_EL2, RESUME_CTX_CNTHCTL_EL2
        isb

        /* "Return" from prepare_resume_ctx a second time, with 0. */
        mov   x0, #0
        ret
END(hyp_resume)
#endif /* CONFIG_SYSTEM_SUSPEND */

#ifdef CONFIG_ARM_EFI
/*
 * void noreturn efi_xen_start(void *fdt_ptr): where efi_start (C: the EFI stub's entry, which
 * the PE header names) enters Xen once the loader is done with the caches. A boot as an Image
 * never comes here.
 */
FUNC(efi_xen_start)
        mov   x21, x0                /* x21 := the DTB */
        ldr   x0, =start
        ldr   x1, =_end
        sub   x1, x1, x0             /* the whole image, cleaned to memory */
        bl    __flush_dcache_area
        mov   x0, x21
        b     real_start
END(efi_xen_start)

/* The PE/COFF entry point a loader would read. */
        .section .rodata, "a", %progbits
        .balign 8
efi_entry:
        .quad efi_start
#endif /* CONFIG_ARM_EFI */
