/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/include/asm/suspend.h of patch 11/13 "xen/arm: Save/restore context on
 * suspend/resume" with the v8 review applied (v11: plus cnthctl_el2): renamed resume_cpu_context, offsets for the
 * assembly come from asm-offsets.
 */
#ifndef ARM_SUSPEND_H
#define ARM_SUSPEND_H

#ifdef CONFIG_SYSTEM_SUSPEND
#ifdef CONFIG_ARM_64
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
#error "Define resume_cpu_context structure for arm32"
#endif

extern struct resume_cpu_context resume_cpu_context;

int prepare_resume_ctx(void);
void hyp_resume(void);
#endif /* CONFIG_SYSTEM_SUSPEND */

#endif /* ARM_SUSPEND_H */
