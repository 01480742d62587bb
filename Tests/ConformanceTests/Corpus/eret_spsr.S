// ERET with many SPSR_EL2 values: legal returns to EL2h/EL2t restore NZCV/DAIF/SPSel; illegal
// ones (IL set, EL1/EL0 with HCR_EL2.RW = 0, reserved modes, AArch32, EL3) set PSTATE.IL and the
// next instruction takes an Illegal Execution State exception (EC 0x0e). The vector records
// ESR/ELR/SPSR and resumes at x28. (ERET to EL0 and to AArch32 SVC are left out: with
// HCR_EL2.RW = 0 QEMU really leaves EL2 there, and SuspendScope runs EL2 only.)
// stops: r_el2h_flags r_el2t r_il_set r_el1h r_el1t r_m_reserved r_el3h r_daif_clear done
        .text
        .global _start
_start:
        adr     x0, vectors
        msr     VBAR_EL2, x0
        isb
        adr     x28, r_el2h_flags
        adr     x1, e_el2h_flags
        msr     ELR_EL2, x1
        movz    x2, #0xf000, lsl #16
        movk    x2, #0x3c9
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_el2h_flags:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_el2h_flags:
        adr     x28, r_el2t
        adr     x1, e_el2t
        msr     ELR_EL2, x1
        movz    x2, #0x6000, lsl #16
        movk    x2, #0x8
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_el2t:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_el2t:
        adr     x28, r_il_set
        adr     x1, e_il_set
        msr     ELR_EL2, x1
        movz    x2, #0x10, lsl #16
        movk    x2, #0x3c9
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_il_set:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_il_set:
        adr     x28, r_el1h
        adr     x1, e_el1h
        msr     ELR_EL2, x1
        movz    x2, #0x0, lsl #16
        movk    x2, #0x3c5
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_el1h:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_el1h:
        adr     x28, r_el1t
        adr     x1, e_el1t
        msr     ELR_EL2, x1
        movz    x2, #0x2000, lsl #16
        movk    x2, #0x4
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_el1t:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_el1t:
        adr     x28, r_m_reserved
        adr     x1, e_m_reserved
        msr     ELR_EL2, x1
        movz    x2, #0x0, lsl #16
        movk    x2, #0x3cb
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_m_reserved:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_m_reserved:
        adr     x28, r_el3h
        adr     x1, e_el3h
        msr     ELR_EL2, x1
        movz    x2, #0x4000, lsl #16
        movk    x2, #0xd
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_el3h:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_el3h:
        adr     x28, r_daif_clear
        adr     x1, e_daif_clear
        msr     ELR_EL2, x1
        movz    x2, #0x8000, lsl #16
        movk    x2, #0x9
        msr     SPSR_EL2, x2
        mov     x21, #0
        mov     x22, #0
        mov     x23, #0
        eret
e_daif_clear:
        mrs     x3, NZCV
        mrs     x4, DAIF
        mov     x5, sp
        msr     SPSel, #1
r_daif_clear:
done:   b       done
        .balign 2048
vectors:
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, SPSR_EL2
        msr     SPSel, #1
        br      x28
