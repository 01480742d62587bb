/*
 * The program both servers single-step in GDBServerBenchmark: a counting loop at EL2 with the
 * MMU off, linked and loaded at 0x40080000 (QEMU loads the same ELF with -kernel). The labels
 * after the loop are the symbols a bare program must define to be checked as a scenario; they
 * are never reached.
 */
        .text
        .global _start
_start:
        mov     x0, #0
        mov     x1, #1
loop:
        add     x0, x0, x1
        eor     x2, x0, x1
        cmp     x2, #0
        b       loop

prepare_resume_ctx:
        ret
hyp_resume:
        ret
mmu_resumed:
        ret

        .data
        .balign 16
resume_cpu_context:
        .skip   176
