import CLibFuzzer
import Foundation

// `suspendscope-fuzz TARGET [libFuzzer options] [CORPUS...]`: coverage-guided fuzzing of one
// loader (built by scripts/fuzz with -sanitize=fuzzer,address). Without the fuzzer (a normal
// build) it replays files instead: `suspendscope-fuzz TARGET FILE|DIR...` runs each input once,
// which is how the tests run the seeds and the crashes fuzzing found.
//
// A target is one file in Targets/: a `@_cdecl("suspendscope_fuzz_NAME")` function taking the
// input bytes, found here by its symbol name (the executable exports its symbols), with a
// `/// seeds:` line naming the project files its corpus starts from.

typealias TargetFunction = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

/// The target named on the command line (or, in a process libFuzzer started itself, in the
/// environment).
var arguments = CommandLine.arguments
let environmentName = ProcessInfo.processInfo.environment["SUSPENDSCOPE_FUZZ_TARGET"]
guard let name = environmentName ?? (arguments.count > 1 ? arguments[1] : nil), !name.hasPrefix("-") else {
    fail("usage: suspendscope-fuzz TARGET [libFuzzer options] [CORPUS...]  (targets: Sources/suspendscope-fuzz/Targets; run them with scripts/fuzz)")
}
guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "suspendscope_fuzz_" + name.replacingOccurrences(of: "-", with: "_")) else {
    fail("suspendscope-fuzz: no target '\(name)' (each is a suspendscope_fuzz_NAME function in Sources/suspendscope-fuzz/Targets)")
}
nonisolated(unsafe) let target = unsafeBitCast(symbol, to: TargetFunction.self)
if environmentName == nil {
    setenv("SUSPENDSCOPE_FUZZ_TARGET", name, 1)
    arguments.remove(at: 1)
}
// Whatever a target might write goes to a scratch folder, never the user's.
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("suspendscope-fuzz-\(getpid())")
try? FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
// libFuzzer ends the process itself (exit after -runs or -max_total_time), so the scratch
// folder goes at exit, not after the driver returns.
nonisolated(unsafe) var scratchPath = scratch.path
atexit { try? FileManager.default.removeItem(atPath: scratchPath) }
let startDirectory = FileManager.default.currentDirectoryPath

#if FUZZING
// Paths are resolved from where the command was given, before moving to the scratch folder.
var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { a in
    var a = a
    if !a.hasPrefix("-") && a != arguments[0] { a = URL(fileURLWithPath: a, relativeTo: URL(fileURLWithPath: startDirectory + "/")).path }
    if a.hasPrefix("-artifact_prefix="), !a.dropFirst(17).hasPrefix("/") { a = "-artifact_prefix=" + startDirectory + "/" + a.dropFirst(17) }
    return strdup(a)
} + [nil]
_ = FileManager.default.changeCurrentDirectoryPath(scratch.path)
var argc = Int32(arguments.count)
let status = cArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in target(data, size) }
}
try? FileManager.default.removeItem(at: scratch)
exit(status)
#else
// Replay: every file given (folders: every file in them) through the target once.
var files: [String] = []
for a in arguments.dropFirst() {
    let path = URL(fileURLWithPath: a, relativeTo: URL(fileURLWithPath: startDirectory + "/")).path
    var isDir: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { fail("suspendscope-fuzz: no such file \(a)") }
    if isDir.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.sorted().map { path + "/" + $0 }
    } else { files.append(path) }
}
_ = FileManager.default.changeCurrentDirectoryPath(scratch.path)
for f in files {
    guard let data = FileManager.default.contents(atPath: f) else { continue }
    _ = data.withUnsafeBytes { target($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
}
try? FileManager.default.removeItem(at: scratch)
print("\(name): replayed \(files.count) input\(files.count == 1 ? "" : "s") without a crash")
#endif
