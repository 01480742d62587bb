import Foundation
import Testing
import TestSupport

/// The fuzz targets (Sources/suspendscope-fuzz/Targets) in a normal build: each replays its
/// seeds and every input that once failed (Fuzz/Regressions/TARGET) without a crash, so a
/// fixed bug stays fixed even where the fuzzer is not run. `scripts/fuzz` runs them for real.
@Suite struct FuzzCorpusTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each target's name and the seed patterns its `/// seeds:` line gives.
    static func targets() throws -> [(name: String, seeds: [String])] {
        let dir = root.appendingPathComponent("Sources/suspendscope-fuzz/Targets")
        var out: [(String, [String])] = []
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where f.hasSuffix(".swift") {
            let text = try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)
            guard let r = text.range(of: #"@_cdecl\("suspendscope_fuzz_[a-z0-9_]+"\)"#, options: .regularExpression) else { continue }
            let name = String(text[r].dropFirst(27).dropLast(2))
            let seeds = text.split(separator: "\n").first { $0.hasPrefix("/// seeds:") }.map { $0.dropFirst(10).split(separator: " ").map(String.init) } ?? []
            out.append((name, seeds))
        }
        return out
    }

    /// Files matching `a/b/*.ext` or `a/*/*.ext` under the package root.
    static func expand(_ pattern: String) -> [String] {
        var paths = [root.path]
        for part in pattern.split(separator: "/") {
            var next: [String] = []
            for p in paths {
                if part.contains("*") {
                    let suffix = part.split(separator: "*", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                    let prefix = part.split(separator: "*", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                    for n in ((try? FileManager.default.contentsOfDirectory(atPath: p)) ?? []).sorted() where n.hasPrefix(prefix) && n.hasSuffix(suffix) {
                        next.append(p + "/" + n)
                    }
                } else { next.append(p + "/" + part) }
            }
            paths = next
        }
        return paths.filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
    }

    @Test func everyTargetReplaysItsSeedsAndRegressions() throws {
        let binary = try #require(SuspendScopeBinary.url?.deletingLastPathComponent().appendingPathComponent("suspendscope-fuzz"))
        let targets = try Self.targets()
        #expect(targets.count >= 11, "\(targets.map(\.name))")
        for t in targets {
            var inputs = t.seeds.flatMap(Self.expand)
            for extra in ["Fuzz/Seeds/\(t.name)", "Fuzz/Regressions/\(t.name)"] {
                let d = Self.root.appendingPathComponent(extra)
                if FileManager.default.fileExists(atPath: d.path) { inputs.append(d.path) }
            }
            #expect(!inputs.isEmpty, "\(t.name) has no seeds (\(t.seeds))")
            let r = try ProcessRunner.run(binary.path, [t.name] + inputs, environment: ["SWIFT_BACKTRACE": "enable=no"])
            #expect(r.status == 0, "\(t.name): \(r.stderr)")
            #expect(r.stdout.contains("\(t.name): replayed"), "\(t.name): \(r.stdout)")
        }
    }
}
