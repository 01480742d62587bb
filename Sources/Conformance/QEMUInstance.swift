import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One `qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57` stopped at reset with its
/// gdb stub on its own free loopback port. The process is killed by `stop()` and, whatever
/// happens, when the value goes away: callers also `defer { qemu.stop() }`.
public final class QEMUInstance: @unchecked Sendable {
    public let port: Int
    let process: Process
    /// QEMU's process id (for measuring its CPU time).
    public var pid: Int32 { process.processIdentifier }
    private let lock = NSLock()
    private var stopped = false

    /// Where QEMU's own messages go (for failure reports), if anywhere.
    public let log: URL?

    /// Starts QEMU on `elf` (loaded with `-kernel`, entered at its ELF entry at EL2h); its stderr
    /// goes to `log` when given.
    public convenience init(elf: URL, log: URL? = nil) throws {
        try self.init(boot: ["-kernel", elf.path], log: log)
    }

    /// Starts QEMU with raw files loaded at physical addresses and CPU 0 entered at the physical
    /// `entry` (EL2h, MMU off, QEMU's reset state otherwise): for an image linked at a virtual
    /// address and loaded elsewhere, as the scenarios are. QEMU 7.2's generic loader:
    /// `-device loader,file=F,addr=A,force-raw=on` copies F to A; `-device loader,addr=E,cpu-num=0`
    /// sets CPU 0's PC at reset. No `-kernel`: no DTB or boot stub is written to RAM.
    /// (QEMU's PSCI conduit is still `smc`, as with `-kernel`.)
    public convenience init(rawFiles: [(file: URL, address: UInt64)], entry: UInt64, log: URL? = nil) throws {
        var boot: [String] = []
        for f in rawFiles {
            boot += ["-device", "loader,file=\(f.file.path),addr=0x\(String(f.address, radix: 16)),force-raw=on"]
        }
        boot += ["-device", "loader,addr=0x\(String(entry, radix: 16)),cpu-num=0"]
        try self.init(boot: boot, log: log)
    }

    init(boot: [String], log: URL?) throws {
        self.log = log
        port = try Self.freePort()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // `-serial none`: the virt board's PL011 at 0x09000000 is still there; what is written to
        // it goes nowhere, and UARTFR reads as idle (TXFE|RXFE, never BUSY).
        // `-nic none`: without it the board gets a virtio NIC whose option ROM (efi-virtio.rom,
        // Debian's ipxe-qemu, only a recommended package) must exist, or QEMU exits at once.
        p.arguments = ["qemu-system-aarch64", "-M", "virt,virtualization=on", "-cpu", "cortex-a57", "-nographic", "-nic", "none"]
            + boot + ["-S", "-gdb", "tcp:127.0.0.1:\(port)", "-monitor", "none", "-serial", "none"]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        if let log, FileManager.default.createFile(atPath: log.path, contents: nil),
           let h = try? FileHandle(forWritingTo: log) {
            p.standardError = h
        } else {
            p.standardError = FileHandle.nullDevice
        }
        try p.run()
        process = p
        LiveQEMU.add(p.processIdentifier)
    }

    /// Kills QEMU and reaps it (idempotent).
    public func stop() {
        lock.lock(); defer { lock.unlock() }
        if stopped { return }
        stopped = true
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        LiveQEMU.remove(process.processIdentifier)
    }

    /// The last lines QEMU printed (empty without a log).
    public var logTail: String {
        guard let log, let t = try? String(contentsOf: log, encoding: .utf8) else { return "" }
        return t.split(separator: "\n").suffix(3).joined(separator: " | ")
    }

    deinit { stop() }

    /// A loopback port the kernel just handed out (bind to port 0, read it back, close).
    /// QEMU binds it right after; gdb retries its connect (`set tcp auto-retry`) until QEMU listens.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket() failed") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sp -> Bool in
                bind(fd, sp, len) == 0 && getsockname(fd, sp, &len) == 0
            }
        }
        guard ok else { throw HarnessError("could not bind a loopback port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// A harness failure that is not a divergence (a tool failed, a label is missing).
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// PIDs of the QEMUs this process started and has not reaped, so that a SIGTERM/SIGINT/SIGHUP
/// to the harness (a CI timeout, ^C, `timeout conformance-check ...`) kills them too instead of
/// leaving them spinning: `defer` and `deinit` do not run when the process is killed.
enum LiveQEMU {
    static let capacity = 64
    nonisolated(unsafe) static let pids: UnsafeMutablePointer<pid_t> = {
        let p = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
        p.initialize(repeating: 0, count: capacity)
        return p
    }()
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false

    static func add(_ pid: pid_t) {
        lock.lock(); defer { lock.unlock() }
        if !installed {
            installed = true
            for sig in [SIGTERM, SIGINT, SIGHUP] {
                signal(sig) { sig in
                    for i in 0..<LiveQEMU.capacity where LiveQEMU.pids[i] != 0 { kill(LiveQEMU.pids[i], SIGKILL) }
                    signal(sig, SIG_DFL)
                    raise(sig)
                }
            }
        }
        for i in 0..<capacity where pids[i] == 0 { pids[i] = pid; return }
    }

    static func remove(_ pid: pid_t) {
        lock.lock(); defer { lock.unlock() }
        for i in 0..<capacity where pids[i] == pid { pids[i] = 0 }
    }
}
