#ifndef __XEN_PAGE_SIZE_H__
#define __XEN_PAGE_SIZE_H__

#include <xen/const.h>

#define PAGE_SHIFT  12
#define PAGE_SIZE   (_AC(1, L) << PAGE_SHIFT)
#define PAGE_MASK   (~(PAGE_SIZE - 1))

#endif /* __XEN_PAGE_SIZE_H__ */
