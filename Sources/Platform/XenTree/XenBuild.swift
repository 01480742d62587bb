import Foundation
import Assembler

/// Builds a Xen tree's scenario as Xen's build builds the image, as far as the suspend path
/// needs it:
///
/// 1. the configuration: the tree's `include/generated/autoconf.h` when it has been built, else
///    `XenConfiguration.defaults`; a scenario's `[config]` changes either;
/// 2. `asm/asm-offsets.h`: the tree's generated one when it has been built (and `[config]`
///    changes nothing), else computed from `arch/arm/arm64/asm-offsets.c` and the structs it
///    names (`AsmOffsets.compile`); the asm-generic wrappers likewise;
/// 3. each of `head.S`, `mmu/head.S` and the harness's two files is preprocessed with Xen's
///    flags (`-D__ASSEMBLY__ -D__XEN__ -include xen/include/xen/config.h -Ixen/include
///    -Ixen/arch/arm/include -Ixen/arch/arm/include/generated`) and assembled as its own unit;
/// 4. the units are linked by Xen's layout (`XenLayout`) at the tree's XEN_VIRT_START, and the
///    result is held to what Xen's linker script asserts: `start` first, the idmap within one
///    page, the image within XEN_VIRT_SIZE.
///
/// Errors name the tree's file, line and column; a symbol the harness needs that the tree does
/// not define, and an asm-offsets value SuspendScope cannot compute that the code uses, say so.
struct XenBuild {
    let scenario: Scenario
    let tree: XenTree

    static let defaultVirtStart: UInt64 = 0x0000_0A00_0020_0000
    static let defaultVirtSize: UInt64 = 8 << 20

    /// The harness's sources (resources `XenHarness/setup.S`, `suspend.S`).
    static func harness(_ k: Int) throws -> String {
        let name = ["setup.S", "suspend.S"][k]
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("XenHarness").appendingPathComponent(name),
              let d = FileManager.default.contents(atPath: url.path) else {
            throw ScenarioError("internal error: SuspendScope's Xen harness (\(name)) is missing from the package")
        }
        return String(decoding: d, as: UTF8.self)
    }

