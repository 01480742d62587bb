import A64
import TestSupport

/// One generated program: a fixed prologue (registers, flags, stack, scratch buffer, the
/// system registers the generator may write, all derived from the seed) and a body of items,
/// each one or a few lines. Only `removable` items are deleted by shrinking (labels stay).
public struct GeneratedProgram: Sendable {
    public struct Item: Sendable, Equatable {
        public var text: String
        public var removable: Bool
    }
    public let seed: UInt64
    public var initialX: [UInt64]
    public var nzcv: UInt64
    public var buffer: [UInt64]
    public var items: [Item]
}

/// Generates valid programs over the subset SuspendScope executes. Register conventions:
/// x0...x15 are free; x16 = scratch buffer (256 bytes, never written); x17 = loop counter or a
/// write-back base; x18 = index / call target; x23, x24...x27 are written by the vector table;
/// x28 = this program's end label (where a data abort or another unexpected exception
/// resumes; SVC, HVC, BRK and undefined instructions return with ERET); sp = the program's own
/// 128-byte stack.
public enum ProgramGenerator {
    public static let bufferBytes = 256
    public static let stackBytes = 128

    /// System registers a program may write freely (no MMU, no vector move, no traps of what we run).
    public static let writableSystemRegisters = [
        "TPIDR_EL2", "VTTBR_EL2", "VTCR_EL2", "MAIR_EL2", "TCR_EL2", "TTBR0_EL2", "ESR_EL2", "ELR_EL2",
        "SPSR_EL2", "FAR_EL2", "HSTR_EL2", "CNTFRQ_EL0", "MDCR_EL2", "CPTR_EL2", "CNTHCTL_EL2", "HCR_EL2", "SP_EL0",
    ]
    /// Readable with MRS at EL2h (but the ones QEMU derives from the host's clock).
    public static let readableSystemRegisters = SystemRegisterCatalogue.all.map(\.name).filter { !GDBScript.timeDependent.contains($0) }

    static let interesting: [UInt64] = [
        0, 1, 2, 0xffff_ffff_ffff_ffff, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, 0x8000_0000,
        0x7fff_ffff, 0xffff_ffff, 0xffff_ffff_8000_0000, 0x1_0000_0000, 63, 64, 31, 32, 0xff, 0x8000,
    ]

    public static func generate(seed: UInt64, length: Int = 24) -> GeneratedProgram {
        var r = SplitMix64(seed: seed)
        var xs: [UInt64] = []
        for _ in 0..<16 {
            if r.chance(40) { xs.append(r.pick(interesting)) }
            else if r.chance(30) { xs.append(UInt64(r.below(1000))) }
            else { xs.append(r.next()) }
        }
        let nzcv = UInt64(r.below(16)) << 28
        let buffer = (0..<(bufferBytes / 8)).map { _ in r.chance(20) ? r.pick(interesting) : r.next() }
        var g = Gen(r: r, seed: seed)
        var items: [GeneratedProgram.Item] = []
        // The ARMv8.0 integer additions come from their own stream (ProgramGenerator+Integer.swift),
        // between the items of the first one, so that a seed keeps the items it had before them.
        var count = 0
        while count < length {
            let it = g.item()
            count += it.filter(\.removable).count
            items += it
            if let extra = g.integerAdditionItem() { items.append(extra) }
            if let extra = g.systemAdditionItem() { items.append(extra) }
        }
        return GeneratedProgram(seed: seed, initialX: xs, nzcv: nzcv, buffer: buffer, items: items)
    }

    /// Labels are derived from the seed so a program keeps its names when rendered alone.
    static func tag(_ seed: UInt64) -> String { "s" + String(seed, radix: 36) }

    public static func endLabel(_ p: GeneratedProgram) -> String { "\(tag(p.seed))_end" }
    public static func bufferLabel(_ p: GeneratedProgram) -> String { "\(tag(p.seed))_buf" }
    public static func stackLabel(_ p: GeneratedProgram) -> String { "\(tag(p.seed))_stack" }

