/*
 * Patch v8 11/13 "xen/arm: Save/restore context on suspend/resume" as posted (xen-devel,
 * May 2026; authors Mirela Simonovic, Saeed Nowshadi, Mykyta Poturai, Mykola Kvach), the
 * hunks of xen/arch/arm/arm64/head.S, quoted from the review in which Volodymyr Babchuk
 * asked for asm-offsets. Xen is GPL-2.0-only; so is this file. The lines of hyp_resume
 * before mmu_resumed were already in Xen's tree (the earlier patches of the series).
 */
#include "config.h"
#include "macros.h"

        .text
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
