        .bss
        nop
