        adrp x0, x1
