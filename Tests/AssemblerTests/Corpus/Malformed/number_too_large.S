        .quad 0x1234567890abcdef01
