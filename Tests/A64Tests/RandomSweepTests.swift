import Foundation
import Testing
import TestSupport
@testable import A64

@Suite struct RandomSweepTests {
    /// Uniform random words: decoding never traps, and every decoded word re-encodes to itself.
    @Test func decodeIsTotalAndReencodes() throws {
        var rng = SplitMix64(seed: 0x5eed_a64)
        var decoded = 0, failures = 0
        let count = 2_000_000
        for _ in 0..<count {
            let w = UInt32(truncatingIfNeeded: rng.next())
            let i = Decoder.decode(w)
            if i.op == .undefined {
                if i.imm != Int64(w) { failures += 1 }
                continue
            }
            decoded += 1
            if (try? Encoder.encode(i)) != w {
                failures += 1
                if failures < 20 { Issue.record("0x\(String(w, radix: 16)) \(i) does not re-encode") }
            }
            _ = Disassembler.text(i, at: 0x4008_0000)
        }
        #expect(failures == 0)
        #expect(decoded > count / 50, "only \(decoded) of \(count) words decoded")
    }

    /// Words built from random table entries with random fields: the decoded ones re-encode.
    @Test func tableDirectedWordsReencode() throws {
        var rng = SplitMix64(seed: 42)
        var failures = 0
        for e in DecodeTable.entries {
            for _ in 0..<5_000 {
                let w = e.value | (UInt32(truncatingIfNeeded: rng.next()) & ~e.mask)
                let i = Decoder.decode(w)
                guard i.op != .undefined else { continue }
                if i.op != e.op || (try? Encoder.encode(i)) != w {
                    failures += 1
                    if failures < 20 { Issue.record("\(e.pattern): 0x\(String(w, radix: 16)) decodes to \(i.op), does not re-encode") }
                }
            }
        }
        #expect(failures == 0)
    }

    /// A random sample (uniform words plus words aimed at each table entry) printed by objdump
    /// in one batch: the text of every word we decode matches. The one documented difference:
    /// system registers that are not in the catalogue print generically, where objdump may know a
    /// name.
    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func sampleMatchesObjdump() throws {
        // A64_SAMPLE_SCALE=n multiplies the sample (and changes the seed) for longer one-off runs.
        let scale = Int(ProcessInfo.processInfo.environment["A64_SAMPLE_SCALE"] ?? "") ?? 1
        var rng = SplitMix64(seed: 2026 &+ UInt64(scale))
        var words: [UInt32] = []
        for _ in 0..<(20_000 * scale) { words.append(UInt32(truncatingIfNeeded: rng.next())) }
        for e in DecodeTable.entries {
            for _ in 0..<(200 * scale) { words.append(e.value | (UInt32(truncatingIfNeeded: rng.next()) & ~e.mask)) }
        }
        let source = ".text\n_start:\n" + words.map { ".inst 0x" + String($0, radix: 16) }.joined(separator: "\n") + "\n"
        let build = try GNUToolchain.build(source: source)
        let dump = try GNUToolchain.objdump(elf: build.elf)
        try #require(dump.count == words.count)
        var compared = 0, failures = 0
        var missed: [String: Int] = [:]
        for d in dump {
            let i = Decoder.decode(d.word)
            let ours = Disassembler.text(i, at: d.address)
            if i.op == .undefined {
                // Tally what objdump makes of words we reject, for the report below.
                let mnemonic = String(d.text.split(separator: " ").first ?? "")
                if Self.supportedMnemonics.contains(mnemonic) && !Self.usesVectorRegisters(d.text) {
                    if !Self.isDocumentedChoice(d.word) { missed[mnemonic, default: 0] += 1 }
                    if ProcessInfo.processInfo.environment["A64_SHOW_MISSED"] != nil { print("MISSED 0x\(String(d.word, radix: 16)) \(d.text)") }
                }
                continue
            }
            compared += 1
            if ours == d.text { continue }
            if (i.op == .mrs || i.op == .msr), SystemRegisterCatalogue.register(for: SystemRegisterEncoding(packed: i.sys)) == nil {
                let generic = SystemRegisterEncoding(packed: i.sys).genericName
                let a = ours.split(separator: " ").map(String.init), b = d.text.split(separator: " ").map(String.init)
                if a.count == b.count && zip(a, b).allSatisfy({ $0 == $1 || $0.hasPrefix(generic) }) { continue }
            }
            failures += 1
            if failures < 40 { Issue.record("0x\(String(d.word, radix: 16)) objdump \"\(d.text)\" ours \"\(ours)\"") }
        }
        #expect(failures == 0)
        #expect(compared > 10_000)
        // Words objdump prints with a supported mnemonic but we decode as UNDEFINED must be the
        // documented CONSTRAINED UNPREDICTABLE / unsupported-PSTATE-field choices.
        for (m, n) in missed.sorted(by: { $0.key < $1.key }) {
            Issue.record("objdump prints \(n) words as \(m) that we decode as undefined")
        }
    }

