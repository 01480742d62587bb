        ldr x0, [x1, #8
