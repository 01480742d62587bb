        b.eq far
        .skip 0x100000
far:    ret
