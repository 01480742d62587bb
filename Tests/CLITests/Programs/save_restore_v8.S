// The v8 save routine of "xen/arm: Save/restore context on suspend/resume" (patch v8 11/13,
// xen-devel, May 2026; Xen is GPL-2.0-only), run standalone: x0 points at the context and
// every store post-increments it, so the instruction order IS the struct layout.
        .text
        .global _start
_start:
        // Recognisable values in everything the routine saves.
        mov     x19, #0x1919
        mov     x20, #0x2020
        mov     x21, #0x2121
        mov     x22, #0x2222
        mov     x23, #0x2323
        mov     x24, #0x2424
        mov     x25, #0x2525
        mov     x26, #0x2626
        mov     x27, #0x2727
        mov     x28, #0x2828
        mov     x29, #0x2929
        ldr     x1, =stack_top
        mov     sp, x1
        ldr     x2, =0x40081000
        msr     VBAR_EL2, x2
        ldr     x2, =0x80023558
        msr     VTCR_EL2, x2
        ldr     x2, =0x0001000040100000
        msr     VTTBR_EL2, x2
        ldr     x2, =0x12345000
        msr     TPIDR_EL2, x2
        mov     x2, #0xe60
        msr     MDCR_EL2, x2
        mov     x2, #0x8000
        msr     HSTR_EL2, x2
        ldr     x2, =0x401032ff
        msr     CPTR_EL2, x2
        mov     x2, #0x38
        msr     HCR_EL2, x2
        ldr     x0, =cpu_context
        bl      prepare_resume_ctx
after_call:
        b       .

prepare_resume_ctx:
        /* Store callee-saved registers */
        stp   x19, x20, [x0], #16
        stp   x21, x22, [x0], #16
        stp   x23, x24, [x0], #16
        stp   x25, x26, [x0], #16
        stp   x27, x28, [x0], #16
        stp   x29, lr, [x0], #16

        /* Store stack-pointer */
        mov   x2, sp
        str   x2, [x0], #8

        /* Store system control registers */
        mrs   x2, VBAR_EL2
        str   x2, [x0], #8
        mrs   x2, VTCR_EL2
        str   x2, [x0], #8
        mrs   x2, VTTBR_EL2
        str   x2, [x0], #8
        mrs   x2, TPIDR_EL2
        str   x2, [x0], #8
        mrs   x2, MDCR_EL2
        str   x2, [x0], #8
        mrs   x2, HSTR_EL2
        str   x2, [x0], #8
        mrs   x2, CPTR_EL2
        str   x2, [x0], #8
        mrs   x2, HCR_EL2
        str   x2, [x0], #8

        /* prepare_resume_ctx must return a non-zero value */
        mov   x0, #1
        ret

        .ltorg
        .data
        .balign 16
cpu_context:
        .skip   176
        .balign 16
stack:  .skip   256
stack_top:
