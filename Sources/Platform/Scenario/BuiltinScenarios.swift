import Foundation

/// The scenarios that ship inside the package (resources under `Scenarios/`): the patch as
/// posted (`v8`), with the review applied (`v9`), plus CNTHCTL_EL2 (`v11`), and the bug
/// reproductions. Files every scenario shares live in `Scenarios/common`.
public enum BuiltinScenarios {
    static var root: URL? { Bundle.module.resourceURL?.appendingPathComponent("Scenarios") }

    /// The revisions first (v8-base, the code before patch 11/13, then v8, v9, v11), then the bug
    /// reproductions by name.
    public static var names: [String] {
        guard let root, let all = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        let scenarios = all.filter { FileManager.default.fileExists(atPath: root.appendingPathComponent($0).appendingPathComponent("scenario.toml").path) }
        let revisions = ["v8-base", "v8", "v9", "v11"].filter(scenarios.contains)
        return revisions + scenarios.filter { !revisions.contains($0) }.sorted()
    }

    /// The built-in scenario `name`, or nil if there is none.
    public static func scenario(named name: String) throws -> Scenario? {
        try scenario(named: name, depth: 0)
    }

    static func scenario(named name: String, depth: Int) throws -> Scenario? {
        guard let root, names.contains(name) else { return nil }
        let folder = root.appendingPathComponent(name)
        let manifestURL = folder.appendingPathComponent("scenario.toml")
        guard let data = FileManager.default.contents(atPath: manifestURL.path), let text = String(data: data, encoding: .utf8) else { return nil }
        var own = try Scenario.readFiles(folder)
        // A scenario without a base gets the shared files; one with a base inherits them.
        if !text.contains("\nbase = ") && !text.hasPrefix("base = ") {
            for (k, v) in try Scenario.readFiles(root.appendingPathComponent("common")) where own[k] == nil { own[k] = v }
        }
        return try Scenario.load(manifest: text, manifestPath: "\(name)/scenario.toml", ownFiles: own, origin: "built-in \(name)", depth: depth)
    }

    /// Resolves what the user named: a built-in scenario, a folder with `scenario.toml` (or the
    /// manifest itself), or a Xen tree (a checkout with `xen/arch/arm/arm64/head.S`).
    public static func resolve(_ argument: String) throws -> Scenario {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDir) {
            let url = URL(fileURLWithPath: argument)
            if !isDir.boolValue, url.pathExtension == "toml" {
                return try Scenario.load(manifest: url)
            }
            if isDir.boolValue {
                let hasManifest = FileManager.default.fileExists(atPath: url.appendingPathComponent("scenario.toml").path)
                if !hasManifest, let tree = XenTree.at(argument) { return try Scenario.xen(tree: tree) }
                if !hasManifest, let root = XenTree.looksLikeXen(argument) {
                    throw ScenarioError("\(root.appendingPathComponent(XenTree.head).path): no such file: expected a Xen checkout with the arm64 boot code (xen/arch/arm/arm64/head.S and mmu/head.S)")
                }
                return try Scenario.load(folder: url)
            }
        }
        if let s = try scenario(named: argument) { return s }
        throw ScenarioError("\(argument): no such scenario or folder (built-in scenarios: \(names.joined(separator: ", ")))")
    }
}
