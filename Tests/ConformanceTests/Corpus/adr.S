// ADR and ADRP, backwards and forwards.
        .text
        .global _start
_start:
        adr     x0, _start
        adr     x1, done
        adr     x2, .
        adrp    x3, _start
        adrp    x4, far_data
        adr     x5, near_data
        add     x6, x4, :lo12:far_data
        ldr     x7, [x6]
        adrp    x8, done
done:
        b       done
near_data:
        .quad   0x1111
        .balign 4096
        .skip   8192
far_data:
        .quad   0xfeedfacecafebeef
