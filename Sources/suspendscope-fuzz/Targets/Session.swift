import Debugger
import Foundation
import Platform

/// Fuzz target `session`: a session file, parsed and checked; one that parses (on a built-in
/// scenario, at most 2,000 steps) is also restored: replayed with its edits, breakpoints and
/// watchpoints.
/// seeds: sessions/*.json
@_cdecl("suspendscope_fuzz_session")
public func fuzzSession(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let doc = try? SessionFile.parse(Data(FuzzInput.bytes(data, size)), path: "fuzz.json") else { return 0 }
    guard BuiltinScenarios.names.contains(doc.source), doc.step <= 2000, doc.edits.count <= 50,
          doc.breakpoints.count + doc.watchpoints.count <= 100 else { return 0 }
    _ = try? SessionFile.restore(doc, path: "fuzz.json")
    return 0
}
