import Foundation
import Assembler

/// A patch that does not fit the scenario: a hunk that does not apply, files that map
/// ambiguously, nothing to apply. Nothing is written (exit 1, as `patch` exits when hunks fail).
public struct ImportRefused: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String
    public init(_ d: String) { description = PatchText.escaped(d) }
}

/// `suspendscope import PATCH --onto SCENARIO -o DIR`: a posted patch applied to a scenario's
/// files, the way `patch` applies it to a tree, giving a new scenario.
///
/// Which file a patch path changes: the scenario's `[origin]` table says where each of its files
/// sits in Xen's tree (`"head.S" = "xen/arch/arm/arm64/head.S"`); a patch path that ends with
/// an origin (or that an origin ends with: `arch/arm/arm64/head.S`) changes that file. A file
/// without an origin takes the patch paths with its name (`.../boot.S` -> `boot.S`), if only one
/// does. Only `.S`, `.h` and `.c` files are applied; hunks for other files (Makefile, Kconfig)
/// and for sources the scenario does not have (a new `suspend.c`, `mmu/head.S`) are reported
/// and skipped; if nothing is left to apply, the import is refused.
///
/// After the hunks apply, the manifest follows the patched context-struct header the way the
/// C code would see it: `[struct]` becomes the struct of the header's `extern struct T name;`
/// when the one it named is gone (or there was none, as in v8-base), and the harness passes the
/// struct's address to the save function (`PREPARE_RESUME_CTX_TAKES_PTR`) exactly when its
/// prototype in the header takes a pointer. Notes move with their lines; the base's expected
/// findings are dropped (the new code has not been reviewed).
public struct PatchImport {
    /// The imported scenario, in memory (its manifest as the folder will hold it).
    public let scenario: Scenario
    /// What happened, file by file and hunk by hunk.
    public let report: [String]
    /// The manifest's text as written, with the report in its header comment.
    public let manifestText: String

    public static let sourceSuffixes = [".S", ".h", ".c"]

