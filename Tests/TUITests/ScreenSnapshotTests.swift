import Foundation
import Testing
@testable import TUI
import Platform
import Debugger

/// Screens as text snapshots of rendered frames (Tests/TUITests/Snapshots/*.txt). To accept a
/// deliberate change: `SUSPENDSCOPE_RECORD_SNAPSHOTS=1 swift test --filter TUITests`, then
/// review the diff.
@Suite struct ScreenSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func assertSnapshot(_ frame: Frame, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        let text = frame.text + "\n"
        if ProcessInfo.processInfo.environment["SUSPENDSCOPE_RECORD_SNAPSHOTS"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != text {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("snapshot \(name) differs at line \(line + 1):\n expected: \(line < a.count ? String(a[line]) : "")\n actual:   \(line < b.count ? String(b[line]) : "")",
                         sourceLocation: sourceLocation)
        }
    }

    static func state(at boundary: BoundaryName, _ scenario: String = "v9") throws -> ViewState {
        let s = try #require(try BuiltinScenarios.scenario(named: scenario))
        let session = DebugSession(built: try s.build())
        let run = session.run
        _ = session.forward(limit: 100_000) { _ in run.detector.has(boundary) }
        return ViewState(run: run, lastStep: session.lastStep, provenance: session.contextProvenance)
    }

    @Test(arguments: [BoundaryName.contextSaved, .powerOff, .warmBoot, .resumeReturn])
    func fullScreenAt120x40(_ b: BoundaryName) throws {
        try Self.assertSnapshot(Screen().render(try Self.state(at: b), width: 120, height: 40), "v9-\(b.rawValue)-120x40")
    }

    @Test(arguments: [BoundaryName.suspendEntry, .powerOff, .warmBoot, .resumeReturn], [(80, 24), (200, 60)])
    func fullScreenAtOtherSizes(_ b: BoundaryName, _ size: (Int, Int)) throws {
        try Self.assertSnapshot(Screen().render(try Self.state(at: b), width: size.0, height: size.1), "v9-\(b.rawValue)-\(size.0)x\(size.1)")
    }

    @Test func smallestLayoutAndTooSmall() throws {
        let s = try Self.state(at: .restore)
        try Self.assertSnapshot(Screen().render(s, width: 80, height: 24), "v9-restore-80x24")
        let tiny = Screen().render(s, width: 40, height: 10)
        let words = tiny.text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(words.hasPrefix("terminal too small: 40x10, SuspendScope needs at least 80x24."))
    }

    @Test func unknownRegistersAreShownAsUnknownAfterPowerOff() throws {
        let s = try Self.state(at: .warmBoot)
        var f = Frame(width: 100, height: 14)
        RegistersPanel().render(s, into: &f, region: Region(x: 0, y: 0, width: 100, height: 14))
        #expect(f.text.contains("x19 unknown"))
        #expect(f[0, 1].role == .muted)
        // x0 holds the context id: known.
        #expect(f.text.contains("x0  0x0000000000000000"))
    }

    @Test func controlCharactersNeverReachTheTerminalRaw() {
        var f = Frame(width: 20, height: 1)
        f.write("a\u{1b}[2Jb\u{7}", x: 0, y: 0)
        #expect(f.text.hasPrefix("a^[[2Jb^G"))
        var w = Frame(width: 4, height: 1)
        w.write("漢字x", x: 0, y: 0)
        #expect(w.text == "漢字")
    }
}

@Suite struct ExplanationSnapshotTests {
    @Test(arguments: BoundaryName.allCases)
    func explanationAtEachBoundaryOfV9(_ b: BoundaryName) throws {
        let s = try ScreenSnapshotTests.state(at: b)
        var f = Frame(width: 60, height: 6)
        ExplanationPanel().render(s, into: &f, region: Region(x: 0, y: 0, width: 60, height: 6))
        try ScreenSnapshotTests.assertSnapshot(f, "explain-v9-\(b.rawValue)")
    }
}
