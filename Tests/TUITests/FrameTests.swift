import Foundation
import Testing
import TestSupport
import Platform
import Debugger
@testable import TUI

/// The drawing shortcuts the panels use every frame (prepared cells, stack-built lines, the
/// hex writer, the cheap trim) must give exactly the cells that writing the plain string does:
/// the screen snapshots only see the strings the scenarios happen to contain, these see many.
@Suite struct FrameTests {
    /// Text with what makes drawing hard: wide characters, tabs, C0 and C1 controls, DEL,
    /// combining marks, emoji, and plain ASCII runs longer than eight bytes.
    static let pieces = ["a", "mov x0, #1", "x", " ", "\t", "\u{1b}", "\u{7f}", "\u{85}", "é", "e\u{301}", "漢字", "▶", "●",
                         "🙂", "≠ live", "0123456789abcdef", "\r", "\u{3000}", "·", "ｗ"]

    static func randomText(_ g: inout SplitMix64) -> String {
        (0..<Int(g.next() % 8)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
    }

    @Test func cellTextDrawsWhatTheStringWrites() {
        var g = SplitMix64(seed: 0x5eed_ce11)
        for _ in 0..<3000 {
            let text = Self.randomText(&g)
            let region = Region(x: Int(g.next() % 6), y: 1, width: 1 + Int(g.next() % 30), height: 2)
            let col = Int(g.next() % 34) - 2
            let role = StyleRole.allCases[Int(g.next() % UInt64(StyleRole.allCases.count))]
            var a = Frame(width: 40, height: 4), b = a
            let ea = a.write(text, in: region, row: 0, col: col, role: role)
            let eb = b.write(CellText(text), in: region, row: 0, col: col, role: role)
            #expect(a == b, "\(text.debugDescription) col \(col) in \(region)")
            #expect(ea == eb, "\(text.debugDescription) col \(col) in \(region)")
        }
    }

    @Test func byteLineNumbersAreStringsNumbers() {
        var g = SplitMix64(seed: 42)
        let fixed: [Int] = [0, 1, 9, 10, 99, 100, -1, -10, Int.max, Int.min, 1_000_000]
        for n in fixed + (0..<500).map({ _ in Int(bitPattern: UInt(g.next() >> (g.next() % 64))) }) {
            var line = ByteLine()
            line.append(decimal: n)
            var f = Frame(width: 30, height: 1), h = f
            let region = Region(x: 0, y: 0, width: 30, height: 1)
            f.write(line, in: region, row: 0)
            h.write(String(n), in: region, row: 0)
            #expect(f == h, "\(n)")
            var hex = ByteLine("0x")
            hex.append(hex: UInt64(bitPattern: Int64(n)))
            f = Frame(width: 30, height: 1); h = f
            f.write(hex, in: region, row: 0)
            h.write("0x" + String(UInt64(bitPattern: Int64(n)), radix: 16), in: region, row: 0)
            #expect(f == h, "\(n)")
        }
        // Past its capacity a line keeps its first 96 bytes.
        var long = ByteLine()
        for _ in 0..<20 { long.append("step ") }
        #expect(long.count == ByteLine.capacity)
    }

    @Test func hexAndDecimalWritersMatchTheirStrings() {
        var g = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let v = g.next() >> (g.next() % 64)
            let region = Region(x: 1, y: 0, width: Int(g.next() % 24), height: 1)
            let col = Int(g.next() % 8)
            var a = Frame(width: 30, height: 1), b = a
            #expect(a.writeHex(v, in: region, row: 0, col: col, role: .changed) == b.write(hex16(v), in: region, row: 0, col: col, role: .changed))
            #expect(a == b)
            #expect(a.writeDecimal(Int(v >> 1), in: region, row: 0, col: col) == b.write(String(Int(v >> 1)), in: region, row: 0, col: col))
            #expect(a == b)
        }
        // A one-character literal (stored as a scalar, not bytes) draws too.
        var a = Frame(width: 4, height: 1), b = a
        let r = Region(x: 0, y: 0, width: 4, height: 1)
        a.write(literal: "▶", in: r, row: 0)
        b.write("▶", in: r, row: 0)
        #expect(a == b)
    }

    @Test func trimIsFoundationsWhitespaceTrim() {
        var g = SplitMix64(seed: 99)
        let spaces = [" ", "\t", "\u{a0}", "\u{3000}", "\u{2003}", "\u{202f}", "\r", "\n", "\u{85}", "x", "漢", "e\u{301}", "\u{200b}"]
        for _ in 0..<2000 {
            let s = (0..<Int(g.next() % 10)).map { _ in spaces[Int(g.next() % UInt64(spaces.count))] }.joined()
            #expect(trimmed(Substring(s)) == s.trimmingCharacters(in: .whitespaces), "\(s.debugDescription)")
        }
    }

    /// The context panel's step columns used to cut "step 12345" to "step 1234" (a padding
    /// that also truncated): a long run showed wrong step numbers.
    @Test func contextStepNumbersAreNeverCut() throws {
        let app = App(built: try #require(try BuiltinScenarios.scenario(named: "v9")).build())
        let state = ViewState(run: app.run, provenance: ContextProvenance(saved: [0: 12345, 8: 7], restored: [0: 1_234_567]))
        var f = Frame(width: 110, height: 10)
        ContextPanel().render(state, into: &f, region: Region(x: 0, y: 0, width: 110, height: 10))
        let rows = f.text.split(separator: "\n")
        #expect(rows[2].contains("step 12345 step 1234567"), "\(rows[2])")
        #expect(rows[3].contains("step 7    -"), "\(rows[3])")
    }
}

@Suite struct WrapTests {
    /// The ASCII fast path of `Frame.wrap` gives the same lines as the general one.
    @Test func theFastPathWrapsAsTheGeneralOne() {
        var rng = SplitMix64(seed: 17)
        let words = ["a", "bb", "stp", "x29", "resume_cpu_context", "0x2000021e000", "(RESUME_CTX_X29)", String(repeating: "w", count: 45)]
        for _ in 0..<2000 {
            let n = Int(rng.next() % 20)
            let text = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            let width = 1 + Int(rng.next() % 60)
            #expect(Frame.wrapASCII(text, width: width) == Frame.wrapAny(text, width: width), "\(text.debugDescription) at \(width)")
        }
        #expect(Frame.wrapASCII("a  b", width: 10) == nil)
        #expect(Frame.wrapASCII("é", width: 10) == nil)
    }
}
