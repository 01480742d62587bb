/// The ARMv8.0 integer additions in random programs: add/subtract with carry, conditional
/// compare, one-source, long and high multiplies, CRC32, LDPSW, LDNP/STNP, the unprivileged
/// loads and stores, PRFM, register offsets, the exclusives (pairs with and without CLREX or an
/// exception taken and returned from between them, store-exclusives without a mark or to
/// another address), load-acquire/store-release, misaligned exclusives, and SVC/HVC/BRK/UDF
/// and UNDEFINED words taken through the vector table and returned from with ERET.
///
/// They are drawn from `Gen.r2`, a stream of their own, between the items of the first stream.
/// Left out, where QEMU 7.2 and the architecture part ways (Sources/Machine/Execute+Exclusive.swift):
/// store-exclusives of another size than the mark, misaligned store-exclusives, and plain stores
/// between a load-exclusive and its store-exclusive.
extension Gen {
    /// An item of the integer additions (about one item in three), or nil.
    mutating func integerAdditionItem() -> Item? {
        swap(&r, &r2)
        defer { swap(&r, &r2) }
        guard r.chance(35) else { return nil }
        let text: String
        switch r.below(100) {
        case 0..<45: text = integerDataProcessing()
        case 45..<65: text = integerMemory()
        case 65..<88: text = exclusiveItem()
        default: text = resumableException()
        }
        return Item(text: text, removable: true)
    }

    mutating func integerDataProcessing() -> String {
        let w = width()
        switch r.below(9) {
        case 0: return "\(r.pick(["adc", "adcs", "sbc", "sbcs"])) \(d(w)), \(s(w)), \(s(w))"
        case 1: return "\(r.pick(["ngc", "ngcs"])) \(d(w)), \(s(w))"
        case 2:
            let m = r.pick(["ccmp", "ccmn"])
            let second = r.chance(50) ? "#\(r.below(32))" : s(w)
            return "\(m) \(s(w)), \(second), #\(r.below(16)), \(r.pick(Gen.conds + ["al", "nv"]))"
        case 3:
            // Xen's idiom: compare, conditional compare, then a condition.
            return "cmp \(d(w)), #\(r.below(16))\nccmp \(d(w)), #\(r.below(16)), #\(r.below(16)), ne\ncset \(d(false)), \(r.pick(Gen.conds))"
        case 4:
            let m = r.pick(["rbit", "rev16", "rev", "clz", "cls", "rev32"])
            return m == "rev32" ? "rev32 \(d(false)), \(s(false))" : "\(m) \(d(w)), \(s(w))"
        case 5:
            let m = r.pick(["smaddl", "smsubl", "umaddl", "umsubl"])
            return "\(m) \(d(false)), \(s(true)), \(s(true)), \(s(false))"
        case 6: return "\(r.pick(["smull", "smnegl", "umull", "umnegl"])) \(d(false)), \(s(true)), \(s(true))"
        case 7: return "\(r.pick(["smulh", "umulh"])) \(d(false)), \(s(false)), \(s(false))"
        default:
            let m = r.pick(["crc32b", "crc32h", "crc32w", "crc32x", "crc32cb", "crc32ch", "crc32cw", "crc32cx"])
            return "\(m) \(d(true)), \(s(true)), \(m.hasSuffix("x") ? s(false) : s(true))"
        }
    }

