        movz x0, #0x10000
