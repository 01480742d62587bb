        nop
        mov x0, #1 é
