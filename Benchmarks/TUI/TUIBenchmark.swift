import Benchmark
import Foundation
import Platform
import TUI

/// SPEC §6 targets for the interface: one step plus a full re-render of all panels into a
/// frame at 200x60 (<= 50 µs median), and start to first frame (<= 100 ms: loading and
/// assembling the scenario, building the machine, rendering once).
///
/// Run with: `swift package --allow-writing-to-package-directory benchmark --target TUIBenchmark`
let benchmarks = { @Sendable () -> Void in
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock], maxDuration: .seconds(10), maxIterations: 1000)

    let built = try! BuiltinScenarios.scenario(named: "v9")!.build()
    final class Holder: @unchecked Sendable { var app: App; init(_ a: App) { app = a } }
    let holder = Holder(App(built: built))

    Benchmark("step + render all panels at 200x60", configuration: .init(metrics: [.wallClock], maxIterations: 20_000)) { benchmark in
        // Walk the whole path, one step and one full frame per iteration; start again after it.
        // (Restarting costs one scenario build once in ~800 iterations: the median ignores it.)
        if holder.app.run.detector.has(.resumeReturn) { holder.app = App(built: built) }
        holder.app.handle(.key(.character("s")), width: 200, height: 60)
        blackHole(holder.app.render(width: 200, height: 60))
    }

    Benchmark("start to first frame (v9, 120x40)", configuration: .init(metrics: [.wallClock], maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            let built = try BuiltinScenarios.scenario(named: "v9")!.build()
            let app = App(built: built)
            blackHole(app.render(width: 120, height: 40))
        }
    }
}
