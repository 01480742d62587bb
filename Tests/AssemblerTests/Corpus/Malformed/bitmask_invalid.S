        and x0, x1, #0x1234
