import Benchmark
import Foundation
import Platform
import TUI

/// SPEC §6 targets for the interface: one step plus a full re-render of all panels into a
/// frame at 200x60 (<= 50 µs median), and start to first frame (<= 100 ms: loading and
/// assembling the scenario, building the machine, rendering once).
///
/// Run with: `swift package --allow-writing-to-package-directory benchmark --target TUIBenchmark`
///
/// Besides the target figure, two parts of it: the explain panel's `Explainer.explainCurrent()`
/// (Platform code the TUI calls once per frame) on its own, and the step plus every other
/// panel, which is what the TUI itself costs.
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

    let explained = Holder(App(built: built))
    Benchmark("part: Explainer.explainCurrent() (Platform) after a step", configuration: .init(metrics: [.wallClock], maxIterations: 20_000)) { benchmark in
        if explained.app.run.detector.has(.resumeReturn) { explained.app = App(built: built) }
        explained.app.handle(.key(.character("s")), width: 200, height: 60)
        benchmark.startMeasurement()
        blackHole(Explainer(explained.app.run).explainCurrent())
        benchmark.stopMeasurement()
    }

    let others = Holder(App(built: built))
    let regions = Screen().regions(width: 200, height: 60)!
    Benchmark("part: step + every panel but explain at 200x60", configuration: .init(metrics: [.wallClock], maxIterations: 20_000)) { benchmark in
        if others.app.run.detector.has(.resumeReturn) { others.app = App(built: built) }
        others.app.handle(.key(.character("s")), width: 200, height: 60)
        let state = others.app.viewState
        var f = Frame(width: 200, height: 60)
        SourcePanel(focused: true).render(state, into: &f, region: regions["source"]!)
        ContextPanel().render(state, into: &f, region: regions["context"]!)
        RegistersPanel().render(state, into: &f, region: regions["registers"]!)
        SystemRegistersPanel().render(state, into: &f, region: regions["sysregs"]!)
        TimelinePanel().render(state, into: &f, region: regions["timeline"]!)
        BreakpointsPanel().render(state, into: &f, region: regions["breakpoints"]!)
        ConsolePanel().render(state, into: &f, region: regions["console"]!)
        blackHole(f)
    }

    Benchmark("start to first frame (v9, 120x40)", configuration: .init(metrics: [.wallClock], maxIterations: 20)) { benchmark in
        for _ in benchmark.scaledIterations {
            let built = try BuiltinScenarios.scenario(named: "v9")!.build()
            let app = App(built: built)
            blackHole(app.render(width: 120, height: 40))
        }
    }
}
