        ret x0, x1
