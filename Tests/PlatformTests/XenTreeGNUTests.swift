import Foundation
import Testing
import Assembler
@testable import Platform
import TestSupport

/// A Xen tree's image as SuspendScope builds it, against the GNU tools given the same inputs:
/// each unit (the tree's head.S and mmu/head.S, the harness's two files) through the host cpp
/// with Xen's flags (`-D__XEN__ -include xen/include/xen/config.h -I...`) and the configuration
/// and generated headers SuspendScope used, `as` per unit, `ld -T` with Xen's layout as
/// `XenLayout` gives it, `objcopy -O binary`: the images are byte-identical and every symbol
/// nm lists is ours at the same address.
///
/// The CI tree is xen-mini, built and unbuilt. `SUSPENDSCOPE_XEN_TREE=/path/to/xen` adds a real
/// checkout (the series' v8 was checked this way: see the README).
@Suite struct XenTreeGNUTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CLITests/Fixtures")

    /// xen-mini copied to a temporary folder, with what a build writes when `built`.
    static func mini(built: Bool) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "xen-mini")
        let fm = FileManager.default
        try fm.removeItem(at: dir.url)
        try fm.copyItem(at: fixtures.appendingPathComponent("xen-mini"), to: dir.url)
        if built {
            let build = fixtures.appendingPathComponent("xen-mini-build")
            for case let rel as String in fm.enumerator(atPath: build.path)! where rel.hasPrefix("xen/") {
                var isDir: ObjCBool = false
                let src = build.appendingPathComponent(rel)
                guard fm.fileExists(atPath: src.path, isDirectory: &isDir), !isDir.boolValue else { continue }
                let dst = dir.url.appendingPathComponent(rel)
                try fm.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: src, to: dst)
            }
        }
        return dir
    }

    /// The GNU build of what SuspendScope prepared for the tree.
    static func gnu(_ tree: XenTree) throws -> (ours: Program, gnu: GNUToolchain.Build) {
        let scenario = try Scenario.xen(tree: tree)
        let prepared = try XenBuild(scenario: scenario, tree: tree).prepare()
        let ours = try scenario.build().program
        let tmp = try TemporaryDirectory(prefix: "xen-gnu")
        let vfs = tmp.url.appendingPathComponent("virtual")
        for (name, text) in prepared.options.virtualFiles {
            let url = vfs.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let prelude = tmp.url.appendingPathComponent("prelude.h")
        try PreprocessorPrelude.text.write(to: prelude, atomically: true, encoding: .utf8)
        var args = PreprocessorPrelude.predefinedArguments
        args += prepared.options.defines.sorted { $0.key < $1.key }.map { "-D\($0.key)=\($0.value)" }
        args += ["-I", vfs.path] + prepared.options.includeSearch.flatMap { ["-I", $0.path] }
        args += ["-include", prelude.path] + prepared.options.preincludes.flatMap { ["-include", $0] }
        var sources: [(name: String, text: String)] = []
        for unit in prepared.units {
            let file: URL
            if let d = unit.directory {
                file = d.appendingPathComponent((unit.name as NSString).lastPathComponent)
            } else {
                file = tmp.url.appendingPathComponent((unit.name as NSString).lastPathComponent)
                try Data(unit.bytes).write(to: file)
            }
            sources.append((unit.name, try GNUToolchain.preprocess(file, arguments: args)))
        }
        let script = prepared.options.script!.ldText(base: prepared.options.base, entry: "start")
        return (ours, try GNUToolchain.build(sources: sources, script: script))
    }

    static func compare(_ tree: XenTree) throws {
        let (ours, gnu) = try gnu(tree)
        #expect(ours.image.count == gnu.image.count)
        var difference = "none"
        if ours.image != gnu.image {
            let i = zip(ours.image, gnu.image).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(ours.image.count, gnu.image.count)
            let at = ours.base + UInt64(i)
            difference = "first difference at 0x\(String(at, radix: 16)) (\(ours.lineMap.location(at: at & ~3).map { "\($0)" } ?? "no source"))"
        }
        #expect(difference == "none")
        let theirs = try GNUToolchain.nm(gnu.elf).filter { !$0.0.hasPrefix("$") }
        func key(_ xs: [(String, UInt64)]) -> [String] { xs.map { "\($0.0)@\(String($0.1, radix: 16))" }.sorted() }
        let mine = key(ours.symbols.all.map { ($0.name, $0.address) })
        let gnuKeys = key(theirs)
        #expect(mine == gnuKeys, "only ours: \(Set(mine).subtracting(gnuKeys).sorted().prefix(8)); only GNU: \(Set(gnuKeys).subtracting(mine).sorted().prefix(8))")
    }

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)), arguments: [false, true])
    func theMiniTreeMatchesGNU(built: Bool) throws {
        let dir = try Self.mini(built: built)
        try Self.compare(XenTree(root: dir.url))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SUSPENDSCOPE_XEN_TREE"] != nil && ExternalTool.binutils.shouldRun,
                   "set SUSPENDSCOPE_XEN_TREE to a Xen checkout to compare it"))
    func aRealTreeMatchesGNU() throws {
        let path = ProcessInfo.processInfo.environment["SUSPENDSCOPE_XEN_TREE"]!
        guard let tree = XenTree.at(path) else { Issue.record("\(path) is not a Xen tree"); return }
        try Self.compare(tree)
    }
}
