#ifndef __ASM_MACROS_H
#define __ASM_MACROS_H

#ifndef __ASSEMBLER__
# error "assembly only"
#endif

#if defined(CONFIG_ARM_64)
# include <asm/arm64/macros.h>
#else
# error "xen-mini is arm64 only"
#endif

#endif /* __ASM_MACROS_H */