    /// The SIMD&FP space word by word against objdump: the scalar FP group, every AdvSIMD,
    /// crypto and structure load/store entry, and a uniform sample of the whole AdvSIMD space.
    /// Every word the decoder classifies as a not-modelled instruction prints as objdump prints
    /// it; every word it calls UNDEFINED is one objdump does not know or one the Cortex-A57
    /// lacks (FP16, dot product, RDM, FCMA, BF16, I8MM, SHA3/SM and other later additions).
    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func simdSpaceMatchesObjdump() throws {
        var rng = SplitMix64(seed: 0xf00d)
        var words: [UInt32] = []
        for _ in 0..<30_000 {
            let w = UInt32(truncatingIfNeeded: rng.next())
            words.append((w & ~0x5f00_0000) | 0x1e00_0000 | (w & 0x0100_0000))   // x0x1111x: scalar FP group (S = 0)
        }
        for e in DecodeTable.entries where e.op == .notModelled {
            for _ in 0..<300 { words.append(e.value | (UInt32(truncatingIfNeeded: rng.next()) & ~e.mask)) }
        }
        for _ in 0..<3_000 { words.append(UInt32(truncatingIfNeeded: rng.next()) | 0x0e00_0000) }   // x111: whole space
        // Uniform over the AdvSIMD/crypto/structure space as it stood before it was classified
        // (`Self.wasUnclassified`): the figure of how much of it now prints as objdump does.
        let spaceStart = words.count
        while words.count < spaceStart + Self.spaceSample {
            let w = UInt32(truncatingIfNeeded: rng.next())
            if Self.wasUnclassified(w) { words.append(w) }
        }
        let source = ".text\n_start:\n" + words.map { ".inst 0x" + String($0, radix: 16) }.joined(separator: "\n") + "\n"
        let build = try GNUToolchain.build(source: source)
        let dump = try GNUToolchain.objdump(elf: build.elf)
        try #require(dump.count == words.count)
        var classified = 0, failures = 0
        var spaceIdentical = 0, spaceLater = 0
        // What objdump prints that the Cortex-A57 does not execute (ARMv8.2 FP16 with h
        // registers but FCVT, ARMv8.3 FJCVTZS, ARMv8.5 FRINT32/64, the ARMv8.2 SHA3/SHA512/SM3/SM4
        // crypto, all with bit 31 set).
        func laterArchitecture(_ t: String) -> Bool {
            let parts = t.split(separator: " ")
            let m = String(parts.first ?? "")
            if ["fjcvtzs", "eor3", "bcax", "xar", "rax1", "sdot", "udot", "usdot", "sudot", "sqrdmlah", "sqrdmlsh", "fcmla",
                "fcadd", "smmla", "ummla", "usmmla", "bfdot", "bfmmla", "bfmlalb", "bfmlalt", "fmlal", "fmlal2", "fmlsl",
                "fmlsl2", "bfcvtn", "bfcvtn2", "bfcvt"].contains(m) || m.hasPrefix("frint32") || m.hasPrefix("frint64")
                || m.hasPrefix("sm3") || m.hasPrefix("sm4") || m.hasPrefix("sha512") { return true }
            // FP16 arithmetic: an FP mnemonic on half-precision lanes or scalars (integer
            // forms on h registers, such as sqdmulh h0, h1, h2, are ARMv8.0 and must decode).
            let floatingPoint = (m.hasPrefix("f") || m == "scvtf" || m == "ucvtf")
                && !["fcvtn", "fcvtn2", "fcvtl", "fcvtl2", "fcvt"].contains(m)
            guard floatingPoint else { return false }
            return t.contains(".4h") || t.contains(".8h")
                || parts.dropFirst().contains { $0.hasPrefix("h") && $0.dropFirst().first?.isNumber == true }
        }
        for (k, d) in dump.enumerated() {
            let i = Decoder.decode(d.word)
            let ours = Disassembler.text(i, at: d.address)
            if k >= spaceStart {
                if ours == d.text || (i.op == .undefined && d.text.hasPrefix(".inst")) { spaceIdentical += 1 }
                else if i.op == .undefined && laterArchitecture(d.text) { spaceLater += 1 }

            }
            var bad = false
            switch i.op {
            case .notModelled, .fmovFromV, .fmovToV:
                classified += 1
                bad = ours != d.text
            case .undefined:
                bad = !d.text.hasPrefix(".inst") && !laterArchitecture(d.text)
            default:
                bad = true
            }
            if bad {
                failures += 1
                if failures < 40 { Issue.record("0x\(String(d.word, radix: 16)) objdump \"\(d.text)\" ours \"\(ours)\" (\(i.op))") }
            }
        }
        #expect(failures == 0)
        #expect(classified > 10_000)
        print("SIMD&FP sweep: \(classified) classified words match objdump")
        print("AdvSIMD space: \(spaceIdentical) of \(Self.spaceSample) random words print as objdump does, \(spaceLater) more are UNDEFINED on the A57 where objdump names a later instruction")
        // Every word of the space is classified: as objdump prints it, or UNDEFINED.
        #expect(spaceIdentical + spaceLater == Self.spaceSample)
    }

