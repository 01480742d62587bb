import Testing
@testable import Platform

/// Every bug reproduction fails `check` with the diagnosis its manifest expects; no revision does.
@Suite struct BugScenarioTests {
    static let bugs = BuiltinScenarios.names.filter { $0.hasPrefix("bug-") }

    @Test func thereAreTenBugReproductions() {
        #expect(Self.bugs.count == 10)
    }

    @Test(arguments: bugs)
    func checkPrintsTheExpectedDiagnosis(_ name: String) throws {
        let s = try #require(try BuiltinScenarios.scenario(named: name))
        #expect(!s.manifest.expectedFindings.isEmpty, "a bug scenario must say what check prints")
        let report = CheckReport(try s.build())
        #expect(!report.findings.isEmpty)
        for expected in s.manifest.expectedFindings {
            #expect(report.text.contains(expected), "missing: \(expected)\n\(report.text)")
        }
        // Findings name a place in the scenario's files.
        #expect(report.findings.contains { $0.location != nil })
    }

    /// Every finding of every built-in scenario is one its manifest expects: the expected
    /// findings are the reviewed list of what `check` says about it.
    @Test(arguments: BuiltinScenarios.names)
    func everyFindingIsExpected(_ name: String) throws {
        let s = try #require(try BuiltinScenarios.scenario(named: name))
        let report = CheckReport(try s.build())
        for f in report.findings {
            #expect(s.manifest.expectedFindings.contains { f.line.contains($0) }, "\(name): unexpected finding \(f.line)")
        }
        for expected in s.manifest.expectedFindings {
            #expect(report.text.contains(expected), "\(name): missing \(expected)\n\(report.text)")
        }
    }

    @Test func aSecondSuspendIsStoppedNotLooped() throws {
        let s = try #require(try BuiltinScenarios.scenario(named: "bug-resume-returns-nonzero"))
        let run = ScenarioRun(built: try s.build())
        let out = run.run(maxSteps: 1_000_000)
        #expect(out.reason == "suspend-loop")
        #expect(out.steps < 2_000)
        #expect(run.detector.suspendCalls.count == 2)
    }

    @Test func restoreBeforeMMUIsAnArchitecturalDataAbort() throws {
        let s = try #require(try BuiltinScenarios.scenario(named: "bug-restore-before-mmu"))
        let b = try s.build()
        let run = ScenarioRun(built: b)
        let out = run.run(maxSteps: 1_000_000)
        let f = try #require(out.fault)
        #expect(f.ec == 0x25)                             // data abort, same EL
        #expect(f.far == b.symbol("resume_cpu_context"))  // the virtual address
        #expect(f.esr & 0x3f == 0x10)                     // nothing mapped at that physical address
        #expect(!run.board.machine.mmuEnabled)
    }
}
