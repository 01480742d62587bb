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
            abstract: "Write a scenario's files (program, C struct, manifest) and NAME.elf to a folder.",
            discussion: """
                The folder then loads like a built-in: suspendscope run DIR, suspendscope check DIR.
                NAME.elf holds the image with its symbols and a DWARF line table naming the sources
                beside it, for gdb, lldb and objdump (gdb-multiarch DIR/NAME.elf).
                """)
        @Argument(help: "A built-in scenario name (see `scenarios list`) or a scenario folder.")
        var name: String
        @Argument(help: "The folder to write (created; an existing one must be empty or hold a scenario).")
        var directory: String

        func run() throws {
            let s = try ScenarioArgument.resolve(name)
            let folder = URL(fileURLWithPath: directory)
            do { try s.export(to: folder) } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
            print("exported \(s.name) to \(directory): \(s.files.count + 1) files")
            // The ELF with symbols and line tables, for gdb/lldb/objdump (its line table names the
            // sources just written).
            do {
                let elf = try ScenarioELF.write(try s.build(), to: folder, writeSources: false)
                print("wrote \(elf.lastPathComponent): symbols and DWARF line table for gdb, lldb and objdump")
            } catch let e as ScenarioError {
                print("no ELF: the scenario does not build: \(e.description)")
            } catch {
                throw CLIFailure.badInput("\(error)")
            }
        }
    }
}
