import ArgumentParser
import Foundation
import Platform

/// `suspendscope scenarios [list|export NAME DIR]`
struct ScenariosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenarios",
        abstract: "List the built-in scenarios, or export one to a folder to edit and load back.",
        subcommands: [List.self, Export.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in scenarios with their titles.")
        func run() throws {
            let width = (BuiltinScenarios.names.map(\.count).max() ?? 0) + 2
            for name in BuiltinScenarios.names {
                do {
                    let s = try BuiltinScenarios.scenario(named: name)
                    print(name.padding(toLength: width, withPad: " ", startingAt: 0) + (s?.manifest.title ?? ""))
                } catch {
                    throw CLIFailure.internalError("built-in scenario \(name): \(error)")
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a scenario's files (program, C struct, manifest) to a folder.",
            discussion: "The folder then loads like a built-in: suspendscope run DIR, suspendscope check DIR.")
        @Argument(help: "A built-in scenario name (see `scenarios list`) or a scenario folder.")
        var name: String
        @Argument(help: "The folder to write (created; an existing one must be empty or hold a scenario).")
        var directory: String
        @Flag(help: "Overwrite files in the folder that differ from the scenario's (your edits are lost).")
        var force = false

        func run() throws {
            let s = try ScenarioArgument.resolve(name)
            do { try s.export(to: URL(fileURLWithPath: directory), force: force) } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
            print("exported \(s.name) to \(directory): \(s.files.count + 1) files")
        }
    }
}
