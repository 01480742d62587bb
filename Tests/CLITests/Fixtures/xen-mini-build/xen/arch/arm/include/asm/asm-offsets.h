/*
 * DO NOT MODIFY.
 *
 * This file was auto-generated from asm-offsets.s
 *
 */

#ifndef __ASM_OFFSETS_H__
#define __ASM_OFFSETS_H__

#define UREGS_X0 0 /* offsetof(struct cpu_user_regs, x0) */
#define UREGS_LR 240 /* offsetof(struct cpu_user_regs, lr) */
#define UREGS_SP 248 /* offsetof(struct cpu_user_regs, sp) */
#define UREGS_SPSR_el1 288 /* offsetof(struct cpu_user_regs, spsr_el1) */
#define UREGS_SP_el1 320 /* offsetof(struct cpu_user_regs, sp_el1) */

#define CPUINFO_sizeof 352 /* sizeof(struct cpu_info) */
#define CPUINFO_flags 344 /* offsetof(struct cpu_info, flags) */

#define INITINFO_stack 0 /* offsetof(struct init_info, stack) */
#define PERCPU_AREA_sizeof 16 /* sizeof(struct percpu_area) */

#define RESUME_CTX_X19 0 /* offsetof(struct resume_cpu_context, callee_regs[0]) */
#define RESUME_CTX_X21 16 /* offsetof(struct resume_cpu_context, callee_regs[2]) */
#define RESUME_CTX_X23 32 /* offsetof(struct resume_cpu_context, callee_regs[4]) */
#define RESUME_CTX_X25 48 /* offsetof(struct resume_cpu_context, callee_regs[6]) */
#define RESUME_CTX_X27 64 /* offsetof(struct resume_cpu_context, callee_regs[8]) */
#define RESUME_CTX_X29 80 /* offsetof(struct resume_cpu_context, callee_regs[10]) */
#define RESUME_CTX_SP 96 /* offsetof(struct resume_cpu_context, sp) */
#define RESUME_CTX_VBAR_EL2 104 /* offsetof(struct resume_cpu_context, vbar_el2) */
#define RESUME_CTX_VTCR_EL2 112 /* offsetof(struct resume_cpu_context, vtcr_el2) */
#define RESUME_CTX_VTTBR_EL2 120 /* offsetof(struct resume_cpu_context, vttbr_el2) */
#define RESUME_CTX_TPIDR_EL2 128 /* offsetof(struct resume_cpu_context, tpidr_el2) */
#define RESUME_CTX_MDCR_EL2 136 /* offsetof(struct resume_cpu_context, mdcr_el2) */
#define RESUME_CTX_HSTR_EL2 144 /* offsetof(struct resume_cpu_context, hstr_el2) */
#define RESUME_CTX_CPTR_EL2 152 /* offsetof(struct resume_cpu_context, cptr_el2) */
#define RESUME_CTX_HCR_EL2 160 /* offsetof(struct resume_cpu_context, hcr_el2) */
#define RESUME_CTX_CNTHCTL_EL2 168 /* offsetof(struct resume_cpu_context, cnthctl_el2) */


#endif
