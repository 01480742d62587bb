import Testing
import A64
@testable import Platform

/// Explanations of the integer additions: Xen's check_cpu_mode CCMP, and a store-exclusive
/// that says whether it will succeed from the monitor's state.
@Suite struct IntegerExplainerTests {
    /// Runs `run` until the instruction at the PC satisfies `where`; returns its explanation.
    static func explain(_ run: ScenarioRun, limit: Int = 3000, where ok: (Instruction) -> Bool) -> String? {
        while run.board.stepCount < limit {
            if run.board.power == .on, let i = run.board.instruction(at: run.board.machine.pc), ok(i) {
                return Explainer(run).explainCurrent().text
            }
            run.advance()
        }
        return nil
    }

    @Test func checkCpuModeCcmp() throws {
        let run = ScenarioRun(built: try #require(try BuiltinScenarios.scenario(named: "v9")).build())
        let t = try #require(Self.explain(run) { $0.op == .ccmpImm })
        #expect(t.hasPrefix("conditional compare: if ne holds it compares x5 = 0x8 with #0x9; otherwise it sets the flags to #0x4 (Z)."))
        #expect(t.contains("Now the flags are Z C, so ne fails: the flags become #0x4"))
        #expect(t.contains("as Xen's check_cpu_mode does for EL2t or EL2h"))
    }

    @Test func storeExclusivePredictsItsStatus() throws {
        let s = try #require(try BuiltinScenarios.scenario(named: "v9"))
        var files = s.files
        files["suspend.S"] = files["suspend.S"]!.replacingOccurrences(of: "        mov   x29, sp\n", with: """
                    mov   x29, sp
                    ldaxr x9, [sp]
                    stlxr w10, x9, [sp]
                    stxr  w10, x9, [sp]
                    ldxr  x9, [sp]
                    clrex

            """)
        let run = ScenarioRun(built: try Scenario(manifest: s.manifest, files: files, origin: "test", includeDirectory: nil).build())
        let load = try #require(Self.explain(run) { $0.op == .ldaxr })
        #expect(load.hasPrefix("load-exclusive with acquire semantics: loads from 0x") && load.hasSuffix("(now the exclusive monitor holds no mark)"))
        run.advance()
        let ok = try #require(Self.explain(run) { $0.op == .stlxr })
        #expect(ok.contains("(8 bytes); a store of 8 bytes to 0x") && ok.contains("matches it, so it will write memory and set w10 to 0"))
        run.advance()
        let fails = try #require(Self.explain(run) { $0.op == .stxr })
        #expect(fails.hasPrefix("store-exclusive: the exclusive monitor holds no mark;") && fails.contains("set w10 to 1"))
        run.advance()
        run.advance()
        let clear = try #require(Self.explain(run) { $0.op == .clrex })
        #expect(clear.hasPrefix("clears the exclusive monitor (the exclusive monitor marks 0x"))
        run.advance()
        #expect(run.board.machine.exclusiveMark == nil)
    }
}
