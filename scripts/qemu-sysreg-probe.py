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
]
READONLY = [("CurrentEL", "currentel"), ("MPIDR_EL1", "mpidr_el1"), ("MIDR_EL1", "midr_el1"),
            ("ID_AA64MMFR0_EL1", "id_aa64mmfr0_el1")]

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
]

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
        a(movimm("x1", 0x30c50830) + "\n    msr sctlr_el2, x1\n    isb\n    mov sp, x21")
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
    subprocess.check_call(["aarch64-linux-gnu-as", "-march=armv8.1-a", "-o", d + "/p.o", src])
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
