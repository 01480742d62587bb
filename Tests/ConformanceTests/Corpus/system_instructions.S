// Barriers, hints, cache/TLB maintenance, DC ZVA, ERET to EL2h/EL2t, SPSel switching, MSR immediates.
// stops: after_eret after_eret_t done
// memory: buf:256
        .text
        .global _start
_start:
        adr     x1, buf
        nop
        yield
        sevl
        isb
        dsb     sy
        dmb     ish
        dsb     ishst
        clrex
        ic      iallu
        dc      civac, x1
        dc      cvac, x1
        dc      ivac, x1
        tlbi    alle2
        mrs     x2, ID_AA64MMFR0_EL1
        add     x3, x1, #64
        dc      zva, x3
        ldr     x4, [x1, #64]
        ldr     x5, [x1, #128]
        // ERET to EL2h with flags and DAIF from SPSR
        adr     x6, after_eret
        msr     ELR_EL2, x6
        mov     x7, #0xa0000000
        movk    x7, #0x3c9
        msr     SPSR_EL2, x7
        eret
after_eret:
        mrs     x8, NZCV
        mrs     x9, DAIF
        adr     x6, after_eret_t
        msr     ELR_EL2, x6
        mov     x7, #0x50000000
        movk    x7, #0x148
        msr     SPSR_EL2, x7
        ldr     x10, =0x40300000
        msr     SP_EL0, x10
        eret
after_eret_t:
        mov     x11, sp
        mrs     x12, SPSel
        msr     SPSel, #1
        mov     x13, sp
        msr     SPSel, #0
        add     sp, sp, #16
        msr     SPSel, #1
        mrs     x14, SP_EL0
        msr     DAIFClr, #0x3
        mrs     x15, DAIF
        msr     DAIFSet, #0x8
        mrs     x16, DAIF
        ldr     x17, =0x30c50830
        msr     SCTLR_EL2, x17
        isb
        mrs     x18, SCTLR_EL2
        msr     SCTLR_EL2, xzr
        add     x19, x1, #200
        str     x19, [x19, #8]!
        ldr     x20, [x1, #208]
done:
        b       done
        .ltorg
        .data
        .balign 64
buf:    .fill   32, 8, 0x1111111111111111
