        ldp x0, x1, [x2, #12]
