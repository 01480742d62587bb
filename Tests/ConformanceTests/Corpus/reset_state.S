// The state QEMU's -kernel entry leaves at EL2h: every register, PSTATE and every catalogued
// system register gdb can read, compared one instruction after reset (MIDR_EL1 and MPIDR_EL1,
// which gdb cannot read, are read with MRS).
        .text
        .global _start
_start:
        mrs     x1, MIDR_EL1
        mrs     x2, MPIDR_EL1
        mrs     x3, CurrentEL
        mrs     x4, SPSel
        mrs     x5, DAIF
        mrs     x6, NZCV
        mrs     x7, SP_EL0
        mov     x8, sp
done:
        b       done
