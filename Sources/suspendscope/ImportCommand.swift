import ArgumentParser
import Foundation
import Platform

/// `suspendscope import PATCH --onto SCENARIO|DIR -o DIR`
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Apply a posted patch (format-patch, mbox, email, or a review reply quoting it) to a scenario, as a new scenario folder.",
        discussion: """
            The hunks for .S, .h and .c files apply to the scenario's files by context, as `patch`
            applies them (offset and fuzz are reported per hunk). The scenario's [origin] table
            says which Xen path each of its files is (head.S = xen/arch/arm/arm64/head.S, ...);
            a file without one takes the patch paths with its name. Hunks for other files, or for
            files the scenario does not have, are reported and skipped. The folder is written only
            if every hunk for the scenario's files applies.
            Example: suspendscope import review.eml --onto v8-base -o my-v8
            Exit status: 0 imported, 1 a hunk does not apply (nothing written) or the imported
            scenario does not build, 2 bad input (an unreadable or malformed patch, an unknown
            scenario, a folder that is not empty).
            """)

    @Argument(help: "The patch: a git format-patch file, an mbox, an email (.eml) or a reply quoting the patch.")
    var patch: String

    @Option(name: .customLong("onto"), help: "The scenario to apply it to: a built-in name (v8-base, v8, v9, ...) or a scenario folder.")
    var onto: String

    @Option(name: .customShort("o"), help: "The folder to write the new scenario to (must not exist, or be empty).")
    var output: String

    func run() throws {
        let bytes = [UInt8](try ProgramLoader.readFile(patch))
        let set: PatchSet
        do { set = try PatchParser.parse(bytes, file: patch) } catch let e as PatchError { throw CLIFailure.badInput(e.description) }
        let base = try ScenarioArgument.resolve(onto)
        let folder = URL(fileURLWithPath: output)
        let safe = String(folder.lastPathComponent.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "-" })
        let imported: PatchImport
        do {
            imported = try PatchImport.run(set, onto: base, name: safe.isEmpty || safe.allSatisfy({ $0 == "." }) ? "imported" : safe)
        } catch let e as ImportRefused {
            throw CLIFailure(code: 1, message: e.description)
        }
        do { try imported.write(to: folder) } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
        print("imported \(set.subject.map { "\"\($0)\"" } ?? set.file) onto \(base.origin):")
        for line in imported.report { print("  " + line) }
        do {
            _ = try imported.scenario.build()
        } catch let e as ScenarioError {
            print("wrote \(output) (\(imported.scenario.files.count + 1) files), but it does not build yet:")
            throw CLIFailure(code: 1, message: e.description)
        }
        print("wrote \(output) (\(imported.scenario.files.count + 1) files); run it: suspendscope run \(output), suspendscope check \(output)")
    }
}
