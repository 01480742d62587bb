        nop
        frobnicate x0, x1
