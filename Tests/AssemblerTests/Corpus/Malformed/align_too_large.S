        .align 100