    /// LDPSW, LDNP/STNP, LDTR/STTR, PRFM/PRFUM and register offsets, inside the buffer (x16).
    mutating func integerMemory() -> String {
        let buf = ProgramGenerator.bufferBytes
        switch r.below(5) {
        case 0:
            let a = r.below(16)
            var b = r.below(16); if b == a { b = (a + 1) % 16 }
            switch r.below(3) {
            case 0: return "ldpsw x\(a), x\(b), [x16, #\(r.below(buf / 4 - 1) * 4)]"
            case 1: return "add x17, x16, #\(r.range(8...22) * 8)\nldpsw x\(a), x\(b), [x17, #\(r.range(-16...16) * 4)]!"
            default: return "add x17, x16, #\(r.range(8...22) * 8)\nldpsw x\(a), x\(b), [x17], #\(r.range(-16...16) * 4)"
            }
        case 1:
            let w = r.chance(40)
            let e = w ? 4 : 8
            let a = r.below(16)
            var b = r.below(16); if b == a { b = (a + 1) % 16 }
            let p = w ? "w" : "x"
            if r.chance(50) { return "ldnp \(p)\(a), \(p)\(b), [x16, #\(r.below(buf / e - 1) * e)]" }
            return "stnp \(r.chance(10) ? "\(p)zr" : "\(p)\(a)"), \(p)\(b), [x16, #\(r.below(buf / e - 1) * e)]"
        case 2:
            let (m, p, bytes) = r.pick([("ldtr", "x", 8), ("ldtr", "w", 4), ("sttr", "x", 8), ("sttr", "w", 4), ("ldtrb", "w", 1),
                                        ("sttrb", "w", 1), ("ldtrh", "w", 2), ("sttrh", "w", 2), ("ldtrsb", "x", 1), ("ldtrsb", "w", 1),
                                        ("ldtrsh", "x", 2), ("ldtrsh", "w", 2), ("ldtrsw", "x", 4)])
            // From the middle of the buffer, so that negative offsets stay inside it too.
            return "add x17, x16, #128\n\(m) \(p)\(r.below(16)), [x17, #\(r.range(-128...(128 - bytes)))]"
        case 3:
            let op = r.chance(80) ? r.pick(["pldl1keep", "pldl2strm", "pldl3keep", "plil1strm", "pstl1keep", "pstl2keep", "pstl3strm"])
                                  : "#\(r.below(32))"
            switch r.below(4) {
            case 0: return "prfm \(op), [x16, #\(r.below(buf / 8) * 8)]"
            case 1: return "prfum \(op), [x16, #\(r.range(-256...255))]"
            case 2: return "mov x18, #\(r.below(64))\nprfm \(op), [x16, x18, lsl #3]"
            default: return "movz x17, #0x5000, lsl #16\nprfm \(op), [x17, #\(r.below(64) * 8)]"   // unmapped: no fault
            }
        default:
            // Register offsets with every extend, sign-extending loads included.
            let (m, rt) = r.pick([("ldrsb", "x"), ("ldrsb", "w"), ("ldrsh", "x"), ("ldrsh", "w"), ("ldrsw", "x"), ("ldr", "x"),
                                  ("str", "x"), ("strh", "w"), ("ldrb", "w")])
            let msize = m.hasSuffix("b") ? 0 : m.hasSuffix("h") ? 1 : m == "ldrsw" ? 2 : 3
            let unit = 1 << msize
            let idx = r.below(buf / unit)
            let scaled = r.chance(50)
            let shift = scaled ? " #\(msize)" : ""
            switch r.below(4) {
            case 0: return "mov x18, #\(scaled ? idx : idx * unit)\n\(m) \(rt)\(r.below(16)), [x16, x18\(scaled ? ", lsl #\(msize)" : "")]"
            case 1: return "mov w18, #\(scaled ? idx : idx * unit)\n\(m) \(rt)\(r.below(16)), [x16, w18, uxtw\(shift)]"
            case 2:
                // A negative 32-bit index from the buffer's end.
                return "add x17, x16, #\(buf - unit)\nmov w18, #-\(scaled ? idx : idx * unit)\n\(m) \(rt)\(r.below(16)), [x17, w18, sxtw\(shift)]"
            default:
                return "add x17, x16, #\(buf - unit)\nmov x18, #-\(scaled ? idx : idx * unit)\n\(m) \(rt)\(r.below(16)), [x17, x18, sxtx\(shift)]"
            }
        }
    }

