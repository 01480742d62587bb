        .equ A, B + 1
        .equ B, A + 1
        .word A
