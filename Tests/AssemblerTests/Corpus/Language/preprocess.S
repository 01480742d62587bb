/*
 * The C preprocessor as Xen's build runs it (gcc -E -x assembler-with-cpp with -I, -include and
 * -D): the test passes -I include, -include config.h, -DVALUE=0x10 -DCONFIG_FOO.
 */
#include <asm/defs.h>                   /* found on the -I path */
#include "local.h"                      /* found beside this file */
#define EXTRA_HEADER <asm/extra.h>
#include EXTRA_HEADER                   /* computed include */
#define QUOTED_HEADER "local.h"
#include QUOTED_HEADER                  /* a second time: its guard keeps it out */
#include <asm/linkage.h>                /* a tree's own FUNC/END replace the built-in ones */

#if !defined(__ASSEMBLY__) || !defined(__ASSEMBLER__)
#error "both are predefined"
#endif
#ifndef FROM_PREINCLUDE
#error "-include config.h was not processed first"
#endif

        .text
FUNC(_start)
        mov     x0, #VALUE
#ifdef CONFIG_FOO
        mov     x1, #CONFIG_FOO
#endif
/* #if with every C operator, suffixes and character constants. */
#if (VALUE == 0x10UL) && (1 ? 2 : 3) == 2 && (0, 1) && -1 < 0 && !(-1 < 0u)
        mov     x2, #1
#endif
#if ~0 == -1 && (1 << 4) == 16 && (256 >> 4) == 0x10 && (7 % 4) == 3 && 9 / 2 == 4 && +3 - 1 == 2
        mov     x2, #2
#endif
#if ((5 & 3) | (4 ^ 1)) == 5 && (2 >= 2) && (1 <= 0) == 0 && (3 > 2) != 0 && (1 || 1/0) && !(0 && 1/0)
        mov     x2, #3
#endif
#if 'A' == 65 && '\n' == 10 && '\x41' == 'A' && '\0' == 0 && 0x7fffffffffffffff > 0 && 18446744073709551615u == -1
        mov     x2, #4
#endif
#if UNDEFINED_NAME || defined UNDEFINED_NAME
        mov     x2, #5
#elif VALUE >= 16 && defined(CONFIG_FOO)
        mov     x2, #6
#else
        mov     x2, #7
#endif
/* Function-like macros: # and ##, __VA_ARGS__, nested. */
#define REG(n)          x ## n
#define STR(s)          #s
#define XSTR(s)         STR(s)
#define LOAD(r, off)    ldr REG(r), [sp, #(off) * 8]
#define WORDS(first, ...) .word first, __VA_ARGS__
        LOAD(3, 2)
        mov     REG(4), #OFFSET_OF_B
        ADD_TWICE(x5)
#undef VALUE
#define VALUE 0x20
        mov     x6, #VALUE
/* __has_include, and a macro whose arguments go on over lines (as Xen's C headers write them). */
#if __has_include(<asm/defs.h>) && !__has_include("no/such/header.h")
        mov     x7, #8
#else
        mov     x7, #9
#endif
        LOAD(7,
             (1 +
              2))
#warning "this warning does not stop the build"
# 200 "generated/virtual.S"
        nop                             /* reported as generated/virtual.S:200 */
        ret
END(_start)
        .pushsection .rodata
        .asciz  XSTR(VALUE)
        .asciz  STR(a "quoted" \ b)
        WORDS(1, 2, 3)
        .popsection
