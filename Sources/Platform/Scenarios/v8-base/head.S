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
        b .
END(hyp_resume)

#endif /* CONFIG_SYSTEM_SUSPEND */
