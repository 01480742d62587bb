import ArgumentParser
import Foundation
import Platform

/// `suspendscope check [SCENARIO|DIR] [--json]`
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run the integrity and static checks on a scenario; exit 1 on findings.",
        discussion: """
            The integrity check runs the suspend path and compares x19..x30, sp and every EL2
            register the architecture loses at power-off that was set before suspend with what the
            caller gets back (less those [integrity] ignore declares, with the reason printed), and
            every context field with what was saved; it reports faults, PSCI errors, suspend loops
            and uses of values lost at power-off. The static check pairs every save with its restore through the C
            struct layout without running. Exit status: 0 clean, 1 findings, 2 bad input.
            """)

    @Argument(help: "A scenario name (default v9), a scenario folder, or a bare .S program that defines prepare_resume_ctx, hyp_resume, mmu_resumed and resume_cpu_context.")
    var scenario: String = "v9"

    @Flag(help: "Print the findings as JSON.")
    var json = false

    @Option(name: .customLong("max-steps"), help: "Give up the run after this many steps.")
    var maxSteps: Int = 1_000_000

    func run() throws {
        let built = try ScenarioArgument.build(scenario)
        let report = CheckReport(built, maxSteps: maxSteps)
        print(json ? report.json.serialized(pretty: true) : report.text)
        if !report.findings.isEmpty { throw CLIFailure(code: 1, message: "") }
    }
}
