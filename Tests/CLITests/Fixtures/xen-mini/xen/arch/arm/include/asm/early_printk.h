#ifndef __ARM_EARLY_PRINTK_H__
#define __ARM_EARLY_PRINTK_H__

#include <xen/page-size.h>

#ifdef CONFIG_EARLY_PRINTK
/* Once the MMU is on, the UART is reached through the fixmap. */
#define EARLY_UART_VIRTUAL_ADDRESS \
    (FIXMAP_ADDR(FIX_CONSOLE) + (CONFIG_EARLY_UART_BASE_ADDRESS & ~PAGE_MASK))
#endif

#endif /* __ARM_EARLY_PRINTK_H__ */
