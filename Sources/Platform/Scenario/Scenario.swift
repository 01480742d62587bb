import Foundation
import A64
import Assembler
import Machine

/// A scenario's folder, or a bad manifest / struct / program: bad input (exit 2). The message
/// names file:line:column where there is one.
public struct ScenarioError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// A scenario: its manifest and every file it needs (edits applied), by name.
public struct Scenario: Sendable {
    public var manifest: ScenarioManifest
    /// File name -> text: the sources, the struct header, asm-offsets.c and everything they
    /// include. Exporting writes exactly these plus the merged manifest.
    public var files: [String: String]
    /// Where it came from ("built-in v9", a folder path), for messages.
    public var origin: String
    /// Searched by `#include` after the scenario's own files (a bare program's directory).
    public var includeDirectory: URL?
    /// The folder a scenario was loaded from: the manifest's `include` and `preinclude` paths
    /// are relative to it.
    public var folder: URL?
    /// The Xen tree whose own head.S and mmu/head.S the program is (`Scenario.xen(tree:)`).
    public var xenTree: XenTree?

    /// A bare program checked as a scenario: the file is the whole program, linked and loaded
    /// at 0x40080000 (or `base`) and entered at `_start` (else its first instruction), with
    /// everything else from the built-in `v9` (its struct, symbols, firmware and integrity set).
    /// The program must define the symbols the checks look for (prepare_resume_ctx, hyp_resume,
    /// mmu_resumed, resume_cpu_context); a clear error names any that is missing.
    public static func bare(path: String, base: UInt64 = 0x4008_0000) throws -> Scenario {
        let url = URL(fileURLWithPath: path)
        let data = try ProgramLoader.readFile(path)
        let name = url.lastPathComponent
        let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        let hex = "0x" + String(base, radix: 16)
        let safe = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        let manifest = """
            name = "\(safe.isEmpty ? "program" : safe)"
            base = "v9"
            title = \(quoted)
            sources = [\(quoted)]
            entry = ""
            [memory]
            ram = { base = 0x40000000, size = 0x8000000 }
            load = \(hex)
            link = \(hex)
            """
        var s = try load(manifest: manifest, manifestPath: path, ownFiles: [name: String(decoding: data, as: UTF8.self)], origin: path)
        s.includeDirectory = url.deletingLastPathComponent()
        return s
    }

    public var name: String { manifest.name }

    /// Loads a folder holding `scenario.toml`. Files the folder lacks come from the base
    /// scenario (`base = "v9"`), whose edits then apply to them.
    public static func load(folder: URL) throws -> Scenario {
        let manifestURL = folder.appendingPathComponent("scenario.toml")
        guard FileManager.default.fileExists(atPath: manifestURL.path) else {
            throw ScenarioError("\(folder.path): no scenario.toml (expected a scenario folder, as `suspendscope scenarios export` writes)")
        }
        return try load(manifest: manifestURL)
    }

