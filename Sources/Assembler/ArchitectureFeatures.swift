import A64

/// The architecture GNU as assembles for, as `.arch`, `.arch_extension` and `.cpu` set it: only
/// the parts that change which instructions of SuspendScope's set it accepts. GNU as 2.40's
/// default (`armv8-a`) rejects the CRC32 instructions (`selected processor does not support`)
/// until `.arch armv8-a+crc`, `.arch_extension crc`, `.cpu cortex-a57` or an ARMv8.1+ `.arch`
/// enables them, and takes the REV64 alias only from ARMv8.2 on. Names are those GNU as 2.40
/// knows (checked against it); unknown names are errors, as there.
struct ArchitectureFeatures: Equatable {
    enum Requirement {
        case crc, armv8_2, sb
        /// A name beyond ARMv8.0 (`GatedNames`): any later architecture or extension.
        case beyondARMv8_0
        var description: String {
            switch self {
            case .crc: return "the CRC extension (enable it with '.arch armv8-a+crc', '.arch_extension crc' or '.cpu cortex-a57')"
            case .armv8_2: return "ARMv8.2-A or later (e.g. '.arch armv8.2-a')"
            case .sb: return "ARMv8.5-A or the SB extension (e.g. '.arch armv8.5-a' or '.arch_extension sb'; the Cortex-A57 has neither)"
            case .beyondARMv8_0: return "an architecture after ARMv8.0-A or an extension (e.g. '.arch armv8.4-a'; the Cortex-A57 is ARMv8.0)"
            }
        }
    }

    /// Architecture version times ten: 80 for ARMv8.0-A ... 93 for ARMv9.3-A.
    var version: Int
    var crc: Bool
    /// Extensions other than CRC that are enabled.
    var others: Set<String> = []

    static let `default` = ArchitectureFeatures(version: 80, crc: false)

    func allows(_ r: Requirement) -> Bool {
        switch r {
        case .crc: return crc
        case .armv8_2: return version >= 82
        case .sb: return version >= 85 || others.contains("sb")
        case .beyondARMv8_0: return version > 80 || !others.isEmpty
        }
    }

    /// `.arch` names: version and whether it includes CRC (ARMv8.1 made it mandatory).
    static let architectures: [String: Int] = [
        "armv8-a": 80, "armv8.1-a": 81, "armv8.2-a": 82, "armv8.3-a": 83, "armv8.4-a": 84, "armv8.5-a": 85,
        "armv8.6-a": 86, "armv8.7-a": 87, "armv8.8-a": 88, "armv8-r": 84,
        "armv9-a": 90, "armv9.1-a": 91, "armv9.2-a": 92, "armv9.3-a": 93,
    ]
    /// `.cpu` names GNU as 2.40 knows, with their architecture version; all but `generic` and
    /// `xgene1` have CRC.
    static let cpus: [String: Int] = [
        "cortex-a34": 80, "cortex-a35": 80, "cortex-a53": 80, "cortex-a57": 80, "cortex-a72": 80, "cortex-a73": 80,
        "cortex-a55": 82, "cortex-a65": 82, "cortex-a65ae": 82, "cortex-a75": 82, "cortex-a76": 82, "cortex-a76ae": 82,
        "cortex-a77": 82, "cortex-a78": 82, "cortex-a78ae": 82, "cortex-a78c": 82, "cortex-a510": 90, "cortex-a710": 90,
        "cortex-r82": 84, "cortex-x1": 82, "cortex-x2": 90, "ares": 82, "neoverse-e1": 82, "neoverse-n1": 82,
        "neoverse-n2": 85, "neoverse-v1": 84, "exynos-m1": 80, "falkor": 80, "qdf24xx": 80, "saphira": 84,
        "thunderx": 80, "xgene1": 80, "xgene2": 80, "generic": 80,
    ]
    static let cpusWithoutCRC: Set<String> = ["generic", "xgene1"]
    /// Extension names `+name` / `+noname` and `.arch_extension` accept.
    static let extensions: Set<String> = [
        "crc", "crypto", "fp", "simd", "lse", "lor", "rdma", "fp16", "fp16fml", "profile", "ras", "sve", "sve2", "tme",
        "compnum", "rcpc", "dotprod", "sha2", "sha3", "sm4", "aes", "sb", "predres", "rng", "ssbs", "memtag", "bf16",
        "i8mm", "f32mm", "f64mm", "ls64", "flagm", "pauth", "mops", "hbc", "cssc", "sme", "pan", "sve2-aes",
        "sve2-sha3", "sve2-sm4", "sve2-bitperm",
    ]

