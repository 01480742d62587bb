/* In the shape of Xen's xen/include/xen/linkage.h: FUNC takes an optional alignment. */
#ifndef ASM_LINKAGE_H
#define ASM_LINKAGE_H
#define CODE_ALIGN 8
#define FUNC(name, algn...) .globl name; .type name, %function; .balign CODE_ALIGN; name:
#define END(name) .size name, . - name
#endif