    /// The tree's configuration (or the default one) with a scenario's `[config]` applied.
    static func configuration(_ tree: XenTree, overrides: TOMLValue?) throws -> XenConfiguration {
        var config = tree.isBuilt
            ? XenConfiguration.parse(autoconf: try tree.read(XenTree.autoconf, expected: ""), origin: "the tree's \(XenTree.autoconf)")
            : .defaultConfiguration
        guard let overrides else { return config }
        guard case .table(let t) = overrides.kind else { throw ScenarioError(TOMLError(overrides.location, "[config] must be a table of options").description) }
        var changes: [(String, String?)] = []
        for k in t.keys {
            let v = t[k]!
            guard k.first.map({ $0.isLetter || $0 == "_" }) == true, k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ScenarioError(TOMLError(v.location, "config option '\(k)' is not a C identifier").description)
            }
            switch v.kind {
            case .bool(let b): changes.append((k, b ? "1" : nil))
            case .integer(let n): changes.append((k, String(n)))
            case .string(let s): changes.append((k, s))
            default: throw ScenarioError(TOMLError(v.location, "config option '\(k)' must be true/false, an integer or a string").description)
            }
        }
        config = config.applying(changes)
        return config
    }

    /// Everything the link takes: the scenario (its manifest at the tree's XEN_VIRT_START, the
    /// generated files it used), the units, the assembler's options, the context's layout and
    /// offsets, and the asm-offsets values that could not be computed.
    struct Prepared {
        var scenario: Scenario
        var units: [SourceUnit]
        var options: AssemblerOptions
        var layout: CStructLayout
        var offsets: [AsmOffsets.Symbol]
        var unresolved: [AsmOffsets.Unresolved]
        var virtSize: UInt64
    }

    func build() throws -> BuiltScenario {
        let p = try prepare()
        let program: Program
        do {
            program = try Assembler.link(p.units, options: p.options)
        } catch let e as AssemblyError {
            throw explain(e, unresolved: p.unresolved)
        }
        try checkLayout(program, virtStart: p.options.base, virtSize: p.virtSize)
        try checkSymbols(program)
        try p.scenario.check(program)
        return BuiltScenario(scenario: p.scenario, program: program, layout: p.layout, offsets: p.offsets,
                             sourceNotes: Scenario.sourceNotes(p.scenario.files))
    }

    func prepare() throws -> Prepared {
        var s = scenario
        let config = try Self.configuration(tree, overrides: s.manifest.table["config"])
        let changed = s.manifest.table["config"] != nil

        // Generated files the tree lacks, found by #include before the disk.
        var virtual = tree.genericWrappers()
        if !tree.isBuilt || changed { virtual["generated/autoconf.h"] = config.autoconfText }
        var options = AssemblerOptions(base: Self.defaultVirtStart, defines: ["__XEN__": "1"],
                                       includeSearch: XenTree.includeDirectories.map { tree.url($0) }, virtualFiles: virtual,
                                       preincludes: [tree.url(XenTree.configHeader).path])

        // asm-offsets.h: the tree's, or computed as its build would.
        var offsets: [AsmOffsets.Symbol] = []
        var expressions: [String: String] = [:]
        var unresolved: [AsmOffsets.Unresolved] = []
        if tree.has(XenTree.asmOffsetsHeader) && !changed {
            (offsets, expressions) = Self.readHeader(try tree.read(XenTree.asmOffsetsHeader, expected: ""), file: XenTree.asmOffsetsHeader)
        } else if tree.has(XenTree.asmOffsetsSource) {
            do {
                let source = try tree.read(XenTree.asmOffsetsSource, expected: "")
                let compiled = try AsmOffsets.compile(bytes: Array(source.utf8), fileName: XenTree.asmOffsetsSource,
                                                      directory: tree.url(XenTree.asmOffsetsSource).deletingLastPathComponent(), options: options)
                offsets = compiled.symbols
                expressions = compiled.expressions
                unresolved = compiled.unresolved
                options.virtualFiles["asm/asm-offsets.h"] = compiled.header
                s.files[XenTree.asmOffsetsHeader + " (computed)"] = compiled.header
            } catch let e as AssemblyError {
                throw ScenarioError(e.report + "\n\(XenTree.asmOffsetsSource): note: computing asm-offsets for a tree that has not been built")
            }
        } else {
            throw ScenarioError("\(tree.url(XenTree.asmOffsetsSource).path): no such file: the tree has not been built (no \(XenTree.asmOffsetsHeader)), and asm-offsets.c is what its offsets come from")
        }
        if virtual["generated/autoconf.h"] != nil { s.files[XenTree.autoconf + " (\(config.origin))"] = config.autoconfText }

        // What the tree's headers say about the layout.
        let (virtStart, virtSize, stackSize) = probe(options)
        options.base = virtStart
        options.script = XenLayout.script(stackSize: stackSize)
        s.manifest.linkAddress = virtStart

        // The context struct, and what the harness needs to know of it.
        let (_, layout) = try s.contextLayout(defines: config.defines)
        let m = s.manifest
        if m.hasContext {
            options.defines["HARNESS_CONTEXT"] = m.contextSymbol
            options.defines["HARNESS_CONTEXT_SIZE"] = String(max(layout.size, 1))
            options.defines["HARNESS_CONTEXT_ALIGN"] = String(max(layout.alignment, 1))
            if let params = SuspendHeader.saveParameters(in: s.files[m.structHeader] ?? "", save: m.saveSymbol), params.contains("*") {
                options.defines["HARNESS_PREPARE_TAKES_PTR"] = "1"
            }
        }

        let units = m.sources.map { name -> SourceUnit in
            let directory = name.hasPrefix("xen/") ? tree.url(name).deletingLastPathComponent() : nil
            return SourceUnit(name: name, bytes: Array(s.files[name]!.utf8), directory: directory)
        }
        // The offsets of the context struct (the explanations name them).
        let ownOffsets = m.hasContext ? offsets.filter { (expressions[$0.name] ?? "").contains("struct \(m.structName)") } : []
        return Prepared(scenario: s, units: units, options: options, layout: layout, offsets: ownOffsets,
                        unresolved: unresolved, virtSize: virtSize)
    }

    /// `#define NAME VALUE /* EXPRESSION */` lines of a generated asm-offsets.h.
    static func readHeader(_ text: String, file: String) -> ([AsmOffsets.Symbol], [String: String]) {
        var symbols: [AsmOffsets.Symbol] = []
        var expressions: [String: String] = [:]
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#define ") else { continue }
            let parts = t.dropFirst(8).split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            let text = parts.count >= 2 ? parts[1].lowercased() : ""
            guard let v = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16).map({ Int64(bitPattern: $0) }) : Int64(text) else { continue }
            symbols.append(AsmOffsets.Symbol(name: String(parts[0]), value: v, location: SourceLocation(file: file, line: k + 1, column: 1)))
            if parts.count == 3, let c0 = parts[2].range(of: "/*"), let c1 = parts[2].range(of: "*/") , c0.upperBound <= c1.lowerBound {
                expressions[String(parts[0])] = parts[2][c0.upperBound..<c1.lowerBound].trimmingCharacters(in: .whitespaces)
            }
        }
        return (symbols, expressions)
    }

    /// XEN_VIRT_START, XEN_VIRT_SIZE and STACK_SIZE as the tree's headers define them (Xen's
    /// values where they do not).
    func probe(_ options: AssemblerOptions) -> (UInt64, UInt64, UInt64) {
        let text = """
            #ifdef XEN_VIRT_START
            .quad XEN_VIRT_START
            #else
            .quad \(Self.defaultVirtStart)
            #endif
            #ifdef XEN_VIRT_SIZE
            .quad XEN_VIRT_SIZE
            #else
            .quad \(Self.defaultVirtSize)
            #endif
            #ifdef STACK_SIZE
            .quad STACK_SIZE
            #else
            .quad 32768
            #endif

            """
        var o = options
        o.base = 0
        guard let p = try? Assembler.link([SourceUnit(name: "<layout probe>", bytes: Array(text.utf8))], options: o), p.image.count >= 24 else {
            return (Self.defaultVirtStart, Self.defaultVirtSize, 32768)
        }
        func q(_ k: Int) -> UInt64 { (0..<8).reduce(UInt64(0)) { $0 | UInt64(p.image[8 * k + $1]) << (8 * $1) } }
        let stack = q(2)
        return (q(0), q(1), stack > 0 && stack & (stack - 1) == 0 && stack <= 1 << 20 ? stack : 32768)
    }

    /// An undefined symbol explained: an asm-offsets value SuspendScope could not compute, or a
    /// symbol the harness needs that the tree does not define.
    func explain(_ e: AssemblyError, unresolved: [AsmOffsets.Unresolved]) -> ScenarioError {
        guard e.message.hasPrefix("undefined"), let q0 = e.message.firstIndex(of: "'"),
              let q1 = e.message[e.message.index(after: q0)...].firstIndex(of: "'") else { return ScenarioError(e.report) }
        let name = String(e.message[e.message.index(after: q0)..<q1])
        if let u = unresolved.first(where: { $0.name == name }) {
            return ScenarioError("\(e.location): error: '\(name)' comes from asm-offsets.c, whose value SuspendScope could not compute: \(u.reason)\n\(u.location): note: '\(name)' is defined here")
        }
        if e.location.file.hasPrefix("harness/") {
            return ScenarioError("\(e.location): error: SuspendScope's Xen harness needs '\(name)' from the tree, which does not define it (as a global): expected it in \(XenTree.head) or \(XenTree.mmuHead)")
        }
        return ScenarioError(e.report + "\n\(e.location): note: neither the tree's head.S files nor SuspendScope's Xen harness define '\(name)' (the README's \"A Xen tree\" section lists what the harness provides)")
    }

    /// What Xen's linker script asserts about the image.
    func checkLayout(_ p: Program, virtStart: UInt64, virtSize: UInt64) throws {
        func sym(_ n: String) -> UInt64? { p.symbols.address(of: n) }
        guard let start = sym("start") else {
            throw ScenarioError("\(XenTree.head): error: the tree defines no global 'start': expected Xen's entry point, first in .text.header")
        }
        guard start == virtStart else {
            let at = p.symbols["start"]?.location.description ?? XenTree.head
            throw ScenarioError("\(at): error: 'start' is at 0x\(String(start, radix: 16)), not at XEN_VIRT_START (0x\(String(virtStart, radix: 16))): expected it first in .text.header, the first section of the image")
        }
        if let a = sym("_idmap_start"), let b = sym("_idmap_end"), b &- a > XenLayout.pageSize {
            throw ScenarioError("\(XenTree.head): error: Identity mapped code is larger than a page size: the idmap sections (.text.header, .text.idmap, .rodata.idmap, .data.idmap) take \(b - a) bytes, expected at most 4096 (the one page mapped 1:1 while the MMU goes on)")
        }
        if let a = sym("_start"), let b = sym("_end"), b &- a > virtSize {
            throw ScenarioError("\(XenTree.head): error: Xen is too big: the image takes \(b - a) bytes with .bss, expected at most XEN_VIRT_SIZE (\(virtSize))")
        }
    }

    /// The labels the suspend path's boundaries and checks stand on, in the tree's terms.
    func checkSymbols(_ p: Program) throws {
        let m = scenario.manifest
        if p.symbols[m.resumeSymbol] == nil {
            throw ScenarioError("\(XenTree.head): error: the tree defines no '\(m.resumeSymbol)': expected the system-suspend series' resume entry (CONFIG_SYSTEM_SUSPEND is \(p.symbols[m.saveSymbol] == nil ? "off, or the series is not applied" : "on"))")
        }
        if p.symbols[m.restoreSymbol] == nil {
            throw ScenarioError("\(XenTree.head): error: the tree defines no '\(m.restoreSymbol)': expected the label where hyp_resume restores the context once the MMU is on")
        }
        if m.hasContext, p.symbols[m.saveSymbol] == nil {
            throw ScenarioError("\(XenTree.suspendHeader): error: the header declares the context \(m.contextSymbol), but the tree's head.S defines no '\(m.saveSymbol)' to save it")
        }
    }
}
