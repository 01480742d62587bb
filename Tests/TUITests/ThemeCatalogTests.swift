import Foundation
import Testing
@testable import TUI
import Platform

/// Themes are found from any working directory: ./themes, then the user's folder, then the
/// package's own; unknown names list what there is; an explicit choice beats NO_COLOR.
@Suite struct ThemeCatalogTests {
    final class Folders {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-themes-\(UUID().uuidString)")
        var cwd: URL { root.appendingPathComponent("work") }
        var config: URL { root.appendingPathComponent("config") }
        init() throws {
            try FileManager.default.createDirectory(at: cwd.appendingPathComponent("themes"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: config.appendingPathComponent("suspendscope/themes"), withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: root) }
        func catalog(_ env: [String: String] = [:]) -> ThemeCatalog {
            ThemeCatalog(environment: ["XDG_CONFIG_HOME": config.path, "HOME": root.path].merging(env) { $1 }, currentDirectory: cwd.path)
        }
    }

    @Test func shippedThemesFromAnyFolder() throws {
        let f = try Folders()
        let c = f.catalog()
        #expect(c.available == ["default", "high-contrast", "light", "mono"])
        for name in c.available {
            let (t, problem) = c.load(named: name)
            #expect(problem == nil && t.name == name, "\(name): \(problem ?? "")")
        }
        #expect(ThemeCatalog.shipped.map { FileManager.default.fileExists(atPath: $0.appendingPathComponent("light.toml").path) } == true)
    }

    @Test func userAndProjectThemesComeFirst() throws {
        let f = try Folders()
        try "name = \"mine\"\n[roles]\nfocus = { fg = \"red\" }\n".write(to: f.config.appendingPathComponent("suspendscope/themes/mine.toml"), atomically: true, encoding: .utf8)
        try "name = \"light\"\n[roles]\nfocus = { fg = \"blue\" }\n".write(to: f.cwd.appendingPathComponent("themes/light.toml"), atomically: true, encoding: .utf8)
        let c = f.catalog()
        #expect(c.available == ["default", "high-contrast", "light", "mine", "mono"])
        #expect(c.load(named: "mine").0.style(.focus).foreground == .indexed(1))
        #expect(c.load(named: "light").0.style(.focus).foreground == .indexed(4))      // ./themes wins
        // ~/.config when XDG_CONFIG_HOME is unset.
        let home = ThemeCatalog(environment: ["HOME": "/h"], currentDirectory: "/w")
        #expect(home.directories.map(\.path).prefix(2) == ["/w/themes", "/h/.config/suspendscope/themes"])
    }

    @Test func unknownNamesListWhatThereIs() throws {
        let f = try Folders()
        let (t, problem) = f.catalog().load(named: "nosuch")
        #expect(t == .default)
        #expect(problem?.hasPrefix("no theme 'nosuch': available themes are default, high-contrast, light, mono (from ./themes, ") == true, "\(problem ?? "")")
        #expect(f.catalog().load(named: "../etc/passwd").1?.hasPrefix("no theme") == true)
        #expect(f.catalog().load(named: "\u{1b}[2J").1?.contains("\\u{1b}") == true)
    }

    @Test func noColorUnlessAThemeIsChosen() throws {
        let f = try Folders()
        let c = f.catalog(["NO_COLOR": "1"])
        #expect(c.load(named: "default").0 == .mono)
        #expect(c.load(named: "light", explicit: true).0.name == "light")
    }

    /// `--theme light` is what the app shows, also with a loaded session (whose view says
    /// "default"): the theme given wins.
    @Test func theGivenThemeIsTheOneShown() throws {
        let built = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        let light = try ScreenSnapshotTests.theme("light")
        let app = App(built: built, theme: light)
        #expect(app.theme.name == "light")
        #expect(app.session.view.theme == "light")
    }
}
