/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/include/asm/suspend.h from patch v8 11/13 "xen/arm: Save/restore context on
 * suspend/resume" (xen-devel, May 2026), as posted: the struct the post-increment stores of
 * prepare_resume_ctx fill in order.
 */
#ifndef ARM_SUSPEND_H
#define ARM_SUSPEND_H

#ifdef CONFIG_SYSTEM_SUSPEND
#ifdef CONFIG_ARM_64
struct cpu_context {
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
} __aligned(16);
#else
#error "Define cpu_context structure for arm32"
#endif

extern struct cpu_context cpu_context;

int prepare_resume_ctx(struct cpu_context *ptr);
void hyp_resume(void);
#endif /* CONFIG_SYSTEM_SUSPEND */

#endif /* ARM_SUSPEND_H */
