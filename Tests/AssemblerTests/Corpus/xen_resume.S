/* The resume path: entered from firmware with the MMU off. */
#define CONFIG_EARLY_PRINTK 1
#define PRINT(s) adr x0, s; bl puts

        .text
FUNC(_start)
        ldr     x0, =start
        adr     x20, start
        sub     x20, x20, x0            /* phys offset */
        ldr     lr, =mmu_resumed
        b       enable_secondary_cpu_mm
END(_start)

FUNC_LOCAL(start)
        nop
        ret
END(start)

FUNC(enable_secondary_cpu_mm)
        msr     daifset, #0xf
        mrs     x0, SCTLR_EL2
        orr     x0, x0, #1
        dsb     sy
        msr     SCTLR_EL2, x0
        isb
        br      lr
END(enable_secondary_cpu_mm)

FUNC_LOCAL(mmu_resumed)
#ifdef CONFIG_EARLY_PRINTK
        PRINT(msg)
#else
        nop
#endif
#if defined(CONFIG_DEBUG) && CONFIG_DEBUG > 1
        brk     #1
#elif CONFIG_EARLY_PRINTK == 1
        mov     x1, #2
#else
        mov     x1, #3
#endif
#ifndef CONFIG_DEBUG
        tlbi    alle2
        dsb     nsh
        isb
#endif
#undef CONFIG_EARLY_PRINTK
#ifdef CONFIG_EARLY_PRINTK
        .error  "should be gone"
#endif
1:      b       1b
END(mmu_resumed)

FUNC_LOCAL(puts)
        ret
END(puts)

        .section .rodata.str, "aMS", %progbits, 1
msg:    .asciz  "- resumed -\r\n"