    /// Loads a scenario from its manifest file: the folder's scenario, or, with `xen = "PATH"`,
    /// the Xen tree at PATH (relative to the manifest's folder) with the manifest's overrides.
    public static func load(manifest manifestURL: URL) throws -> Scenario {
        let folder = manifestURL.deletingLastPathComponent()
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw ScenarioError("\(manifestURL.path): cannot read the manifest")
        }
        guard data.count <= 1 << 20 else { throw ScenarioError("\(manifestURL.path): larger than 1 MiB, not a scenario manifest") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError("\(manifestURL.path):1:1: error: the manifest is not UTF-8 text")
        }
        if let named = try xenPath(text, file: manifestURL.path) {
            let path = named.path.hasPrefix("/") ? named.path : folder.appendingPathComponent(named.path).path
            guard let tree = XenTree.at(path) else {
                throw ScenarioError("\(named.location): error: xen = \"\(named.path)\": \(URL(fileURLWithPath: path).appendingPathComponent(XenTree.head).path) does not exist: expected a Xen checkout (or its xen folder) with the arm64 boot code")
            }
            return try xen(tree: tree, overrides: (text, manifestURL.path), folder: folder)
        }
        var s = try load(manifest: text, manifestPath: manifestURL.path, ownFiles: try readFiles(folder), origin: folder.path)
        s.folder = folder
        return s
    }

    /// The manifest's `xen = "PATH"`, if it names a Xen tree.
    static func xenPath(_ text: String, file: String) throws -> (path: String, location: TOMLLocation)? {
        let table: TOMLTable
        do { table = try TOML.parse(text, file: file) } catch let e as TOMLError { throw ScenarioError(e.description) }
        guard let v = table["xen"] else { return nil }
        guard case .string(let p) = v.kind, !p.isEmpty else {
            throw ScenarioError(TOMLError(v.location, "xen must be the path of a Xen checkout (a string), found \(v.typeName)").description)
        }
        if let b = table["base"] { throw ScenarioError(TOMLError(b.location, "a scenario names either a base scenario or a Xen tree, not both").description) }
        return (p, v.location)
    }

    static func readFiles(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        // NAME.elf is the ELF `scenarios export` writes beside the sources (built from them).
        for n in names.sorted() where n != "scenario.toml" && !n.hasPrefix(".") && !n.hasSuffix(".elf") {
            let url = folder.appendingPathComponent(n)
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue,
                  let d = FileManager.default.contents(atPath: url.path) else { continue }
            guard d.count <= 4 << 20 else { throw ScenarioError("\(url.path): larger than 4 MiB, not a scenario file") }
            // Non-UTF-8 bytes reach the assembler, which reports where they are.
            files[n] = String(decoding: d, as: UTF8.self)
        }
        return files
    }

    static func load(manifest text: String, manifestPath: String, ownFiles: [String: String], origin: String,
                     depth: Int = 0) throws -> Scenario {
        var inherited: [String: String] = [:]
        let manifest: ScenarioManifest
        do {
            manifest = try ScenarioManifest.parse(text, file: manifestPath) { name, location in
                guard depth < 8 else { throw TOMLError(location, "base scenarios nested more than 8 deep") }
                guard let b = try BuiltinScenarios.scenario(named: name, depth: depth + 1) else {
                    throw TOMLError(location, "no built-in scenario '\(name)' (expected one of \(BuiltinScenarios.names.joined(separator: ", ")))")
                }
                inherited = b.files
                return b.manifest.table
            }
        } catch let e as TOMLError {
            throw ScenarioError(e.description)
        }
        var files = inherited
        var edited = Set<String>()
        for e in manifest.edits {
            guard ownFiles[e.file] == nil else { continue }   // the folder already holds the edited text
            guard let t = files[e.file] else {
                throw ScenarioError("\(e.location): error: [[edit]] of '\(e.file)': the base scenario has no such file")
            }
            let n = t.components(separatedBy: e.find).count - 1
            guard n == 1 else {
                throw ScenarioError("\(e.location): error: [[edit]] of '\(e.file)': the 'find' text occurs \(n) times, expected exactly once")
            }
            files[e.file] = t.replacingOccurrences(of: e.find, with: e.replace)
            edited.insert(e.file)
        }
        for (k, v) in ownFiles { files[k] = v }
        for s in manifest.sources where files[s] == nil {
            throw ScenarioError("\(manifestPath): error: source '\(s)' is not in the scenario folder\(manifest.table["base"] == nil ? "" : " nor its base")")
        }
        guard files[manifest.structHeader] != nil else {
            throw ScenarioError("\(manifestPath): error: struct header '\(manifest.structHeader)' is not in the scenario folder")
        }
        return Scenario(manifest: manifest, files: files, origin: origin, includeDirectory: nil)
    }

    /// Writes the scenario to `folder` (created if needed): every file plus the merged
    /// manifest, so that the folder loads on its own. Refuses to overwrite a different
    /// scenario's files: existing files are replaced only in a folder that holds this
    /// scenario's manifest or nothing.
    /// `manifestText`, when given, is written as scenario.toml instead of the merged manifest
    /// (an import writes its own, with the report in its header).
    public func export(to folder: URL, manifestText: String? = nil) throws {
        if let xenTree {
            throw ScenarioError("\(xenTree.root.path): a Xen tree is read in place, not exported: to change its settings, write a scenario.toml with xen = \"\(xenTree.root.path)\" and the keys to change (see the README's \"A Xen tree\")")
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw ScenarioError("\(folder.path): exists and is not a folder") }
            let existing = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            if !existing.isEmpty && !existing.contains("scenario.toml") {
                throw ScenarioError("\(folder.path): the folder is not empty and holds no scenario; choose a new folder")
            }
        } else {
            do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
                throw ScenarioError("\(folder.path): cannot create the folder: \(error.localizedDescription)")
            }
        }
        let header = "# Scenario '\(manifest.name)', exported by SuspendScope from \(origin).\n# Edit the files and load the folder back: suspendscope run|check \(folder.path)\n\n"
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            try ProgramLoader.writeAtomically(Data(text.utf8), to: folder.appendingPathComponent(name).path)
        }
        try ProgramLoader.writeAtomically(Data((manifestText ?? TOMLWriter.write(manifest.table, header: header)).utf8),
                                          to: folder.appendingPathComponent("scenario.toml").path)
    }

    // MARK: Building

    /// Parses the struct, generates asm-offsets and assembles the program.
    public func build() throws -> BuiltScenario {
        let m = manifest
        if let xenTree { return try XenBuild(scenario: self, tree: xenTree).build() }
        var defines: [String: String] = ["CONFIG_ARM_64": "1"]
        for (k, v) in m.config { defines[k] = v }
        let (layouts, layout) = try contextLayout(defines: defines)
        var virtual = files
        var offsets: [AsmOffsets.Symbol] = []
        if let ao = m.asmOffsets {
            guard let text = files[ao] else { throw ScenarioError("\(m.file): error: asm-offsets file '\(ao)' is not in the scenario") }
            do {
                var pp = files
                pp[ao] = nil
                offsets = try AsmOffsets.generate(source: Self.inline(text, files: pp), fileName: ao, defines: defines, structs: layouts)
            } catch let e as AssemblyError { throw ScenarioError(e.report) }
            virtual["asm/asm-offsets.h"] = AsmOffsets.header(offsets)
        }
        if m.hasContext {
            defines["CONTEXT_SYMBOL"] = m.contextSymbol
            defines["CONTEXT_SIZE"] = String(layout.size)
            defines["CONTEXT_ALIGN"] = String(layout.alignment)
        }
        let program: Program
        do {
            program = try Assembler.link(m.sources.map { SourceUnit(name: $0, bytes: Array(files[$0]!.utf8), directory: includeDirectory) },
                                         options: assemblerOptions(defines: defines, virtualFiles: virtual))
        } catch let e as AssemblyError { throw ScenarioError(e.report) }
        try check(program)
        return BuiltScenario(scenario: self, program: program, layout: layout, offsets: offsets,
                             sourceNotes: Self.sourceNotes(files))
    }

    /// The struct header's layouts, and the context struct's (empty when the code has none).
    func contextLayout(defines: [String: String]) throws -> (layouts: [CStructLayout], layout: CStructLayout) {
        let m = manifest
        let layouts: [CStructLayout]
        do {
            layouts = try CStructParser.parse(source: files[m.structHeader] ?? "", fileName: m.structHeader, defines: defines,
                                              virtualFiles: Self.headerStandIns.merging(files) { _, own in own })
        } catch let e as AssemblyError { throw ScenarioError(e.report) }
        if !m.hasContext {
            return (layouts, .empty(name: "", location: SourceLocation(file: m.structHeader, line: 1, column: 1)))
        }
        guard let l = layouts.first(where: { $0.name == m.structName }) else {
            throw ScenarioError("\(m.structHeader):1:1: error: no 'struct \(m.structName) { ... };' here (the manifest's [struct] name)")
        }
        return (layouts, l)
    }

    /// The symbols the platform and the checks look for are defined, and the image fits in RAM.
    func check(_ program: Program) throws {
        let m = manifest
        var needed = [("entry", m.entry.isEmpty ? m.saveSymbol : m.entry), ("[symbols] resume", m.resumeSymbol), ("[symbols] restore", m.restoreSymbol)]
        // Without a context struct there is nothing to save yet (v8-base): no save function either.
        if m.hasContext { needed += [("[symbols] save", m.saveSymbol), ("[struct] symbol", m.contextSymbol)] }
        for (what, sym) in needed where program.symbols[sym] == nil {
            throw ScenarioError("\(m.file): error: \(what) names '\(sym)', which the program does not define")
        }
        let end = program.sections.map { $0.address &+ $0.size }.max() ?? program.end
        let span = end &- m.linkAddress
        guard span <= m.ramSize, m.loadAddress &- m.ramBase <= m.ramSize &- span else {
            throw ScenarioError("\(m.file): error: the image (\(span) bytes with .bss) does not fit in RAM at load address 0x\(String(m.loadAddress, radix: 16))")
        }
    }

    /// How the scenario's sources are assembled: its files found by `#include` before the disk,
    /// the manifest's `include` directories (relative to the folder) and `preinclude` files.
    func assemblerOptions(defines: [String: String], virtualFiles: [String: String]) -> AssemblerOptions {
        let m = manifest
        func resolved(_ path: String) -> URL {
            if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
            return (folder ?? includeDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent(path)
        }
        let search = m.includeDirectories.map(resolved) + (includeDirectory.map { [$0] } ?? [])
        let pre = m.preincludes.map { virtualFiles[$0] != nil ? $0 : resolved($0).path }
        return AssemblerOptions(base: m.linkAddress, defines: defines, includeSearch: search, virtualFiles: virtualFiles, preincludes: pre)
    }

    /// Xen headers a context struct's header may include, stood in for: the types they define
    /// (`register_t`, `uint64_t`, ...) are built into the C struct reader. A scenario file of
    /// the same name takes precedence.
    static let headerStandIns: [String: String] = [
        "xen/types.h": "/* <xen/types.h>: register_t and the fixed-width types are built into SuspendScope's C struct reader. */\n",
    ]

    /// `#include "x"` of scenario files, resolved textually (asm-offsets.c includes the struct
    /// header; AsmOffsets only needs its text).
    static func inline(_ text: String, files: [String: String]) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("#include \""), let q = t.dropFirst(10).firstIndex(of: "\"") {
                let name = String(t.dropFirst(10)[..<q])
                if files[name] != nil { return "/* \(name) is parsed as the struct header */" }
            }
            return String(line)
        }.joined(separator: "\n")
    }
}

