#ifndef __ARM_SETUP_H_
#define __ARM_SETUP_H_

#include <xen/types.h>

/* What head.S reads when it enters C (launch) and when a secondary CPU comes up. */
struct init_info
{
    /* The stack head.S sets up, growing down from stack + STACK_SIZE. */
    unsigned char *stack;
    /* The logical id of the CPU coming up. */
    unsigned int cpuid;
};

extern struct init_info init_data;

#endif /* __ARM_SETUP_H_ */
