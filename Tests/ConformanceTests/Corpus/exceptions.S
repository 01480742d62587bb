// Synchronous exceptions at EL2 with VBAR_EL2 pointing at a vector table in the program: an
// unmapped load, an unmapped store, an undefined instruction, brk, svc, hvc, udf. The handler records
// ESR/ELR/FAR/SPSR into registers and the table index in x25, then stops at a label; the next
// probe resumes from there.
// stops: t_ldr t_str t_undef t_brk t_svc t_hvc t_udf t_ldp done
        .text
        .global _start
_start:
        adr     x0, vectors
        msr     VBAR_EL2, x0
        isb
        adr     x28, t_ldr
        mov     x2, #0x50000000
        ldr     x1, [x2, #8]
        mov     x3, #0xbad
t_ldr:  adr     x28, t_str
        mov     x2, #0x50000000
        str     w1, [x2]
t_str:  adr     x28, t_undef
        msr     SPSel, #0
        .inst   0x00000000
t_undef: adr    x28, t_brk
        brk     #0x1234
t_brk:  adr     x28, t_svc
        msr     SPSel, #0
        svc     #0x11
t_svc:  adr     x28, t_hvc
        hvc     #0x22
t_hvc:  adr     x28, t_udf
        udf     #0x42
t_udf:  adr     x28, t_ldp
        movz    x2, #0x0012, lsl #32
        movk    x2, #0x3450
        ldp     x3, x4, [x2]
t_ldp:  mov     x0, #1
done:   b       done

        .balign 2048
vectors:
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        adr     x25, .
        br      x28
