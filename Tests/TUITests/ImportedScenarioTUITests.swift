import Foundation
import Testing
import TestSupport
@testable import TUI
import Platform

/// The TUI on the scenarios `import` works with: v8-base (no context struct: nothing to save,
/// the warm boot ends at mmu_resumed) and a folder written by `import`.
@Suite struct ImportedScenarioTUITests {
    @Test func v8BaseRunsToItsEndAndSaysThereIsNoContext() throws {
        let s = try #require(try BuiltinScenarios.scenario(named: "v8-base"))
        let app = App(built: try s.build())
        for _ in 0..<8 { app.handle(.key(.character("]"))) }
        #expect(app.run.detector.passed.map(\.name.rawValue) == ["psci-call", "power-off", "warm-boot", "mmu-on", "restore"])
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let text = app.render(width: w, height: h).text
            #expect(text.contains("mmu_resumed"), "\(w)x\(h)")
            #expect(text.contains("no context struct"), "\(w)x\(h)\n\(text)")
        }
    }

    @Test func anImportedFolderOpensLikeV8() throws {
        let path = try #require(ReviewEmail.v8ReviewPath)
        let set = try PatchParser.parse([UInt8](try #require(FileManager.default.contents(atPath: path))), file: path)
        let imported = try PatchImport.run(set, onto: try #require(try BuiltinScenarios.scenario(named: "v8-base")), name: "my-v8")
        let dir = try TemporaryDirectory(prefix: "tui-import")
        let folder = dir.url.appendingPathComponent("my-v8")
        try imported.write(to: folder)
        let mine = App(built: try Scenario.load(folder: folder).build())
        let v8 = App(built: try #require(try BuiltinScenarios.scenario(named: "v8")).build())
        for app in [mine, v8] { for _ in 0..<9 { app.handle(.key(.character("]"))) } }
        #expect(mine.run.detector.passed.map(\.step) == v8.run.detector.passed.map(\.step))
        let a = mine.render(width: 120, height: 40).text, b = v8.render(width: 120, height: 40).text
        #expect(a.contains("struct cpu_context"))
        // The same screen but the header row, which names each scenario.
        #expect(a.split(separator: "\n").dropFirst() == b.split(separator: "\n").dropFirst())
        #expect(a.hasPrefix(" my-v8 — "))
    }
}