    public static func run(_ set: PatchSet, onto base: Scenario, name: String) throws -> PatchImport {
        if let tree = base.xenTree {
            throw ScenarioError("\(tree.root.path): a Xen tree is read in place, not copied into a scenario folder: apply the patch to the checkout (git am \(set.file)), then run it; nothing written")
        }
        let patchName = URL(fileURLWithPath: set.file).lastPathComponent
        var files = base.files
        var report: [String] = []
        var mapping: [String: String] = [:]       // scenario file -> patch path
        var lineMaps: [String: [Int: Int]] = [:]  // scenario file -> original line -> line now
        var applied = 0
        var skipped: [String] = []
        for f in set.files {
            let path = f.path
            guard sourceSuffixes.contains(where: { path.hasSuffix($0) }) else {
                report.append("\(path): not a .S, .h or .c file, ignored"); continue
            }
            if f.binary { report.append("\(path): a binary change, ignored"); continue }
            if f.hunks.isEmpty { report.append("\(path): no hunks (a mode change or a rename), ignored"); continue }
            guard let target = try target(for: path, in: base) else {
                report.append("\(path)\(f.creates ? " (a new file)" : ""): the scenario has no file for it, skipped (\(f.hunks.count) hunk\(f.hunks.count == 1 ? "" : "s"))")
                skipped.append(path)
                continue
            }
            if let other = mapping[target], other != path {
                throw ImportRefused("\(f.place): \(other) and \(path) both map to \(target) of \(base.origin); say which one it is in [origin] of its scenario.toml (\"\(target)\" = \"PATH\"); nothing written")
            }
            mapping[target] = path
            if f.creates {
                throw ImportRefused("\(f.place): the patch creates \(path), but the scenario already has \(target); nothing written")
            }
            let text = files[target] ?? ""
            let result: HunkApplier.Result
            do { result = try HunkApplier.apply(f.hunks, to: text) } catch {
                throw ImportRefused(describe(error, path: path, target: target) + "; nothing written")
            }
            if f.deletes && result.text.isEmpty { files[target] = nil } else { files[target] = result.text }
            lineMaps[target] = compose(lineMaps[target], result.lineMap)
            applied += f.hunks.count
            report.append("\(path) -> \(target): \(f.hunks.count) hunk\(f.hunks.count == 1 ? "" : "s")")
            for (a, h) in zip(result.applied, f.hunks) { report.append("  " + describe(a, h)) }
        }
        guard applied > 0 else {
            let what = skipped.isEmpty ? "" : " (skipped: \(skipped.joined(separator: ", ")))"
            throw ImportRefused("\(set.file): nothing to import onto \(base.origin): none of the patch's .S, .h or .c files is one of its files\(what); nothing written")
        }
        let subject = set.subject
        // Paths and subjects come from the patch: shown with control characters escaped.
        report = report.map(PatchText.escaped)
        var table = base.manifest.table
        func value(_ k: TOMLValue.Kind) -> TOMLValue { TOMLValue(kind: k, location: TOMLLocation(file: "<import>", line: 0, column: 0)) }
        table.set("name", value(.string(name)))
        table.set("title", value(.string(subject ?? "\(base.manifest.name) with \(patchName)")))
        table.set("description", value(.string("""
            \(base.manifest.name) (\(base.manifest.title)) with \(subject ?? "the patch") from \(patchName),
            applied by `suspendscope import`.
            """)))
        table = TOMLTable.without(table, ["expect"])
        table = followHeader(table, manifest: base.manifest, files: files, patched: mapping[base.manifest.structHeader] != nil, report: &report, value: value)
        if let notes = table["notes"], case .table(let nt) = notes.kind {
            var moved = TOMLTable(location: nt.location)
            for k in nt.keys {
                let parts = k.split(separator: ":")
                guard parts.count == 2, let line = Int(parts[1]) else { moved.set(k, nt[k]!); continue }
                let file = String(parts[0])
                guard let map = lineMaps[file] else { moved.set(k, nt[k]!); continue }
                if let now = map[line] { moved.set("\(file):\(now)", nt[k]!) } else { report.append(PatchText.escaped("note on \(k) dropped: the patch changed that line")) }
            }
            table.set("notes", TOMLValue(kind: .table(moved), location: notes.location))
        }
        var header = "# Scenario '\(name)': \(base.origin) with \(subject.map { "\"\($0)\"" } ?? "a patch") from \(PatchText.escaped(patchName)),\n"
        header += "# applied by `suspendscope import`:\n"
        for r in report { header += "#   " + r + "\n" }
        header += "# Run it: suspendscope run|check|tui FOLDER\n\n"
        let text = TOMLWriter.write(table, header: header)
        let scenario: Scenario
        do {
            scenario = try Scenario.load(manifest: text, manifestPath: "\(name)/scenario.toml", ownFiles: files, origin: "imported \(name)")
        } catch let e as ScenarioError {
            throw ImportRefused("the imported scenario's manifest does not load: \(e.description); nothing written")
        }
        return PatchImport(scenario: scenario, report: report, manifestText: text)
    }

    // MARK: Paths

    /// The scenario file a patch path changes, if any (see the type's comment).
    public static func target(for path: String, in s: Scenario) throws -> String? {
        let p = path.split(separator: "/")
        for (file, origin) in s.manifest.origins.sorted(by: { $0.key < $1.key }) where s.files[file] != nil {
            let o = origin.split(separator: "/")
            if p.count <= o.count ? o.suffix(p.count).elementsEqual(p) : p.suffix(o.count).elementsEqual(o) { return file }
        }
        guard let name = p.last.map(String.init) else { return nil }
        return s.files[name] != nil && s.manifest.origins[name] == nil ? name : nil
    }

    /// Old line -> new line through two patches of the same file.
    static func compose(_ first: [Int: Int]?, _ second: [Int: Int]) -> [Int: Int] {
        guard let first else { return second }
        var out: [Int: Int] = [:]
        for (o, m) in first { if let n = second[m] { out[o] = n } }
        return out
    }

    // MARK: The manifest follows the header

    static func followHeader(_ t: TOMLTable, manifest m: ScenarioManifest, files: [String: String], patched: Bool,
                             report: inout [String], value: (TOMLValue.Kind) -> TOMLValue) -> TOMLTable {
        guard patched || !m.hasContext, let text = files[m.structHeader] else { return t }
        var table = t
        var defines: [String: String] = ["CONFIG_ARM_64": "1"]
        for (k, v) in m.config { defines[k] = v }
        let layouts = (try? CStructParser.parse(source: text, fileName: m.structHeader, defines: defines,
                                                virtualFiles: Scenario.headerStandIns.merging(files) { _, own in own })) ?? []
        if !m.hasContext || !layouts.contains(where: { $0.name == m.structName }) {
            if let e = SuspendHeader.context(in: text, layouts: layouts), case .table(var st)? = table["struct"]?.kind {
                st.set("name", value(.string(e.structName)))
                st.set("symbol", value(.string(e.symbol)))
                table.set("struct", value(.table(st)))
                report.append("[struct] is now struct \(e.structName) (the global \(e.symbol)), as \(m.structHeader) declares it")
            }
        }
        if let params = SuspendHeader.saveParameters(in: text, save: m.saveSymbol),
           case .table(var config) = table["config"]?.kind ?? .table(TOMLTable(location: t.location)) {
            let takesPointer = params.contains("*")
            let had = config["PREPARE_RESUME_CTX_TAKES_PTR"] != nil
            if takesPointer && !had {
                config.set("PREPARE_RESUME_CTX_TAKES_PTR", value(.bool(true)))
                report.append("[config] PREPARE_RESUME_CTX_TAKES_PTR = true: the caller passes the context's address, as \(m.saveSymbol)(\(params)) takes it")
            } else if !takesPointer && had {
                config = TOMLTable.without(config, ["PREPARE_RESUME_CTX_TAKES_PTR"])
                report.append("[config] PREPARE_RESUME_CTX_TAKES_PTR removed: \(m.saveSymbol)(\(params.isEmpty ? "void" : params)) takes no pointer")
            }
            table.set("config", value(.table(config)))
        }
        return table
    }

    /// C text without its comments (so a commented-out declaration does not count).
    static func stripComments(_ s: String) -> String {
        var out = ""
        var it = Array(s.unicodeScalars)[...]
        while let c = it.first {
            if c == "/", it.dropFirst().first == "*" {
                it = it.dropFirst(2)
                while !it.isEmpty, !(it.first == "*" && it.dropFirst().first == "/") { it = it.dropFirst() }
                it = it.dropFirst(2); out += " "
            } else if c == "/", it.dropFirst().first == "/" {
                while let d = it.first, d != "\n" { it = it.dropFirst() }
            } else { out.unicodeScalars.append(c); it = it.dropFirst() }
        }
        return out
    }

    /// The capture groups of every match.
    static func matches(of pattern: String, in s: String) -> [[String]] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        let ns = s as NSString
        return re.matches(in: s, range: NSRange(location: 0, length: ns.length)).map { m in
            (1..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    // MARK: Messages

    static func describe(_ a: HunkApplier.Applied, _ h: PatchHunk) -> String {
        var s = "hunk #\(a.index) \(shortHeader(h)) applied at line \(a.line)"
        if a.offset != 0 { s += " (offset \(a.offset) line\(abs(a.offset) == 1 ? "" : "s"))" }
        if a.fuzz > 0 { s += " with fuzz \(a.fuzz)" }
        if a.whitespaceDiffers { s += ", whitespace inside lines differs" }
        if h.joinedWraps > 0 { s += "; \(h.joinedWraps) line\(h.joinedWraps == 1 ? "" : "s") the mail client wrapped, joined" }
        return s
    }

    static func describe(_ f: HunkApplier.Failure, path: String, target: String) -> String {
        let shown: (String) -> String = { "`" + Self.visible($0) + "`" }
        var s = "\(f.hunk.place): hunk #\(f.index) of \(path) (\(shortHeader(f.hunk))) does not apply to \(target): "
        if f.gaveUp {
            return s + "it was searched for through \(HunkApplier.comparisonBudget) line comparisons without a match (the hunks are far from the lines they name, or \(target) is not the file they were made for)"
        }
        if f.matched == 0 {
            s += "its first line \(shown(f.expected.text)) (\(f.expected.place)) is nowhere in \(target)"
            if f.after > 0 { s += " after line \(f.after), where the hunk before it ends" }
            return s
        }
        s += "its first \(f.matched) line\(f.matched == 1 ? "" : "s") match at \(target):\(f.line), but the next, \(shown(f.expected.text)) (\(f.expected.place)), does not: "
        s += f.found.map { "line \(f.foundLine) is \(shown($0))" } ?? "the file ends at line \(f.foundLine - 1)"
        return s
    }

    static func shortHeader(_ h: PatchHunk) -> String { "@@ -\(h.oldStart),\(h.oldCount) +\(h.newStart),\(h.newCount) @@" }

    /// A line for a message: control characters escaped, long lines cut.
    static func visible(_ s: String) -> String {
        let cut = s.unicodeScalars.count > 100 ? String(String.UnicodeScalarView(s.unicodeScalars.prefix(100))) + "…" : s
        return PatchText.escaped(cut)
    }

    // MARK: Writing

    /// Writes the imported scenario to `folder`, which must not exist or be empty: every file
    /// goes into a new folder beside it first, which is then renamed into place, so a failed
    /// import leaves nothing behind and never touches a folder that holds anything.
    public func write(to folder: URL) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            guard isDir.boolValue, ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? ["?"]).isEmpty else {
                throw ScenarioError("\(folder.path): exists and is not an empty folder; choose a new folder (nothing was written)")
            }
        }
        let parent = folder.deletingLastPathComponent()
        do { try fm.createDirectory(at: parent, withIntermediateDirectories: true) } catch {
            throw ScenarioError("\(parent.path): cannot create the folder: \(error.localizedDescription) (nothing was written)")
        }
        let tmp = parent.appendingPathComponent(".\(folder.lastPathComponent).import-\(getpid())")
        try? fm.removeItem(at: tmp)
        do {
            try scenario.export(to: tmp, manifestText: manifestText)
            guard rename(tmp.path, folder.path) == 0 else {
                throw ScenarioError("\(folder.path): cannot create the folder: \(String(cString: strerror(errno))) (nothing was written)")
            }
        } catch {
            try? fm.removeItem(at: tmp)
            if let e = error as? ScenarioError { throw e }
            throw ScenarioError("\(folder.path): cannot write the scenario: \(error) (nothing was written)")
        }
    }
}
