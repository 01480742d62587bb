import Foundation
import A64

/// A scenario's `scenario.toml`, decoded and checked. Every error names file:line:column.
///
/// ```toml
/// name = "v9"
/// title = "..."
/// description = """..."""
/// base = "v9"                       # optional: inherit files and settings from a scenario
/// sources = ["boot.S", "head.S", "suspend.S"]   # each assembled as its own unit, linked in this order
/// include = ["include", "arch/include"]   # optional: -I directories (relative to the folder)
/// preinclude = ["config.h"]         # optional: -include files (a scenario file or a path)
/// entry = "start"                   # where the core starts (a symbol)
///
/// [struct]                          # the context struct, parsed from C
/// header = "suspend.h"
/// name = "resume_cpu_context"       # struct tag (none: the code has no context struct yet)
/// symbol = "resume_cpu_context"     # the global the assembly saves into
/// asm-offsets = "asm-offsets.c"     # optional: OFFSET() lines -> <asm/asm-offsets.h>
///
/// [symbols]                         # the code the boundaries and checks look for
/// save = "prepare_resume_ctx"
/// resume = "hyp_resume"
/// restore = "mmu_resumed"
///
/// [memory]
/// ram = { base = 0x40000000, size = 0x8000000 }
/// uart = 0x09000000
/// load = 0x40200000                 # physical address of the image
/// link = 0x0000020000200000         # virtual address it is linked at
///
/// [config]                          # -D defines: true -> 1, false -> undefined, else the value
/// CONFIG_EARLY_PRINTK = true
///
/// [initial]                         # registers at entry (x0..x30, sp)
/// x19 = 0x1919191919191919
///
/// [firmware]
/// system-suspend = "accept"         # or "deny" (PSCI DENIED)
/// unknown = "poison"                # poison | zero | random:SEED
///
/// [integrity]                       # what the path must preserve, besides every EL2 register
/// registers = ["x19", ..., "x30", "sp"]   # lost at power-off that was set before suspend
/// sysregs = ["SP_EL0"]              # optional: more system registers to compare
/// ignore = [{name = "CNTHCTL_EL2", reason = "..."}]   # deliberately not preserved
///
/// [checks]
/// strict-synchronization = false    # flag a missing isb after the restore
///
/// [expect]                          # for bug reproductions: what `check` must print
/// findings = ["..."]
///
/// [origin]                          # where each file sits in Xen's tree (`import` maps a
/// "head.S" = "xen/arch/arm/arm64/head.S"   # patch's paths to the scenario's files with it)
///
/// [notes]                           # shown beside a line in the explanation panel
/// "head.S:34" = "lr is the caller's return address: the resume path returns through it"
///
/// [[edit]]                          # with `base`: change an inherited file
/// file = "head.S"
/// find = "..."                      # exact text, found exactly once
/// replace = "..."
/// ```
public struct ScenarioManifest: Sendable {
    /// A register the path deliberately does not preserve (`[integrity] ignore`).
    public struct Ignored: Sendable, Equatable {
        public var name: String
        public var reason: String
        public var location: TOMLLocation
    }

    public struct Edit: Sendable {
        public var file: String
        public var find: String
        public var replace: String
        public var location: TOMLLocation
    }

    public var name: String
    public var title: String
    public var description: String
    public var sources: [String]
    /// `-I` directories, as written (relative to the scenario's folder).
    public var includeDirectories: [String]
    /// `-include` files, as written.
    public var preincludes: [String]
    public var entry: String
    public var structHeader: String
    /// The context struct's tag; empty when the code has none (yet), as in `v8-base`.
    public var structName: String
    public var contextSymbol: String
    public var asmOffsets: String?
    public var saveSymbol: String
    public var resumeSymbol: String
    public var restoreSymbol: String
    public var ramBase: UInt64
    public var ramSize: UInt64
    public var uartBase: UInt64
    public var loadAddress: UInt64
    public var linkAddress: UInt64
    /// `-D` defines, in the order written.
    public var config: [(String, String)]
    /// Registers at entry: effects numbering (0...30 X, 32 SP_EL2) and value.
    public var initialRegisters: [(Int, UInt64)]
    public var deniesSuspend: Bool
    public var unknownPolicy: UnknownPolicy
    public var integrityRegisters: [String]
    public var integritySysregs: [String]
    public var integrityIgnore: [Ignored]
    /// Scenario file name -> its path in Xen's tree (`[origin]`).
    public var origins: [String: String]
    public var strictSynchronization: Bool
    public var expectedFindings: [String]
    /// Notes for the explanation panel, by "file:line".
    public var notes: [String: String]
    public var edits: [Edit]
    /// The scenario this one is a variant of (`base = "v9"`), if any.
    public var baseName: String?
    /// The merged table (base + this file), without `base` and `edit`: what export writes.
    public var table: TOMLTable
    public var file: String