    /// One image with every program in a row: each starts from its own prologue and stops at its
    /// end label, where both sides compare state, its buffer and its stack.
    public static func render(_ programs: [GeneratedProgram], name: String) -> ConformanceCase {
        var s = """
        // generated: \(programs.count) program(s), seeds \(programs.map { String($0.seed) }.joined(separator: " "))
                .arch   armv8-a+crc
                .text
                .global _start
        _start:
                adr     x0, vectors
                msr     VBAR_EL2, x0
                isb

        """
        var stops: [StopPoint] = []
        for p in programs {
            let t = tag(p.seed)
            s += "// ---- seed \(p.seed)\n\(t)_start:\n"
            for reg in writableSystemRegisters { s += "        msr     \(reg), xzr\n" }
            s += "        msr     SCTLR_EL2, xzr\n        isb\n        msr     DAIFSet, #0xf\n"
            s += "        adr     x17, \(t)_stack\n        add     sp, x17, #\(ProgramGenerator.stackBytes / 2)\n"
            s += "        adr     x16, \(t)_buf\n        adr     x28, \(t)_end\n"
            s += "        movz    x17, #\(p.nzcv >> 16), lsl #16\n        msr     NZCV, x17\n"
            // No exclusive mark from the program before (QEMU keeps one across an exception entry).
            s += "        clrex\n"
            for (i, v) in p.initialX.enumerated() { s += movImm("x\(i)", v) }
            for reg in [17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 29, 30] { s += "        mov     x\(reg), xzr\n" }
            for it in p.items { s += it.text.split(separator: "\n").map { $0.hasSuffix(":") ? "\($0)\n" : "        \($0)\n" }.joined() }
            s += "\(t)_end:\n"
            stops.append(StopPoint(label: endLabel(p), memory: [MemoryRange(symbol: bufferLabel(p), words: bufferBytes / 8),
                                                              MemoryRange(symbol: stackLabel(p), words: stackBytes / 8)]))
        }
        s += "halt:   b       halt\n\n        .balign 2048\nvectors:\n"
        for _ in 0..<16 { s += vectorEntry }
        // Buffers stay in .text: our assembler's ld-style placement of .data after a
        // `.balign 2048` text differs from GNU ld's (reported separately), and stores next to code
        // also exercise the decoded-page invalidation.
        s += "\n        .balign 16\n"
        for p in programs {
            let t = tag(p.seed)
            s += "\(t)_buf:\n"
            for chunk in stride(from: 0, to: p.buffer.count, by: 4) {
                s += "        .quad   " + p.buffer[chunk..<min(chunk + 4, p.buffer.count)].map { "0x" + String($0, radix: 16) }.joined(separator: ", ") + "\n"
            }
            s += "\(t)_stack:\n        .skip   \(stackBytes)\n"
        }
        let seeds = programs.count == 1 ? programs[0].seed : nil
        return ConformanceCase(name: name, source: s, stops: stops, seed: seeds)
    }

    /// Each vector: records NZCV on entry (x23), ESR (x24), ELR (x25) and FAR (x26); returns
    /// with ERET from SVC and HVC, and past BRK and undefined instructions (ELR + 4); anything
    /// else (data aborts, alignment faults...) ends the program at x28.
    static let vectorEntry = """
                .balign 128
                mrs     x23, NZCV
                mrs     x24, ESR_EL2
                mrs     x25, ELR_EL2
                mrs     x26, FAR_EL2
                lsr     x27, x24, #26
                cmp     x27, #0x15
                b.eq    2f
                cmp     x27, #0x16
                b.eq    2f
                cmp     x27, #0x3c
                b.eq    1f
                cbnz    x27, 3f
        1:      add     x27, x25, #4
                msr     ELR_EL2, x27
        2:      eret
        3:      br      x28

        """

    static func movImm(_ r: String, _ v: UInt64) -> String {
        var s = "        movz    \(r), #0x\(String(v & 0xffff, radix: 16))\n"
        for i in 1..<4 where (v >> UInt64(16 * i)) & 0xffff != 0 {
            s += "        movk    \(r), #0x\(String((v >> UInt64(16 * i)) & 0xffff, radix: 16)), lsl #\(16 * i)\n"
        }
        return s
    }
}

