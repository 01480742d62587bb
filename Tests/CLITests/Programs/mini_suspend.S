// A whole suspend path in one file, MMU off: save, SYSTEM_SUSPEND, resume, restore.
        .text
        .global _start
_start:
        ldr   x0, =stack_top
        mov   sp, x0
        movz  x19, #0x1919
        movz  x20, #0x2020
        ldr   x0, =0x38
        msr   HCR_EL2, x0
        bl    prepare_resume_ctx
        cbz   x0, 1f
        movz  x0, #0xc400, lsl #16
        movk  x0, #0x000e
        adr   x1, hyp_resume
        mov   x2, #0
        smc   #0
1:      b     1b

prepare_resume_ctx:
        ldr   x0, =resume_cpu_context
        stp   x19, x20, [x0, #0]
        stp   x21, x22, [x0, #16]
        stp   x23, x24, [x0, #32]
        stp   x25, x26, [x0, #48]
        stp   x27, x28, [x0, #64]
        stp   x29, x30, [x0, #80]
        mov   x2, sp
        str   x2, [x0, #96]
        mrs   x2, VBAR_EL2
        str   x2, [x0, #104]
        mrs   x2, VTCR_EL2
        str   x2, [x0, #112]
        mrs   x2, VTTBR_EL2
        str   x2, [x0, #120]
        mrs   x2, TPIDR_EL2
        str   x2, [x0, #128]
        mrs   x2, MDCR_EL2
        str   x2, [x0, #136]
        mrs   x2, HSTR_EL2
        str   x2, [x0, #144]
        mrs   x2, CPTR_EL2
        str   x2, [x0, #152]
        mrs   x2, HCR_EL2
        str   x2, [x0, #160]
        mov   x0, #1
        ret

hyp_resume:
        b     mmu_resumed
mmu_resumed:
        ldr   x0, =resume_cpu_context
        ldp   x19, x20, [x0, #0]
        ldp   x21, x22, [x0, #16]
        ldp   x23, x24, [x0, #32]
        ldp   x25, x26, [x0, #48]
        ldp   x27, x28, [x0, #64]
        ldp   x29, x30, [x0, #80]
        ldr   x2, [x0, #96]
        mov   sp, x2
        ldr   x2, [x0, #104]
        msr   VBAR_EL2, x2
        ldr   x2, [x0, #112]
        msr   VTCR_EL2, x2
        ldr   x2, [x0, #120]
        msr   VTTBR_EL2, x2
        ldr   x2, [x0, #128]
        msr   TPIDR_EL2, x2
        ldr   x2, [x0, #136]
        msr   MDCR_EL2, x2
        ldr   x2, [x0, #144]
        msr   HSTR_EL2, x2
        ldr   x2, [x0, #152]
        msr   CPTR_EL2, x2
        ldr   x2, [x0, #160]
        msr   HCR_EL2, x2
        isb
        mov   x0, #0
        ret

        .data
        .balign 16
resume_cpu_context:
        .skip 176
        .balign 16
stack:  .skip 256
stack_top:
