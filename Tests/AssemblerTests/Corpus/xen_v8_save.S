/* The v8 save routine of the suspend patch: post-increment stores. */
        .text
FUNC(_start)
        bl      prepare_resume_ctx
1:      b       1b
END(_start)

FUNC(prepare_resume_ctx)
        ldr   x0, =resume_cpu_context
        stp   x19, x20, [x0], #16
        stp   x21, x22, [x0], #16
        stp   x23, x24, [x0], #16
        stp   x25, x26, [x0], #16
        stp   x27, x28, [x0], #16
        stp   x29, lr, [x0], #16
        mov   x2, sp
        str   x2, [x0], #8
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
        mov   x0, #1
        ret
END(prepare_resume_ctx)

        .data
        .balign 8
resume_cpu_context:
        .skip 168
