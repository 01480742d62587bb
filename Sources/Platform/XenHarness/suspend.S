/*
 * SuspendScope's Xen harness, part 2: the C of the suspend path, after the series
 * "xen/arm: Add support for system suspend triggered by hardware domain" (xen/arch/arm/suspend.c,
 * psci.c), written for SuspendScope in the shape a compiler gives it; GPL-2.0-only, as the Xen
 * it stands in for. On one core without guests, what system_suspend() does around the call of
 * prepare_resume_ctx (freezing domains, taking the other CPUs down, the GIC, the console) has
 * nothing to do, and is left out:
 *
 *     static void system_suspend(void *data)
 *     {
 *         int status = 0;
 *         set_init_ttbr(xen_pgtable);
 *         update_boot_mapping(true);
 *         if ( prepare_resume_ctx(&cpu_context) )     (v8; prepare_resume_ctx() from v9)
 *         {
 *             status = call_psci_system_suspend();
 *             if ( status )
 *                 suspend_error = status;           (dprintk in Xen)
 *         }
 *         update_boot_mapping(false);
 *         return status;
 *     }
 *
 * The builder defines, from the tree's suspend.h: HARNESS_CONTEXT (the context struct's global,
 * from its extern declaration), HARNESS_CONTEXT_SIZE and HARNESS_CONTEXT_ALIGN (its C layout),
 * HARNESS_PREPARE_TAKES_PTR when prepare_resume_ctx takes the struct's address. A tree without
 * a context struct (the code before patch 11/13) only asks PSCI: nothing comes back.
 */

#define HARNESS_DATA(name) .globl name; .type name, %object; name:
#define HARNESS_END(name)  .size name, . - name

        .text
FUNC(system_suspend)
        stp   x29, x30, [sp, #-32]!
        mov   x29, sp
        str   x19, [sp, #16]
        mov   w19, #0                   /* status = 0 */
        ldr   x0, =xen_pgtable
        bl    set_init_ttbr
        mov   w0, #1
        bl    update_boot_mapping
#ifdef HARNESS_CONTEXT
#ifdef HARNESS_PREPARE_TAKES_PTR
        ldr   x0, =HARNESS_CONTEXT
#endif
        bl    prepare_resume_ctx
        cbz   w0, 1f                    /* 0: back from hyp_resume */
#endif
        bl    call_psci_system_suspend
        mov   w19, w0                   /* only reached when the firmware refused */
        cbz   w19, 1f
        ldr   x1, =suspend_error
        str   w19, [x1]
1:      mov   w0, #0
        bl    update_boot_mapping
        mov   w0, w19
        ldr   x19, [sp, #16]
        ldp   x29, x30, [sp], #32
        ret
END(system_suspend)

/*
 * int call_psci_system_suspend(void) (psci.c): PSCI 1.0 SYSTEM_SUSPEND (SMC64) with the
 * physical address of hyp_resume as the entry point and context id 0. Returns the PSCI error
 * when the firmware refuses; on success it does not return.
 */
FUNC(call_psci_system_suspend)
        ldr   x1, =hyp_resume
        ldr   x2, =harness_phys_offset
        ldr   x2, [x2]
        add   x1, x1, x2                /* __pa(hyp_resume) (a leaf: no frame) */
        ldr   x0, =0xc400000e
        mov   x2, #0
        smc   #0
        ret
END(call_psci_system_suspend)

        .data
        .balign 4
HARNESS_DATA(suspend_error)
        .word 0
HARNESS_END(suspend_error)

#ifdef HARNESS_CONTEXT
/* The context struct (struct cpu_context cpu_context = {}; in suspend.c: zero, in .bss). */
        .bss
        .balign HARNESS_CONTEXT_ALIGN
HARNESS_DATA(HARNESS_CONTEXT)
        .skip HARNESS_CONTEXT_SIZE
HARNESS_END(HARNESS_CONTEXT)
#endif