    public static let topKeys = ["name", "title", "description", "base", "sources", "include", "preinclude", "entry", "struct", "symbols",
                                 "memory", "config", "initial", "firmware", "integrity", "checks", "expect", "edit", "notes", "origin", "xen"]

    /// Whether the code has a context struct (v8-base, the code before patch 11/13, has none).
    public var hasContext: Bool { !structName.isEmpty }

    /// Decodes a manifest; `base` resolves `base = "NAME"` to that scenario's merged table.
    public static func parse(_ text: String, file: String, base: (String, TOMLLocation) throws -> TOMLTable) throws -> ScenarioManifest {
        let own = try TOML.parse(text, file: file)
        try TOMLReader(own).onlyKeys(topKeys)
        var merged = own
        if let b = own["base"] {
            guard case .string(let name) = b.kind else { throw TOMLError(b.location, "'base' must be a scenario name (a string)") }
            merged = merge(try base(name, b.location), own)
        }
        return try decode(merged, edits: own, file: file)
    }

    /// Decodes a manifest naming a Xen tree (`xen = "PATH"`) over the tree's own manifest: keys
    /// merge as over a `base`, and the tree's name, title and description stay unless given.
    static func parse(_ text: String, file: String, xenBase: TOMLTable) throws -> ScenarioManifest {
        let own = try TOML.parse(text, file: file)
        try TOMLReader(own).onlyKeys(topKeys)
        var merged = merge(xenBase, own)
        for k in ["name", "title", "description"] where merged[k] == nil {
            if let v = xenBase[k] { merged.set(k, v) }
        }
        return try decode(merged, edits: own, file: file)
    }

    /// `child` over `parent`: tables merge key by key, other values replace; `name`, `title`,
    /// `description`, `base`, `edit`, `expect` and `notes` (keyed by lines an edit may move)
    /// are never inherited.
    static func merge(_ parent: TOMLTable, _ child: TOMLTable) -> TOMLTable {
        var out = TOMLTable(location: child.location)
        let notInherited: Set<String> = ["name", "title", "description", "base", "edit", "expect", "notes"]
        for k in parent.keys where !notInherited.contains(k) { out.set(k, parent[k]!) }
        for k in child.keys where k != "base" && k != "edit" {
            if let p = out[k], case .table(let pt) = p.kind, case .table(let ct) = child[k]!.kind {
                out.set(k, TOMLValue(kind: .table(mergeTables(pt, ct)), location: child[k]!.location))
            } else {
                out.set(k, child[k]!)
            }
        }
        return out
    }

    static func mergeTables(_ p: TOMLTable, _ c: TOMLTable) -> TOMLTable {
        var out = p
        for k in c.keys { out.set(k, c[k]!) }
        return out
    }

