// System instructions, the hypervisor's system registers and the SIMD&FP register file:
// every form SuspendScope models, in the spellings GNU as 2.40 takes at its default
// architecture (what the Cortex-A57 implements).
        .text
        .global _start
_start:
        // The hint space: every name objdump prints (ARMv8.0 runs them all as NOP but WFI/WFE).
        nop
        yield
        wfe
        wfi
        sev
        sevl
        esb
        psb csync
        tsb csync
        csdb
        bti
        bti c
        bti j
        bti jc
        xpaclri
        pacia1716
        pacib1716
        autia1716
        autib1716
        paciaz
        paciasp
        pacibz
        pacibsp
        autiaz
        autiasp
        autibz
        autibsp
        clearbhb
        hint #6
        hint #0x7f
        dgh
        // Barriers.
        dsb sy
        dsb ish
        dsb #0
        ssbb
        pssbb
        dmb ishld
        isb
        clrex
        clrex #5
        // Every DC, IC, TLBI and AT operation of ARMv8.0 (the EL3 ones are UNDEFINED at EL2).
        ic ialluis
        ic iallu
        ic ivau, x1
        dc ivac, x2
        dc isw, x3
        dc csw, x4
        dc cisw, x5
        dc zva, x6
        dc cvac, x7
        dc cvau, x8
        dc civac, x9
        at s1e1r, x10
        at s1e1w, x11
        at s1e0r, x12
        at s1e0w, x13
        at s1e2r, x14
        at s1e2w, x15
        at s12e1r, x16
        at s12e1w, x17
        at s12e0r, x18
        at s12e0w, x19
        at s1e3r, x20
        at s1e3w, x21
        tlbi vmalle1is
        tlbi vae1is, x1
        tlbi aside1is, x2
        tlbi vaae1is, x3
        tlbi vale1is, x4
        tlbi vaale1is, x5
        tlbi vmalle1
        tlbi vae1, x6
        tlbi aside1, x7
        tlbi vaae1, x8
        tlbi vale1, x9
        tlbi vaale1, x10
        tlbi ipas2e1is, x11
        tlbi ipas2le1is, x12
        tlbi alle2is
        tlbi vae2is, x13
        tlbi alle1is
        tlbi vale2is, x14
        tlbi vmalls12e1is
        tlbi ipas2e1, x15
        tlbi ipas2le1, x16
        tlbi alle2
        tlbi vae2, x17
        tlbi alle1
        tlbi vale2, x18
        tlbi vmalls12e1
        tlbi alle3is
        tlbi vae3is, x19
        tlbi vale3is, x20
        tlbi alle3
        tlbi vae3, x21
        tlbi vale3, x22
        TLBI VAE2IS, X23
        dc ZVA, x24
        sys #3, c7, c4, #1, x25
        sys #0, c7, c5, #0
        sys #7, c15, c15, #7, x26
        sys #1, c0, c0, #0
        // MRS/MSR of the registers a hypervisor touches: names, upper case, generic forms.
        mrs     x0, sctlr_el1
        msr     sctlr_el1, x7
        mrs     x1, actlr_el1
        msr     actlr_el1, x8
        mrs     x2, cpacr_el1
        msr     cpacr_el1, x9
        mrs     x3, ttbr0_el1
        msr     ttbr0_el1, x10
        mrs     x4, ttbr1_el1
        msr     ttbr1_el1, x11
        mrs     x5, tcr_el1
        msr     tcr_el1, x12
        mrs     x6, spsr_el1
        msr     spsr_el1, x13
        mrs     x7, elr_el1
        msr     elr_el1, x14
        mrs     x8, sp_el1
        msr     sp_el1, x15
        mrs     x9, afsr0_el1
        msr     afsr0_el1, x16
        mrs     x10, afsr1_el1
        msr     afsr1_el1, x17
        mrs     x11, esr_el1
        msr     esr_el1, x18
        mrs     x12, far_el1
        msr     far_el1, x19
        mrs     x13, par_el1
        msr     par_el1, x20
        mrs     x14, mair_el1
        msr     mair_el1, x21
        mrs     x15, amair_el1
        msr     amair_el1, x22
        mrs     x16, vbar_el1
        msr     vbar_el1, x23
        mrs     x17, contextidr_el1
        msr     contextidr_el1, x24
        mrs     x18, tpidr_el1
        msr     tpidr_el1, x25
        mrs     x19, tpidr_el0
        msr     tpidr_el0, x26
        mrs     x20, tpidrro_el0
        msr     tpidrro_el0, x27
        mrs     x21, cntkctl_el1
        msr     cntkctl_el1, x28
        mrs     x22, vpidr_el2
        msr     vpidr_el2, x29
        mrs     x23, vmpidr_el2
        msr     vmpidr_el2, x30
        mrs     x24, actlr_el2
        msr     actlr_el2, x0
        mrs     x25, afsr0_el2
        msr     afsr0_el2, x1
        mrs     x26, afsr1_el2
        msr     afsr1_el2, x2
        mrs     x27, amair_el2
        msr     amair_el2, x3
        mrs     x28, cntvoff_el2
        msr     cntvoff_el2, x4
        mrs     x29, cnthp_ctl_el2
        msr     cnthp_ctl_el2, x5
        mrs     x30, cnthp_cval_el2
        msr     cnthp_cval_el2, x6
        mrs     x0, cnthp_tval_el2
        msr     cnthp_tval_el2, x7
        mrs     x1, cntp_ctl_el0
        msr     cntp_ctl_el0, x8
        mrs     x2, cntp_cval_el0
        msr     cntp_cval_el0, x9
        mrs     x3, cntp_tval_el0
        msr     cntp_tval_el0, x10
        mrs     x4, cntv_ctl_el0
        msr     cntv_ctl_el0, x11
        mrs     x5, cntv_cval_el0
        msr     cntv_cval_el0, x12
        mrs     x6, cntv_tval_el0
        msr     cntv_tval_el0, x13
        mrs     x7, fpcr
        msr     fpcr, x14
        mrs     x8, fpsr
        msr     fpsr, x15
        mrs     x0, cntpct_el0
        mrs     x1, cntvct_el0
        mrs     x2, revidr_el1
        mrs     x3, id_aa64pfr0_el1
        mrs     x4, id_aa64pfr1_el1
        mrs     x5, id_aa64dfr0_el1
        mrs     x6, id_aa64dfr1_el1
        mrs     x7, id_aa64afr0_el1
        mrs     x8, id_aa64afr1_el1
        mrs     x9, id_aa64isar0_el1
        mrs     x10, id_aa64isar1_el1
        mrs     x11, id_aa64isar2_el1
        mrs     x12, id_aa64mmfr0_el1
        mrs     x13, id_aa64mmfr1_el1
        mrs     x14, id_aa64mmfr2_el1
        mrs     x15, id_pfr0_el1
        mrs     x16, id_pfr1_el1
        mrs     x17, id_dfr0_el1
        mrs     x18, id_afr0_el1
        mrs     x19, id_mmfr0_el1
        mrs     x20, id_mmfr1_el1
        mrs     x21, id_mmfr2_el1
        mrs     x22, id_mmfr3_el1
        mrs     x23, id_isar0_el1
        mrs     x24, id_isar1_el1
        mrs     x25, id_isar2_el1
        mrs     x26, id_isar3_el1
        mrs     x27, id_isar4_el1
        mrs     x28, id_isar5_el1
        mrs     x29, id_mmfr4_el1
        mrs     x30, id_isar6_el1
        mrs     x0, mvfr0_el1
        mrs     x1, mvfr1_el1
        mrs     x2, mvfr2_el1
        mrs     x3, id_dfr1_el1
        mrs     x4, id_mmfr5_el1
        mrs     x5, ctr_el0
        mrs     x6, dczid_el0
        mrs     x7, clidr_el1
        mrs     x8, aidr_el1
        mrs     x9, isr_el1
        mrs     x10, midr_el1
        mrs     x11, mpidr_el1
        mrs     x12, currentel
        mrs     x13, pmcr_el0
        mrs     x14, mdscr_el1
        mrs     x15, ccsidr_el1
        mrs     x16, csselr_el1
        mrs     x17, dbgbvr0_el1
        mrs     x18, oslsr_el1
        mrs     x19, dacr32_el2
        mrs     x20, hacr_el2
        mrs     x21, hpfar_el2
        mrs     x22, rvbar_el2
        mrs     x0, SCTLR_EL1
        msr     TPIDR_EL0, X1
        mrs     x2, s3_0_c0_c4_4
        mrs     x3, S3_1_C15_C2_0
        msr     s3_1_c11_c0_2, x4
        msr     oslar_el1, x5
        msr     pmswinc_el0, x6
        // SIMD&FP loads and stores: every size and index form.
        ldr     b0, [x1]
        ldr     b1, [x2, #5]
        str     b2, [sp, #4095]
        ldr     b3, [x3, #-16]!
        str     b4, [x4], #255
        ldr     b5, [x5], #-256
        str     b6, [x6, #1]!
        ldur    b7, [x7, #-1]
        stur    b8, [sp, #255]
        ldr     b9, [x9, #4095]
        ldr     b10, [x10, x11]
        str     b11, [x12, x13, lsl #0]
        ldr     b12, [x14, w15, uxtw]
        ldr     b13, [x16, w17, sxtw #0]
        str     b14, [x18, x19, sxtx]
        str     b31, [sp, x30, sxtx #0]
        ldr     h0, [x1]
        ldr     h1, [x2, #10]
        str     h2, [sp, #8190]
        ldr     h3, [x3, #-16]!
        str     h4, [x4], #255
        ldr     h5, [x5], #-256
        str     h6, [x6, #1]!
        ldur    h7, [x7, #-1]
        stur    h8, [sp, #255]
        ldr     h9, [x9, #3]
        ldr     h10, [x10, x11]
        str     h11, [x12, x13, lsl #1]
        ldr     h12, [x14, w15, uxtw]
        ldr     h13, [x16, w17, sxtw #1]
        str     h14, [x18, x19, sxtx]
        str     h31, [sp, x30, sxtx #1]
        ldr     s0, [x1]
        ldr     s1, [x2, #20]
        str     s2, [sp, #16380]
        ldr     s3, [x3, #-16]!
        str     s4, [x4], #255
        ldr     s5, [x5], #-256
        str     s6, [x6, #1]!
        ldur    s7, [x7, #-1]
        stur    s8, [sp, #255]
        ldr     s9, [x9, #3]
        ldr     s10, [x10, x11]
        str     s11, [x12, x13, lsl #2]
        ldr     s12, [x14, w15, uxtw]
        ldr     s13, [x16, w17, sxtw #2]
        str     s14, [x18, x19, sxtx]
        str     s31, [sp, x30, sxtx #2]
        ldr     d0, [x1]
        ldr     d1, [x2, #40]
        str     d2, [sp, #32760]
        ldr     d3, [x3, #-16]!
        str     d4, [x4], #255
        ldr     d5, [x5], #-256
        str     d6, [x6, #1]!
        ldur    d7, [x7, #-1]
        stur    d8, [sp, #255]
        ldr     d9, [x9, #3]
        ldr     d10, [x10, x11]
        str     d11, [x12, x13, lsl #3]
        ldr     d12, [x14, w15, uxtw]
        ldr     d13, [x16, w17, sxtw #3]
        str     d14, [x18, x19, sxtx]
        str     d31, [sp, x30, sxtx #3]
        ldr     q0, [x1]
        ldr     q1, [x2, #80]
        str     q2, [sp, #65520]
        ldr     q3, [x3, #-16]!
        str     q4, [x4], #255
        ldr     q5, [x5], #-256
        str     q6, [x6, #1]!
        ldur    q7, [x7, #-1]
        stur    q8, [sp, #255]
        ldr     q9, [x9, #3]
        ldr     q10, [x10, x11]
        str     q11, [x12, x13, lsl #4]
        ldr     q12, [x14, w15, uxtw]
        ldr     q13, [x16, w17, sxtw #4]
        str     q14, [x18, x19, sxtx]
        str     q31, [sp, x30, sxtx #4]
        ldr     s20, lit_s
        ldr     d21, lit_d
        ldr     q22, lit_q
        ldp     s0, s1, [x0]
        stp     s2, s3, [sp, #252]
        ldp     s4, s5, [x1, #-256]!
        stp     s6, s7, [x2], #4
        ldnp    s8, s9, [x3, #8]
        stnp    s30, s31, [sp, #-4]
        stp     s10, s10, [x4]
        ldp     d0, d1, [x0]
        stp     d2, d3, [sp, #504]
        ldp     d4, d5, [x1, #-512]!
        stp     d6, d7, [x2], #8
        ldnp    d8, d9, [x3, #16]
        stnp    d30, d31, [sp, #-8]
        stp     d10, d10, [x4]
        ldp     q0, q1, [x0]
        stp     q2, q3, [sp, #1008]
        ldp     q4, q5, [x1, #-1024]!
        stp     q6, q7, [x2], #16
        ldnp    q8, q9, [x3, #32]
        stnp    q30, q31, [sp, #-16]
        stp     q10, q10, [x4]
        // FMOV between general and SIMD&FP registers.
        fmov w0, s1
        fmov s2, w3
        fmov x4, d5
        fmov d6, x7
        fmov x8, v9.d[1]
        fmov v10.d[1], x11
        fmov wzr, s31
        fmov d30, xzr
        FMOV V31.D[1], XZR
        fmov x30, v0.D[1]
        ret
        .balign 16
lit_s:  .word   0x3f800000
        .balign 8
lit_d:  .quad   0x3ff0000000000000
        .balign 16
lit_q:  .quad   1, 2
