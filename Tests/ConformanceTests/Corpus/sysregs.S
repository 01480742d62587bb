// System registers: write all-ones, zeros, 0x5555..., 0xaaaa... and read back each catalogued
// writable register (SCTLR_EL2 without M/EE/A/SA); every read-back is stored in `results`.
// memory: results:736
        .text
        .global _start
_start:
        adr     x20, results
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     VBAR_EL2, x1
        isb
        mrs     x2, VBAR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     VBAR_EL2, x1
        isb
        mrs     x2, VBAR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     VBAR_EL2, x1
        isb
        mrs     x2, VBAR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     VBAR_EL2, x1
        isb
        mrs     x2, VBAR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     VTCR_EL2, x1
        isb
        mrs     x2, VTCR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     VTCR_EL2, x1
        isb
        mrs     x2, VTCR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     VTCR_EL2, x1
        isb
        mrs     x2, VTCR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     VTCR_EL2, x1
        isb
        mrs     x2, VTCR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     VTTBR_EL2, x1
        isb
        mrs     x2, VTTBR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     VTTBR_EL2, x1
        isb
        mrs     x2, VTTBR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     VTTBR_EL2, x1
        isb
        mrs     x2, VTTBR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     VTTBR_EL2, x1
        isb
        mrs     x2, VTTBR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     TPIDR_EL2, x1
        isb
        mrs     x2, TPIDR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     TPIDR_EL2, x1
        isb
        mrs     x2, TPIDR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     TPIDR_EL2, x1
        isb
        mrs     x2, TPIDR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     TPIDR_EL2, x1
        isb
        mrs     x2, TPIDR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     MDCR_EL2, x1
        isb
        mrs     x2, MDCR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     MDCR_EL2, x1
        isb
        mrs     x2, MDCR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     MDCR_EL2, x1
        isb
        mrs     x2, MDCR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     MDCR_EL2, x1
        isb
        mrs     x2, MDCR_EL2
        str     x2, [x20], #8
        msr     MDCR_EL2, xzr
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     HSTR_EL2, x1
        isb
        mrs     x2, HSTR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     HSTR_EL2, x1
        isb
        mrs     x2, HSTR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     HSTR_EL2, x1
        isb
        mrs     x2, HSTR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     HSTR_EL2, x1
        isb
        mrs     x2, HSTR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     CPTR_EL2, x1
        isb
        mrs     x2, CPTR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     CPTR_EL2, x1
        isb
        mrs     x2, CPTR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     CPTR_EL2, x1
        isb
        mrs     x2, CPTR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     CPTR_EL2, x1
        isb
        mrs     x2, CPTR_EL2
        str     x2, [x20], #8
        msr     CPTR_EL2, xzr
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     HCR_EL2, x1
        isb
        mrs     x2, HCR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     HCR_EL2, x1
        isb
        mrs     x2, HCR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     HCR_EL2, x1
        isb
        mrs     x2, HCR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     HCR_EL2, x1
        isb
        mrs     x2, HCR_EL2
        str     x2, [x20], #8
        msr     HCR_EL2, xzr
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     CNTHCTL_EL2, x1
        isb
        mrs     x2, CNTHCTL_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     CNTHCTL_EL2, x1
        isb
        mrs     x2, CNTHCTL_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     CNTHCTL_EL2, x1
        isb
        mrs     x2, CNTHCTL_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     CNTHCTL_EL2, x1
        isb
        mrs     x2, CNTHCTL_EL2
        str     x2, [x20], #8
        movz    x1, #65524
        movk    x1, #65023, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     SCTLR_EL2, x1
        isb
        mrs     x2, SCTLR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     SCTLR_EL2, x1
        isb
        mrs     x2, SCTLR_EL2
        str     x2, [x20], #8
        movz    x1, #21844
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     SCTLR_EL2, x1
        isb
        mrs     x2, SCTLR_EL2
        str     x2, [x20], #8
        movz    x1, #43680
        movk    x1, #43178, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     SCTLR_EL2, x1
        isb
        mrs     x2, SCTLR_EL2
        str     x2, [x20], #8
        msr     SCTLR_EL2, xzr
        isb
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     TCR_EL2, x1
        isb
        mrs     x2, TCR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     TCR_EL2, x1
        isb
        mrs     x2, TCR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     TCR_EL2, x1
        isb
        mrs     x2, TCR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     TCR_EL2, x1
        isb
        mrs     x2, TCR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     MAIR_EL2, x1
        isb
        mrs     x2, MAIR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     MAIR_EL2, x1
        isb
        mrs     x2, MAIR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     MAIR_EL2, x1
        isb
        mrs     x2, MAIR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     MAIR_EL2, x1
        isb
        mrs     x2, MAIR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     TTBR0_EL2, x1
        isb
        mrs     x2, TTBR0_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     TTBR0_EL2, x1
        isb
        mrs     x2, TTBR0_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     TTBR0_EL2, x1
        isb
        mrs     x2, TTBR0_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     TTBR0_EL2, x1
        isb
        mrs     x2, TTBR0_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     ESR_EL2, x1
        isb
        mrs     x2, ESR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     ESR_EL2, x1
        isb
        mrs     x2, ESR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     ESR_EL2, x1
        isb
        mrs     x2, ESR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     ESR_EL2, x1
        isb
        mrs     x2, ESR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     ELR_EL2, x1
        isb
        mrs     x2, ELR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     ELR_EL2, x1
        isb
        mrs     x2, ELR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     ELR_EL2, x1
        isb
        mrs     x2, ELR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     ELR_EL2, x1
        isb
        mrs     x2, ELR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     SPSR_EL2, x1
        isb
        mrs     x2, SPSR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     SPSR_EL2, x1
        isb
        mrs     x2, SPSR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     SPSR_EL2, x1
        isb
        mrs     x2, SPSR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     SPSR_EL2, x1
        isb
        mrs     x2, SPSR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     FAR_EL2, x1
        isb
        mrs     x2, FAR_EL2
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     FAR_EL2, x1
        isb
        mrs     x2, FAR_EL2
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     FAR_EL2, x1
        isb
        mrs     x2, FAR_EL2
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     FAR_EL2, x1
        isb
        mrs     x2, FAR_EL2
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     SP_EL0, x1
        isb
        mrs     x2, SP_EL0
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     SP_EL0, x1
        isb
        mrs     x2, SP_EL0
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     SP_EL0, x1
        isb
        mrs     x2, SP_EL0
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     SP_EL0, x1
        isb
        mrs     x2, SP_EL0
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     CNTFRQ_EL0, x1
        isb
        mrs     x2, CNTFRQ_EL0
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     CNTFRQ_EL0, x1
        isb
        mrs     x2, CNTFRQ_EL0
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     CNTFRQ_EL0, x1
        isb
        mrs     x2, CNTFRQ_EL0
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     CNTFRQ_EL0, x1
        isb
        mrs     x2, CNTFRQ_EL0
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     NZCV, x1
        isb
        mrs     x2, NZCV
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     NZCV, x1
        isb
        mrs     x2, NZCV
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     NZCV, x1
        isb
        mrs     x2, NZCV
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     NZCV, x1
        isb
        mrs     x2, NZCV
        str     x2, [x20], #8
        movz    x1, #65535
        movk    x1, #65535, lsl #16
        movk    x1, #65535, lsl #32
        movk    x1, #65535, lsl #48
        msr     DAIF, x1
        isb
        mrs     x2, DAIF
        str     x2, [x20], #8
        movz    x1, #0
        movk    x1, #0, lsl #16
        movk    x1, #0, lsl #32
        movk    x1, #0, lsl #48
        msr     DAIF, x1
        isb
        mrs     x2, DAIF
        str     x2, [x20], #8
        movz    x1, #21845
        movk    x1, #21845, lsl #16
        movk    x1, #21845, lsl #32
        movk    x1, #21845, lsl #48
        msr     DAIF, x1
        isb
        mrs     x2, DAIF
        str     x2, [x20], #8
        movz    x1, #43690
        movk    x1, #43690, lsl #16
        movk    x1, #43690, lsl #32
        movk    x1, #43690, lsl #48
        msr     DAIF, x1
        isb
        mrs     x2, DAIF
        str     x2, [x20], #8
        mrs     x3, CurrentEL
        mrs     x4, MIDR_EL1
        mrs     x5, MPIDR_EL1
        mrs     x6, ID_AA64MMFR0_EL1
        msr     SPSel, #0
        mrs     x7, SPSel
        mov     x8, sp
        msr     SPSel, #1
        mrs     x9, SPSel
        msr     DAIFClr, #0xf
        mrs     x10, DAIF
        msr     DAIFSet, #0x5
        mrs     x11, DAIF
        mov     x1, #0x60000000
        msr     NZCV, x1
done:
        b       done
        .data
        .balign 16
results:
        .skip   736