    static func decode(_ t: TOMLTable, edits own: TOMLTable, file: String) throws -> ScenarioManifest {
        let r = TOMLReader(t)
        let name = try r.requiredString("name")
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else {
            throw TOMLError(t["name"]!.location, "scenario name '\(name)' must be letters, digits, '-', '_' or '.'")
        }
        guard let sources = try r.strings("sources"), !sources.isEmpty else {
            throw TOMLError(t["sources"]?.location ?? t.location, "missing 'sources': expected the program's .S files, e.g. sources = [\"head.S\"]")
        }
        guard let st = try r.table("struct") else { throw TOMLError(t.location, "missing [struct]: expected the header of the context struct, and its name and symbol") }
        try st.onlyKeys(["header", "name", "symbol", "asm-offsets"])
        let sy = try r.table("symbols") ?? TOMLReader(TOMLTable(location: t.location), name: "symbols")
        try sy.onlyKeys(["save", "resume", "restore"])
        guard let mem = try r.table("memory") else { throw TOMLError(t.location, "missing [memory]: expected ram, uart, load and link") }
        try mem.onlyKeys(["ram", "uart", "load", "link"])
        guard let ram = try mem.table("ram") else { throw TOMLError(mem.table.location, "missing 'ram' in [memory]: expected { base = 0x40000000, size = 0x8000000 }") }
        try ram.onlyKeys(["base", "size"])
        let ramBase = try ram.unsigned("base") ?? 0x4000_0000
        let ramSize = try ram.unsigned("size") ?? 0x800_0000
        guard ramBase & 0xfff == 0, ramSize & 0xfff == 0, ramSize > 0, ramSize <= 1 << 32, ramBase &+ ramSize > ramBase else {
            throw TOMLError(mem.value("ram")!.location, "RAM must be whole 4 KiB pages, at most 4 GiB, not wrapping past 2^64")
        }
        let uart = try mem.unsigned("uart") ?? PL011.defaultBase
        guard uart & 0xfff == 0, uart >= ramBase &+ ramSize || uart &+ PL011.size <= ramBase else {
            throw TOMLError(mem.value("uart")?.location ?? mem.table.location, "the UART (4 KiB at 0x\(String(uart, radix: 16))) must be page aligned and outside RAM")
        }
        let load = try mem.unsigned("load") ?? ramBase
        let link = try mem.unsigned("link") ?? load
        guard load & 0xfff == 0, link & 0xfff == 0, load >= ramBase, load < ramBase &+ ramSize else {
            throw TOMLError(mem.value("load")?.location ?? mem.table.location, "'load' must be a page-aligned address in RAM (and 'link' page aligned)")
        }

        var config: [(String, String)] = []
        if let c = try r.table("config") {
            for k in c.table.keys {
                let v = c.table[k]!
                guard k.first.map({ $0.isLetter || $0 == "_" }) == true, k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    throw TOMLError(v.location, "config option '\(k)' is not a C identifier")
                }
                switch v.kind {
                case .bool(let b): if b { config.append((k, "1")) }
                case .integer(let n): config.append((k, String(n)))
                case .string(let s): config.append((k, s))
                default: throw TOMLError(v.location, "config option '\(k)' must be true/false, an integer or a string")
                }
            }
        }
        var initial: [(Int, UInt64)] = []
        if let i = try r.table("initial") {
            for k in i.table.keys {
                guard let idx = registerIndex(k) else {
                    throw TOMLError(i.table[k]!.location, "unknown register '\(k)' in [initial]: expected x0..x30, lr, fp or sp")
                }
                initial.append((idx, try i.unsigned(k)!))
            }
        }
        let fw = try r.table("firmware") ?? TOMLReader(TOMLTable(location: t.location), name: "firmware")
        try fw.onlyKeys(["system-suspend", "unknown"])
        let answer = try fw.string("system-suspend") ?? "accept"
        guard answer == "accept" || answer == "deny" else {
            throw TOMLError(fw.value("system-suspend")!.location, "system-suspend must be \"accept\" or \"deny\", found \"\(answer)\"")
        }
        let policyText = try fw.string("unknown") ?? "poison"
        guard let policy = UnknownPolicy(argument: policyText) else {
            throw TOMLError(fw.value("unknown")!.location, "unknown = \"\(policyText)\": expected poison, zero or random:SEED")
        }
        let integ = try r.table("integrity") ?? TOMLReader(TOMLTable(location: t.location), name: "integrity")
        try integ.onlyKeys(["registers", "sysregs", "ignore"])
        let regs = try integ.strings("registers") ?? (19...30).map { "x\($0)" } + ["sp"]
        for x in regs where registerIndex(x) == nil {
            throw TOMLError(integ.value("registers")!.location, "unknown register '\(x)' in [integrity] registers: expected x0..x30, lr, fp or sp")
        }
        let sysregs = try integ.strings("sysregs") ?? []
        for s in sysregs where SystemRegisterCatalogue.index(named: s) == nil {
            throw TOMLError(integ.value("sysregs")!.location, "unknown system register '\(s)' in [integrity] sysregs")
        }
        var ignore: [Ignored] = []
        if let v = integ.value("ignore") {
            guard case .array(let items) = v.kind else {
                throw TOMLError(v.location, "'ignore' must be an array of {name = \"...\", reason = \"...\"} tables, found \(v.typeName)")
            }
            for item in items {
                guard case .table(let it) = item.kind else {
                    throw TOMLError(item.location, "an [integrity] ignore entry must be {name = \"REGISTER\", reason = \"why it is not preserved\"}, found \(item.typeName)")
                }
                let e = TOMLReader(it, name: "integrity.ignore")
                try e.onlyKeys(["name", "reason"])
                let name = try e.requiredString("name")
                guard SystemRegisterCatalogue.index(named: name) != nil || registerIndex(name) != nil else {
                    throw TOMLError(it["name"]!.location, "unknown register '\(name)' in [integrity] ignore: expected a system register (CNTHCTL_EL2, ...) or x0..x30, lr, fp, sp")
                }
                let reason = try e.requiredString("reason").trimmingCharacters(in: .whitespacesAndNewlines)
                guard !reason.isEmpty else { throw TOMLError(it["reason"]!.location, "the reason for ignoring \(name) is empty: say why it is not preserved") }
                ignore.append(Ignored(name: SystemRegisterCatalogue.index(named: name).map { SystemRegisterCatalogue.all[$0].name } ?? name,
                                      reason: reason, location: item.location))
            }
        }
        var origins: [String: String] = [:]
        if let o = try r.table("origin") {
            for k in o.table.keys { origins[k] = try o.requiredString(k) }
        }
        let checks = try r.table("checks") ?? TOMLReader(TOMLTable(location: t.location), name: "checks")
        try checks.onlyKeys(["strict-synchronization"])
        let expect = try r.table("expect") ?? TOMLReader(TOMLTable(location: t.location), name: "expect")
        try expect.onlyKeys(["findings"])

