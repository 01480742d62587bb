import Foundation

/// Where themes are found, from any working directory: `./themes` (a project's own), then
/// `$XDG_CONFIG_HOME/suspendscope/themes` (the user's; ~/.config when XDG_CONFIG_HOME is unset),
/// then the themes shipped inside the package (default, light, high-contrast, mono). The first
/// folder holding NAME.toml wins, so a user's `default.toml` replaces the shipped one.
public struct ThemeCatalog {
    public var directories: [URL]
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.environment = environment
        var dirs = [URL(fileURLWithPath: currentDirectory).appendingPathComponent("themes"),
                    UserConfig.directory(environment: environment).appendingPathComponent("themes")]
        if let shipped = Self.shipped { dirs.append(shipped) }
        directories = dirs
    }

    /// The package's own themes (resources of the TUI target).
    public static var shipped: URL? { Bundle.module.resourceURL?.appendingPathComponent("Themes") }

    /// Every theme name found, sorted.
    public var available: [String] {
        var names = Set<String>()
        for d in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []
            for f in files where f.hasSuffix(".toml") && !f.hasPrefix(".") { names.insert(String(f.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The file NAME.toml would be read from, if any.
    public func file(named name: String) -> URL? {
        guard !name.isEmpty, !name.contains("/"), !name.hasPrefix(".") else { return nil }
        return directories.map { $0.appendingPathComponent(name + ".toml") }.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Loads theme NAME. NO_COLOR set means mono unless the theme was asked for explicitly
    /// (`--theme`, `:theme`: a user's own choice wins, as no-color.org asks). An unknown name or
    /// a bad file gives the default theme and the message to show (an unknown name lists the
    /// themes there are).
    public func load(named name: String, explicit: Bool = false) -> (Theme, String?) {
        if !explicit, environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return (.mono, nil) }
        guard let url = file(named: name) else {
            if name == "default" { return (.default, nil) }
            return (.default, "no theme '\(Self.shown(name))': available themes are \(available.joined(separator: ", ")) (from ./themes, \(UserConfig.shortened(UserConfig.directory(environment: environment).appendingPathComponent("themes").path, environment: environment)) and the shipped ones); using the default theme")
        }
        var env = environment
        if explicit { env["NO_COLOR"] = nil }
        return Theme.load(named: name, searching: [url.deletingLastPathComponent()], environment: env)
    }

    /// A name from the command line with control characters escaped.
    static func shown(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if u.value < 0x20 || (u.value >= 0x7f && u.value < 0xa0) { out += "\\u{\(String(u.value, radix: 16))}" } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
