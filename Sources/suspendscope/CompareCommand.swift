import ArgumentParser
import Foundation
import Platform

/// `suspendscope compare A B [--review FILE]`
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Show two revisions' save and restore code side by side, aligned through the struct.",
        discussion: """
            Rows pair the instructions that save (or restore) the same register in each revision, with
            the struct field and offset they use; then both struct layouts and what changed. With
            --review, a mailing-list reply (quoted diff lines with '>' prefixes and the reviewer's
            remarks between them) marks the lines it quotes [R1], [R2], ... and lists the remarks.
            """)

    @Argument(help: "The first revision: a scenario name or folder (e.g. v8).")
    var first: String
    @Argument(help: "The second revision (e.g. v9).")
    var second: String
    @Option(help: "A review email (a reply quoting the patch) to show next to the lines it quotes.")
    var review: String?
    func run() throws {
        let a: BuiltScenario, b: BuiltScenario
        do {
            a = try ScenarioArgument.resolve(first).build()
            b = try ScenarioArgument.resolve(second).build()
        } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
        var email: ReviewEmail?
        if let review {
            let data = try ProgramLoader.readFile(review)
            email = ReviewEmail(text: String(decoding: data, as: UTF8.self))
            if email?.remarks.isEmpty == true {
                FileHandle.standardError.write(Data("warning: \(review): no remarks found (expected '>'-quoted patch lines with the reviewer's text between them)\n".utf8))
            }
        }
        print(RevisionComparison(a, b, review: email).text())
    }
}
