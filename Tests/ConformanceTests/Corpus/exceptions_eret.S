// SVC, HVC, BRK and undefined instructions (UDF and an unallocated word) taken through a
// vector table and returned from with ERET, from EL2h and EL2t: ESR/ELR/SPSR as the handler
// sees them, NZCV and SPSel back after the return, the code after each one running.
// stops: r_svc r_hvc r_brk r_undef r_udf r_el2t done
        .text
        .global _start
_start:
        adr     x0, vectors
        msr     VBAR_EL2, x0
        isb
        mov     x25, #0
        mov     x1, #0x90000000
        msr     NZCV, x1
        svc     #0x10
        mrs     x2, NZCV
r_svc:
        mov     x1, #0x60000000
        msr     NZCV, x1
        hvc     #0x20
        mrs     x3, NZCV
r_hvc:
        mov     x9, #1                  // no stop label on a brk: gdb would step over it
        brk     #0x30
        mrs     x4, NZCV
r_brk:
        .inst   0xffffffff
        add     x5, x25, #100
r_undef:
        udf     #0x40
        add     x6, x25, #200
r_udf:
        msr     SPSel, #0
        mov     x1, #0x30000000
        msr     NZCV, x1
        svc     #0x50
        mrs     x7, NZCV
        mrs     x8, SPSel
        msr     SPSel, #1
r_el2t:
        mov     x0, #1
done:   b       done

        .balign 2048
vectors:
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
        .balign 128
        mrs     x21, ESR_EL2
        mrs     x22, ELR_EL2
        mrs     x23, FAR_EL2
        mrs     x24, SPSR_EL2
        add     x25, x25, #1
        lsr     x26, x21, #26
        cmp     x26, #0x25              // a data abort: resume at x28
        b.ne    1f
        br      x28
1:      cmp     x26, #0x15              // SVC and HVC return past themselves
        b.eq    2f
        cmp     x26, #0x16
        b.eq    2f
        add     x22, x22, #4            // BRK and undefined instructions: skip them
        msr     ELR_EL2, x22
2:      eret
