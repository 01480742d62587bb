import Benchmark
import Debugger
import Foundation
import Platform

/// The debugger's figures (issue 5, SPEC §6), with package-benchmark:
/// - forward with history on over a 10,000,000-step loop (target >= 50 M instructions/s),
/// - history bytes per step over that loop and over the v9 suspend path (target <= 64),
/// - the cost of one reverse step, and of reverse-continue over the loop,
/// - loading a session saved at step 1,000,000 (target <= 100 ms).
///
/// The loop is the `bench-loop` scenario next to this file: v9 with 2,500,000 iterations of
/// add / eor / cmp / b.ne at the start of boot.
///
/// Run with: `swift package --allow-writing-to-package-directory benchmark --target DebuggerBenchmark`
let benchmarks = { @Sendable () -> Void in
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock], maxDuration: .seconds(10), maxIterations: 10)
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("bench-loop").path
    let loop = try! BuiltinScenarios.resolve(folder).build()
    let v9 = try! BuiltinScenarios.resolve("v9").build()
    let loopSteps = 10_000_000
    let bytesPerStep = BenchmarkMetric.custom("history bytes per step", polarity: .prefersSmaller, useScalingFactor: false)

    Benchmark("forward with history, 10M-step loop (c)",
              configuration: .init(metrics: [.wallClock, .throughput, bytesPerStep], maxIterations: 5)) { benchmark in
        let s = DebugSession(built: loop)
        benchmark.startMeasurement()
        let stop = s.forward(count: loopSteps)
        benchmark.stopMeasurement()
        precondition(stop.steps == loopSteps && s.oldestStep == 0, "the loop ran \(stop.steps) steps")
        benchmark.measurement(bytesPerStep, Int(s.historyBytesPerStep.rounded(.up)))
        blackHole(s)
    }

    Benchmark("history bytes per step, v9 suspend path (to resume-return)",
              configuration: .init(metrics: [bytesPerStep], maxIterations: 3)) { benchmark in
        let s = DebugSession(built: v9)
        _ = s.forward(stopAddresses: [], isTarget: { $0.run.detector.has(.resumeReturn) })
        precondition(s.run.detector.has(.resumeReturn), "v9 did not reach resume-return")
        benchmark.measurement(bytesPerStep, Int(s.historyBytesPerStep.rounded(.up)))
    }

    let nsPerStep = BenchmarkMetric.custom("ns per reverse step", polarity: .prefersSmaller, useScalingFactor: false)
    Benchmark("reverse step: rs 1 from resume-return back to step 0 (v9)",
              configuration: .init(metrics: [.wallClock, nsPerStep], maxIterations: 20)) { benchmark in
        let s = DebugSession(built: v9)
        _ = s.forward(isTarget: { $0.run.detector.has(.resumeReturn) })
        let steps = s.step
        let start = DispatchTime.now().uptimeNanoseconds
        benchmark.startMeasurement()
        while s.step > 0 { blackHole(s.backward(limit: 1)) }
        benchmark.stopMeasurement()
        benchmark.measurement(nsPerStep, Int(DispatchTime.now().uptimeNanoseconds - start) / max(1, steps))
    }

    Benchmark("reverse-continue over the 10M-step loop back to step 0 (rc)",
              configuration: .init(metrics: [.wallClock, .throughput], maxIterations: 3)) { benchmark in
        let s = DebugSession(built: loop)
        _ = s.forward(count: loopSteps)
        benchmark.startMeasurement()
        let stop = s.backward()
        benchmark.stopMeasurement()
        precondition(s.step == 0, "rc stopped at \(s.step): \(stop.reason)")
    }

    Benchmark("take a checkpoint (bench-loop at step 1,000,000)", configuration: .init(metrics: [.wallClock], maxIterations: 200)) { benchmark in
        let s = DebugSession(built: loop)
        _ = s.forward(count: 999_999)
        benchmark.startMeasurement()
        s.takeCheckpoint()
        benchmark.stopMeasurement()
    }

    let sessionFile = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-bench-\(getpid()).json").path
    let saver = DebugSession(built: loop)
    saver.scenarioArgument = folder
    _ = saver.forward(count: 1_000_000)
    try! SessionFile.save(saver, to: sessionFile)
    Benchmark("session load at step 1,000,000 (bench-loop)", configuration: .init(metrics: [.wallClock], maxIterations: 10)) { benchmark in
        let s = try SessionFile.load(sessionFile)
        precondition(s.step == 1_000_000)
        blackHole(s)
    }
}
