import Testing
import A64
@testable import Platform

/// Explanations computed from the instruction and the state: every access of the save and the
/// restore names the context field and its offset.
@Suite struct ExplainerTests {
    static func walk(_ scenario: String, _ body: (ScenarioRun, Explainer.Explanation, Instruction) -> Void) throws {
        let run = ScenarioRun(built: try #require(try BuiltinScenarios.scenario(named: scenario)).build())
        let save = try #require(run.built.symbol(run.built.manifest.saveSymbol))
        let saveEnd = save + (run.built.program.symbols[run.built.manifest.saveSymbol]?.size ?? 0)
        while run.board.stepCount < 5000, !run.detector.has(.resumeReturn) {
            let link = run.linkAddress(of: run.board.machine.pc)
            let inSave = link >= save && link < saveEnd
            let inRestore = run.detector.has(.restore) && !run.detector.has(.contextRestored)
            if (inSave || inRestore), run.board.power == .on, let i = run.board.instruction(at: run.board.machine.pc) {
                body(run, Explainer(run).explainCurrent(), i)
            }
            run.advance()
        }
    }

    @Test(arguments: ["v8", "v9", "v11"])
    func everyContextAccessNamesItsFieldAndOffset(_ scenario: String) throws {
        var accesses = 0
        try Self.walk(scenario) { run, e, i in
            guard [.stp, .str, .ldp, .ldr].contains(i.op), i.mode != .literal else { return }
            accesses += 1
            #expect(e.field != nil && e.offset != nil, "\(e.text)")
            #expect(e.text.contains("at offset \(e.offset ?? -1)"), "\(e.text)")
            if scenario != "v8" { #expect(e.text.contains("(RESUME_CTX_"), "\(e.text)") }
        }
        #expect(accesses == (scenario == "v11" ? 32 : 30))   // 6 pairs + 9 singles (+ CNTHCTL), saved and restored
    }

    @Test func theLrStoreSaysWhereTheResumeWillReturn() throws {
        var seen = false
        try Self.walk("v9") { run, e, i in
            guard i.op == .stp, i.ra == 30 else { return }
            seen = true
            #expect(e.text.hasPrefix("stores x29 and lr ("))
            #expect(e.text.contains("the return address into the caller (system_suspend, just after its call of prepare_resume_ctx), which the resume path will use to come back here"))
            #expect(e.text.contains("into resume_cpu_context at offset 80 (RESUME_CTX_X29)"))
        }
        #expect(seen)
    }

    @Test func theReturnsExplainTheTwoValues() throws {
        var texts: [String] = []
        let run = ScenarioRun(built: try #require(try BuiltinScenarios.scenario(named: "v9")).build())
        while run.board.stepCount < 5000, !run.detector.has(.resumeReturn) {
            if let i = run.board.instruction(at: run.board.machine.pc), i.op == .ret, run.detector.returnAddress == run.board.machine.x(30) {
                texts.append(Explainer(run).explainCurrent().text)
            }
            run.advance()
        }
        #expect(texts.count == 2)
        #expect(texts[0].contains("with x0 = 0x1: the caller sees a non-zero value and goes on to suspend"))
        #expect(texts[1].contains("with x0 = 0x0: prepare_resume_ctx seems to return a second time"))
    }
}

@Suite struct NoteTests {
    @Test func manifestNotesAppearBesideTheirLine() throws {
        let run = ScenarioRun(built: try #require(try BuiltinScenarios.scenario(named: "v9")).build())
        var notes: [String] = []
        while run.board.stepCount < 2000, !run.detector.has(.resumeReturn) {
            if let n = Explainer(run).explainCurrent().note { notes.append(n) }
            run.advance()
        }
        #expect(notes.contains { $0.hasPrefix("lr here is the caller's return address") })
        #expect(notes.contains { $0.hasPrefix("mmu_resumed is a virtual address") })
        #expect(notes.contains { $0.hasPrefix("Without this isb") })
    }

    @Test func commentNotesInTheSource() throws {
        let s = try #require(try BuiltinScenarios.scenario(named: "v9"))
        var files = s.files
        files["head.S"] = files["head.S"]!.replacingOccurrences(of: "        mov   x0, #1\n", with: "        mov   x0, #1    // note: one means saved\n")
        let edited = Scenario(manifest: s.manifest, files: files, origin: "test", includeDirectory: nil)
        let run = ScenarioRun(built: try edited.build())
        var found: String?
        while run.board.stepCount < 2000, found == nil {
            if let n = Explainer(run).explainCurrent().note, n.hasSuffix(" / one means saved") { found = "one means saved" }
            run.advance()
        }
        #expect(found == "one means saved")
    }
}
