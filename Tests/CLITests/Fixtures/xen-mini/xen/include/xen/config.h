/*
 * xen/include/xen/config.h of the xen-mini test tree: included before every source by the
 * build (-include), as Xen's is.
 */
#ifndef __XEN_CONFIG_H__
#define __XEN_CONFIG_H__

#include <xen/kconfig.h>

#ifndef __ASSEMBLER__
#include <xen/compiler.h>
#endif

#include <asm/config.h>

#define BYTES_PER_LONG  __SIZEOF_LONG__
#define BITS_PER_LONG   (__CHAR_BIT__ * BYTES_PER_LONG)

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
# define __LITTLE_ENDIAN
#endif

#endif /* __XEN_CONFIG_H__ */
