        .ascii "abc
