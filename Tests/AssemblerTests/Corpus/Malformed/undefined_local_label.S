        b 1f
