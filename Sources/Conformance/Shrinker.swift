/// Shrinks a failing generated program: deletes body items (chunks first, then one at a time)
/// while the same failure (same field, or same kind of problem) persists, and returns the
/// smallest reproducer found with its verdict.
public enum Shrinker {
    public static func shrink(_ program: GeneratedProgram, signature: String, timeout: Double = 10,
                              maxRuns: Int = 150) -> (program: GeneratedProgram, verdict: Verdict?) {
        var best = program
        var bestVerdict: Verdict?
        var runs = 0
        func fails(_ p: GeneratedProgram) -> Verdict? {
            runs += 1
            let v = Harness.judge(ProgramGenerator.render([p], name: "shrunk"), timeout: timeout, explain: false)
            return !v.passed && v.signature == signature ? v : nil
        }
        var chunk = max(1, best.items.count / 2)
        while chunk >= 1 && runs < maxRuns {
            var changed = false
            var i = best.items.count - 1
            while i >= 0 && runs < maxRuns {
                let lo = max(0, i - chunk + 1)
                guard best.items[lo...i].contains(where: \.removable) else { i = lo - 1; continue }
                var cand = best
                cand.items = Array(best.items[..<lo]) + best.items[lo...i].filter { !$0.removable } + Array(best.items[(i + 1)...])
                if let v = fails(cand) { best = cand; bestVerdict = v; changed = true }
                i = lo - 1
            }
            if !changed { chunk /= 2 }
        }
        // The final explanation (with the last writer) of the reproducer.
        let final = Harness.judge(ProgramGenerator.render([best], name: "shrunk seed \(best.seed)"), timeout: timeout)
        return (best, final.passed ? bestVerdict : final)
    }
}
