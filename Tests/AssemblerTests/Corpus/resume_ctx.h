/* Offsets into struct resume_cpu_context, as asm-offsets would generate them. */
#ifndef RESUME_CTX_H
#define RESUME_CTX_H
#define RESUME_CTX_X19       0
#define RESUME_CTX_X21       16
#define RESUME_CTX_X23       32
#define RESUME_CTX_X25       48
#define RESUME_CTX_X27       64
#define RESUME_CTX_X29       80
#define RESUME_CTX_SP        96
#define RESUME_CTX_VBAR_EL2  104
#define RESUME_CTX_VTCR_EL2  112
#define RESUME_CTX_VTTBR_EL2 120
#define RESUME_CTX_TPIDR_EL2 128
#define RESUME_CTX_MDCR_EL2  136
#define RESUME_CTX_HSTR_EL2  144
#define RESUME_CTX_CPTR_EL2  152
#define RESUME_CTX_HCR_EL2   160
#define RESUME_CTX_SIZE      168
#endif
