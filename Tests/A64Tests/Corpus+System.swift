import A64

/// Corpus lines for the system instructions and the SIMD&FP register file: every SYS alias
/// objdump names (those the Cortex-A57 lacks too: they disassemble even though they are
/// UNDEFINED there), every hint name, MRS/MSR of a name from objdump's table, and every SIMD&FP
/// load, store and FMOV form.
extension Corpus {
    static var systemLines: [String] {
        var l: [String] = []
        for e in SystemInstructionName.table { l.append(e.name + (e.register ? ", x\(e.key % 31)" : "")) }
        for n in 0..<128 {
            let text = Disassembler.hintText(n)
            l.append(text.hasPrefix("hint") ? "hint #\(n)" : text)
        }
        l += ["mrs x3, pmcr_el0", "msr pmcr_el0, x4", "mrs x5, dbgbvr5_el1", "mrs x6, ccsidr_el1", "msr oslar_el1, x7",
              "mrs x8, s3_1_c15_c2_0", "mrs x9, ttbr1_el2", "mrs x10, id_aa64zfr0_el1"]
        for (r, s) in [("b", 0), ("h", 1), ("s", 2), ("d", 3), ("q", 4)] {
            let unit = 1 << s
            l += ["ldr \(r)0, [x1]", "str \(r)1, [sp, #\(4095 * unit)]", "ldr \(r)2, [x3, #\(unit)]",
                  "ldr \(r)4, [x5, #-256]!", "str \(r)6, [x7], #255", "ldur \(r)8, [x9, #-1]", "stur \(r)10, [sp, #255]",
                  "ldr \(r)11, [x12, x13]", "str \(r)14, [x15, x16, lsl #\(s)]", "ldr \(r)17, [x18, w19, uxtw]",
                  "ldr \(r)20, [x21, w22, uxtw #\(s)]", "str \(r)23, [x24, w25, sxtw]", "ldr \(r)26, [x27, x28, sxtx #\(s)]",
                  "str \(r)31, [sp, xzr]"]
        }
        l += ["ldr s1, _start", "ldr d2, _start", "ldr q3, _start"]
        for (r, unit) in [("s", 4), ("d", 8), ("q", 16)] {
            l += ["ldp \(r)0, \(r)1, [x2]", "stp \(r)3, \(r)4, [sp, #\(63 * unit)]", "ldp \(r)5, \(r)6, [x7, #-\(64 * unit)]!",
                  "stp \(r)8, \(r)9, [x10], #\(unit)", "ldnp \(r)11, \(r)12, [x13, #\(unit)]", "stnp \(r)30, \(r)31, [sp]"]
        }
        l += ["fmov w0, s1", "fmov s2, w3", "fmov x4, d5", "fmov d6, x7", "fmov x8, v9.d[1]", "fmov v10.d[1], x11",
              "fmov wzr, s31", "fmov d30, xzr"]
        return l
    }
}
