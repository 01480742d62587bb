/*
 * Constants of the platform around the patch: Xen's values (xen/arch/arm/include/asm/
 * processor.h, arm64/sysregs.h, page.h, early-uart / pl011 headers) as the suspend path uses
 * them, and QEMU virt's memory map. Written for SuspendScope; not part of the patch.
 */
#ifndef SUSPENDSCOPE_CONFIG_H
#define SUSPENDSCOPE_CONFIG_H

/* QEMU virt: PL011 UART. */
#define CONFIG_EARLY_UART_BASE_ADDRESS 0x09000000
#define UARTDR    0x000
#define UARTFR    0x018
#define IBRD      0x024
#define FBRD      0x028
#define LCR_H     0x02c
#define UARTCR    0x030
#define BUSY      (1 << 3)
#define WLEN_8    0x60
#define UART_EN   0x301          /* RXE | TXE | UARTEN */

/* CurrentEL values check_cpu_mode accepts. */
#define PSR_MODE_EL2t 0x08
#define PSR_MODE_EL2h 0x09

/* MAIR_EL2: Xen's MAIRVAL (index 7 = normal write-back memory). */
#define MAIRVAL   0xff000004eeaa4400
#define MT_NORMAL 7

/* TCR_EL2: RES1 | SH0 inner | ORGN0/IRGN0 write-back write-allocate | T0SZ(64 - 48). */
#define TCR_EL2_SET 0x80803510

/* SCTLR_EL2 after cpu_init: RES1 | SA | I; enable_mmu adds M, C and WXN. */
#define SCTLR_EL2_SET 0x30c51838
#define SCTLR_Axx_ELx_M   (1 << 0)
#define SCTLR_Axx_ELx_C   (1 << 2)
#define SCTLR_Axx_ELx_WXN (1 << 19)

/* Stage-1 descriptors (4 KiB granule): table; page read-only executable; page read-write XN. */
#define PT_TABLE    0x3
#define PT_MEM_RO_X 0x79f               /* AF | SH inner | AP[2] | AttrIndx 7 | page | valid */
#define PT_MEM_RW   0x004000000000071f  /* XN | AF | SH inner | AttrIndx 7 | page | valid */

/* EL2 system register values Xen runs with (reference section 3). */
#define HCR_EL2_RUN   0x38                 /* AMO | IMO | FMO */
#define MDCR_EL2_RUN  0xe60                /* TDRA | TDOSA | TDA | TPM | TPMCR */
#define HSTR_EL2_RUN  0x8000               /* T15 */
#define CPTR_EL2_RUN  0x401032ff           /* TAM | TTA | RES1 */
#define VTCR_EL2_RUN  0x80023558           /* RES1 | PS 40-bit | SH0 inner | WBWA | SL0 1 | T0SZ 24 */
#define VTTBR_EL2_RUN 0x0001000040600000   /* VMID 1, p2m root at 0x40600000 */
#define TPIDR_EL2_RUN 0x00000000001c8000   /* this CPU's per-cpu offset */
#define CNTHCTL_EL2_RUN 0x3                /* EL1PCEN | EL1PCTEN */

/* PSCI 1.0 function ids. */
#define PSCI_1_0_FN64_SYSTEM_SUSPEND 0xc400000e

#endif
