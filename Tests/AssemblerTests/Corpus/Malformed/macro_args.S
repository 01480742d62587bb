#define F(a, b) a + b
        .word F(1)