    static let spaceSample = 20_000

    /// The groups the AdvSIMD table enumerates cover the whole space, so no word of it is left
    /// without an answer (an instruction or UNDEFINED).
    @Test func advSIMDGroupsCoverTheSpace() {
        var rng = SplitMix64(seed: 0x5eed)
        var checked = 0
        while checked < 200_000 {
            let w = UInt32(truncatingIfNeeded: rng.next())
            guard Self.wasUnclassified(w) else { continue }
            checked += 1
            #expect(DecodeTable.classifiedAdvSIMDGroups.contains { w & $0.mask == $0.value }, "0x\(String(w, radix: 16))")
            if !DecodeTable.classifiedAdvSIMDGroups.contains(where: { w & $0.mask == $0.value }) { return }
        }
    }

    /// The AdvSIMD/crypto/structure space (`DecodeTable.classifiedAdvSIMDGroups` cover it), as
    /// `DecodeTable.isUnclassifiedSIMDSpace` had it before it was classified word by word.
    static func wasUnclassified(_ w: UInt32) -> Bool {
        if (w >> 25) & 7 == 7 { return w >> 31 == 0 && !((w >> 28) & 1 == 1 && (w >> 30) & 1 == 0) }
        return w & 0xbe00_0000 == 0x0c00_0000
    }

