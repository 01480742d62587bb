        .frob 1
