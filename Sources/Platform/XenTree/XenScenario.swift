import Foundation
import Assembler

extension Scenario {
    /// Where the harness's files appear in messages, the line map and the TUI.
    static let harnessSources = ["harness/setup.S", "harness/suspend.S"]

    /// Keys a `scenario.toml` with `xen = "PATH"` may set: the rest comes from the tree.
    static let xenOverridableKeys = ["name", "title", "description", "xen", "memory", "config", "initial", "firmware",
                                     "integrity", "checks", "expect", "notes"]

    /// A Xen tree as a scenario: the tree's `head.S` and `mmu/head.S` with SuspendScope's harness
    /// (`XenBuild` builds it), the context struct as the tree's `suspend.h` declares it, QEMU
    /// virt's memory map, the UART where the configuration puts it. `overrides` is the text of a
    /// `scenario.toml` naming the tree (`xen = "PATH"`), merged over that: its `[config]`
    /// changes the tree's configuration, the other keys what they change in any scenario.
    public static func xen(tree: XenTree, overrides: (text: String, path: String)? = nil, folder: URL? = nil) throws -> Scenario {
        _ = try tree.read(XenTree.mmuHead, expected: "SuspendScope runs the MMU build of Xen's arm64 boot code: head.S and mmu/head.S")
        _ = try tree.read(XenTree.configHeader, expected: "Xen's build includes it before every source (-include xen/include/xen/config.h)")
        var files: [String: String] = [:]
        for f in [XenTree.head, XenTree.mmuHead] { files[f] = try tree.read(f, expected: "a source of Xen's arm64 boot code") }
        files[XenTree.suspendHeader] = tree.has(XenTree.suspendHeader) ? try tree.read(XenTree.suspendHeader, expected: "") : ""
        for (k, name) in harnessSources.enumerated() { files[name] = try XenBuild.harness(k) }

        // The context, as suspend.h declares it (with the configuration its #ifdefs see).
        var ownTable: TOMLTable? = nil
        if let o = overrides {
            do { ownTable = try TOML.parse(o.text, file: o.path) } catch let e as TOMLError { throw ScenarioError(e.description) }
        }
        let config = try XenBuild.configuration(tree, overrides: ownTable?["config"])
        let layouts = (try? CStructParser.parse(source: files[XenTree.suspendHeader]!, fileName: XenTree.suspendHeader,
                                                defines: config.defines, virtualFiles: headerStandIns)) ?? []
        let context = SuspendHeader.context(in: files[XenTree.suspendHeader]!, layouts: layouts)
        let uart = config.isSet("CONFIG_EARLY_PRINTK") ? config.integer("CONFIG_EARLY_UART_BASE_ADDRESS") ?? PL011.defaultBase : PL011.defaultBase
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        let base = tree.root.lastPathComponent
        var name = String(base.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
        if !name.lowercased().hasPrefix("xen") { name = "xen-" + name }
        let sources = [XenTree.head, XenTree.mmuHead] + harnessSources
        let generated = """
            name = \(q(name))
            title = \(q("Xen tree " + tree.root.path))
            description = \(q("The tree's own xen/arch/arm/arm64/head.S and mmu/head.S, preprocessed and assembled as Xen's build does (\(config.origin)), linked by Xen's layout with SuspendScope's harness standing in for the C from start_xen to system_suspend()."))
            sources = [\(sources.map(q).joined(separator: ", "))]
            entry = "start"
            [struct]
            header = \(q(XenTree.suspendHeader))
            name = \(q(context?.structName ?? ""))
            symbol = \(q(context?.symbol ?? ""))
            [symbols]
            save = "prepare_resume_ctx"
            resume = "hyp_resume"
            restore = "mmu_resumed"
            [memory]
            ram = { base = 0x40000000, size = 0x8000000 }
            uart = 0x\(String(uart, radix: 16))
            load = 0x40200000
            link = 0x\(String(XenBuild.defaultVirtStart, radix: 16))
            [firmware]
            system-suspend = "accept"
            unknown = "poison"
            [integrity]
            registers = ["x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp"]
            [origin]
            \(files.keys.filter { $0.hasPrefix("xen/") }.sorted().map { "\(q($0)) = \(q($0))" }.joined(separator: "\n"))
            """
        let generatedManifest: ScenarioManifest
        do {
            generatedManifest = try ScenarioManifest.parse(generated, file: "\(tree.root.path) (SuspendScope's Xen scenario)") { _, _ in TOMLTable(location: TOMLLocation(file: "", line: 1, column: 1)) }
        } catch let e as TOMLError { throw ScenarioError(e.description) }
        var manifest = generatedManifest
        if let o = overrides, let own = ownTable {
            for k in own.keys where !xenOverridableKeys.contains(k) {
                throw ScenarioError(TOMLError(own[k]!.location, "'\(k)' cannot be set for a Xen tree: SuspendScope assembles the tree's head.S and mmu/head.S with its harness, and reads the context from suspend.h (expected only \(xenOverridableKeys.joined(separator: ", ")))").description)
            }
            if case .table(let mem)? = own["memory"]?.kind {
                for k in mem.keys where k != "ram" && k != "load" {
                    throw ScenarioError(TOMLError(mem[k]!.location, "[memory] \(k) cannot be set for a Xen tree: \(k == "uart" ? "the UART is where CONFIG_EARLY_UART_BASE_ADDRESS puts it" : "Xen is linked at XEN_VIRT_START") (expected ram or load)").description)
                }
            }
            do {
                // The tree's table is the base the file's keys merge over, as `base = "v9"` does.
                manifest = try ScenarioManifest.parse(o.text, file: o.path, xenBase: generatedManifest.table)
            } catch let e as TOMLError { throw ScenarioError(e.description) }
        }
        var s = Scenario(manifest: manifest, files: files, origin: tree.root.path, includeDirectory: nil)
        s.folder = folder
        s.xenTree = tree
        return s
    }
}
