import Foundation
import Testing
import Conformance
import TestSupport

/// Every hand-written corpus program, judged by QEMU at EL2 and GNU binutils.
@Suite struct CorpusConformanceTests {
    @Test(.enabled(if: toolsPresent, toolsComment), arguments: Corpus.files)
    func corpus(_ file: String) throws {
        let c = try Corpus.load(file)
        let v = Harness.judge(c, timeout: 20)
        if !v.passed { Issue.record(Comment(rawValue: v.report)) }
        #expect(v.stopsCompared == c.stops.count)
    }

    /// `SUSPENDSCOPE_COMPARE=path/file.S swift test --filter ConformanceTests.CorpusConformanceTests/compareOne`:
    /// judges one file (stops/memory from its `// stops:` / `// memory:` header, default `done`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SUSPENDSCOPE_COMPARE"] != nil,
                   "set SUSPENDSCOPE_COMPARE=FILE.S to compare one file"))
    func compareOne() throws {
        let path = ProcessInfo.processInfo.environment["SUSPENDSCOPE_COMPARE"]!
        let c = ConformanceCase(name: path, source: try String(contentsOfFile: path, encoding: .utf8))
        let v = Harness.judge(c)
        print(v.passed ? "agree: \(v.stopsCompared) stop(s) compared" : v.report)
        if !v.passed { Issue.record(Comment(rawValue: v.report)) }
    }
}
