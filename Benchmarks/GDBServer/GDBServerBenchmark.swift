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
/// second. Three ways, each against both servers:
/// - gdb as it comes: per step a `vCont;s:1;c` and the memory reads of gdb's frame analysis
///   (about 6 packets);
/// - gdb with `set trust-readonly-sections on` (code read from the ELF): one packet per step;
/// - no gdb: a client that sends `vCont;s:1;c` and waits for the stop reply, N times (the
///   servers' own round trip, without gdb's work per step).
///
/// Run with: `swift package --allow-writing-to-package-directory benchmark --target GDBServerBenchmark`
/// (needs gdb-multiarch and qemu-system-arm).
let benchmarks = { @Sendable () -> Void in
    let stepsPerSecond = BenchmarkMetric.custom("stepi per second", polarity: .prefersLarger, useScalingFactor: false)
    Benchmark.defaultConfiguration = .init(metrics: [stepsPerSecond], maxDuration: .seconds(60), maxIterations: 3)
    let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("stepi-loop.S").path
    let built = try! Scenario.bare(path: source).build()
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-gdbserver-bench-\(getpid())")
    let elf = try! ScenarioELF.write(built, to: folder)
    let steps = 3000

    /// Runs gdb against 127.0.0.1:port and returns stepi per second.
    func measure(port: Int, settings: [String]) -> Int {
        let script = folder.appendingPathComponent("bench-\(port).gdb")
        try! (["set pagination off", "set confirm off"] + settings + [
            "file \(elf.path)",
            "set tcp connect-timeout 20",
            "target remote 127.0.0.1:\(port)",
            "python import time; t0 = time.perf_counter()",
            "stepi \(steps)",
            "python print(\"@@ELAPSED %.6f\" % (time.perf_counter() - t0))",
            "detach", "",
        ]).joined(separator: "\n").write(to: script, atomically: true, encoding: .utf8)
        let r = try! TimedProcess.run("gdb-multiarch", ["-nx", "-batch", "-x", script.path], timeout: 300)
        guard let line = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix("@@ELAPSED ") }),
              let seconds = Double(line.dropFirst(10)), seconds > 0 else {
            fatalError("gdb printed no time:\n\(r.stdout)\n\(r.stderr)")
        }
        return Int(Double(steps) / seconds)
    }

    /// Without gdb: `steps` round trips of `vCont;s:1;c` (no-ack mode), steps per second.
    func measureRaw(port: Int) -> Int {
        let client = RawClient(port: port)
        defer { client.close() }
        _ = client.exchange("QStartNoAckMode", ack: true)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<steps {
            let r = client.exchange("vCont;s:1;c", ack: false)
            precondition(r.hasPrefix("T") || r.hasPrefix("S"), "not a stop reply: \(r)")
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Int(Double(steps) / seconds)
    }

    func ours(_ run: (Int) -> Int) -> Int {
        let session = DebugSession(built: built)
        let server = GDBServer(target: RemoteTarget(interpreter: CommandInterpreter(session: session), execFile: elf.path))
        let listener = try! NIOTransport.listen(host: "127.0.0.1", port: 0, server: server)
        defer { listener.close() }
        return run(listener.port)
    }

    func qemu(_ run: (Int) -> Int) -> Int {
        let q = try! QEMUInstance(elf: elf)
        defer { q.stop() }
        return run(q.port)
    }

    let trust = ["set trust-readonly-sections on"]
    Benchmark("stepi through gdb: suspendscope gdbserver") { $0.measurement(stepsPerSecond, ours { measure(port: $0, settings: []) }) }
    Benchmark("stepi through gdb: QEMU 7.2 gdbstub") { $0.measurement(stepsPerSecond, qemu { measure(port: $0, settings: []) }) }
    Benchmark("stepi through gdb, trust-readonly-sections: suspendscope gdbserver") { $0.measurement(stepsPerSecond, ours { measure(port: $0, settings: trust) }) }
    Benchmark("stepi through gdb, trust-readonly-sections: QEMU 7.2 gdbstub") { $0.measurement(stepsPerSecond, qemu { measure(port: $0, settings: trust) }) }
    Benchmark("vCont;s round trips without gdb: suspendscope gdbserver") { $0.measurement(stepsPerSecond, ours(measureRaw)) }
    Benchmark("vCont;s round trips without gdb: QEMU 7.2 gdbstub") { $0.measurement(stepsPerSecond, qemu(measureRaw)) }
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