/// The instruction chooser for one program.
struct Gen {
    var r: SplitMix64
    /// The stream of the integer additions (ProgramGenerator+Integer.swift).
    var r2: SplitMix64
    /// The stream of the system and SIMD&FP families (ProgramGenerator+System.swift).
    var r3: SplitMix64
    let seed: UInt64
    var labels = 0
    init(r: SplitMix64, seed: UInt64) { self.r = r; self.seed = seed; r2 = SplitMix64(seed: seed ^ 0x1a7e_6e40_a5f0_0c3d)
        r3 = SplitMix64(seed: seed ^ 0x5f5e_d0c3_a7b1_9e21) }

    typealias Item = GeneratedProgram.Item
    static let conds = ["eq", "ne", "hs", "lo", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]

    mutating func label() -> String { labels += 1; return "\(ProgramGenerator.tag(seed))_l\(labels)" }
    mutating func d(_ w: Bool) -> String { (w ? "w" : "x") + String(r.below(16)) }
    mutating func s(_ w: Bool) -> String { r.chance(8) ? (w ? "wzr" : "xzr") : (w ? "w" : "x") + String(r.below(16)) }
    mutating func width() -> Bool { r.chance(40) }   // true = W form
    mutating func hex(_ v: UInt64) -> String { "#0x" + String(v, radix: 16) }

    /// One or more items (a forward branch brings its skipped items and its label).
    mutating func item() -> [Item] {
        switch r.below(100) {
        case 0..<62: return [Item(text: simple(), removable: true)]
        case 62..<80: return [Item(text: memory(), removable: true)]
        case 80..<88:
            let l = label()
            var out = [Item(text: forwardBranch(to: l), removable: true)]
            for _ in 0..<r.range(1...3) { out.append(Item(text: simple(), removable: true)) }
            out.append(Item(text: "\(l):", removable: false))
            return out
        case 88..<92: return [Item(text: loop(), removable: true)]
        case 92..<95: return [Item(text: call(), removable: true)]
        case 95..<97: return [Item(text: r.chance(70) ? system() : control(), removable: true)]
        case 97: return [Item(text: r.chance(25) ? exception() : control(), removable: true)]
        default: return [Item(text: system(), removable: true)]
        }
    }

    /// Barriers, hints, maintenance, DC ZVA inside the buffer, SPSel round trips, ERET.
    mutating func control() -> String {
        switch r.below(8) {
        case 0: return r.pick(["nop", "isb", "dsb sy", "dmb ish", "dsb ishst", "clrex", "yield", "sevl"])
        case 1: return r.pick(["dc civac, x16", "dc cvac, x16", "ic iallu", "tlbi alle2", "dc ivac, x16"])
        case 2: return "add x17, x16, #\(r.range(1...3) * 64)\ndc zva, x17"
        case 3, 4: return "msr SPSel, #0\n" + r.pick(["mov \(d(false)), sp", "add sp, sp, #16", "mrs \(d(false)), SPSel"]) + "\nmsr SPSel, #1"
        default:
            let l = label()
            // Sometimes with SPSR.IL: the return is illegal and the next instruction takes EC 0x0e.
            let spsr = UInt64(r.below(16)) << 28 | UInt64(r.below(16)) << 6 | (r.chance(70) ? 0x9 : 0x8) | (r.chance(15) ? 1 << 20 : 0)
            return "adr x18, \(l)\nmsr ELR_EL2, x18\nmovz x17, #0x\(String(spsr >> 16, radix: 16)), lsl #16\nmovk x17, #0x\(String(spsr & 0xffff, radix: 16))\nmsr SPSR_EL2, x17\neret\n\(l):\nmsr SPSel, #1"
        }
    }

