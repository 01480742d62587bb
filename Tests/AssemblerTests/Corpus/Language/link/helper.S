#include "shared.h"
        .text
        .balign 16                      /* this unit's .text is 16-aligned */
        .globl  helper
helper:
        ldr     x0, =0x123456789        /* its own pool */
        cbnz    x0, fail                /* its own `fail` */
1:      ret
fail:   mov     x0, #LOCAL_CODE + 1
        b       1b

        .section .rodata.str, "aMS", %progbits, 1
        .asciz  "world"                 /* a tail of main.S's "hello, world" */
        .asciz  "shared"                /* the same string as in main.S */
helper_only:
        .asciz  "helper"

        .data
        .balign 8
        .globl  shared_word
shared_word:
        .quad   0x1111
local_data:                             /* a local of the same name as main.S's */
        .quad   helper_only

        .section .bss.helper, "aw", %nobits
        .balign 64
helper_bss:
        .skip   8
