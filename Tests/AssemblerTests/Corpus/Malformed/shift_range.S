        lsl x0, x1, #64
