/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef __ARM_SUSPEND_H__
#define __ARM_SUSPEND_H__

#include <xen/types.h>

#ifdef CONFIG_SYSTEM_SUSPEND
#ifdef CONFIG_ARM_64
/* What prepare_resume_ctx saves and hyp_resume restores (asm-offsets gives the offsets). */
struct resume_cpu_context {
    register_t callee_regs[12];
    register_t sp;
    register_t vbar_el2;
    register_t vtcr_el2;
    register_t vttbr_el2;
    register_t tpidr_el2;
    register_t mdcr_el2;
    register_t hstr_el2;
    register_t cptr_el2;
    register_t hcr_el2;
    register_t cnthctl_el2;
} __aligned(16);
#else
#error "xen-mini is arm64 only"
#endif

extern struct resume_cpu_context resume_cpu_context;

int prepare_resume_ctx(void);
void hyp_resume(void);

#endif /* CONFIG_SYSTEM_SUSPEND */

#endif /* __ARM_SUSPEND_H__ */
