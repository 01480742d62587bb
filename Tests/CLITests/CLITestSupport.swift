import Foundation
import Testing
import TestSupport

/// Runs the built `suspendscope` and decodes `run --json` output.
enum CLI {
    static func run(_ args: [String], in dir: URL? = nil) throws -> ProcessResult {
        try SuspendScopeBinary.run(args, in: dir)
    }

    /// A program of the conformance corpus (Tests/ConformanceTests/Corpus), the one copy of the
    /// patch's save routines that QEMU also runs.
    static func program(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ConformanceTests/Corpus/\(name)")
        try #require(FileManager.default.fileExists(atPath: url.path), "missing \(url.path)")
        return url
    }

    /// Writes `text` as `name` into a fresh directory and returns its path.
    static func write(_ text: String, as name: String, in dir: TemporaryDirectory) throws -> String {
        let url = dir.url.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// `run ... --json` decoded, with the exit status.
    static func runJSON(_ args: [String]) throws -> (status: Int32, json: [String: Any], raw: String) {
        let r = try run(["run"] + args + ["--json"])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r.status, try #require(obj, "not a JSON object: \(r.stdout) \(r.stderr)"), r.stdout)
    }

    static func hex(_ any: Any?) -> UInt64? {
        guard let s = any as? String, s.hasPrefix("0x") else { return nil }
        return UInt64(s.dropFirst(2), radix: 16)
    }
}
