#ifndef ARM_GENERIC_PERCPU_H
#define ARM_GENERIC_PERCPU_H
#include <asm-generic/percpu.h>
#endif /* ARM_GENERIC_PERCPU_H */
