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

    /// EL2 stage-1 translation through a high alias. Known missing feature: our Machine has no
    /// MMU yet, so this is skipped with that reason instead of being faked; enable it when the
    /// MMU lands (`conformance-check Tests/ConformanceTests/Corpus/known-missing/mmu_el2.S`).
    @Test(.disabled("known missing feature: SuspendScope's Machine has no MMU (SCTLR_EL2.M is stored, not obeyed); Corpus/known-missing/mmu_el2.S"))
    func mmuThroughHighAlias() throws {
        let url = Corpus.directory.appendingPathComponent("known-missing/mmu_el2.S")
        let v = Harness.judge(ConformanceCase(name: "mmu_el2.S", source: try String(contentsOf: url, encoding: .utf8)), timeout: 20)
        if !v.passed { Issue.record(Comment(rawValue: v.report)) }
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
