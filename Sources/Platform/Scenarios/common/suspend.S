/*
 * The C side of the suspend path, as a compiler would emit it for Xen's
 * xen/arch/arm/suspend.c and psci.c (written for SuspendScope, modelled on the series
 * "xen/arm: Add support for system suspend triggered by hardware domain"; GPL-2.0-only):
 *
 *     static long system_suspend(void *data)
 *     {
 *         int status = 0;
 *         set_init_ttbr(xen_pgtable);
 *         update_boot_mapping(true);
 *         if ( prepare_resume_ctx(...) )
 *             status = call_psci_system_suspend();
 *         update_boot_mapping(false);
 *         if ( status )
 *             suspend_error = status;      // dprintk(XENLOG_ERR, ...) in Xen
 *         return status;
 *     }
 *
 * The loader's defines: CONTEXT_SYMBOL (the global context struct, if any), CONTEXT_SIZE and
 * CONTEXT_ALIGN (from the C struct); the manifest's config: PREPARE_RESUME_CTX_TAKES_PTR (v8
 * passes the struct's address in x0), PSCI_CONTEXT_ID (v9+ pass 0 in x2; v8 leaves x2 as is).
 */
#include "config.h"

        .text
/* Runtime (virtual, MMU on): the stack, the EL2 registers Xen runs with, then the suspend. */
FUNC(primary_switched)   /* global: boot.S branches here (one file in Xen) */
        ldr   x0, =cpu0_boot_stack_end
        mov   sp, x0
        /* The boot identity mapping is not needed at runtime (update_boot_mapping(false)). */
        mov   x0, #0
        bl    update_boot_mapping
        ldr   x0, =hyp_traps_vector
        msr   VBAR_EL2, x0
        ldr   x0, =HCR_EL2_RUN
        msr   HCR_EL2, x0
        ldr   x0, =MDCR_EL2_RUN
        msr   MDCR_EL2, x0
        ldr   x0, =HSTR_EL2_RUN
        msr   HSTR_EL2, x0
        ldr   x0, =CPTR_EL2_RUN
        msr   CPTR_EL2, x0
        ldr   x0, =VTCR_EL2_RUN
        msr   VTCR_EL2, x0
        ldr   x0, =VTTBR_EL2_RUN
        msr   VTTBR_EL2, x0
        ldr   x0, =TPIDR_EL2_RUN
        msr   TPIDR_EL2, x0
        ldr   x0, =CNTHCTL_EL2_RUN
        msr   CNTHCTL_EL2, x0
        isb
        bl    system_suspend
        ldr   x1, =suspend_result
        str   w0, [x1]
