import Foundation

/// A developer's Xen source tree (SPEC §8): a checkout recognised by its
/// `xen/arch/arm/arm64/head.S`. `Scenario.xen(tree:)` turns it into a scenario whose program is
/// the tree's own `head.S` and `mmu/head.S`, preprocessed and assembled as Xen's build does,
/// with SuspendScope's harness standing in for the C (`XenBuild`).
public struct XenTree: Sendable, Equatable {
    /// The checkout: the folder holding `xen/`.
    public let root: URL

    public static let head = "xen/arch/arm/arm64/head.S"
    public static let mmuHead = "xen/arch/arm/arm64/mmu/head.S"
    public static let suspendHeader = "xen/arch/arm/include/asm/suspend.h"
    public static let asmOffsetsSource = "xen/arch/arm/arm64/asm-offsets.c"
    public static let configHeader = "xen/include/xen/config.h"
    /// What a build of the tree generates (in the tree: SuspendScope reads in-tree builds).
    public static let autoconf = "xen/include/generated/autoconf.h"
    public static let asmOffsetsHeader = "xen/arch/arm/include/asm/asm-offsets.h"
    public static let genericWrappers = "xen/arch/arm/include/generated/asm"
    public static let genericList = "xen/arch/arm/include/asm/Makefile"
    /// Xen's `-I` directories (Makefile: `-I$(srctree)/include -I$(srctree)/arch/$(SRCARCH)/include`
    /// and the generated asm-generic wrappers).
    public static let includeDirectories = ["xen/include", "xen/arch/arm/include", "xen/arch/arm/include/generated"]

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// The tree at `path`: the checkout, or its `xen` folder. Nil when neither holds
    /// `xen/arch/arm/arm64/head.S`.
    public static func at(_ path: String) -> XenTree? {
        let url = URL(fileURLWithPath: path)
        if isFile(url.appendingPathComponent(head)) { return XenTree(root: url) }
        if url.lastPathComponent == "xen", isFile(url.appendingPathComponent("arch/arm/arm64/head.S")) {
            return XenTree(root: url.deletingLastPathComponent())
        }
        return nil
    }

    /// Whether `path` looks like a Xen checkout (or its `xen` folder) without being one SuspendScope
    /// can run: the message then names the file it lacks.
    public static func looksLikeXen(_ path: String) -> URL? {
        let url = URL(fileURLWithPath: path)
        for candidate in [url, url.deletingLastPathComponent()] {
            let x = candidate.appendingPathComponent("xen")
            if isFile(x.appendingPathComponent("Rules.mk")) || isDirectory(x.appendingPathComponent("arch/arm"))
                || isFile(x.appendingPathComponent("include/xen/config.h")) {
                return candidate
            }
        }
        return nil
    }

    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }
    public func has(_ relative: String) -> Bool { Self.isFile(url(relative)) }

    /// Reads a file of the tree, or says which one is missing and what was expected.
    public func read(_ relative: String, expected: String) throws -> String {
        let u = url(relative)
        guard Self.isFile(u) else { throw ScenarioError("\(u.path): no such file: \(expected)") }
        guard let d = FileManager.default.contents(atPath: u.path) else { throw ScenarioError("\(u.path): cannot read the file") }
        guard d.count <= 4 << 20 else { throw ScenarioError("\(u.path): larger than 4 MiB, not a source file of Xen") }
        return String(decoding: d, as: UTF8.self)
    }

    /// Whether the tree has been built in place (its generated headers are there).
    public var isBuilt: Bool { has(Self.autoconf) }

    static func isFile(_ u: URL) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: u.path, isDirectory: &d) && !d.boolValue
    }

    static func isDirectory(_ u: URL) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: u.path, isDirectory: &d) && d.boolValue
    }

    /// The asm-generic wrappers Xen's build writes in `arch/arm/include/generated/asm` (one per
    /// `generic-y` of `arch/arm/include/asm/Makefile`), for a tree not built yet.
    func genericWrappers() -> [String: String] {
        guard !Self.isDirectory(url(Self.genericWrappers)), let list = try? read(Self.genericList, expected: "") else { return [:] }
        var out: [String: String] = [:]
        for line in list.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("generic-y"), let eq = t.firstIndex(of: "=") else { continue }
            let name = t[t.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard name.hasSuffix(".h"), !name.contains(" "), !has("xen/arch/arm/include/asm/" + name) else { continue }
            let guardName = "ARM_GENERIC_" + name.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
            out["asm/" + name] = "#ifndef \(guardName)\n#define \(guardName)\n#include <asm-generic/\(name)>\n#endif /* \(guardName) */\n"
        }
        return out
    }
}
