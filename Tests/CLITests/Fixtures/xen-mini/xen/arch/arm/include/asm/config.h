#ifndef __ARM_CONFIG_H__
#define __ARM_CONFIG_H__

#include <xen/const.h>
#include <xen/page-size.h>

#if defined(CONFIG_MMU)
#include <asm/mmu/layout.h>
#else
# error "xen-mini has only the MMU layout"
#endif

#define STACK_ORDER 3
#define STACK_SIZE  (PAGE_SIZE << STACK_ORDER)

#if defined(__ASSEMBLER__) && !defined(LINKER_SCRIPT)
#include <asm/asm_defns.h>
#include <asm/macros.h>
#endif

#endif /* __ARM_CONFIG_H__ */
