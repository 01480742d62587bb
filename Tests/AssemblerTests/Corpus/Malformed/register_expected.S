        mov x0, x1
        madd x0, x1, #3, x2
