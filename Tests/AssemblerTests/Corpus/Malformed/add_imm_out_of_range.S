        add x0, x1, #0x1001
