#ifdef FOO
        nop
