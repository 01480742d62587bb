import Debugger
import Machine
import Platform
import Testing
import TestSupport

/// For random scenarios and random sequences of forward and reverse commands, the state equals
/// the state a plain forward run reaches in the same net number of steps.
@Suite struct PropertyTests {
    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func randomForwardReverseSequences(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) &* 0x1234_5678_9abc_def1)
        let names = ["v8", "v9", "v11", "bug-sp-not-restored", "bug-restore-order"]
        let name = names[rng.below(names.count)]
        let session = try Fixtures.session(name)
        let ci = CommandInterpreter(session: session)
        var log: [String] = []
        for _ in 0..<25 {
            let cmd: String
            switch rng.below(9) {
            case 0, 1: cmd = "s \(1 + rng.below(300))"
            case 2: cmd = "rs \(1 + rng.below(200))"
            case 3: cmd = "n \(1 + rng.below(5))"
            case 4: cmd = "rn \(1 + rng.below(5))"
            case 5: cmd = "finish"
            case 6: cmd = "rfinish"
            case 7: cmd = ["until power-off", "until mmu-on", "until resume-return", "until context-saved"][rng.below(4)]
            default: cmd = "rc"
            }
            log.append(cmd)
            let r = ci.execute(cmd)
            try #require(r.ok, "\(name): \(log) -> \(String(describing: r.error))")
            let ref = try Fixtures.reference(name, steps: session.step)
            #expect(ref.board.stepCount == session.step)
            #expect(StateFingerprint(session.run) == StateFingerprint(ref), "\(name) after \(log)")
            if StateFingerprint(session.run) != StateFingerprint(ref) { return }
        }
    }
}