extension Scenario {
    /// "file:line" -> the text after `note:` in a `//` or `/* */` comment on that line, for every
    /// file of the scenario (worked out once, when it is built: the explainer asks every step).
    static func sourceNotes(_ files: [String: String]) -> [String: String] {
        var out: [String: String] = [:]
        for (name, text) in files where text.contains("note:") {
            for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard let r = line.range(of: "note:") else { continue }
                let before = line[..<r.lowerBound]
                guard before.contains("//") || before.contains("/*") else { continue }
                out["\(name):\(k + 1)"] = line[r.upperBound...].replacingOccurrences(of: "*/", with: "").trimmingCharacters(in: .whitespaces)
            }
        }
        return out
    }
}

/// A scenario assembled and ready to run.
public struct BuiltScenario: Sendable {
    public let scenario: Scenario
    public let program: Program
    /// The context struct as C lays it out.
    public let layout: CStructLayout
    /// The asm-offsets symbols (empty when the revision has none, like v8).
    public let offsets: [AsmOffsets.Symbol]
    /// "file:line" -> the author's `// note:` on that source line.
    public let sourceNotes: [String: String]

    public var manifest: ScenarioManifest { scenario.manifest }

    /// "struct cpu_context, 176 bytes", or "no context struct" (v8-base).
    public var contextSummary: String {
        manifest.hasContext ? "struct \(layout.name), \(layout.size) bytes" : "no context struct"
    }

