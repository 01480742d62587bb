/* SPDX-License-Identifier: GPL-2.0-only */

#ifndef ARM_SUSPEND_H
#define ARM_SUSPEND_H

struct domain;
struct vcpu;
struct vcpu_guest_context;

struct resume_info {
    struct vcpu_guest_context *ctxt;
    struct vcpu *wake_vcpu;
};

void arch_domain_resume(struct domain *d);

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
