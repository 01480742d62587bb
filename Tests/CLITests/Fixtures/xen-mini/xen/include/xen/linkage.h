#ifndef __LINKAGE_H__
#define __LINKAGE_H__

#ifdef __ASSEMBLER__

/* Symbols as Xen's linkage.h makes them: typed, aligned, global or local, with a size. */
#define CODE_FILL ~0
#define LASTARG(x, y...) y
#define SYM_ALIGN(align...) .balign align

#define SYM_L_GLOBAL(name) .globl name; .hidden name
#define SYM_L_LOCAL(name)  /* nothing */

#define SYM_T_FUNC         STT_FUNC
#define SYM_T_DATA         STT_OBJECT

#define SYM(name, typ, linkage, align...)         \
        .type name, SYM_T_ ## typ;                \
        SYM_L_ ## linkage(name);                  \
        SYM_ALIGN(align);                         \
        name:

#define END(name) .size name, . - name

#define FUNC(name, align...) \
        SYM(name, FUNC, GLOBAL, CONFIG_FUNCTION_ALIGNMENT, CODE_FILL)
#define FUNC_LOCAL(name, align...) \
        SYM(name, FUNC, LOCAL, CONFIG_FUNCTION_ALIGNMENT, CODE_FILL)

#endif /* __ASSEMBLER__ */

#endif /* __LINKAGE_H__ */
