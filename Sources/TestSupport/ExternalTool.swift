import Foundation

/// An outside program some tests need (GNU binutils for aarch64, qemu, gdb-multiarch, tmux).
///
/// Tests gate on `shouldRun`: true when the tool is installed, and also when
/// `SUSPENDSCOPE_REQUIRE_TOOLS=1` (CI), so that a missing tool fails there instead of skipping.
/// Use it as a Swift Testing trait:
/// `.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason))`.
public struct ExternalTool: Sendable {
    public let name: String
    /// The executables that must all be on PATH.
    public let executables: [String]
    /// The Debian package that provides them.
    public let package: String

    public static let binutils = ExternalTool(
        name: "GNU binutils for aarch64",
        executables: ["aarch64-linux-gnu-as", "aarch64-linux-gnu-ld", "aarch64-linux-gnu-objcopy", "aarch64-linux-gnu-objdump"],
        package: "binutils-aarch64-linux-gnu")
    public static let qemu = ExternalTool(name: "QEMU", executables: ["qemu-system-aarch64"], package: "qemu-system-arm")
    public static let gdb = ExternalTool(name: "gdb-multiarch", executables: ["gdb-multiarch"], package: "gdb-multiarch")
    public static let tmux = ExternalTool(name: "tmux", executables: ["tmux"], package: "tmux")
    public static let lldb = ExternalTool(name: "lldb", executables: ["lldb"], package: "lldb")
    public static let chromium = ExternalTool(name: "Chromium (headless)", executables: ["chromium"], package: "chromium")
    public static let gnuPatch = ExternalTool(name: "GNU patch", executables: ["patch"], package: "patch")
    /// The C compiler of the Swift toolchain, the reference for C struct layouts on aarch64
    /// (`clang --target=aarch64-linux-gnu -S`: the AAPCS64 layout GCC also follows).
    public static let clang = ExternalTool(name: "clang", executables: ["clang"], package: "the Swift toolchain's clang")

    /// Whether `SUSPENDSCOPE_REQUIRE_TOOLS=1` is set: missing tools are failures, not skips.
    public static var toolsRequired: Bool { ProcessInfo.processInfo.environment["SUSPENDSCOPE_REQUIRE_TOOLS"] == "1" }

    /// Full paths of the executables, or nil if any is missing.
    public var paths: [String]? {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        var found: [String] = []
        for exe in executables {
            guard let dir = dirs.first(where: { FileManager.default.isExecutableFile(atPath: "\($0)/\(exe)") }) else { return nil }
            found.append("\(dir)/\(exe)")
        }
        return found
    }

    public var isAvailable: Bool { paths != nil }

    /// Run the test when the tool is here, or when tools are required (so it fails loudly).
    public var shouldRun: Bool { isAvailable || Self.toolsRequired }

    /// The reason printed when a test is skipped.
    /// Use as `.enabled(if: tool.shouldRun, Comment(rawValue: tool.skipReason))`.
    public var skipReason: String {
        "skipped: \(name) not installed (apt-get install \(package)); set SUSPENDSCOPE_REQUIRE_TOOLS=1 to fail instead"
    }
}

/// The result of running a subprocess.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

public enum ProcessRunner {
    /// Runs `executable` with `arguments`, optionally feeding `input`, and waits for it.
    /// Output is drained concurrently so large outputs do not deadlock.
    public static func run(_ executable: String, _ arguments: [String], input: Data? = nil,
                           currentDirectory: URL? = nil, environment: [String: String]? = nil) throws -> ProcessResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        p.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        if let currentDirectory { p.currentDirectoryURL = currentDirectory }
        if let environment { p.environment = environment }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out; p.standardError = err; p.standardInput = inp
        try p.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        group.enter(); DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let input { try? inp.fileHandleForWriting.write(contentsOf: input) }
        try? inp.fileHandleForWriting.close()
        p.waitUntilExit()
        group.wait()
        return ProcessResult(status: p.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

extension ProcessRunner {
    /// Runs a command whose children may outlive it (a tmux server): no pipes at all (standard
    /// input, output and error are /dev/null), so nothing waits for a descendant to close one.
    /// Returns the exit status.
    public static func runDetached(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let pid = try spawn(executable, arguments, output: nil)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Starts a process with posix_spawn, not Foundation's Process: no pipes (standard input is
    /// /dev/null; standard output and error go to `output`, or /dev/null), default signal
    /// dispositions and an empty signal mask. (A test runner may ignore SIGTSTP or SIGINT, and
    /// ignored signals survive exec: Ctrl-Z or Ctrl-C would then do nothing in the child.)
    /// Returns its pid; the caller waits for it.
    public static func spawn(_ executable: String, _ arguments: [String], output: String?) throws -> pid_t {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var all = sigset_t(), none = sigset_t()
        sigfillset(&all); sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let rc = posix_spawnp(&pid, executable, &actions, &attr, argv, environ)
        guard rc == 0 else { throw ToolError("cannot start \(executable): \(String(cString: strerror(rc)))") }
        return pid
    }
}

public struct ToolError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// Temporary directories that are removed when the value goes away.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL
    public init(prefix: String = "suspendscope") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
