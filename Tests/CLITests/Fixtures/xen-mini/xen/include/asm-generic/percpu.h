#ifndef __ASM_GENERIC_PERCPU_H__
#define __ASM_GENERIC_PERCPU_H__

/* One per-cpu area per CPU; the boot CPU's offset is what TPIDR_EL2 holds. */
#ifndef __ASSEMBLY__
struct percpu_area {
    unsigned long offset;
    unsigned int cpu;
};
#endif

#endif /* __ASM_GENERIC_PERCPU_H__ */
