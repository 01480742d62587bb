import Foundation
import Testing
import Debugger
import Machine
import Platform
@testable import TUI

/// The registers panel shows V0..V31 below PSTATE once FP state is in use (any V register
/// non-zero), the ones the last step wrote as changed; with all of them zero (every built-in
/// scenario) the panel is as before.
@Suite struct VectorRegistersPanelTests {
    @Test func vectorSectionAppearsWithFPState() throws {
        let s = try ScreenSnapshotTests.state(at: .suspendEntry)
        var before = Frame(width: 100, height: 30)
        RegistersPanel().render(s, into: &before, region: Region(x: 0, y: 0, width: 100, height: 30))
        #expect(!before.text.contains("v0 "))
        let m = s.run.board.machine
        m.setVector(0, low: 0x3ff0_0000_0000_0000, high: 0)
        m.setVector(1, low: 0x0123_4567_89ab_cdef, high: 0xfedc_ba98_7654_3210)
        m.setVector(31, low: 1, high: 2)
        var f = Frame(width: 100, height: 30)
        RegistersPanel().render(s, into: &f, region: Region(x: 0, y: 0, width: 100, height: 30))
        #expect(f.text.contains("v1  0xfedcba98765432100123456789abcdef"))
        #expect(f.text.contains("v31 0x00000000000000020000000000000001"))
        try ScreenSnapshotTests.assertSnapshot(f, "registers-vectors-100x30")
        m.setVector(0, low: 0, high: 0); m.setVector(1, low: 0, high: 0); m.setVector(31, low: 0, high: 0)
    }
}
