        add x0, w1, x2
