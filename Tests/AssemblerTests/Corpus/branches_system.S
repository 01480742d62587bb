// Branches, PC-relative addresses, exceptions and system instructions.
        .arch   armv8.5-a
        .text
        .global _start
_start:
        b       _start
        b       fwd
        bl      fwd
        b.eq    _start
        b.ne    fwd
        beq     _start
        bne     fwd
        bhs     fwd
        b.cs    fwd
        b.lo    fwd
        bcc     fwd
        b.mi    fwd
        b.pl    fwd
        b.vs    fwd
        b.vc    fwd
        b.hi    fwd
        b.ls    fwd
        b.ge    fwd
        b.lt    fwd
        b.gt    fwd
        b.le    fwd
        b.al    fwd
        br      x0
        blr     x1
        br      lr
        ret
        ret     x3
        cbz     x0, fwd
        cbnz    w1, _start
        tbz     x0, #63, fwd
        tbz     w0, #0, fwd
        tbnz    x1, #5, _start
        tbnz    x1, #32, _start
        adr     x0, _start
        adr     x1, fwd
        adr     x2, .
        adrp    x3, _start
        adrp    x4, far
fwd:    svc     #0
        hvc     #0
        smc     #1
        brk     #0x3e8
        hlt     #0xf000
        udf     #0
        udf     #0xffff
        eret
        mrs     x0, VBAR_EL2
        mrs     x1, vbar_el2
        msr     VBAR_EL2, x2
        mrs     x2, SCTLR_EL2
        msr     sctlr_el2, x3
        mrs     x3, TCR_EL2
        msr     TTBR0_EL2, x4
        mrs     x4, MAIR_EL2
        mrs     x5, HCR_EL2
        msr     HCR_EL2, x6
        mrs     x6, CurrentEL
        mrs     x7, MPIDR_EL1
        mrs     x8, DAIF
        msr     DAIF, x9
        mrs     x9, NZCV
        mrs     x10, SP_EL0
        mrs     x11, S3_4_C1_C1_0
        msr     s3_4_c1_c1_0, x12
        mrs     x12, s3_0_c15_c2_7
        mrs     x13, TPIDR_EL2
        mrs     x14, ESR_EL2
        mrs     x15, ELR_EL2
        msr     SPSR_EL2, x16
        mrs     x17, CNTFRQ_EL0
        mrs     x18, VTTBR_EL2
        msr     spsel, #1
        msr     SPSel, #0
        msr     daifset, #0xf
        msr     daifclr, #2
        msr     DAIFSet, #3
        isb
        isb     sy
        dsb     sy
        dsb     ish
        dsb     ishst
        dsb     nsh
        dsb     ld
        dmb     ish
        dmb     oshld
        dmb     #9
        nop
        wfi
        wfe
        yield
        sev
        sevl
        hint    #0
        hint    #34
        csdb
        sb
        clrex
        clrex   #5
        tlbi    alle2
        tlbi    alle2is
        tlbi    alle1
        tlbi    vmalle1
        tlbi    vmalls12e1is
        tlbi    vae2, x0
        tlbi    vae2is, x1
        tlbi    ipas2e1is, x2
        dc      civac, x0
        dc      cvac, x1
        dc      ivac, x2
        dc      zva, x3
        dc      cvau, x4
        dc      cisw, x5
        ic      iallu
        ic      ialluis
        ic      ivau, x6
        at      s1e2r, x7
        sys     #4, c8, c7, #0
        sys     #3, c7, c14, #1, x0
        .inst   0xd503201f
        .inst   0xd503201f, 0xd65f03c0
        .balign 4096
far:    ret
