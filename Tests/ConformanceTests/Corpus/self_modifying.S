// Self-modifying code: instructions written by stores (str, stp, a byte store) into code that has
// already run, then cache maintenance and ISB, then executed again. Exercises the emulator's
// decoded-page cache invalidation against QEMU's.
// stops: first second done
// memory: patch:16
        .text
        .global _start
_start:
        mov     x9, #3
        adr     x1, patch
        ldr     w2, new_insn
        ldr     x3, new_pair
loop:
        bl      patch
        sub     x9, x9, #1
        cmp     x9, #2
        b.ne    1f
first:
        str     w2, [x1]            // patch: mov x0, #0x42
        dc      cvau, x1
        dsb     ish
        ic      ivau, x1
        dsb     ish
        isb
        b       loop
1:      cmp     x9, #1
        b.ne    2f
second:
        str     x3, [x1]            // patch: add x0, x0, #1 ; add x0, x0, #2
        mov     w4, #0x08
        strb    w4, [x1, #1]        // low imm bits of the first add: #1 -> #0x21
        isb
        b       loop
2:
done:
        b       done
        .balign 64
patch:
        mov     x0, #7
        nop
        ret
        nop
new_insn:
        mov     x0, #0x42
new_pair:
        add     x0, x0, #1
        add     x0, x0, #2
