#ifndef __ARM_PAGE_H__
#define __ARM_PAGE_H__

#include <xen/page-size.h>
#include <asm/processor.h>

/* Memory attributes: index 7 is normal write-back memory, index 4 device nGnRE. */
#define MT_DEVICE_nGnRE  0x4
#define MT_NORMAL        0x7
#define MAIRVAL          0xff000004eeaa4400ULL

/* The 4 KiB granule: 9 bits of index per level, level 3 maps pages. */
#define XEN_PT_LPAE_SHIFT       9
#define XEN_PT_LPAE_ENTRIES     (_AC(1, U) << XEN_PT_LPAE_SHIFT)
#define XEN_PT_LEVEL_SHIFT(lvl) (PAGE_SHIFT + (3 - (lvl)) * XEN_PT_LPAE_SHIFT)
#define XEN_PT_LEVEL_SIZE(lvl)  (_AC(1, ULL) << XEN_PT_LEVEL_SHIFT(lvl))
#define THIRD_SHIFT             XEN_PT_LEVEL_SHIFT(3)
#define THIRD_MASK              (~(XEN_PT_LEVEL_SIZE(3) - 1))

#define zeroeth_table_offset(va) (((va) >> XEN_PT_LEVEL_SHIFT(0)) & (XEN_PT_LPAE_ENTRIES - 1))
#define first_table_offset(va)   (((va) >> XEN_PT_LEVEL_SHIFT(1)) & (XEN_PT_LPAE_ENTRIES - 1))
#define second_table_offset(va)  (((va) >> XEN_PT_LEVEL_SHIFT(2)) & (XEN_PT_LPAE_ENTRIES - 1))

#endif /* __ARM_PAGE_H__ */
