/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef ARM_SUSPEND_H
#define ARM_SUSPEND_H

#include <xen/types.h>

struct domain;
struct vcpu;
struct vcpu_guest_context;

struct resume_info {
    struct vcpu_guest_context *ctxt;
    struct vcpu *wake_vcpu;
};

void arch_domain_resume(struct domain *d);

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

/*
 * xen/arch/arm/include/asm/suspend.h in the tree of the system-suspend series, in the shape
 * Xen gives it (written for SuspendScope). In scenario v8-base it is the header before patch
 * 11/13, without a context struct; in v8, the header with the patch as posted.
 *
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
