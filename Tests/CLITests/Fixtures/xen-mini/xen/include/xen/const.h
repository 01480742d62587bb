#ifndef __XEN_CONST_H__
#define __XEN_CONST_H__

/* Constants usable from C and assembly: 1UL in C, 1 in assembly. */
#ifdef __ASSEMBLY__
#define _AC(X, Y)   X
#define _AT(T, X)   X
#else
#define __AC(X, Y)  (X##Y)
#define _AC(X, Y)   __AC(X, Y)
#define _AT(T, X)   ((T)(X))
#endif

#define BIT(pos, sfx)   (_AC(1, sfx) << (pos))

#endif /* __XEN_CONST_H__ */
