import ArgumentParser
import Foundation
import Platform
import TUI

/// `suspendscope export-walkthrough SCENARIO -o DIR`
struct ExportWalkthroughCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-walkthrough",
        abstract: "Write the screen at every boundary of a scenario as HTML pages (one per boundary, plus index.html).")

    @Argument(help: "A scenario name or folder (default v9).")
    var scenario: String = "v9"
    @Option(name: .shortAndLong, help: "The folder to write (created if needed).")
    var output: String
    @Option(help: "Theme for the colours.")
    var theme: String = "default"
    @Option(help: "Screen width in columns (at 200x60 nothing on the pages is cut).")
    var width: Int = 200
    @Option(help: "Screen height in rows.")
    var height: Int = 60

    func run() throws {
        guard (80...400).contains(width), (24...200).contains(height) else {
            throw CLIFailure.badInput("--width/--height \(width)x\(height): expected at least 80x24 and at most 400x200")
        }
        let built: BuiltScenario
        do { built = try ScenarioArgument.resolve(scenario).build() } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
        let (t, problem) = ThemeCatalog().load(named: theme, explicit: true)
        if let problem { FileHandle.standardError.write(Data("warning: \(problem)\n".utf8)) }
        let pages = Walkthrough.pages(built: built, theme: t, width: width, height: height)
        let dir = URL(fileURLWithPath: output)
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) } catch {
            throw CLIFailure.badInput("\(output): cannot create the folder: \(error.localizedDescription)")
        }
        for p in pages { try ProgramLoader.writeAtomically(Data(p.html.utf8), to: dir.appendingPathComponent(p.file).path) }
        try ProgramLoader.writeAtomically(Data(Walkthrough.index(scenario: built.manifest.name, pages: pages).utf8),
                                          to: dir.appendingPathComponent("index.html").path)
        print("wrote \(pages.count) pages and index.html to \(output)")
    }
}
