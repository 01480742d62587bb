/* Preprocessor: object/function-like macros, stringify, paste, nesting, includes. */
#include "resume_ctx.h"
#include "resume_ctx.h"
#define BASE_REG x0
#define OFF(n) ((n) * 8)
#define LOAD(reg, n) ldr reg, [BASE_REG, #OFF(n)]
#define CAT(a, b) a ## b
#define STR(x) #x
#define TWICE(x) x; x
#define VARIADIC(first, ...) .word first, __VA_ARGS__
#define LONG_MACRO(a) \
        add a, a, #1; \
        add a, a, #2

        .text
FUNC(_start)
        LOAD(x1, 1)
        LOAD(x2, RESUME_CTX_X21 / 8)
        mov     CAT(x, 3), #OFF(4)
        TWICE(nop)
        LONG_MACRO(x5)
#if OFF(2) == 16 && defined RESUME_CTX_H
        mov     x6, #16
#else
        mov     x6, #0
#endif
#if 0
        this is not assembled at all
#elif 1
        mov     x7, #7
#endif
        ret
END(_start)
        .data
        VARIADIC(1, 2, 3)
        .asciz  STR(hello)
