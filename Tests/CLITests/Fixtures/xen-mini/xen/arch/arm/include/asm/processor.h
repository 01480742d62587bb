#ifndef __ASM_ARM_PROCESSOR_H
#define __ASM_ARM_PROCESSOR_H

#include <xen/const.h>

#define PSR_MODE_EL2t   0x08
#define PSR_MODE_EL2h   0x09

#define SCTLR_Axx_ELx_M     BIT(0, UL)
#define SCTLR_Axx_ELx_C     BIT(2, UL)
#define SCTLR_A64_ELx_SA    BIT(3, UL)
#define SCTLR_Axx_ELx_I     BIT(12, UL)
#define SCTLR_Axx_ELx_WXN   BIT(19, UL)
#define SCTLR_EL2_RES1      (BIT(4, UL) | BIT(5, UL) | BIT(11, UL) | BIT(16, UL) | \
                             BIT(18, UL) | BIT(22, UL) | BIT(23, UL) | BIT(28, UL) | BIT(29, UL))
#define SCTLR_EL2_SET       (SCTLR_EL2_RES1 | SCTLR_A64_ELx_SA | SCTLR_Axx_ELx_I)

#define TCR_T0SZ(x)     ((x) << 0)
#define TCR_IRGN0_WBWA  (_AC(0x1, UL) << 8)
#define TCR_ORGN0_WBWA  (_AC(0x1, UL) << 10)
#define TCR_SH0_IS      (_AC(0x3, UL) << 12)
#define TCR_RES1        (_AC(1, UL) << 31 | _AC(1, UL) << 23)

#define MPIDR_HWID_MASK _AC(0xff00ffffff, UL)

#endif /* __ASM_ARM_PROCESSOR_H */
