/// Register names shared by the assembler and the disassembler.
public enum RegisterName {
    /// `x0`...`x30`, and for 31 `sp` (when the operand is SP-capable) or `xzr`.
    public static func x(_ r: UInt8, sp: Bool = false) -> String {
        r == 31 ? (sp ? "sp" : "xzr") : "x\(r)"
    }
    /// `w0`...`w30`, and for 31 `wsp` or `wzr`.
    public static func w(_ r: UInt8, sp: Bool = false) -> String {
        r == 31 ? (sp ? "wsp" : "wzr") : "w\(r)"
    }
    /// X or W name by width.
    public static func general(_ r: UInt8, sf: Bool, sp: Bool = false) -> String {
        sf ? x(r, sp: sp) : w(r, sp: sp)
    }
}

/// Condition-code names.
public enum ConditionName {
    /// The names objdump prints (the first architectural name of each code).
    public static let objdump: [String] = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
                                           "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"]
    /// Every accepted spelling, with its code (`hs`/`cs` and `lo`/`cc` are synonyms).
    public static let all: [String: UInt8] = {
        var d: [String: UInt8] = [:]
        for (i, n) in objdump.enumerated() { d[n] = UInt8(i) }
        d["hs"] = 2; d["lo"] = 3
        return d
    }()
    /// The objdump name of a condition code (0...15).
    public static func name(_ cond: UInt8) -> String { objdump[Int(cond & 15)] }
    /// The code of a name (case-insensitive), if any.
    public static func code(_ name: String) -> UInt8? { all[name.lowercased()] }
}

/// Names of shift and extend operators as printed.
public enum OperatorName {
    public static let shifts = ["lsl", "lsr", "asr", "ror"]
    public static let extends = ["uxtb", "uxth", "uxtw", "uxtx", "sxtb", "sxth", "sxtw", "sxtx"]
}

extension SystemRegisterEncoding {
    /// The name the disassembler prints for an MRS (`read`) or MSR operand: objdump's name
    /// (`SystemRegisterNames`; the catalogue's names are the same in lower case), else the
    /// generic `s3_4_c1_c1_0` form.
    public func displayName(read: Bool = true) -> String {
        SystemRegisterNames.name(self, read: read) ?? genericName
    }
    public var displayName: String { displayName(read: true) }

    /// The encoding of a register named in source: a catalogued name, a name objdump prints
    /// (case-insensitive both), or a generic `s3_4_c1_c1_0` name.
    public init?(name: String) {
        if let r = SystemRegisterCatalogue.register(named: name) { self = r.encoding; return }
        if let e = SystemRegisterNames.encoding(named: name.lowercased()) { self = e; return }
        self.init(genericName: name)
    }
}

/// Names of DSB/DMB options and HINT numbers, both directions (for the assembler).
public enum BarrierName {
    /// The CRm of a DSB/DMB option name such as `ish` or `sy` (case-insensitive).
    public static func code(_ name: String) -> UInt8? {
        let n = name.lowercased()
        guard !n.hasPrefix("#"), let i = Disassembler.barrierNames.firstIndex(of: n) else { return nil }
        return UInt8(i)
    }
}

public enum HintName {
    /// The HINT number of a name objdump prints (`nop`, `wfi`, `yield`, `bti c`, ...).
    public static func code(_ name: String) -> UInt8? {
        let n = name.lowercased()
        return Disassembler.hintNames.first { $0.value == n }.map { UInt8($0.key) }
    }
}
