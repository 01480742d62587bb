import Testing
import A64
@testable import Platform

/// A power-down loses the exclusive monitor's mark; undoing the power-off brings it back.
@Suite struct ExclusivePowerTests {
    @Test func powerDownClearsTheMark() throws {
        let s = try #require(try BuiltinScenarios.scenario(named: "v9"))
        var files = s.files
        files["suspend.S"] = files["suspend.S"]!.replacingOccurrences(of: "        smc   #0\n", with: "        ldxr  x9, [sp]\n        smc   #0\n")
        let run = ScenarioRun(built: try Scenario(manifest: s.manifest, files: files, origin: "test", includeDirectory: nil).build())
        var steps: [BoardStep] = []
        var marked: Int?
        while run.board.stepCount < 3000, run.board.power == .on || marked == nil || steps.count <= marked! + 1 {
            if marked == nil, run.board.machine.exclusiveMark != nil { marked = steps.count }
            steps.append(run.advance().0)
            if run.board.power != .on { break }
        }
        let m = run.board.machine
        #expect(marked != nil && run.board.power != .on)
        #expect(m.exclusiveMark == nil, "powered down: no mark")
        run.board.undo(steps.removeLast())
        #expect(run.board.power == .on && m.exclusiveMark != nil, "the power-off undone: the mark is back")
    }
}
