/* The v9 save routine of the suspend patch: fixed offsets from asm-offsets. */
#include "resume_ctx.h"

        .text
FUNC(_start)
        bl      prepare_resume_ctx
1:      b       1b
END(_start)

FUNC(prepare_resume_ctx)
        ldr   x0, =resume_cpu_context
        stp   x19, x20, [x0, #RESUME_CTX_X19]
        stp   x21, x22, [x0, #RESUME_CTX_X21]
        stp   x23, x24, [x0, #RESUME_CTX_X23]
        stp   x25, x26, [x0, #RESUME_CTX_X25]
        stp   x27, x28, [x0, #RESUME_CTX_X27]
        stp   x29, lr, [x0, #RESUME_CTX_X29]
        mov   x2, sp
        str   x2, [x0, #RESUME_CTX_SP]
        mrs   x2, VBAR_EL2
        str   x2, [x0, #RESUME_CTX_VBAR_EL2]
        mrs   x2, VTCR_EL2
        str   x2, [x0, #RESUME_CTX_VTCR_EL2]
        mrs   x2, VTTBR_EL2
        str   x2, [x0, #RESUME_CTX_VTTBR_EL2]
        mrs   x2, TPIDR_EL2
        str   x2, [x0, #RESUME_CTX_TPIDR_EL2]
        mrs   x2, MDCR_EL2
        str   x2, [x0, #RESUME_CTX_MDCR_EL2]
        mrs   x2, HSTR_EL2
        str   x2, [x0, #RESUME_CTX_HSTR_EL2]
        mrs   x2, CPTR_EL2
        str   x2, [x0, #RESUME_CTX_CPTR_EL2]
        mrs   x2, HCR_EL2
        str   x2, [x0, #RESUME_CTX_HCR_EL2]
        mov   x0, #1
        ret
END(prepare_resume_ctx)

        .data
        .balign 8
DATA(resume_cpu_context)
        .skip RESUME_CTX_SIZE
END(resume_cpu_context)
