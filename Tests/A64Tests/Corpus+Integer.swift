import A64

/// Corpus lines for the ARMv8.0 integer families (`DecodeTable.integerAdditions`): every form
/// and alias, registers at the edges (0, 30, zr, sp), immediates at their limits.
extension Corpus {
    static var integerLines: [String] {
        var l: [String] = []
        for p in ["x", "w"] {
            l += ["adc \(p)0, \(p)1, \(p)2", "adcs \(p)30, \(p)zr, \(p)29", "sbc \(p)3, \(p)4, \(p)5", "sbcs \(p)6, \(p)7, \(p)zr",
                  "ngc \(p)8, \(p)9", "ngcs \(p)zr, \(p)30", "sbc \(p)1, \(p)zr, \(p)2"]
            l += ["rbit \(p)0, \(p)1", "rev16 \(p)2, \(p)3", "rev \(p)4, \(p)5", "clz \(p)6, \(p)zr", "cls \(p)30, \(p)7"]
            for c in conditions {
                l += ["ccmp \(p)1, \(p)2, #0x\(String(Int(c.count * 3) & 15, radix: 16)), \(c)", "ccmn \(p)zr, #31, #15, \(c)",
                      "ccmp \(p)30, #0, #0, \(c)", "ccmn \(p)3, \(p)zr, #7, \(c)"]
            }
            l += ["ldnp \(p)0, \(p)1, [x2]", "stnp \(p)29, \(p)30, [sp, #\(p == "x" ? 504 : 252)]",
                  "ldnp \(p)3, \(p)4, [x5, #\(p == "x" ? -512 : -256)]", "stnp \(p)zr, \(p)zr, [x6, #\(p == "x" ? 8 : 4)]"]
        }
        l += ["rev32 x0, x1", "rev64 x2, x3", "rev32 xzr, x30"]
        l += ["smaddl x0, w1, w2, x3", "smsubl x4, w5, w6, x7", "umaddl x8, w9, w10, x11", "umsubl x12, w13, w14, x15",
              "smull x16, w17, w18", "smnegl x19, w20, w21", "umull x22, w23, w24", "umnegl x25, w26, w27",
              "smulh x28, x29, x30", "umulh xzr, xzr, xzr"]
        l += ["crc32b w0, w1, w2", "crc32h w3, w4, w5", "crc32w w6, w7, w8", "crc32x w9, w10, x11",
              "crc32cb w12, w13, w14", "crc32ch w15, w16, w17", "crc32cw w18, w19, w20", "crc32cx wzr, w30, xzr"]
        l += ["ldpsw x0, x1, [x2]", "ldpsw x3, x4, [sp, #252]", "ldpsw x5, x6, [x7, #-256]", "ldpsw x8, x9, [x10, #4]!",
              "ldpsw x11, x12, [sp, #-256]!", "ldpsw x13, x14, [x15], #252", "ldpsw xzr, x30, [x29], #-4"]
        // Unprivileged: mnemonic, register prefix.
        for (m, p) in [("ldtr", "x"), ("ldtr", "w"), ("sttr", "x"), ("sttr", "w"), ("ldtrb", "w"), ("sttrb", "w"),
                       ("ldtrh", "w"), ("sttrh", "w"), ("ldtrsb", "x"), ("ldtrsb", "w"), ("ldtrsh", "x"), ("ldtrsh", "w"),
                       ("ldtrsw", "x")] {
            l += ["\(m) \(p)0, [x1]", "\(m) \(p)2, [sp, #255]", "\(m) \(p)zr, [x3, #-256]", "\(m) \(p)30, [x29, #1]"]
        }
        for op in 0..<32 {
            let name = PrefetchName.name(UInt8(op)) ?? "#\(op)"
            l += ["prfm \(name), [x\(op % 31), #\(op * 8)]", "prfum \(name), [sp, #\(op - 16)]"]
        }
        l += ["prfm pldl1keep, [x1, x2]", "prfm pldl2strm, [x1, x2, lsl #3]", "prfm pstl1keep, [x1, w2, uxtw]",
              "prfm pstl1strm, [x1, w2, uxtw #3]", "prfm plil3keep, [x1, w2, sxtw]", "prfm plil3strm, [x1, w2, sxtw #3]",
              "prfm #0x1f, [sp, x2, sxtx]", "prfm #0x18, [x1, xzr, sxtx #3]", "prfm pldl1keep, _start",
              "prfm #0x06, . + 0xffffc", "prfm pstl3strm, . - 0x100000", "prfm pldl1keep, [x1, #32760]"]
        for (suffix, p) in [("b", "w"), ("h", "w"), ("", "w"), ("", "x")] {
            for m in ["ldxr", "ldaxr", "ldar"] {
                l += ["\(m)\(suffix) \(p)0, [x1]", "\(m)\(suffix) \(p)30, [sp]", "\(m)\(suffix) \(p)zr, [x29, #0]"]
            }
            l += ["stlr\(suffix) \(p)0, [x1]", "stlr\(suffix) \(p)zr, [sp]"]
            for m in ["stxr", "stlxr"] {
                l += ["\(m)\(suffix) w2, \(p)0, [x1]", "\(m)\(suffix) wzr, \(p)30, [sp]", "\(m)\(suffix) w0, \(p)0, [x0]"]
            }
        }
        for p in ["w", "x"] {
            l += ["ldxp \(p)0, \(p)1, [x2]", "ldaxp \(p)29, \(p)30, [sp]", "ldxp \(p)3, \(p)3, [x4]",
                  "stxp w5, \(p)6, \(p)7, [x8]", "stlxp wzr, \(p)zr, \(p)30, [sp]", "stxp w9, \(p)9, \(p)10, [x9]"]
        }
        return l
    }
}
