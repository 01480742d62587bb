// Alignment faults with SCTLR_EL2.A = 1 on RAM: syndrome (ISV, SAS, SSE, SRT, SF, WnR), FAR and
// write-back for every access shape; aligned accesses of the same shapes go through.
// stops: t0 t1 t2 t3 t4 t5 t6 t7 t8 t9 t10 t11 t12 t13 t14 t15 t16 done
// memory: buf:64
        .text
        .global _start
_start:
        adr     x0, vectors
        msr     VBAR_EL2, x0
        mov     x1, #2
        msr     SCTLR_EL2, x1
        isb
        movz    x3, #0x3333
        movz    x4, #0x4444
        adr     x28, t0
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldrh w1, [x2, #1]
t0:
        nop
        adr     x28, t1
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldr w1, [x2, #2]
t1:
        nop
        adr     x28, t2
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldr x1, [x2, #4]
t2:
        nop
        adr     x28, t3
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        str x1, [x2, #7]
t3:
        nop
        adr     x28, t4
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        add x5, x2, #4
        ldp x3, x4, [x5]
t4:
        nop
        adr     x28, t5
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        add x5, x2, #2
        ldp w3, w4, [x5]
t5:
        nop
        adr     x28, t6
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        stp x3, x4, [x2, #8]
t6:
        nop
        adr     x28, t7
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        stp w3, w4, [x2, #4]
t7:
        nop
        adr     x28, t8
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldrsw x1, [x2, #6]
t8:
        nop
        adr     x28, t9
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldrsh x1, [x2, #3]
t9:
        nop
        adr     x28, t10
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldur x1, [x2, #3]
t10:
        nop
        adr     x28, t11
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldr w1, [x2, #1]!
t11:
        nop
        adr     x28, t12
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        str w1, [x2], #4
t12:
        nop
        adr     x28, t13
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldrb w1, [x2, #3]
t13:
        nop
        adr     x28, t14
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        ldr x1, [x2, #8]
t14:
        nop
        adr     x28, t15
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        stp x3, x4, [x2, #-8]!
t15:
        nop
        adr     x28, t16
        adr     x2, buf
        mov     x21, #0
        mov     x23, #0
        add x5, x2, #3
        dc zva, x5
t16:
        nop
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
        .balign 64
buf:    .quad 0x1111111111111111, 0x2222222222222222, 0x3333333333333333, 0x4444444444444444
        .quad 0x5555555555555555, 0x6666666666666666, 0x7777777777777777, 0x8888888888888888
