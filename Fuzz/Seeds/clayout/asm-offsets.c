/* A self-contained asm-offsets.c in the shape of Xen's (types, a context struct, the
 * DEFINE/OFFSET/BLANK markers), for the clayout fuzz target. */
#define COMPILE_OFFSETS
typedef unsigned long uint64_t;
typedef uint64_t register_t;
typedef unsigned int uint32_t;
#define __aligned(x) __attribute__((__aligned__(x)))
#define offsetof(t, m) __builtin_offsetof(t, m)

struct cpu_user_regs {
    union { uint64_t x0; uint32_t r0; };
    uint64_t lr, sp;
    uint32_t spsr_el1;
    uint64_t sp_el1;
};

struct cpu_info {
    struct cpu_user_regs guest_cpu_user_regs;
    unsigned long elr;
    uint32_t flags;
};

struct resume_cpu_context {
    register_t callee_regs[12];
    register_t sp;
    register_t vbar_el2;
    register_t hcr_el2;
    register_t cnthctl_el2;
} __aligned(16);

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
   OFFSET(UREGS_SP_el1, struct cpu_user_regs, sp_el1);
   BLANK();
   DEFINE(CPUINFO_sizeof, sizeof(struct cpu_info));
   OFFSET(CPUINFO_flags, struct cpu_info, flags);
   DEFINE(PAGE_SHIFT_PLUS, (1 << 12) + sizeof(int) * 3 - 1);
   OFFSET(RESUME_CTX_X21, struct resume_cpu_context, callee_regs[2]);
   OFFSET(RESUME_CTX_CNTHCTL_EL2, struct resume_cpu_context, cnthctl_el2);
   DEFINE(RESUME_CTX_sizeof, sizeof(struct resume_cpu_context));
}
