        add x0, x1,