    /// A load-exclusive and a store-exclusive of the same size to an aligned place in the buffer,
    /// with nothing, data processing, CLREX, a second mark elsewhere, or an exception (taken and
    /// returned from) between; or a lone store-exclusive; or LDAR/STLR; or a misaligned
    /// exclusive or acquire load (an alignment fault: the program ends there).
    mutating func exclusiveItem() -> String {
        let buf = ProgramGenerator.bufferBytes
        switch r.below(10) {
        case 0..<6:
            let pair = r.chance(30)
            let size = pair ? 2 + r.below(2) : r.below(4)
            let total = (1 << size) * (pair ? 2 : 1)
            let suffix = pair ? "" : ["b", "h", "", ""][size]
            let p = size == 3 ? "x" : "w"
            let off = r.below(buf / total) * total
            let load = r.pick(pair ? ["ldxp", "ldaxp"] : ["ldxr", "ldaxr"]) + suffix
            let store = r.pick(pair ? ["stxp", "stlxp"] : ["stxr", "stlxr"]) + suffix
            let a = r.below(16), b = r.below(16)
            let regs = pair ? "\(p)\(a), \(p)\(b)" : "\(p)\(a)"
            var between = ""
            switch r.below(6) {
            case 0: between = ""
            case 1: between = integerDataProcessing() + "\n"
            case 2: between = "clrex\n"
            case 3: between = resumableException() + "\n"
            case 4:
                // A second mark elsewhere: the store-exclusive to the first place fails.
                let other = (off + total) % buf
                between = "add x18, x16, #\(other)\n\(load) \(regs), [x18]\n"
            default: between = "add \(p)\(a), \(p)\(a), #1\n"
            }
            let status = "w\(r.below(16))"
            let c = r.below(16), e = r.below(16)
            let data = pair ? "\(p)\(c), \(p)\(e)" : "\(p)\(c)"
            return "add x17, x16, #\(off)\n\(load) \(regs), [x17]\n\(between)\(store) \(status), \(data), [x17]"
        case 6:
            // No mark (the prologue and every earlier store-exclusive cleared it), or another place.
            let size = r.below(4)
            let p = size == 3 ? "x" : "w"
            return "add x17, x16, #\(r.below(buf >> size) << size)\n\(r.pick(["stxr", "stlxr"]))\(["b", "h", "", ""][size]) w\(r.below(16)), \(p)\(r.below(16)), [x17]"
        case 7, 8:
            let size = r.below(4)
            let p = size == 3 ? "x" : "w"
            let m = r.pick(["ldar", "stlr"]) + ["b", "h", "", ""][size]
            return "add x17, x16, #\(r.below(buf >> size) << size)\n\(m) \(p)\(r.below(16)), [x17]"
        default:
            // Misaligned: an alignment fault whatever SCTLR_EL2.A says (ends the program).
            let m = r.pick(["ldxr x0", "ldaxr w1", "ldxrh w2", "ldxp x3, x4", "ldaxp w5, w6", "ldar x7", "ldarh w8", "stlr w9"])
            return "add x17, x16, #\(r.range(1...7) + 64)\n\(m), [x17]"
        }
    }

    /// SVC, HVC, BRK, UDF or an UNDEFINED word (on the Cortex-A57: LSE, LORegions, CSSC, an
    /// unallocated word), taken through the vector table and returned from with ERET.
    mutating func resumableException() -> String {
        switch r.below(6) {
        case 0: return "svc #\(r.below(65536))"
        case 1: return "hvc #\(r.below(65536))"
        case 2: return "brk #\(r.below(65536))"
        case 3: return "udf #\(r.below(65536))"
        default:
            return ".inst " + r.pick(["0xffffffff", "0x88a07c41", "0xc8df7c20", "0xdac01841", "0x08207c41", "0xb8e00020"])
        }
    }
}
