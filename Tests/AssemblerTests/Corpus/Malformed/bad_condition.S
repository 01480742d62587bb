        csel x0, x1, x2, xx
