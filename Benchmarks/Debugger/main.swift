import Debugger
import Foundation
import Platform

/// The debugger's figures for SPEC §6 / issue 5, measured with a wall clock (not
/// package-benchmark): forward throughput with history on, reverse-step cost, history bytes per
/// step, and loading a session saved at step 1,000,000.
///
/// Run with: `swift run -c release DebuggerBenchmark [STEPS]` (default 1,000,000 steps).

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let steps = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1_000_000 : 1_000_000
let built = try BuiltinScenarios.resolve("v9").build()

// Forward with history on: the suspend path (827 steps) then the final `b .` loop.
let session = DebugSession(built: built)
session.historyLimit = min(steps, DebugSession.maxHistoryLimit)
let forward = seconds { session.replay(to: steps) }
print("forward with history: \(steps) steps in \(String(format: "%.3f", forward)) s = \(String(format: "%.2f", Double(steps) / forward / 1e6)) M steps/s")
print("history: \(session.historyBytes) bytes, \(String(format: "%.1f", session.historyBytesPerStep)) bytes per step")

// Reverse: step back through the whole history.
let back = min(steps, session.step - session.oldestStep)
let reverse = seconds { _ = session.backward(limit: back, done: { _ in false }) }
print("reverse: \(back) steps in \(String(format: "%.3f", reverse)) s = \(String(format: "%.0f", reverse / Double(back) * 1e9)) ns per step back")

// The suspend path alone, forward and back.
let path = DebugSession(built: built)
let pathForward = seconds { path.replay(to: 827) }
let pathBack = seconds { _ = path.backward(done: { _ in false }) }
print("suspend path (827 steps): forward \(String(format: "%.1f", pathForward * 1e6)) us, back \(String(format: "%.1f", pathBack * 1e6)) us")

// Session load at step `steps`.
let saver = DebugSession(built: built)
saver.replay(to: steps)
let file = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-bench-\(getpid()).json").path
try SessionFile.save(saver, to: file)
var loaded: DebugSession?
let load = try seconds { loaded = try SessionFile.load(file) }
try? FileManager.default.removeItem(atPath: file)
print("session load at step \(loaded?.step ?? -1): \(String(format: "%.1f", load * 1000)) ms")