    /// Applies `+ext+noext...` (GNU: additions must come before removals).
    mutating func apply(extensions list: [Substring]) -> String? {
        var removing = false
        for e in list {
            let no = e.hasPrefix("no") && Self.extensions.contains(String(e.dropFirst(2)))
            let name = no ? String(e.dropFirst(2)) : String(e)
            guard Self.extensions.contains(name) else { return "unknown architectural extension '\(e)'" }
            if !no && removing { return "must specify extensions to add before specifying those to remove" }
            removing = removing || no
            if name == "crc" { crc = !no } else if no { others.remove(name) } else { others.insert(name) }
        }
        return nil
    }
}

extension Assembly {
    /// `.arch NAME[+EXT...]`, `.arch_extension [no]EXT`, `.cpu NAME[+EXT...]`. Returns false for
    /// any other directive.
    func architectureDirective(_ name: String, _ token: Token, _ args: [Token], _ line: SourceLine) throws -> Bool {
        guard name == ".arch" || name == ".arch_extension" || name == ".cpu" else { return false }
        // GNU as reads the rest of the line as one word (`armv8-a+crc`).
        let text: String
        if let first = args.first, let last = args.last, first.start < last.end, last.end <= line.text.count {
            text = String(decoding: line.text[first.start..<last.end], as: UTF8.self)
        } else {
            text = ""
        }
        let at = args.first?.location ?? endOf(token)
        let parts = text.split(separator: "+", omittingEmptySubsequences: false)
        var f = architecture
        switch name {
        case ".arch_extension":
            f.version = architecture.version
            if let e = f.apply(extensions: [Substring(text)]) { throw AssemblyError(at, e) }
        case ".arch":
            guard let v = ArchitectureFeatures.architectures[String(parts[0])] else {
                throw AssemblyError(at, "unknown architecture '\(parts[0])' (expected one of \(ArchitectureFeatures.architectures.keys.sorted().joined(separator: ", ")))")
            }
            f = ArchitectureFeatures(version: v, crc: v >= 81)
            if let e = f.apply(extensions: Array(parts.dropFirst())) { throw AssemblyError(at, e) }
        default:
            let cpu = String(parts[0])
            guard let v = ArchitectureFeatures.cpus[cpu] else {
                throw AssemblyError(at, "unknown cpu '\(parts[0])' (e.g. cortex-a57, cortex-a53, generic)")
            }
            f = ArchitectureFeatures(version: v, crc: !ArchitectureFeatures.cpusWithoutCRC.contains(cpu))
            if let e = f.apply(extensions: Array(parts.dropFirst())) { throw AssemblyError(at, e) }
        }
        architecture = f
        return true
    }

    /// Rejects an instruction, a SYS operation or a system register name the selected
    /// architecture does not have, as GNU as does.
    func checkArchitecture(_ mnemonic: String, _ token: Token, _ operands: [Token]) throws {
        if let r = IntegerInstructions.requirement(mnemonic) ?? (mnemonic == "sb" ? .sb : nil), !architecture.allows(r) {
            throw AssemblyError(token.location, "selected processor does not support '\(token.identifier ?? mnemonic)': it needs \(r.description)")
        }
        guard !architecture.allows(.beyondARMv8_0) else { return }
        let named: Token?
        switch mnemonic {
        case "tlbi", "dc", "ic", "at":
            if let op = operands.first, let n = op.identifier, GatedNames.systemInstructions.contains(mnemonic + " " + n.lowercased()) {
                throw AssemblyError(op.location, "selected processor does not support '\(mnemonic) \(n)': it needs \(ArchitectureFeatures.Requirement.beyondARMv8_0.description)")
            }
            return
        case "mrs": named = operands.firstIndex { $0.isPunct(",") }.flatMap { $0 + 1 < operands.count ? operands[$0 + 1] : nil }
        case "msr": named = operands.first
        default: return
        }
        if let t = named, let n = t.identifier, SystemRegisterCatalogue.register(named: n) == nil,
           GatedNames.systemRegisters.contains(n.lowercased()) {
            throw AssemblyError(t.location, "selected processor does not support system register name '\(n.lowercased())': it needs \(ArchitectureFeatures.Requirement.beyondARMv8_0.description)")
        }
    }
}
