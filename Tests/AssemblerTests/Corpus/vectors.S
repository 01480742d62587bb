/* An EL2 vector table in Xen's style: 2 KiB aligned, 0x80-byte entries. */
#define VECTOR_ENTRY(label) .balign 0x80; b label

        .text
FUNC(_start)
        ldr     x0, =hyp_traps_vector
        msr     VBAR_EL2, x0
        isb
        hvc     #0
1:      wfi
        b       1b
END(_start)

        .balign 0x800
FUNC(hyp_traps_vector)
        VECTOR_ENTRY(bad_trap)          /* Synchronous EL2t */
        VECTOR_ENTRY(bad_trap)          /* IRQ EL2t */
        VECTOR_ENTRY(bad_trap)          /* FIQ EL2t */
        VECTOR_ENTRY(bad_trap)          /* Error EL2t */
        VECTOR_ENTRY(hyp_sync)          /* Synchronous EL2h */
        VECTOR_ENTRY(hyp_irq)           /* IRQ EL2h */
        VECTOR_ENTRY(bad_trap)          /* FIQ EL2h */
        VECTOR_ENTRY(bad_trap)          /* Error EL2h */
        .org    hyp_traps_vector + 0x400
        VECTOR_ENTRY(guest_sync)
        .org    hyp_traps_vector + 0x800
END(hyp_traps_vector)

FUNC_LOCAL(hyp_sync)
        stp     x0, x1, [sp, #-16]!
        mrs     x0, ESR_EL2
        lsr     x1, x0, #26             // EC
        cmp     x1, #0x16               // HVC64
        b.ne    bad_trap
        mrs     x0, ELR_EL2
        ldp     x0, x1, [sp], #16
        eret
END(hyp_sync)

FUNC_LOCAL(hyp_irq)
guest_sync:
bad_trap:
        mrs     x0, ESR_EL2
        mrs     x1, FAR_EL2
        mrs     x2, SPSR_EL2
        brk     #0x800
        b       .
END(hyp_irq)

        .section .rodata
numbers:
        .word   017, 0b101, 0X1f, 0x1F, 'A', 1 == 1, 2 != 2, 3 < 4, 5 > 6, 7 <= 7, 8 >= 9
        .word   (1 && 0) + (1 || 0), !0, -(-3), ~~5, 10 - 3 - 2, 2 * 3 + 4 * 5, 100 >> 2 << 1
        .quad   hyp_traps_vector - _start, numbers
        .byte   -1, -128, 255, 'z' - 'a'