1:      b     1b                        /* done: the scenario halts here */
END(primary_switched)
#ifdef CONTEXT_SYMBOL                   /* the code has a context struct (v8-base has none) */
FUNC_LOCAL(system_suspend)
        stp   x29, x30, [sp, #-32]!
        mov   x29, sp
        str   x19, [sp, #16]
        mov   w19, #0                   /* status = 0 */
        ldr   x0, =xen_pgtable
        bl    set_init_ttbr
        mov   x0, #1
        bl    update_boot_mapping
#ifdef PREPARE_RESUME_CTX_TAKES_PTR
        ldr   x0, =CONTEXT_SYMBOL
#endif
        bl    prepare_resume_ctx
        cbz   w0, 1f                    /* 0: we are back from hyp_resume */
        bl    call_psci_system_suspend
        mov   w19, w0                   /* only reached when the firmware refused */
1:      mov   x0, #0
        bl    update_boot_mapping
        cbz   w19, 2f
        ldr   x1, =suspend_error        /* the error branch: log the PSCI error */
        str   w19, [x1]
2:      mov   w0, w19
        ldr   x19, [sp, #16]
        ldp   x29, x30, [sp], #32
        ret
END(system_suspend)
#endif /* without one, system_suspend (after the vectors) only asks PSCI: nothing can come back */
/* int call_psci_system_suspend(void): SYSTEM_SUSPEND with the physical address of hyp_resume. */
FUNC_LOCAL(call_psci_system_suspend)
        ldr   x0, =PSCI_1_0_FN64_SYSTEM_SUSPEND
        ldr   x1, =hyp_resume
        ldr   x2, =phys_offset
        ldr   x2, [x2]
        add   x1, x1, x2                /* __pa(hyp_resume) */
#ifdef PSCI_CONTEXT_ID
        mov   x2, #0
#endif
        smc   #0
        ret
END(call_psci_system_suspend)

/* set_init_ttbr(root): the root table the resume path will load into TTBR0_EL2. */
FUNC_LOCAL(set_init_ttbr)
        ldr   x1, =phys_offset
        ldr   x1, [x1]
        add   x0, x0, x1
        ldr   x2, =init_ttbr
        str   x0, [x2]
        dsb   sy
        ret
END(set_init_ttbr)

/* update_boot_mapping(enable): map or unmap the idmap page 1:1 (boot_third_id's entry). */
FUNC_LOCAL(update_boot_mapping)
        ldr   x1, =start
        ldr   x2, =phys_offset
        ldr   x2, [x2]
        add   x1, x1, x2                /* physical address of the idmap page */
        ubfx  x3, x1, #12, #9
        ldr   x4, =PT_MEM_RO_X
        orr   x4, x1, x4
        cmp   x0, #0
        csel  x4, x4, xzr, ne
        ldr   x5, =boot_third_id
        str   x4, [x5, x3, lsl #3]
        dsb   nshst
        tlbi  alle2
        dsb   nsh
        isb
        ret
END(update_boot_mapping)

/* Xen's EL2 vector table; any exception here is a bug the scenario reports. */
        .balign 2048
FUNC(hyp_traps_vector)
        b     .                         /* current EL, SP_EL0: synchronous */
        .balign 128
        b     .                         /* IRQ */
        .balign 128
        b     .                         /* FIQ */
        .balign 128
        b     .                         /* SError */
        .balign 128
        b     .                         /* current EL, SP_ELx: synchronous */
        .balign 128
        b     .                         /* IRQ */
        .balign 128
        b     .                         /* FIQ */
        .balign 128
        b     .                         /* SError */
        .balign 128
        b     .                         /* lower EL, AArch64: synchronous */
        .balign 128
        b     .                         /* IRQ */
        .balign 128
        b     .                         /* FIQ */
        .balign 128
        b     .                         /* SError */
        .balign 128
        b     .                         /* lower EL, AArch32: synchronous */
        .balign 128
        b     .                         /* IRQ */
        .balign 128
        b     .                         /* FIQ */
        .balign 128
        b     .                         /* SError */
        .balign 128
END(hyp_traps_vector)

#ifndef CONTEXT_SYMBOL
/*
 * system_suspend() before patch 11/13 (scenario v8-base): no context is saved, so nothing
 * returns to the caller after the warm boot; the resume path ends in hyp_resume.
 */
FUNC_LOCAL(system_suspend)
        stp   x29, x30, [sp, #-32]!
        mov   x29, sp
        str   x19, [sp, #16]
        ldr   x0, =xen_pgtable
        bl    set_init_ttbr
        mov   x0, #1
        bl    update_boot_mapping
        bl    call_psci_system_suspend
        mov   w19, w0                   /* only reached when the firmware refused */
        mov   x0, #0
        bl    update_boot_mapping
        ldr   x1, =suspend_error        /* the error branch: log the PSCI error */
        str   w19, [x1]
        mov   w0, w19
        ldr   x19, [sp, #16]
        ldp   x29, x30, [sp], #32
        ret
END(system_suspend)
#endif

        .data
        /* Writable data starts on its own page: pages below are mapped read-only executable. */
        .balign 4096
.globl data_start; data_start:   /* Xen's linker-script symbols are global */
DATA(phys_offset)
        .quad 0
END(phys_offset)
DATA(init_ttbr)
        .quad 0
END(init_ttbr)
DATA(suspend_error)
        .word 0
END(suspend_error)
DATA(suspend_result)
        .word 0
END(suspend_result)

        .bss
        .balign 4096
.globl xen_pgtable; xen_pgtable:    .skip 4096
.globl xen_first; xen_first:      .skip 4096
.globl xen_second; xen_second:     .skip 4096
.globl xen_third; xen_third:      .skip 4096
.globl boot_first_id; boot_first_id:  .skip 4096
.globl boot_second_id; boot_second_id: .skip 4096
.globl boot_third_id; boot_third_id:  .skip 4096
cpu0_boot_stack: .skip 16384
cpu0_boot_stack_end:
#ifdef CONTEXT_SYMBOL
        .balign CONTEXT_ALIGN
DATA(CONTEXT_SYMBOL)
        .skip CONTEXT_SIZE
END(CONTEXT_SYMBOL)
#endif
        .balign 4096
.globl _end; _end:
