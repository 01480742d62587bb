        msr daifset, #16
