/*
 * GNU as's macro language as binutils 2.40 reads it: every directive of the issue's point 2,
 * in the shapes Xen's headers use them (adr_l, ldr_l, PRINT, keyword-argument table entries,
 * a macro named `ret`), compared byte for byte with as + ld.
 */
        .text
        .globl  _start
_start:
/* Positional arguments, defaults, :req, \() and \@. */
        .macro  load_pair, base:req, first=x0, second=x1, offset=0
        ldp     \first, \second, [\base, #\offset]
        .endm
        load_pair x2
        load_pair x3, x4, x5, 16
        load_pair x6 x7 x8 32                   /* arguments separated by spaces */
        load_pair base=sp, offset=48            /* keywords */
        load_pair x9, second=x10                /* positional, then a keyword */
        load_pair x11,,x12                      /* an empty argument takes the default */

        .macro  local_loop, reg, count
        mov     \reg, #\count
.Lloop\@:
        subs    \reg, \reg, #1
        b.ne    .Lloop\@
        .endm
        local_loop x13, 3
        local_loop x14, 5

        .macro  suffixed, reg, n
        add     \reg\()w, \reg\()w, #\n         /* \() separates the name from what follows */
        .endm
        .macro  named r
        mov     \r, #\@                         /* the count of macros expanded so far */
        .endm
        named   x15
        named   x16

/* :vararg takes the rest of the line; quoted arguments lose their quotes. */
        .macro  words, first, rest:vararg
        .word   \first, \rest
        .endm
        .macro  message, text
        .ascii  "\text"
        .endm
        .pushsection .rodata
        words   1, 2, 3, 4
        message "quoted, with comma"
        message unquoted
        message (a b)
        .byte   0
        .popsection

/* Macros that call macros, and one that defines another. */
        .macro  adr_l, dst, sym
        adrp    \dst, \sym
        add     \dst, \dst, :lo12:\sym
        .endm
        .macro  ldr_l, dst, sym, tmp=
        .ifb    \tmp
        adrp    \dst, \sym
        ldr     \dst, [\dst, :lo12:\sym]
        .else
        adrp    \tmp, \sym
        ldr     \dst, [\tmp, :lo12:\sym]
        .endif
        .endm
        .macro  both, dst, sym
        adr_l   \dst, \sym
        ldr_l   \dst, \sym
        ldr_l   \dst, \sym, tmp=x17
        .endm
        both    x0, table
        .macro  define_getter, name, reg
        .macro  get_\name
        mov     x0, \reg
        .endm
        .endm
        define_getter one, x1
        define_getter two, x2
        get_one
        get_two
        .purgem get_one
        .macro  get_one                         /* purged, so it can be defined again */
        mov     x0, x3
        .endm
        get_one

/* Xen defines `ret` as a macro (with a speculation barrier); the macro wins over the instruction. */
        .macro  ret
        .inst   0xd65f03c0                      /* the real ret */
        dsb     nsh
        isb
        .endm
        ret
        RET                                     /* macro names are case-insensitive */

/* .exitm leaves the macro; conditions on the arguments. */
        .macro  bounded, n
        .if     \n > 2
        .exitm
        .endif
        mov     x0, #\n
        .endm
        bounded 1
        bounded 5
        bounded 2

/* Keyword arguments for table entries, as Xen's create_table_entry and friends. */
        .macro  pte, addr=0, attr=0x711, level=3
        .quad   (\addr) | (\attr) | ((\level == 3) << 1) | 1
        .endm
        .pushsection .data
        .balign 8
table:
        pte     addr=0x40000000
        pte     attr=0x70d, addr=0x40200000, level=2
        pte
        .popsection

/* .rept, .irp, .irpc and their nesting. */
        .rept   3
        nop
        .endr
        .irp    reg, x19, x20, x21
        mov     \reg, xzr
        .endr
        .irp    n                               /* no values: once, empty */
        add     x0, x0, #1\n
        .endr
        .irpc   c, 0123
        mov     x\c, #\c
        .endr
        .irpc   c, "45"
        mov     x\c, #\c
        .endr
        .rept   2
        .irp    r, x22, x23
        add     \r, \r, #2
        .endr
        .endr

/* The .if family. */
        .set    level, 2
        .if     level == 2
        mov     x0, #2
        .elseif level == 3
        mov     x0, #3
        .else
        mov     x0, #0
        .endif
        .if     level == 9
        mov     x0, #9
        .elseif level > 1
        mov     x0, #1
        .endif
        .ifeq   level - 2
        mov     x1, #1
        .endif
        .ifne   level
        mov     x1, #2
        .endif
        .ifgt   level - 3
        mov     x1, #3
        .endif
        .ifge   level - 2
        mov     x1, #4
        .endif
        .iflt   level - 3
        mov     x1, #5
        .endif
        .ifle   level - 1
        mov     x1, #6
        .endif
        .ifdef  level
        mov     x2, #1
        .endif
        .ifndef level
        mov     x2, #2
        .endif
        .ifdef  later_label                     /* not defined yet at this point */
        mov     x2, #3
        .endif
        .ifnotdef nowhere
        mov     x2, #4
        .endif
        .ifc    abc, abc
        mov     x3, #1
        .endif
        .ifnc   abc, abd
        mov     x3, #2
        .endif
        .ifeqs  "same", "same"
        mov     x3, #3
        .endif
        .ifnes  "one", "two"
        mov     x3, #4
        .endif
        .ifb
        mov     x3, #5
        .endif
        .ifnb   x
        mov     x3, #6
        .endif
        .if     0
        .if     1                               /* nested in a skipped branch: all skipped */
        mov     x3, #7
        .else
        mov     x3, #8
        .endif
        .err                                    /* skipped: no error */
        .error  "not reached"
        .endif
later_label:

/* .req and .unreq: aliases stand for the register in every operand. */
ctx     .req    x24
tmp     .req    w25
        ldr     x0, [ctx, #8]
        str     tmp, [ctx], #4
        add     ctx, ctx, tmp, uxtw #2
        mov     TMP, #1                         /* also known in upper case */
        .unreq  ctx
ctx     .req    x26
        mov     ctx, #3

/* .set redefinition and .equiv. */
        .set    counter, 1
        .word   counter
        .set    counter, counter + 1
        .word   counter
counter = counter * 10
        .word   counter
        .equiv  limit, 0x40
        .equ    twice, limit * 2
        mov     x0, #limit
        mov     x1, #twice

/* Relocation operators and C integer suffixes. */
        movz    x0, #:abs_g3:table
        movk    x0, #:abs_g2_nc:table
        movk    x0, #:abs_g1_nc:table
        movk    x0, #:abs_g0_nc:table
        movz    x1, #:abs_g1:table
        movz    w2, #:abs_g0_s:-5
        movn    x3, #:abs_g1_s:0x12345
        adrp    x4, :pg_hi21:table
        add     x4, x4, #:lo12:table
        adrp    x5, :pg_hi21_nc:table + 8
        ldr     x5, [x5, :lo12:table + 8]
        mov     x6, #0x08U
        mov     x7, #1UL << 12
        mov     x8, #(1ULL << 32) >> 28
        .word   0x10u, 7l, 0xffLL
        .warning "a warning does not stop assembly"
        .print  "printed at assembly time"
        b       .
