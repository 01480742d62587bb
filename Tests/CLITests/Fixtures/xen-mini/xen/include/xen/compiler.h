#ifndef __XEN_COMPILER_H__
#define __XEN_COMPILER_H__

#define __aligned(a)    __attribute__((__aligned__(a)))
#define __packed        __attribute__((__packed__))
#define __section(s)    __attribute__((__section__(s)))

#endif /* __XEN_COMPILER_H__ */
