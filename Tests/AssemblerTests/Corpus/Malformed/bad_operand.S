        add x0, x1, #3
        add x0, #3, x1