        var notes: [String: String] = [:]
        if let n = try r.table("notes") {
            for k in n.table.keys {
                guard k.contains(":"), Int(k.split(separator: ":").last ?? "") != nil else {
                    throw TOMLError(n.table[k]!.location, "note key '\(k)' must be \"file:line\" (e.g. \"head.S:34\")")
                }
                notes[k] = try n.requiredString(k)
            }
        }
        var edits: [Edit] = []
        for e in try TOMLReader(own).tables("edit") {
            try e.onlyKeys(["file", "find", "replace"])
            edits.append(Edit(file: try e.requiredString("file"), find: try e.requiredString("find"),
                              replace: try e.requiredString("replace"), location: e.table.location))
        }
        var table = t
        table = TOMLTable.without(table, ["base", "edit", "xen"])
        return ScenarioManifest(
            name: name, title: try r.string("title") ?? name, description: try r.string("description") ?? "",
            sources: sources, includeDirectories: try r.strings("include") ?? [], preincludes: try r.strings("preinclude") ?? [],
            entry: try r.string("entry") ?? "start",
            structHeader: try st.requiredString("header"), structName: try st.string("name") ?? "",
            contextSymbol: try st.string("symbol") ?? st.string("name") ?? "", asmOffsets: try st.string("asm-offsets"),
            saveSymbol: try sy.string("save") ?? "prepare_resume_ctx", resumeSymbol: try sy.string("resume") ?? "hyp_resume",
            restoreSymbol: try sy.string("restore") ?? "mmu_resumed",
            ramBase: ramBase, ramSize: ramSize, uartBase: uart, loadAddress: load, linkAddress: link,
            config: config, initialRegisters: initial,
            deniesSuspend: answer == "deny", unknownPolicy: policy,
            integrityRegisters: regs, integritySysregs: sysregs, integrityIgnore: ignore, origins: origins,
            strictSynchronization: try checks.bool("strict-synchronization") ?? false,
            expectedFindings: try expect.strings("findings") ?? [], notes: notes,
            edits: edits, baseName: { if case .string(let b)? = own["base"]?.kind { return b }; return nil }(), table: table, file: file)
    }

    /// x0..x30, fp, lr, sp -> effects numbering (SP is SP_EL2, 32).
    public static func registerIndex(_ name: String) -> Int? {
        switch name.lowercased() {
        case "sp": return 32
        case "lr": return 30
        case "fp": return 29
        default:
            guard name.lowercased().hasPrefix("x"), let n = Int(name.dropFirst()), (0...30).contains(n) else { return nil }
            return n
        }
    }

    public static func registerName(_ index: Int) -> String {
        switch index {
        case 32: "sp"
        case 31: "sp_el0"
        default: "x\(index)"
        }
    }
}

extension TOMLTable {
    static func without(_ t: TOMLTable, _ drop: Set<String>) -> TOMLTable {
        var out = TOMLTable(location: t.location)
        for k in t.keys where !drop.contains(k) { out.set(k, t[k]!) }
        return out
    }
}
