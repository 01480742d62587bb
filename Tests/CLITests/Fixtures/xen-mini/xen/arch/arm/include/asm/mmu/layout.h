#ifndef __ARM_MMU_LAYOUT_H__
#define __ARM_MMU_LAYOUT_H__

/* Slot 20 of the root table holds Xen; the image starts 2 MiB into it. */
#define SLOT0_ENTRY_BITS  39
#define SLOT0(slot)       (_AT(vaddr_t, slot) << SLOT0_ENTRY_BITS)
#define XEN_VIRT_START    (SLOT0(20) + _AT(vaddr_t, MB(2)))
#define XEN_VIRT_SIZE     _AT(vaddr_t, MB(8))
#define XEN_NR_ENTRIES(lvl) (XEN_VIRT_SIZE / XEN_PT_LEVEL_SIZE(lvl))

#define FIXMAP_VIRT_START (XEN_VIRT_START + XEN_VIRT_SIZE)
#define FIXMAP_ADDR(n)    (FIXMAP_VIRT_START + (n) * PAGE_SIZE)
#define FIX_CONSOLE       0

#define MB(m)             (_AC(m, ULL) << 20)

#endif /* __ARM_MMU_LAYOUT_H__ */
