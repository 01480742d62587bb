// More synchronous exceptions: alignment fault with SCTLR_EL2.A, PC alignment, instruction
// abort, MRS of an uncatalogued register, MSR to a read-only register, HVC with HCR_EL2.HCD,
// exceptions taken from EL2t (vector +0x000) and from EL2h (+0x200), an SP-relative store with
// a misaligned SP (QEMU does not check), ERET back from a handler.
// stops: t_align t_pcalign t_iabort t_mrs t_msr t_hcd t_spalign t_eret done
        .text
        .global _start
_start:
        adr     x0, vectors
        msr     VBAR_EL2, x0
        isb
        adr     x28, t_align
        mov     x1, #2
        msr     SCTLR_EL2, x1
        isb
        ldr     x2, =buf
        ldr     x3, [x2, #4]
t_align:
        msr     SCTLR_EL2, xzr
        isb
        adr     x28, t_pcalign
        adr     x4, t_pcalign
        add     x4, x4, #2
        br      x4
t_pcalign:
        adr     x28, t_iabort
        mov     x4, #0x50000000
        blr     x4
t_iabort:
        adr     x28, t_mrs
        mrs     x5, s3_4_c15_c15_7
t_mrs:
        adr     x28, t_msr
        msr     s3_0_c0_c0_0, x5
t_msr:
        adr     x28, t_hcd
        mov     x6, #(1 << 29)
        msr     HCR_EL2, x6
        hvc     #1
t_hcd:
        msr     HCR_EL2, xzr
        adr     x28, t_spalign
        mov     x7, #8
        msr     SCTLR_EL2, x7
        ldr     x8, =stack_top
        sub     x8, x8, #4
        mov     sp, x8
        str     x7, [sp, #-16]!
        ldr     x9, [sp]
        msr     SCTLR_EL2, xzr
t_spalign:
        adr     x28, t_eret
        adr     x27, eret_handler
        brk     #7
t_eret:
        mov     x10, #1
done:   b       done

eret_handler:
        mrs     x11, ELR_EL2
        add     x11, x11, #4
        msr     ELR_EL2, x11
        eret

        .balign 2048
vectors:
        .balign 128
        mrs     x21, ESR_EL2
        mov     x20, #0
        b       common
        .balign 128
        b       .
        .balign 128
        b       .
        .balign 128
        b       .
        .balign 128
        mrs     x21, ESR_EL2
        mov     x20, #0x200
        b       common
        .balign 128
        b       .
        .balign 128
        b       .
        .balign 128
        b       .
common:
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        cbz     x27, 1f
        mov     x26, x27
        mov     x27, #0
        br      x26
1:      br      x28
        .ltorg
        .data
        .balign 16
buf:    .quad   1, 2, 3, 4
stack:  .skip   256
stack_top:
