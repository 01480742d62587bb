#!/usr/bin/env python3
"""Probe QEMU cortex-a57 at EL2 (virt,virtualization=on, -kernel ELF): reset PSTATE, reset values
and write masks of catalogued system registers, and exception syndromes.

Generates an assembly program that stores results into a buffer, runs it under
qemu-system-aarch64 -S -gdb, breaks at `done`, and dumps the buffer with gdb-multiarch.
Usage: scripts/qemu-sysreg-probe.py [port]
"""
import subprocess, sys, tempfile, os, time

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 12345 + os.getpid() % 1000
BUF = 0x40200000

# (name, assembler spelling, write pattern mask: bits we dare to set)
STORED = [
    ("VBAR_EL2", "vbar_el2", 0xffffffffffffffff),
    ("VTCR_EL2", "vtcr_el2", 0xffffffffffffffff),
    ("VTTBR_EL2", "vttbr_el2", 0xffffffffffffffff),
    ("TPIDR_EL2", "tpidr_el2", 0xffffffffffffffff),
    ("MDCR_EL2", "mdcr_el2", 0xffffffffffffffff),
    ("HSTR_EL2", "hstr_el2", 0xffffffffffffffff),
    ("CPTR_EL2", "cptr_el2", 0xffffffffffffffff),
    ("HCR_EL2", "hcr_el2", 0xffffffffffffffff),
    ("CNTHCTL_EL2", "cnthctl_el2", 0xffffffffffffffff),
    # never set M (MMU on) or EE (big-endian data) while probing
    ("SCTLR_EL2", "sctlr_el2", ~((1 << 0) | (1 << 25)) & 0xffffffffffffffff),
    ("TCR_EL2", "tcr_el2", 0xffffffffffffffff),
    ("MAIR_EL2", "mair_el2", 0xffffffffffffffff),
    ("TTBR0_EL2", "ttbr0_el2", 0xffffffffffffffff),
    ("ESR_EL2", "esr_el2", 0xffffffffffffffff),
    ("ELR_EL2", "elr_el2", 0xffffffffffffffff),
    ("SPSR_EL2", "spsr_el2", 0xffffffffffffffff),
    ("FAR_EL2", "far_el2", 0xffffffffffffffff),
    ("SP_EL0", "sp_el0", 0xffffffffffffffff),
    ("CNTFRQ_EL0", "cntfrq_el0", 0xffffffffffffffff),
    ("SPSel", "spsel", 0xffffffffffffffff),
    ("DAIF", "daif", 0xffffffffffffffff),
    ("NZCV", "nzcv", 0xffffffffffffffff),
    # EL1/EL0 registers a hypervisor saves and restores for its guests
    ("SCTLR_EL1", "sctlr_el1", 0xffffffffffffffff),
    ("TTBR0_EL1", "ttbr0_el1", 0xffffffffffffffff),
    ("TTBR1_EL1", "ttbr1_el1", 0xffffffffffffffff),
    ("TCR_EL1", "tcr_el1", 0xffffffffffffffff),
    ("MAIR_EL1", "mair_el1", 0xffffffffffffffff),
    ("AMAIR_EL1", "amair_el1", 0xffffffffffffffff),
    ("VBAR_EL1", "vbar_el1", 0xffffffffffffffff),
    ("CONTEXTIDR_EL1", "contextidr_el1", 0xffffffffffffffff),
    ("TPIDR_EL0", "tpidr_el0", 0xffffffffffffffff),
    ("TPIDR_EL1", "tpidr_el1", 0xffffffffffffffff),
    ("TPIDRRO_EL0", "tpidrro_el0", 0xffffffffffffffff),
    ("SP_EL1", "sp_el1", 0xffffffffffffffff),
    ("ELR_EL1", "elr_el1", 0xffffffffffffffff),
    ("SPSR_EL1", "spsr_el1", 0xffffffffffffffff),
    ("ESR_EL1", "esr_el1", 0xffffffffffffffff),
    ("FAR_EL1", "far_el1", 0xffffffffffffffff),
    ("PAR_EL1", "par_el1", 0xffffffffffffffff),
    ("CPACR_EL1", "cpacr_el1", 0xffffffffffffffff),
    ("CNTKCTL_EL1", "cntkctl_el1", 0xffffffffffffffff),
    ("ACTLR_EL1", "actlr_el1", 0xffffffffffffffff),
    ("AFSR0_EL1", "afsr0_el1", 0xffffffffffffffff),
    ("AFSR1_EL1", "afsr1_el1", 0xffffffffffffffff),
    # EL2 registers beyond the first catalogue
    ("AMAIR_EL2", "amair_el2", 0xffffffffffffffff),
    ("ACTLR_EL2", "actlr_el2", 0xffffffffffffffff),
    ("AFSR0_EL2", "afsr0_el2", 0xffffffffffffffff),
    ("AFSR1_EL2", "afsr1_el2", 0xffffffffffffffff),
    ("VMPIDR_EL2", "vmpidr_el2", 0xffffffffffffffff),
    ("VPIDR_EL2", "vpidr_el2", 0xffffffffffffffff),
    ("CNTVOFF_EL2", "cntvoff_el2", 0xffffffffffffffff),
    # timers: control and compare values (TVAL and the counts depend on QEMU's clock)
    ("CNTHP_CTL_EL2", "cnthp_ctl_el2", 0xffffffffffffffff),
    ("CNTHP_CVAL_EL2", "cnthp_cval_el2", 0xffffffffffffffff),
    ("CNTV_CTL_EL0", "cntv_ctl_el0", 0xffffffffffffffff),
    ("CNTV_CVAL_EL0", "cntv_cval_el0", 0xffffffffffffffff),
    ("CNTP_CTL_EL0", "cntp_ctl_el0", 0xffffffffffffffff),
    ("CNTP_CVAL_EL0", "cntp_cval_el0", 0xffffffffffffffff),
    # FP/SIMD control and status
    ("FPCR", "fpcr", 0xffffffffffffffff),
    ("FPSR", "fpsr", 0xffffffffffffffff),
]
READONLY = [("CurrentEL", "currentel"), ("MPIDR_EL1", "mpidr_el1"), ("MIDR_EL1", "midr_el1"),
            ("ID_AA64MMFR0_EL1", "id_aa64mmfr0_el1"), ("REVIDR_EL1", "revidr_el1"),
            ("ID_AA64PFR0_EL1", "id_aa64pfr0_el1"), ("ID_AA64PFR1_EL1", "id_aa64pfr1_el1"),
            ("ID_AA64ZFR0_EL1", "s3_0_c0_c4_4"),
            ("ID_AA64DFR0_EL1", "id_aa64dfr0_el1"), ("ID_AA64DFR1_EL1", "id_aa64dfr1_el1"),
            ("ID_AA64AFR0_EL1", "id_aa64afr0_el1"), ("ID_AA64AFR1_EL1", "id_aa64afr1_el1"),
            ("ID_AA64ISAR0_EL1", "id_aa64isar0_el1"), ("ID_AA64ISAR1_EL1", "id_aa64isar1_el1"),
            ("ID_AA64ISAR2_EL1", "s3_0_c0_c6_2"),
            ("ID_AA64MMFR1_EL1", "id_aa64mmfr1_el1"), ("ID_AA64MMFR2_EL1", "s3_0_c0_c7_2"),
            ("DCZID_EL0", "dczid_el0"), ("CTR_EL0", "ctr_el0"), ("CLIDR_EL1", "clidr_el1"),
            ("CNTFRQ_EL0", "cntfrq_el0")]

def movimm(reg, v):
    v &= 0xffffffffffffffff
    s = [f"movz {reg}, #{v & 0xffff}"]
    for i in range(1, 4):
        s.append(f"movk {reg}, #{(v >> (16*i)) & 0xffff}, lsl #{16*i}")
    return "\n".join("    " + x for x in s)

# exception probes: (label, setup asm, trigger asm)
EXC = [
    ("unmapped_ldr", movimm("x2", 0x50000000), "ldr x1, [x2]"),
    ("unmapped_str_w", movimm("x2", 0x50000010), "str w1, [x2]"),
    ("unmapped_ldrb_far_high", movimm("x2", 0x123456789a), "ldrb w1, [x2]"),
    ("udf", "", "udf #0x42"),
    ("undef_word", "", ".inst 0x00000000"),
    ("brk", "", "brk #0x1234"),
    ("hlt", "", "hlt #0x7"),
    ("svc", "", "svc #0x11"),
    ("hvc", "", "hvc #0x22"),
    ("smc_nonpsci", movimm("x0", 0x12345678), "smc #0x33"),
    ("smc_psci_version", movimm("x0", 0x84000000), "smc #0"),
    ("hvc_psci_version", movimm("x0", 0x84000000), "hvc #0"),
    ("mrs_uncatalogued", "", "mrs x1, s3_4_c15_c15_7"),
    ("mrs_hcr_generic", "", "mrs x1, s3_4_c1_c1_0"),
    ("msr_midr", "", "msr s3_0_c0_c0_0, x1"),
    ("msr_currentel", "", "msr s3_0_c4_c2_2, x1"),
    ("msr_pan_imm", "", "msr pan, #1"),
    ("sp_align", "    mrs x3, sctlr_el2\n    orr x3, x3, #8\n    msr sctlr_el2, x3\n    isb\n    mov x4, sp\n    add x5, x4, #1\n    mov sp, x5",
        "ldr x1, [sp]"),
    ("data_align", "    mrs x3, sctlr_el2\n    orr x3, x3, #2\n    msr sctlr_el2, x3\n    isb\n" + movimm("x2", 0x40300001),
        "ldr x1, [x2]"),
    ("data_align_stp", "    mrs x3, sctlr_el2\n    orr x3, x3, #2\n    msr sctlr_el2, x3\n    isb\n" + movimm("x2", 0x40300004), "stp x1, x2, [x2]"),
    ("data_align_str_post", "    mrs x3, sctlr_el2\n    orr x3, x3, #2\n    msr sctlr_el2, x3\n    isb\n" + movimm("x2", 0x40300004), "str x1, [x2], #8"),
    ("unmapped_ldr_post", movimm("x2", 0x50000000), "ldr x1, [x2], #8"),
    ("unmapped_ldrsw_x", movimm("x2", 0x50000000), "ldrsw x3, [x2, #4]"),
    ("unmapped_ldp", movimm("x2", 0x50000000), "ldp x3, x4, [x2]"),
    ("beyond_pa_44bit", movimm("x2", 0x100000000000), "ldr x1, [x2]"),
    ("sp_align_str_pre", "    mrs x3, sctlr_el2\n    orr x3, x3, #8\n    msr sctlr_el2, x3\n    isb\n    mov x4, sp\n    sub x5, x4, #4\n    mov sp, x5",
        "str x1, [sp, #-16]!"),
    ("pc_align", movimm("x2", 0x40300002), "br x2"),
    ("ifetch_unmapped", movimm("x2", 0x50000000), "br x2"),
    ("mrs_sp_el2", "", "mrs x1, s3_6_c4_c1_0"),
    ("msr_sp_el2", "", "msr s3_6_c4_c1_0, x1"),
    ("msr_sp_el1", movimm("x1", 0x1234), "msr sp_el1, x1"),
    ("mrs_cntpct", "", "mrs x0, cntpct_el0"),
    ("mrs_cntvct", "", "mrs x0, cntvct_el0"),
    ("msr_cntpct", "", "msr s3_3_c14_c0_1, x1"),
    ("mrs_cnthp_tval", "", "mrs x0, cnthp_tval_el2"),
    ("fp_trap_mrs_fpcr", "    mov x3, #0x400\n    msr cptr_el2, x3\n    isb", "mrs x1, fpcr"),
    ("fp_trap_ldr_q", "    mov x3, #0x400\n    msr cptr_el2, x3\n    isb\n" + movimm("x2", 0x40300000), "ldr q1, [x2]"),
    ("fp_trap_fmov", "    mov x3, #0x400\n    msr cptr_el2, x3\n    isb", "fmov d1, x2"),
    ("fp_trap_fadd", "    mov x3, #0x400\n    msr cptr_el2, x3\n    isb", "fadd d1, d2, d3"),
    ("fp_trap_aese", "    mov x3, #0x400\n    msr cptr_el2, x3\n    isb", "aese v1.16b, v2.16b"),
    ("fp_unmapped_ldr_q", movimm("x2", 0x50000000), "ldr q1, [x2, #16]"),
    ("fp_unmapped_str_d_post", movimm("x2", 0x50000000), "str d1, [x2], #8"),
    ("fp_unmapped_ldp_q", movimm("x2", 0x50000000), "ldp q1, q2, [x2]"),
    ("fp_align_ldr_q", "    mrs x3, sctlr_el2\n    orr x3, x3, #2\n    msr sctlr_el2, x3\n    isb\n" + movimm("x2", 0x40300008), "ldr q1, [x2]"),
    ("fp_align_ldp_s", "    mrs x3, sctlr_el2\n    orr x3, x3, #2\n    msr sctlr_el2, x3\n    isb\n" + movimm("x2", 0x40300002), "ldp s1, s2, [x2]"),
    ("at_s1e2r_mmu_off", movimm("x2", 0x40300123), "at s1e2r, x2"),
    ("at_s1e2w_beyond_pa", movimm("x2", 0x100000000000), "at s1e2w, x2"),
    ("at_s1e1r_mmu_off", movimm("x2", 0x40300123), "at s1e1r, x2"),
    ("at_s12e1r", movimm("x2", 0x40300123), "at s12e1r, x2"),
    ("at_s1e0w", movimm("x2", 0x40300123), "at s1e0w, x2"),
    ("dc_zva_unaligned", movimm("x2", 0x40300013), "dc zva, x2"),
] + [("sys_" + name.replace(" ", "_"), movimm("x2", 0x40300000), name + (", x2" if reg else ""))
     for name, reg in [("ic ialluis", False), ("ic iallu", False), ("ic ivau", True), ("dc ivac", True), ("dc isw", True),
                       ("dc csw", True), ("dc cisw", True), ("dc cvac", True), ("dc cvau", True), ("dc civac", True),
                       ("dc cvap", True), ("dc cvadp", True), ("dc gva", True), ("dc gzva", True), ("dc igvac", True),
                       ("at s1e3r", True), ("at s1e1rp", True), ("at s12e0w", True),
                       ("tlbi vmalle1is", False), ("tlbi vae1is", True), ("tlbi aside1is", True), ("tlbi vaae1is", True),
                       ("tlbi vale1is", True), ("tlbi vaale1is", True), ("tlbi vmalle1", False), ("tlbi vae1", True),
                       ("tlbi aside1", True), ("tlbi vaae1", True), ("tlbi vale1", True), ("tlbi vaale1", True),
                       ("tlbi ipas2e1is", True), ("tlbi ipas2le1is", True), ("tlbi alle2is", False), ("tlbi vae2is", True),
                       ("tlbi alle1is", False), ("tlbi vale2is", True), ("tlbi vmalls12e1is", False), ("tlbi ipas2e1", True),
                       ("tlbi ipas2le1", True), ("tlbi alle2", False), ("tlbi vae2", True), ("tlbi alle1", False),
                       ("tlbi vale2", True), ("tlbi vmalls12e1", False), ("tlbi alle3", False), ("tlbi vae3", True),
                       ("tlbi vmalle1os", False), ("tlbi rvae1", True), ("cfp rctx", True), ("dvp rctx", True), ("cpp rctx", True)]]
# The AT probes: each also records PAR_EL1 (x0 is stored by the no-exception path).
for n, (lab, setup, trig) in enumerate(EXC):
    if trig.startswith("at "):
        EXC[n] = (lab, setup, trig + "\n    isb\n    mrs x0, par_el1")

def program():
    L = []
    a = L.append
    a(".text\n.global _start\n_start:")
    a(movimm("x20", BUF))
    # reset PSTATE views and SCTLR before anything
    for n, r in [("CurrentEL", "currentel"), ("SPSel", "spsel"), ("DAIF", "daif"), ("NZCV", "nzcv"),
                 ("SCTLR_EL2", "sctlr_el2"), ("SP", None)]:
        if r: a(f"    mrs x1, {r}")
        else: a("    mov x1, sp")
        a("    str x1, [x20], #8")
    a("    mov x21, sp")
    # reset values (second read; VBAR already changed so read before? VBAR reset read first)
    for name, r, m in STORED:
        a(f"    mrs x1, {r}\n    str x1, [x20], #8")
        a(movimm("x1", m))
        a(f"    msr {r}, x1\n    isb\n    mrs x1, {r}\n    str x1, [x20], #8")
        a(f"    msr {r}, xzr\n    isb\n    mrs x1, {r}\n    str x1, [x20], #8")
        a(movimm("x1", 0x5555555555555555 & m))
        a(f"    msr {r}, x1\n    isb\n    mrs x1, {r}\n    str x1, [x20], #8")
        a(movimm("x1", 0xaaaaaaaaaaaaaaaa & m))
        a(f"    msr {r}, x1\n    isb\n    mrs x1, {r}\n    str x1, [x20], #8")
        if name == "SPSel":
            a("    msr spsel, #1")
        if name == "SCTLR_EL2":
            a(movimm("x1", 0x30c50830) + "\n    msr sctlr_el2, x1\n    isb")
        if name == "VBAR_EL2":
            a("    adr x1, vectors\n    msr vbar_el2, x1\n    isb")
        if name in ("CPTR_EL2", "HCR_EL2", "MDCR_EL2"):
            a(f"    msr {r}, xzr\n    isb")
    a("    adr x1, vectors\n    msr vbar_el2, x1\n    isb\n    mov sp, x21")
    for name, r in READONLY:
        a(f"    mrs x1, {r}\n    str x1, [x20], #8")
    a("    msr daifclr, #0xf\n    mrs x1, daif\n    str x1, [x20], #8\n    msr daifset, #0x5\n    mrs x1, daif\n    str x1, [x20], #8")
    a(movimm("x1", 0x40300000) + "\n    str xzr, [x1]")
    # exception probes: handler stores ESR, ELR-start, FAR, SPSR, x0 and resumes at x28
    for lab, setup, trig in EXC:
        a(f"probe_{lab}:")
        a(movimm("x1", 0x30c50830) + "\n    msr sctlr_el2, x1\n    msr cptr_el2, xzr\n    isb\n    mov sp, x21")
        a(f"    adr x28, resume_{lab}\n    adr x27, trig_{lab}")
        a("    msr esr_el2, xzr\n    msr far_el2, xzr\n    movz x26, #0xdead")
        if setup: a(setup)
        a(f"trig_{lab}:\n    {trig}")
        # fallthrough: no exception -> store markers
        a("    mov x26, #0\n    mrs x1, esr_el2\n    str x1, [x20], #8\n    mov x1, #-1\n    str x1, [x20], #8\n    str x0, [x20], #8\n    str x0, [x20], #8\n    str x0, [x20], #8")
        a(f"resume_{lab}:")
        a("    mov sp, x21")
    a("done:\n    b done")
    a(".balign 2048\nvectors:")
    for i in range(16):
        a(f".balign 128\nvec_{i}:")
        a(f"    mov x25, #{i}\n    b handler")
    a("handler:")
    a("    mrs x1, esr_el2\n    str x1, [x20], #8")
    a("    mrs x1, elr_el2\n    sub x1, x1, x27\n    str x1, [x20], #8")
    a("    mrs x1, far_el2\n    str x1, [x20], #8")
    a("    mrs x1, spsr_el2\n    lsl x2, x25, #32\n    orr x1, x1, x2\n    str x1, [x20], #8")
    a("    str x0, [x20], #8")
    a("    msr elr_el2, x28\n    mov x1, #0x3c9\n    msr spsr_el2, x1\n    eret")
    return "\n".join(L) + "\n"

def main():
    d = tempfile.mkdtemp(prefix="qprobe")
    src = os.path.join(d, "p.s"); open(src, "w").write(program())
    subprocess.check_call(["aarch64-linux-gnu-as", "-march=armv8.5-a+crypto+memtag+predres", "-o", d + "/p.o", src])
    subprocess.check_call(["aarch64-linux-gnu-ld", "-Ttext=0x40080000", "--no-warn-rwx-segments", "-o", d + "/p.elf", d + "/p.o"])
    q = subprocess.Popen(["qemu-system-aarch64", "-M", "virt,virtualization=on", "-cpu", "cortex-a57", "-nographic", "-nic", "none",
                          "-kernel", d + "/p.elf", "-S", "-gdb", f"tcp:127.0.0.1:{PORT}", "-monitor", "none", "-serial", "none"])
    time.sleep(1)
    n = 8 + len(STORED) * 5 + len(READONLY) + 2 + len(EXC) * 5
    try:
        out = subprocess.run(["gdb-multiarch", "-batch", "-ex", "set architecture aarch64",
                              "-ex", f"file {d}/p.elf", "-ex", f"target remote 127.0.0.1:{PORT}",
                              "-ex", "info registers cpsr pc sp", "-ex", "break done", "-ex", "continue",
                              "-ex", f"x/{n}gx {BUF}"], capture_output=True, text=True, timeout=60).stdout
    finally:
        q.kill(); q.wait()
    vals = []
    for line in out.splitlines():
        if line.startswith("0x4020"):
            vals += [int(x, 16) for x in line.split(":")[1].split()]
        elif "cpsr" in line or line.startswith(("pc", "sp")):
            print("gdb at entry:", line)
    it = iter(vals)
    for n_ in ["CurrentEL", "SPSel", "DAIF", "NZCV", "SCTLR_EL2", "SP"]:
        print(f"reset {n_:12} = {next(it):#x}")
    for name, r, m in STORED:
        rs, ones, zeros, p5, pa = [next(it) for _ in range(5)]
        print(f"{name:12} reset={rs:#x} ones->{ones:#x} zeros->{zeros:#x} 55->{p5:#x} aa->{pa:#x} (pattern mask {m:#x})")
    for name, r in READONLY:
        print(f"{name:16} = {next(it):#x}")
    print(f"DAIF after daifclr #0xf = {next(it):#x}; after daifset #5 = {next(it):#x}")
    for lab, _, _ in EXC:
        esr, elr, far, spsr, x0 = [next(it) for _ in range(5)]
        if elr == 0xffffffffffffffff:
            print(f"{lab:24} NO EXCEPTION x0={x0:#x}")
        else:
            print(f"{lab:24} ESR={esr:#x} EC={esr>>26:#x} IL={(esr>>25)&1} ISS={esr&0x1ffffff:#x} ELR-trig={elr:#x} FAR={far:#x} SPSR={spsr&0xffffffff:#x} vec={spsr>>32} x0={x0:#x}")

if __name__ == "__main__":
    main()
