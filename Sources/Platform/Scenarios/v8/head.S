/*
 * The suspend code of xen/arch/arm/arm64/head.S in the tree of the series "xen/arm: Add
 * support for system suspend triggered by hardware domain" (xen-devel, 2026; patch 11/13 by
 * Mirela Simonovic, Saeed Nowshadi, Mykyta Poturai, Mykola Kvach). Xen is GPL-2.0-only; so is
 * this file. In scenario v8-base it is the code before patch 11/13 "xen/arm: Save/restore
 * context on suspend/resume": hyp_resume (from the earlier patches) ends at `mmu_resumed: b .`.
 * Scenario v8 is v8-base with patch 11/13 as posted, quoted in the v8 review (Reviews/):
 * `suspendscope import` of that email onto v8-base writes this file as v8 has it.
 */
#include "config.h"
#include "macros.h"

        .text
#ifdef CONFIG_ARM_EFI
/* Xen's EFI entry point, efi_xen_start, comes here; SuspendScope's platform has no EFI. */
#error "CONFIG_ARM_EFI: the scenario's platform boots without EFI"
#endif /* CONFIG_ARM_EFI */

#ifdef CONFIG_SYSTEM_SUSPEND
/*
 * int prepare_resume_ctx(struct cpu_context *ptr)
 *
 * x0 - pointer to the storage where callee's context will be saved
 *
 * CPU context saved here will be restored on resume in hyp_resume function.
 * prepare_resume_ctx shall return a non-zero value. Upon restoring context
 * hyp_resume shall return value zero instead. From C code that invokes
 * prepare_resume_ctx, the return value is interpreted to determine whether
 * the context is saved (prepare_resume_ctx) or restored (hyp_resume).
 */
FUNC(prepare_resume_ctx)
        /* Store callee-saved registers */
        stp   x19, x20, [x0], #16
        stp   x21, x22, [x0], #16
        stp   x23, x24, [x0], #16
        stp   x25, x26, [x0], #16
        stp   x27, x28, [x0], #16
        stp   x29, lr, [x0], #16

        /* Store stack-pointer */
        mov   x2, sp
        str   x2, [x0], #8

        /* Store system control registers */
        mrs   x2, VBAR_EL2
        str   x2, [x0], #8
        mrs   x2, VTCR_EL2
        str   x2, [x0], #8
        mrs   x2, VTTBR_EL2
        str   x2, [x0], #8
        mrs   x2, TPIDR_EL2
        str   x2, [x0], #8
        mrs   x2, MDCR_EL2
        str   x2, [x0], #8
        mrs   x2, HSTR_EL2
        str   x2, [x0], #8
        mrs   x2, CPTR_EL2
        str   x2, [x0], #8
        mrs   x2, HCR_EL2
        str   x2, [x0], #8

        /* prepare_resume_ctx must return a non-zero value */
        mov   x0, #1
        ret
END(prepare_resume_ctx)

FUNC(hyp_resume)
        /* Initialize the UART if earlyprintk has been enabled. */
#ifdef CONFIG_EARLY_PRINTK
        bl    init_uart
#endif
        PRINT_ID("- Xen resuming -\r\n")

        bl    check_cpu_mode
        bl    cpu_init

        ldr   x0, =start
        adr   x20, start             /* x20 := paddr (start) */
        sub   x20, x20, x0           /* x20 := phys-offset */
        ldr   lr, =mmu_resumed
        b     enable_secondary_cpu_mm

mmu_resumed:
        /* Now we can access the cpu_context, so restore the context here */
        ldr   x0, =cpu_context

        /* Restore callee-saved registers */
        ldp   x19, x20, [x0], #16
        ldp   x21, x22, [x0], #16
        ldp   x23, x24, [x0], #16
        ldp   x25, x26, [x0], #16
        ldp   x27, x28, [x0], #16
        ldp   x29, lr, [x0], #16

        /* Restore stack pointer */
        ldr   x2, [x0], #8
        mov   sp, x2

        /* Restore system control registers */
        ldr   x2, [x0], #8
        msr   VBAR_EL2, x2
        ldr   x2, [x0], #8
        msr   VTCR_EL2, x2
        ldr   x2, [x0], #8
        msr   VTTBR_EL2, x2
        ldr   x2, [x0], #8
        msr   TPIDR_EL2, x2
        ldr   x2, [x0], #8
        msr   MDCR_EL2, x2
        ldr   x2, [x0], #8
        msr   HSTR_EL2, x2
        ldr   x2, [x0], #8
        msr   CPTR_EL2, x2
        ldr   x2, [x0], #8
        msr   HCR_EL2, x2
        isb

        /*
         * Since context is restored return from this function will appear
         * as return from prepare_resume_ctx. To distinguish a return from
         * prepare_resume_ctx which is called upon finalizing the suspend,
         * as opposed to return from this function which executes on resume,
         * we need to return zero value here.
         */
        mov   x0, #0
        ret
END(hyp_resume)

#endif /* CONFIG_SYSTEM_SUSPEND */
