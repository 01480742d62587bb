import Benchmark
import Conformance
import Debugger
import Foundation
import GDBRemote
import Platform

/// Issue 15's figure: `stepi` round trips through gdb-multiarch, against `suspendscope
/// gdbserver` and against QEMU's gdbstub (qemu-system-aarch64 -M virt,virtualization=on -cpu
/// cortex-a57 ... -S -gdb tcp:...), on the same program (`stepi-loop.S` beside this file: a
/// counting loop) in the same run. Target: at least 10x QEMU.
///
/// Each iteration starts gdb, attaches, and times `stepi N` from inside gdb (Python's clock
/// around the command, so gdb's start and the attach are not counted); the metric is steps per
/// second. gdb does the same work per step for both servers (a vCont;s, then the reads its frame
/// analysis asks for), so the ratio is the servers' own.
///
/// Run with: `swift package --allow-writing-to-package-directory benchmark --target GDBServerBenchmark`
/// (needs gdb-multiarch and qemu-system-arm).
let benchmarks = { @Sendable () -> Void in
    let stepsPerSecond = BenchmarkMetric.custom("stepi per second", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(metrics: [stepsPerSecond], maxDuration: .seconds(120), maxIterations: 5)
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("stepi-loop.S").path
    let built = try! Scenario.bare(path: source).build()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-gdbserver-bench-\(getpid())")
    let elf = try! ScenarioELF.write(built, to: folder)
    let steps = 3000

    /// Runs gdb against 127.0.0.1:port and returns stepi per second.
    func measure(port: Int) -> Int {
        let script = folder.appendingPathComponent("bench-\(port).gdb")
        try! """
            set pagination off
            set confirm off
            file \(elf.path)
            set tcp connect-timeout 20
            target remote 127.0.0.1:\(port)
            python import time; t0 = time.perf_counter()
            stepi \(steps)
            python print("@@ELAPSED %.6f" % (time.perf_counter() - t0))
            detach

            """.write(to: script, atomically: true, encoding: .utf8)
        let r = try! TimedProcess.run("gdb-multiarch", ["-nx", "-batch", "-x", script.path], timeout: 300)
        guard let line = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix("@@ELAPSED ") }),
              let seconds = Double(line.dropFirst(10)), seconds > 0 else {
            fatalError("gdb printed no time:\n\(r.stdout)\n\(r.stderr)")
        }
        return Int(Double(steps) / seconds)
    }

    Benchmark("stepi through gdb: suspendscope gdbserver") { benchmark in
        let session = DebugSession(built: built)
        let server = GDBServer(target: RemoteTarget(interpreter: CommandInterpreter(session: session), execFile: elf.path))
        let listener = try! NIOTransport.listen(host: "127.0.0.1", port: 0, server: server)
        defer { listener.close() }
        benchmark.measurement(stepsPerSecond, measure(port: listener.port))
    }

    Benchmark("stepi through gdb: QEMU 7.2 gdbstub") { benchmark in
        let qemu = try! QEMUInstance(elf: elf)
        defer { qemu.stop() }
        benchmark.measurement(stepsPerSecond, measure(port: qemu.port))
    }
}
