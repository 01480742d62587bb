/*
 * xen-mini's asm-offsets.c: the build compiles it to assembly and turns each marker into a
 * `#define` of asm/asm-offsets.h, as Xen's build does.
 */
#define COMPILE_OFFSETS

#include <xen/types.h>
#include <asm/current.h>
#include <asm/setup.h>
#include <asm/suspend.h>
#include <asm/percpu.h>

#define DEFINE(_sym, _val)                                                 \
    asm volatile ( "\n.ascii\"==>#define " #_sym " %0 /* " #_val " */<==\""\
                   :: "i" (_val) )
#define BLANK()                                                            \
    asm volatile ( "\n.ascii\"==><==\"" )
#define OFFSET(_sym, _str, _mem)                                           \
    DEFINE(_sym, offsetof(_str, _mem))

void __dummy__(void)
{
   OFFSET(UREGS_X0, struct cpu_user_regs, x0);
   OFFSET(UREGS_LR, struct cpu_user_regs, lr);
   OFFSET(UREGS_SP, struct cpu_user_regs, sp);
   OFFSET(UREGS_SPSR_el1, struct cpu_user_regs, spsr_el1);
   OFFSET(UREGS_SP_el1, struct cpu_user_regs, sp_el1);
   BLANK();

   DEFINE(CPUINFO_sizeof, sizeof(struct cpu_info));
   OFFSET(CPUINFO_flags, struct cpu_info, flags);
   BLANK();

   OFFSET(INITINFO_stack, struct init_info, stack);
   DEFINE(PERCPU_AREA_sizeof, sizeof(struct percpu_area));
   BLANK();

#ifdef CONFIG_SYSTEM_SUSPEND
   OFFSET(RESUME_CTX_X19, struct resume_cpu_context, callee_regs[0]);
   OFFSET(RESUME_CTX_X21, struct resume_cpu_context, callee_regs[2]);
   OFFSET(RESUME_CTX_X23, struct resume_cpu_context, callee_regs[4]);
   OFFSET(RESUME_CTX_X25, struct resume_cpu_context, callee_regs[6]);
   OFFSET(RESUME_CTX_X27, struct resume_cpu_context, callee_regs[8]);
   OFFSET(RESUME_CTX_X29, struct resume_cpu_context, callee_regs[10]);
   OFFSET(RESUME_CTX_SP, struct resume_cpu_context, sp);
   OFFSET(RESUME_CTX_VBAR_EL2, struct resume_cpu_context, vbar_el2);
   OFFSET(RESUME_CTX_VTCR_EL2, struct resume_cpu_context, vtcr_el2);
   OFFSET(RESUME_CTX_VTTBR_EL2, struct resume_cpu_context, vttbr_el2);
   OFFSET(RESUME_CTX_TPIDR_EL2, struct resume_cpu_context, tpidr_el2);
   OFFSET(RESUME_CTX_MDCR_EL2, struct resume_cpu_context, mdcr_el2);
   OFFSET(RESUME_CTX_HSTR_EL2, struct resume_cpu_context, hstr_el2);
   OFFSET(RESUME_CTX_CPTR_EL2, struct resume_cpu_context, cptr_el2);
   OFFSET(RESUME_CTX_HCR_EL2, struct resume_cpu_context, hcr_el2);
   OFFSET(RESUME_CTX_CNTHCTL_EL2, struct resume_cpu_context, cnthctl_el2);
   BLANK();
#endif
}
