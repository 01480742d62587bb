/*
 * PRINT_ID as Xen's arm64 head.S defines it (GPL-2.0-only), with the string placed in
 * .rodata.idmap by .pushsection instead of Xen's RODATA_SECT macro.
 */
#ifndef SUSPENDSCOPE_MACROS_H
#define SUSPENDSCOPE_MACROS_H
#ifdef CONFIG_EARLY_PRINTK
/* Prints a string from the idmap rodata; clobbers x0..x3 (x3 keeps lr). */
#define PRINT_ID(_s)                  \
        mov   x3, lr                 ;\
        adr   x0, 98f                ;\
        bl    asm_puts               ;\
        mov   lr, x3                 ;\
        .pushsection .rodata.idmap, "a", %progbits ;\
98:     .asciz _s                    ;\
        .popsection
#else
#define PRINT_ID(_s)
#endif

#endif
