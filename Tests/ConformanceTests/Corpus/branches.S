// Branches: b, b.cond, cbz/cbnz, tbz/tbnz, bl/blr/ret, br; a bounded loop.
// stops: loop_done done
        .text
        .global _start
_start:
        mov     x0, #0
        mov     x1, #10
loop:
        add     x0, x0, x1
        subs    x1, x1, #1
        b.ne    loop
loop_done:
        mov     x2, #0
        cbz     x2, 1f
        mov     x3, #0xbad
1:      cbnz    x0, 2f
        mov     x4, #0xbad
2:      mov     x5, #0x100000000
        tbz     x5, #32, 3f
        tbnz    w5, #0, 3f
        tbnz    x5, #32, 4f
3:      mov     x6, #0xbad
4:      bl      func
        adr     x7, func2
        blr     x7
        adr     x8, 5f
        br      x8
        mov     x9, #0xbad
5:      cmp     x0, #55
        b.eq    6f
        mov     x10, #0xbad
6:      b.lt    7f
        b.ge    8f
7:      mov     x11, #0xbad
8:      cbz     w5, 9f
        mov     x12, #0x12
9:      tbz     x0, #63, 10f
        mov     x13, #0xbad
10:     mov     x14, #3
11:     sub     x14, x14, #1
        cbnz    x14, 11b
        b       done
func:
        mov     x15, x30
        ret
func2:
        mov     x16, x30
        add     x17, x17, #1
        ret     x30
done:
        b       done
