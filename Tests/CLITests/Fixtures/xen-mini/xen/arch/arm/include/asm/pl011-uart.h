#ifndef __ASM_ARM_PL011_H
#define __ASM_ARM_PL011_H

/* PL011 registers and bits (offsets from the base). */
#define DR     (0x00)
#define FR     (0x18)
#define IBRD   (0x24)
#define FBRD   (0x28)
#define LCR_H  (0x2c)
#define CR     (0x30)

#define BUSY   (1 << 3)
#define TXFF   (1 << 5)
#define RXE    (1 << 9)
#define TXE    (1 << 8)
#define UARTEN (1 << 0)
#define WLEN_8 (0x3 << 5)

#endif /* __ASM_ARM_PL011_H */