    /// Whether objdump's operands name FP/SIMD/SVE registers (instructions outside SPEC §1).
    static func usesVectorRegisters(_ text: String) -> Bool {
        let operands = text.split(separator: " ").dropFirst()
        return operands.contains { op in
            let t = op.trimmingCharacters(in: CharacterSet(charactersIn: "[{,}]!"))
            guard let f = t.first, "vqdshbzp".contains(f), t.count >= 2 else { return false }
            return t.dropFirst().first.map { $0.isNumber } ?? false
        }
    }

    /// The decoder's documented choices (see `Decoder`): overlapping LDP and LDNP, loads with
    /// write-back into their base, and MSR (immediate) to PSTATE fields other than
    /// SPSel/DAIFSet/DAIFClr.
    static func isDocumentedChoice(_ w: UInt32) -> Bool {
        let rt = w & 31, rn = (w >> 5) & 31, rt2 = (w >> 10) & 31
        if w & 0x7c40_0000 == 0x2840_0000 {                                  // LDP/LDNP (32/64-bit)
            return rt == rt2 || ((w >> 23) & 3 != 2 && (w >> 23) & 3 != 0 && rn != 31 && (rt == rn || rt2 == rn))
        }
        if w & 0x3f20_0400 == 0x3800_0400 && (w >> 22) & 3 != 0 {           // load, pre/post-index
            return rt == rn && rn != 31
        }
        return w & 0xfff8_0000 == 0xd500_0000                               // MSR (immediate) space
    }

    static let supportedMnemonics: Set<String> = [
        "mov", "movz", "movn", "movk", "add", "adds", "sub", "subs", "cmp", "cmn", "neg", "negs", "and", "ands",
        "orr", "eor", "bic", "bics", "orn", "eon", "mvn", "tst", "lsl", "lsr", "asr", "ror", "ubfm", "sbfm", "bfm",
        "ubfx", "sbfx", "ubfiz", "sbfiz", "bfi", "bfxil", "bfc", "uxtb", "uxth", "sxtb", "sxth", "sxtw", "extr",
        "madd", "msub", "mul", "mneg", "udiv", "sdiv", "csel", "csinc", "csinv", "csneg", "cset", "csetm", "cinc",
        "cinv", "cneg", "adr", "adrp", "ldr", "str", "ldrb", "strb", "ldrh", "strh", "ldrsb", "ldrsh", "ldrsw",
        "ldur", "stur", "ldurb", "sturb", "ldurh", "sturh", "ldursb", "ldursh", "ldursw", "ldp", "stp", "b", "bl",
        "br", "blr", "ret", "cbz", "cbnz", "tbz", "tbnz", "mrs", "msr", "isb", "dsb", "dmb", "nop", "wfi", "wfe",
        "yield", "sev", "sevl", "hint", "sb", "clrex", "sys", "tlbi", "dc", "ic", "at", "svc", "hvc", "smc", "brk",
        "hlt", "eret", "udf", "ssbb", "pssbb",
        // The ARMv8.0 integer additions.
        "adc", "adcs", "sbc", "sbcs", "ngc", "ngcs", "ccmp", "ccmn", "rbit", "rev16", "rev32", "rev", "clz", "cls",
        "smaddl", "smsubl", "umaddl", "umsubl", "smull", "smnegl", "umull", "umnegl", "smulh", "umulh",
        "crc32b", "crc32h", "crc32w", "crc32x", "crc32cb", "crc32ch", "crc32cw", "crc32cx", "ldpsw", "ldnp", "stnp",
        "prfm", "prfum", "ldtr", "sttr", "ldtrb", "sttrb", "ldtrh", "sttrh", "ldtrsb", "ldtrsh", "ldtrsw",
        "ldxr", "ldxrb", "ldxrh", "ldaxr", "ldaxrb", "ldaxrh", "stxr", "stxrb", "stxrh", "stlxr", "stlxrb", "stlxrh",
        "ldxp", "ldaxp", "stxp", "stlxp", "ldar", "ldarb", "ldarh", "stlr", "stlrb", "stlrh",
    ]
}
