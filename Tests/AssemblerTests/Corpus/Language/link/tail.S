        .text
        .globl  tail, tail_value
tail:
        ldr     x5, =tail_value
        adrp    x6, shared_word
        add     x6, x6, :lo12:shared_word
        b       .

        .section .text.hot, "ax"
hot:    nop

        .section .rodata
        .balign 4
tail_value:
        .word   0x7a11
        .section .rodata.str1.1, "aMS", %progbits, 1
        .asciz  "tail"
        .asciz  "il"                    /* a tail of "tail" */
