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
/// second. Beside it, where the time goes: gdb's own CPU time per step (Python's process clock)
/// and the server's (user + system time of the server's process from /proc, read by gdb around
/// the same command: our server runs inside this benchmark's process, QEMU in its own).
/// Three ways, each against both servers:
/// - gdb as it comes: per step the step and the memory reads gdb's stepping and frame analysis
///   make (4 packets with this server, 7 with QEMU's: see the README);
/// - gdb with `set trust-readonly-sections on` (code read from the ELF): one packet per step
///   with this server, two with QEMU's (its stop reply carries no registers: gdb adds a `g`);
/// - no gdb: a client that sends `vCont;s:1;c` and waits for the stop reply, N times (the
///   servers' own round trip, without gdb's work per step).
///
/// Run with: `swift package --allow-writing-to-package-directory benchmark --target GDBServerBenchmark`
/// (needs gdb-multiarch and qemu-system-arm).
let benchmarks = { @Sendable () -> Void in
    let stepsPerSecond = BenchmarkMetric.custom("stepi per second", polarity: .prefersLarger, useScalingFactor: false)
    let gdbCPU = BenchmarkMetric.custom("gdb CPU us per stepi", polarity: .prefersSmaller, useScalingFactor: false)
    let serverCPU = BenchmarkMetric.custom("server CPU us per stepi", polarity: .prefersSmaller, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(metrics: [stepsPerSecond, gdbCPU, serverCPU], maxDuration: .seconds(60), maxIterations: 3)
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("stepi-loop.S").path
    let built = try! Scenario.bare(path: source).build()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-gdbserver-bench-\(getpid())")
    let elf = try! ScenarioELF.write(built, to: folder)
    let steps = 3000

    /// One measurement: steps per second, and CPU microseconds per step of gdb and of the server.
    struct Sample { var rate: Int; var gdbCPU: Int?; var serverCPU: Int }

    /// The CPU time (user + system) of process `pid` so far, in clock ticks, as /proc has it.
    let cpuTicksPython = { (pid: Int32) in
        "sum(int(f) for f in open('/proc/\(pid)/stat').read().rsplit(')', 1)[1].split()[11:13])"
    }

    /// Runs gdb against 127.0.0.1:port (the server being process `server`).
    func measure(port: Int, server: Int32, settings: [String]) -> Sample {
        let script = folder.appendingPathComponent("bench-\(port).gdb")
        try! (["set pagination off", "set confirm off"] + settings + [
            "file \(elf.path)",
            "set tcp connect-timeout 20",
            "target remote 127.0.0.1:\(port)",
            "python import time, os; s0 = \(cpuTicksPython(server)); c0 = time.process_time(); t0 = time.perf_counter()",
            "stepi \(steps)",
            "python t1 = time.perf_counter(); c1 = time.process_time(); s1 = \(cpuTicksPython(server))",
            "python print(\"@@ELAPSED %.6f %.6f %.6f\" % (t1 - t0, c1 - c0, (s1 - s0) / os.sysconf('SC_CLK_TCK')))",
            "detach", "",
        ]).joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let r = try! TimedProcess.run("gdb-multiarch", ["-nx", "-batch", "-x", script.path], timeout: 300)
        guard let line = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix("@@ELAPSED ") }) else {
            fatalError("gdb printed no time:\n\(r.stdout)\n\(r.stderr)")
        }
        let t = line.dropFirst(10).split(separator: " ").compactMap { Double($0) }
        guard t.count == 3, t[0] > 0 else { fatalError("gdb printed no time:\n\(r.stdout)\n\(r.stderr)") }
        let perStep = { (seconds: Double) in Int((seconds / Double(steps) * 1e6).rounded()) }
        return Sample(rate: Int(Double(steps) / t[0]), gdbCPU: perStep(t[1]), serverCPU: perStep(t[2]))
    }

    /// CPU seconds (user + system) of process `pid` so far.
    func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let f = stat[stat.index(after: close)...].split(separator: " ")
        return Double((Int(f[11]) ?? 0) + (Int(f[12]) ?? 0)) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Without gdb: `steps` round trips of `vCont;s:1;c` (no-ack mode).
    func measureRaw(port: Int, server: Int32) -> Sample {
        let client = RawClient(port: port)
        defer { client.close() }
        _ = client.exchange("QStartNoAckMode", ack: true)
        let cpu0 = cpuSeconds(server)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps {
            let r = client.exchange("vCont;s:1;c", ack: false)
            precondition(r.hasPrefix("T") || r.hasPrefix("S"), "not a stop reply: \(r)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = cpuSeconds(server) - cpu0
        return Sample(rate: Int(Double(steps) / seconds), gdbCPU: nil, serverCPU: Int((cpu / Double(steps) * 1e6).rounded()))
    }

    func ours(_ run: (Int, Int32) -> Sample) -> Sample {
        let session = DebugSession(built: built)
        let server = GDBServer(target: RemoteTarget(interpreter: CommandInterpreter(session: session), execFile: elf.path))
        let listener = try! NIOTransport.listen(host: "127.0.0.1", port: 0, server: server)
        defer { listener.close() }
        return run(listener.port, getpid())
    }

    func qemu(_ run: (Int, Int32) -> Sample) -> Sample {
        let q = try! QEMUInstance(elf: elf)
        defer { q.stop() }
        return run(q.port, q.pid)
    }

    func record(_ benchmark: Benchmark, _ s: Sample) {
        benchmark.measurement(stepsPerSecond, s.rate)
        if let g = s.gdbCPU { benchmark.measurement(gdbCPU, g) }
        benchmark.measurement(serverCPU, s.serverCPU)
    }

    let trust = ["set trust-readonly-sections on"]
    let raw = Benchmark.Configuration(metrics: [stepsPerSecond, serverCPU], maxDuration: .seconds(60), maxIterations: 3)
    Benchmark("stepi through gdb: suspendscope gdbserver") { record($0, ours { measure(port: $0, server: $1, settings: []) }) }
    Benchmark("stepi through gdb: QEMU 7.2 gdbstub") { record($0, qemu { measure(port: $0, server: $1, settings: []) }) }
    Benchmark("stepi through gdb, trust-readonly-sections: suspendscope gdbserver") { record($0, ours { measure(port: $0, server: $1, settings: trust) }) }
    Benchmark("stepi through gdb, trust-readonly-sections: QEMU 7.2 gdbstub") { record($0, qemu { measure(port: $0, server: $1, settings: trust) }) }
    Benchmark("vCont;s round trips without gdb: suspendscope gdbserver", configuration: raw) { record($0, ours(measureRaw)) }
    Benchmark("vCont;s round trips without gdb: QEMU 7.2 gdbstub", configuration: raw) { record($0, qemu(measureRaw)) }
}

/// A minimal blocking loopback client for the raw round trips.
final class RawClient {
    let fd: Int32
    var parser = PacketParser()

    init(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var connected = false
        for _ in 0..<200 where !connected {
            connected = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            } == 0
            if !connected { usleep(50_000) }
        }
        precondition(connected, "cannot connect to 127.0.0.1:\(port)")
    }

    /// Sends one packet and returns the next packet's payload (acknowledging it when `ack`).
    func exchange(_ payload: String, ack: Bool) -> String {
        let framed = PacketEncoder.frame(Array(payload.utf8))
        _ = framed.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            precondition(n > 0, "connection closed")
            for e in parser.feed(buffer[0..<n]) {
                if case .packet(let p) = e {
                    if ack { _ = [UInt8(ascii: "+")].withUnsafeBytes { send(fd, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) } }
                    return String(decoding: p, as: UTF8.self)
                }
            }
        }
    }

    func close() { Glibc.close(fd) }
}