    /// Physical address of a link-time (virtual) address of the image.
    public func physical(_ linkAddress: UInt64) -> UInt64 { linkAddress &- manifest.linkAddress &+ manifest.loadAddress }

    public func symbol(_ name: String) -> UInt64? { program.symbols.address(of: name) }

    /// The machine and platform in their state at entry: RAM, UART, PSCI firmware, the image
    /// at its load address, PC at the physical entry, the manifest's initial registers.
    public func makeBoard(policy: UnknownPolicy? = nil) -> Board {
        let m = manifest
        let memory = Memory()
        memory.addRAM(name: "ram", base: m.ramBase, size: m.ramSize)
        let uart = PL011()
        memory.addMMIO(name: "uart", base: m.uartBase, size: PL011.size, handler: uart)
        let entry = physical(m.entry.isEmpty ? program.entry : program.symbols.address(of: m.entry) ?? program.entry)
        let machine = Machine(memory: memory, entry: entry)
        guard machine.load(program.image, at: m.loadAddress) else {
            preconditionFailure("build() checked that the image fits in RAM")
        }
        for (r, v) in m.initialRegisters { machine.setRegister(r, v) }
        let board = Board(machine: machine, uart: uart, firmware: PSCIFirmware(deniesSuspend: m.deniesSuspend),
                          policy: policy ?? m.unknownPolicy, resetEntry: entry)
        board.resetRegisters = m.initialRegisters
        return board
    }
}
