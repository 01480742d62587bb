#ifndef __ASM_ARM_ARM64_MACROS_H
#define __ASM_ARM_ARM64_MACROS_H

/* `ret` as a macro, as Xen writes it: the return, then a barrier against speculation. */
    .macro  ret
        .inst 0xd65f03c0
        dsb   nsh
        isb
    .endm

/* A PC-relative address within +/- 4 GiB. */
.macro  adr_l, dst, sym
        adrp  \dst, \sym
        add   \dst, \dst, :lo12:\sym
.endm

#ifdef CONFIG_EARLY_PRINTK
/*
 * PRINT(string) prints from .rodata.str; PRINT_ID(string) from .rodata.idmap, which stays
 * mapped 1:1 (for code running on the identity mapping). Clobbers x0 - x3.
 */
#define PRINT_SECT(section, string)         \
        mov   x3, lr                       ;\
        adr_l x0, 98f                      ;\
        bl    asm_puts                     ;\
        mov   lr, x3                       ;\
        RODATA_SECT(section, 98, string)

#define PRINT(string) PRINT_SECT(.rodata.str, string)
#define PRINT_ID(string) PRINT_SECT(.rodata.idmap, string)

/* Prints register \xb in hex. Clobbers x0 - x4. */
.macro print_reg xb
        mov   x0, \xb
        mov   x4, lr
        bl    asm_putn
        mov   lr, x4
.endm
#else
#define PRINT(s)
#define PRINT_ID(s)
.macro print_reg xb
.endm
#endif

lr      .req    x30

#endif /* __ASM_ARM_ARM64_MACROS_H */
