// Data aborts on unmapped memory with misaligned addresses: QEMU splits a misaligned access into
// aligned pieces and reports the faulting piece, so FAR_EL2 is the address aligned down to the
// element size (found by the random conformance programs: ours reported the exact address).
// stops: t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11 done
        .text
        .global _start
_start:
        adr     x0, vectors
        msr     VBAR_EL2, x0
        isb
        adr     x28, t0
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x1
        ldrh w1, [x2]
t0:
        adr     x28, t1
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x1b
        ldr w1, [x2]
t1:
        adr     x28, t2
        movz    x2, #0x5000, lsl #16
        movk    x2, #0xde
        ldr x1, [x2]
t2:
        adr     x28, t3
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x7
        str x1, [x2]
t3:
        adr     x28, t4
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x4
        ldp x3, x4, [x2]
t4:
        adr     x28, t5
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x2
        ldp w3, w4, [x2]
t5:
        adr     x28, t6
        movz    x2, #0x5000, lsl #16
        movk    x2, #0xc
        stp x3, x4, [x2]
t6:
        adr     x28, t7
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x6
        ldrsw x1, [x2]
t7:
        adr     x28, t8
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x10
        ldr x1, [x2]
t8:
        adr     x28, t9
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x3
        ldrb w1, [x2]
t9:
        adr     x28, t10
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x10
        ldur x1, [x2, #-3]
t10:
        adr     x28, t11
        movz    x2, #0x5000, lsl #16
        movk    x2, #0x1
        ldr w1, [x2], #4
t11:
done:   b       done
        .balign 2048
vectors:
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        br      x28
