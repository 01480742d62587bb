        mrs x0, NOT_A_REG
