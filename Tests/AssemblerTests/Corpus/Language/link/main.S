/*
 * Three units linked in order, as as + ld link them: local labels (`fail`, `1:`, `.Lx`) and
 * non-global symbols stay in their file, .globl symbols link across, each unit has its own
 * literal pools, input sections keep their alignment (padding inside .text is NOPs), and the
 * "aMS" strings of all three are merged.
 */
#include "shared.h"
        .text
        .globl  _start
_start:
        bl      helper                  /* in helper.S */
        ldr     x1, =shared_word        /* helper.S's global, through this unit's pool */
        ldr     x2, =local_data         /* this file's own local_data */
        adr     x3, greeting
        cbz     x0, fail
1:      b       1b
fail:   mov     x0, #LOCAL_CODE
        b       tail                    /* in tail.S */
        .ltorg
        .byte   0xaa                    /* data at the end: the next unit's .text is padded */

        .section .rodata.str, "aMS", %progbits, 1
greeting:
        .asciz  "hello, world"
world:  .asciz  "world"
        .asciz  "shared"

        .section .text.unlikely, "ax"    /* placed first in .text by ld's script */
cold:   mov     x0, #1
        ret

        .data
local_data:
        .quad   helper, tail_value      /* addresses of other units' globals */
        .word   LOCAL_CODE

        .bss
        .balign 16
main_bss:
        .skip   24