    /// An exception: the vector records ESR/ELR/FAR and returns (SVC, HVC, BRK, UDF) or jumps to
    /// x28, ending the program (data aborts).
    mutating func exception() -> String {
        switch r.below(6) {
        case 0: return "brk #\(r.below(65536))"
        case 1: return "svc #\(r.below(65536))"
        case 2: return "hvc #\(r.below(65536))"
        case 3: return "udf #\(r.below(65536))"
        case 4:
            // Any load/store shape against unmapped memory: the syndrome (ISV, SAS, SSE, SRT, SF,
            // WnR) and FAR depend on the shape. The buffer access is re-aimed at x17.
            let m = memory().replacingOccurrences(of: "x16", with: "x17")
            return "movz x17, #0x5000, lsl #16\n" + m.replacingOccurrences(of: "add x17, x17,", with: "add x17, x17,")
        default:
            switch r.below(3) {
            case 0: return "msr DAIF, \(d(false))"
            // No memory access through SP_EL0: it may be small, and QEMU virt maps flash (holding
            // its -kernel boot blob) below 0x0800_0000 where our memory map has nothing.
            case 1: return "msr SPSel, \(d(false))\nmov \(d(false)), sp\nmsr SPSel, #1"
            default: return "movz x17, #0x5000, lsl #16\nstp \(d(false)), \(d(false)), [x17]"
            }
        }
    }

    mutating func forwardBranch(to l: String) -> String {
        let w = width()
        switch r.below(5) {
        case 0: return "b.\(r.pick(Gen.conds)) \(l)"
        case 1: return "cbz \(d(w)), \(l)"
        case 2: return "cbnz \(d(w)), \(l)"
        case 3: return "tbz \(d(w)), #\(r.below(w ? 32 : 64)), \(l)"
        default: return r.chance(20) ? "b \(l)" : "tbnz \(d(w)), #\(r.below(w ? 32 : 64)), \(l)"
        }
    }

    mutating func loop() -> String {
        let l = label()
        var body = ""
        for _ in 0..<r.range(1...3) { body += simple() + "\n" }
        let n = r.range(1...6)
        if r.chance(50) { return "mov w17, #\(n)\n\(l):\n\(body)subs w17, w17, #1\nb.ne \(l)" }
        return "mov x17, #\(n)\n\(l):\n\(body)sub x17, x17, #1\ncbnz x17, \(l)"
    }

    mutating func call() -> String {
        let fn = label(), over = label()
        var body = ""
        for _ in 0..<r.range(1...2) { body += simple() + "\n" }
        let callText = r.chance(50) ? "bl \(fn)" : "adr x18, \(fn)\nblr x18"
        return "b \(over)\n\(fn):\n\(body)ret\n\(over):\n\(callText)"
    }

    mutating func system() -> String {
        switch r.below(6) {
        case 0, 1: return "msr \(r.pick(ProgramGenerator.writableSystemRegisters)), \(d(false))"
        case 2, 3: return "mrs \(d(false)), \(r.pick(ProgramGenerator.readableSystemRegisters))"
        case 4:
            if r.chance(30) {
                // SCTLR_EL2 with anything but M (MMU) and EE (big-endian): A makes unaligned accesses fault.
                let v = r.next() & ~(UInt64(1) | 1 << 25)
                return "movz x17, #0x\(String(v >> 48, radix: 16)), lsl #48\nmovk x17, #0x\(String((v >> 32) & 0xffff, radix: 16)), lsl #32\nmovk x17, #0x\(String((v >> 16) & 0xffff, radix: 16)), lsl #16\nmovk x17, #0x\(String(v & 0xffff, radix: 16))\nmsr SCTLR_EL2, x17\nisb"
            }
            return "msr NZCV, \(d(false))"
        default: return r.chance(50) ? "msr DAIFSet, #\(r.below(16))" : "msr DAIFClr, #\(r.below(16))"
        }
    }

    mutating func bitmask(_ w: Bool) -> UInt64 {
        while true {
            let n = w ? 0 : UInt8(r.below(2)), immr = UInt8(r.below(w ? 32 : 64)), imms = UInt8(r.below(64))
            if let v = BitmaskImmediate.decode(n: n, immr: immr, imms: imms, sf: !w) { return w ? v & 0xffff_ffff : v }
        }
    }

