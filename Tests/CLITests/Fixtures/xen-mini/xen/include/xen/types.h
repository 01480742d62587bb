#ifndef __XEN_TYPES_H__
#define __XEN_TYPES_H__

/* The fixed-width types from the compiler's own definitions, as Xen's stdint.h takes them. */
typedef __UINT8_TYPE__   uint8_t;
typedef __UINT16_TYPE__  uint16_t;
typedef __UINT32_TYPE__  uint32_t;
typedef __UINT64_TYPE__  uint64_t;
typedef __INT64_TYPE__   int64_t;
typedef __SIZE_TYPE__    size_t;

typedef uint64_t register_t;
typedef uint64_t paddr_t;
typedef unsigned long vaddr_t;

#define offsetof(type, member) __builtin_offsetof(type, member)

#endif /* __XEN_TYPES_H__ */
