// The exclusives with the local monitor, load-acquire/store-release, and their faults: a
// store-exclusive succeeds after a load-exclusive of the same address and size, fails with no
// mark, after CLREX, after an exception taken and returned from with ERET, to another address,
// and a second time; pairs of both sizes; Rs == Rt; misaligned exclusives and acquires fault
// whatever SCTLR_EL2.A says. (Mismatched sizes and misaligned store-exclusives without a mark
// are where QEMU and the architecture part ways: see Sources/Machine/Execute+Exclusive.swift.)
// stops: e_basic e_nomark e_clrex e_svc e_addr e_twice e_pair e_wpair e_sp e_acqrel e_same e_align e_alignp e_alignar e_alignlr done
// memory: buf:64
        .text
        .global _start
_start:
        adr     x0, vectors
        msr     VBAR_EL2, x0
        isb
        mov     x25, #0
        adr     x10, buf
        add     x11, x10, #8
        ldxr    x1, [x10]
        add     x1, x1, #5
        stxr    w2, x1, [x10]
        ldr     x3, [x10]
e_basic:
        mov     x4, #7
        stxr    w5, x4, [x11]
        ldr     x6, [x11]
e_nomark:
        ldaxr   w6, [x10]
        clrex
        stlxr   w7, w6, [x10]
e_clrex:
        ldxr    x8, [x10]
        svc     #3
        stxr    w9, x8, [x10]
e_svc:
        ldxr    x12, [x10]
        stxr    w13, x12, [x11]
e_addr:
        ldxrb   w14, [x10]
        stxrb   w15, w14, [x10]
        stxrb   w16, w14, [x10]
        ldaxrh  w17, [x10]
        add     w17, w17, #1
        stlxrh  w18, w17, [x10]
e_twice:
        ldxp    x19, x20, [x10]
        stxp    w0, x20, x19, [x10]
        ldp     x19, x20, [x10]
e_pair:
        add     x12, x10, #16
        ldaxp   w1, w2, [x12]
        stlxp   w3, w2, w1, [x12]
        ldr     x4, [x12]
e_wpair:
        mov     x5, sp
        add     x6, x10, #32
        mov     sp, x6
        ldxr    x7, [sp]
        stxr    w8, x5, [sp]
        ldaxp   x9, x12, [sp]
        mov     sp, x5
e_sp:
        stlr    x19, [x11]
        ldar    x13, [x11]
        stlrb   w19, [x10]
        stlrh   w20, [x10, #0]
        ldarb   w14, [x10]
        ldarh   w15, [x10]
        ldar    w16, [x10]
e_acqrel:
        ldxr    x1, [x10]
        stxr    w1, x1, [x10]
        ldxp    x2, x2, [x10]
        ldxr    x3, [x10]
        stlxr   w10, x10, [x10]
        adr     x10, buf
e_same:
        adr     x28, e_align
        add     x12, x10, #4
        ldxr    x0, [x12]
e_align:
        adr     x28, e_alignp
        add     x12, x10, #8
        ldxp    x0, x1, [x12]
e_alignp:
        adr     x28, e_alignar
        add     x12, x10, #2
        ldar    w3, [x12]
e_alignar:
        adr     x28, e_alignlr
        add     x12, x10, #1
        stlrh   w3, [x12]
e_alignlr:
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

        .balign 16
buf:    .quad   0x1122334455667788, 0x99aabbccddeeff00, 0x0102030405060708, 0x1112131415161718
        .quad   0, 0, 0, 0
