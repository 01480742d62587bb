#ifndef ASM_DEFS_H
#define ASM_DEFS_H
#define OFFSET_OF_A     0
#define OFFSET_OF_B     (OFFSET_OF_A + 8)
#endif
