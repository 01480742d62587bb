#ifndef __ARM_CURRENT_H__
#define __ARM_CURRENT_H__

#include <xen/types.h>

/* Each register under both its AArch64 and its AArch32 name. */
#define __DECL_REG(n64, n32) union {            \
    uint64_t n64;                               \
    uint32_t n32;                               \
}

/* The registers saved on the stack on entry to the hypervisor. */
struct cpu_user_regs
{
    __DECL_REG(x0, r0);
    __DECL_REG(x1, r1);
    uint64_t x2, x3, x4, x5, x6, x7;
    uint64_t x8_to_x28[21];
    __DECL_REG(fp, r11);
    __DECL_REG(lr, r14);
    register_t sp;
    __DECL_REG(pc, pc32);
    uint64_t cpsr;
    uint64_t hsr;
    uint64_t pad0;
    union {
        uint64_t spsr_el1;
        uint32_t spsr_svc;
    };
    uint32_t spsr_fiq, spsr_irq, spsr_und, spsr_abt;
    uint64_t sp_el0;
    uint64_t sp_el1, elr_el1;
};

#undef __DECL_REG

/* At the top of each CPU's stack: the guest's registers, and flags. */
struct cpu_info {
    struct cpu_user_regs guest_cpu_user_regs;
    unsigned long elr;
    uint32_t flags;
    uint32_t pending_softirq:1,
             in_irq:1,
             nesting:6;
};

#endif /* __ARM_CURRENT_H__ */