    mutating func simple() -> String {
        let w = width()
        let bits = w ? 32 : 64
        let shifts = ["lsl", "lsr", "asr"]
        switch r.below(17) {
        case 0:
            let op = r.pick(["add", "adds", "sub", "subs"])
            return "\(op) \(d(w)), \(d(w)), #\(r.below(4096))" + (r.chance(25) ? ", lsl #12" : "")
        case 1:
            let op = r.pick(["add", "adds", "sub", "subs"])
            // Rn is never ZR here: our assembler rejects `adds x0, xzr, x1` (GNU takes it; reported).
            return "\(op) \(d(w)), \(d(w)), \(s(w)), \(r.pick(shifts)) #\(r.below(bits))"
        case 2:
            let op = r.pick(["cmp", "cmn", "neg", "negs"])
            if op.hasPrefix("neg") { return "\(op) \(d(w)), \(s(w)), \(r.pick(shifts)) #\(r.below(bits))" }
            return r.chance(50) ? "\(op) \(d(w)), \(s(w)), \(r.pick(shifts)) #\(r.below(bits))" : "\(op) \(d(w)), #\(r.below(4096))"
        case 3:
            let op = r.pick(["add", "adds", "sub", "subs"])
            let ext = r.pick(["uxtb", "uxth", "uxtw", "sxtb", "sxth", "sxtw"] + (w ? [] : ["uxtx", "sxtx"]))
            let m = ext.hasSuffix("x") ? d(false) : d(true)
            return "\(op) \(d(w)), \(d(w)), \(m), \(ext) #\(r.below(5))"
        case 4:
            let op = r.pick(["and", "orr", "eor", "ands", "tst"])
            let imm = hex(bitmask(w))
            return op == "tst" ? "tst \(d(w)), \(imm)" : "\(op) \(d(w)), \(s(w)), \(imm)"
        case 5:
            let op = r.pick(["and", "orr", "eor", "ands", "bic", "bics", "orn", "eon", "mvn", "tst"])
            let sh = "\(r.pick(shifts + ["ror"])) #\(r.below(bits))"
            if op == "mvn" { return "mvn \(d(w)), \(s(w)), \(sh)" }
            if op == "tst" { return "tst \(s(w)), \(s(w)), \(sh)" }
            return "\(op) \(d(w)), \(s(w)), \(s(w)), \(sh)"
        case 6:
            return "\(r.pick(shifts + ["ror"])) \(d(w)), \(s(w)), #\(r.below(bits))"
        case 7:
            return "\(r.pick(shifts + ["ror"])) \(d(w)), \(s(w)), \(s(w))"
        case 8:
            let op = r.pick(["ubfx", "sbfx", "bfi", "bfxil", "ubfiz", "sbfiz"])
            let lsb = r.below(bits), width = r.range(1...(bits - lsb))
            return "\(op) \(d(w)), \(s(w)), #\(lsb), #\(width)"
        case 9:
            let op = r.pick(["sxtb", "sxth", "sxtw", "uxtb", "uxth"])
            if op == "sxtw" { return "sxtw \(d(false)), \(s(true))" }
            return op.hasPrefix("s") && !w ? "\(op) \(d(false)), \(s(true))" : "\(op) \(d(true)), \(s(true))"
        case 10:
            return "extr \(d(w)), \(s(w)), \(s(w)), #\(r.below(bits))"
        case 11:
            let op = r.pick(["madd", "msub", "mul", "mneg"])
            if op == "mul" || op == "mneg" { return "\(op) \(d(w)), \(s(w)), \(s(w))" }
            return "\(op) \(d(w)), \(s(w)), \(s(w)), \(s(w))"
        case 12:
            return "\(r.pick(["udiv", "sdiv"])) \(d(w)), \(s(w)), \(s(w))"
        case 13:
            let op = r.pick(["csel", "csinc", "csinv", "csneg", "cset", "csetm", "cinc", "cinv", "cneg"])
            switch op {
            case "cset", "csetm": return "\(op) \(d(w)), \(r.pick(Gen.conds))"
            case "cinc", "cinv", "cneg": return "\(op) \(d(w)), \(s(w)), \(r.pick(Gen.conds))"
            default: return "\(op) \(d(w)), \(s(w)), \(s(w)), \(r.pick(Gen.conds + ["al", "nv"]))"
            }
        case 14:
            let op = r.pick(["movz", "movn", "movk"])
            return "\(op) \(d(w)), #0x\(String(r.below(65536), radix: 16)), lsl #\(16 * r.below(w ? 2 : 4))"
        case 15:
            switch r.below(4) {
            case 0: return "mov \(d(w)), \(s(w))"
            case 1: return "mov \(d(false)), sp"
            case 2: return "add \(d(false)), sp, #\(r.below(ProgramGenerator.stackBytes))"
            default: return "adr \(d(false)), ."
            }
        default:
            // PC-relative and flag-reading.
            if r.chance(50) { return "mrs \(d(false)), NZCV" }
            return "adds \(d(w)), \(d(w)), \(d(w))"
        }
    }

