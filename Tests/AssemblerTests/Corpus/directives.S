/* Directives: sections, data, alignment, strings,
   symbols and expressions. A multi-line comment. */
        .text
        .globl  _start ; .type _start, %function
_start: nop ; nop       // two statements on a line
        .byte   1
        .balign 16              // zeros to a word, then NOPs in code
        .align  3
        .p2align 2
        .byte   2, 3
        .p2align 3, 0xaa
        .balign 8, 0x55, 2
        .balign 16,, 0
1:      b       1f
        b       1b
1:      b       1b
        .hword  0x1234
        .short  -1
        .2byte  'A'
        .word   0xdeadbeef, _start, . - _start
        .long   2 + 3 * 4, (2 + 3) * 4, 1 << 10, 0xff >> 4, 7 & 3, 4 | 1, 6 ^ 3, ~0
        .4byte  -17 / 3, -17 % 3, 100 / 7
        .quad   _start + 4, -1, 0x8000000000000000
        .8byte  data_end - data_start
        .skip   3
        .space  2, 0x7f
        .zero   5
        .fill   3, 2, 0x1234
        .ascii  "abc", "d\n\t\\\""
        .asciz  "hello"
        .string "x\x41\101\0y"
        .byte   'a', 'b', '\n', '\\'
        .equ    CONST, 0x40
        .set    OTHER, CONST * 2
        THIRD = OTHER + 1
        .word   CONST, OTHER, THIRD, LATER
        .equ    LATER, 99
        .size   _start, . - _start
        .balign 4
        mov     x0, #CONST
        add     x1, x1, #(OTHER - CONST) / 2
        .inst   0xd503201f
        .ltorg
        .section .rodata
ro1:    .quad   0x0102030405060708
        .asciz  "read-only"
        .section .rodata.str, "a"
ro2:    .byte   9
        .section .mytext, "ax", %progbits
mt:     ret
        .section .text.more
tm:     nop
        .data
data_start:
        .byte   1, 2, 3
        .balign 8
dq:     .quad   ro1, mt, tm
        .type   dq, %object
        .size   dq, 24
data_end:
        .section .mydata, "aw"
md:     .word   7
        .bss
bss1:   .skip   16
        .text
        .global last
last:   ret
