here:   nop
here:   nop