    /// A load or store inside the scratch buffer (x16) or the stack.
    mutating func memory() -> String {
        let size = r.below(4)            // log2 bytes
        let bytes = 1 << size
        let load = r.chance(55)
        let t = d(size < 3)              // W for b/h/w, X for d
        let suffix = ["b", "h", "", ""][size]
        let buf = ProgramGenerator.bufferBytes
        func op(_ signedOK: Bool) -> (String, String) {
            if load {
                if signedOK && size < 3 && r.chance(40) {
                    let x = size == 2 || r.chance(50)
                    return ("ldrs" + (size == 2 ? "w" : suffix), (x ? "x" : "w") + String(r.below(16)))
                }
                return ("ldr" + suffix, t)
            }
            return ("str" + suffix, r.chance(10) ? (size < 3 ? "wzr" : "xzr") : t)
        }
        switch r.below(7) {
        case 0:   // unsigned scaled offset
            let (o, rt) = op(true)
            return "\(o) \(rt), [x16, #\(r.below(buf / bytes) * bytes)]"
        case 1:   // unscaled
            let (o, rt) = op(true)
            let o2 = o.replacingOccurrences(of: "ldr", with: "ldur").replacingOccurrences(of: "str", with: "stur")
            return "\(o2) \(rt), [x16, #\(r.below(buf - bytes + 1))]"
        case 2, 3:   // pre/post index through x17
            let (o, rt) = op(true)
            let base = r.range(64...(buf - 72))
            let off = r.range(-64...64)
            return r.chance(50) ? "add x17, x16, #\(base)\n\(o) \(rt), [x17, #\(off)]!" : "add x17, x16, #\(base)\n\(o) \(rt), [x17], #\(off)"
        case 4:   // register offset
            let (o, rt) = op(true)
            let idx = r.below(buf / bytes)
            let shift = r.chance(50) ? bytes : 1
            let k = (idx * bytes) / shift
            let form: String
            switch r.below(4) {
            case 0: form = "x18" + (shift > 1 ? ", lsl #\(size)" : "")
            case 1: form = "w18, uxtw" + (shift > 1 ? " #\(size)" : "")
            case 2: form = "w18, sxtw" + (shift > 1 ? " #\(size)" : "")
            default: form = "x18, sxtx" + (shift > 1 ? " #\(size)" : "")
            }
            return "mov x18, #\(k)\n\(o) \(rt), [x16, \(form)]"
        case 5:   // pairs
            let w = r.chance(40)
            let e = w ? 4 : 8
            let a = r.below(16)
            var b = r.below(16); if b == a { b = (a + 1) % 16 }
            let rn = w ? "w" : "x"
            let o = load ? "ldp" : "stp"
            switch r.below(3) {
            case 0: return "\(o) \(rn)\(a), \(rn)\(b), [x16, #\(r.below(buf / e - 1) * e)]"
            case 1: return "add x17, x16, #\(r.range(8...22) * 8)\n\(o) \(rn)\(a), \(rn)\(b), [x17, #\(r.range(-8...8) * e)]!"
            default: return "add x17, x16, #\(r.range(8...22) * 8)\n\(o) \(rn)\(a), \(rn)\(b), [x17], #\(r.range(-8...8) * e)"
            }
        default:   // the stack
            if r.chance(50) {
                let a = r.below(16), b = (a + 1 + r.below(15)) % 16
                return "stp \(d(false)), \(d(false)), [sp, #-16]!\nldp x\(a), x\(b), [sp], #16"
            }
            return "\(load ? "ldr" : "str") \(d(false)), [sp, #\(r.below(ProgramGenerator.stackBytes / 16) * 8)]"
        }
    }
}
