import Foundation
import Testing
@testable import TUI
import Platform
import Debugger

/// Screens as text snapshots of rendered frames (Tests/TUITests/Snapshots/*.txt). To accept a
/// deliberate change: `SUSPENDSCOPE_RECORD_SNAPSHOTS=1 swift test --filter TUITests`, then
/// review the diff.
///
/// The full screen is kept at 80x24, 120x40 and 200x60, at suspend-entry, power-off,
/// warm-boot and resume-return, in the default and mono themes
/// (`v9-BOUNDARY-WxH-THEME.txt`). Such a file holds the characters, then a legend of the
/// theme's looks (one letter each, with the roles that have it), then a block of the same
/// size giving each cell's look as its letter: a theme change that alters a role's look, or
/// a panel drawing in another role, fails a test.
@Suite struct ScreenSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/TUI/Themes")

    static func assertSnapshot(_ frame: Frame, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try assertSnapshot(text: frame.text + "\n", name, sourceLocation: sourceLocation)
    }

    static func assertSnapshot(text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name + ".txt")
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

    /// A theme as the TUI loads it from `themes/NAME.toml` (whatever NO_COLOR says here).
    static func theme(_ name: String) throws -> Theme {
        let (t, problem) = Theme.load(named: name, searching: [themesDirectory], environment: [:])
        #expect(problem == nil, "\(name): \(problem ?? "")")
        #expect(t.name == name)
        return t
    }

    static func colorName(_ c: ThemeColor) -> String {
        switch c {
        case .terminalDefault: "default"
        case .indexed(let i): Int(i) < ThemeColor.names.count ? ThemeColor.names[Int(i)] : String(i)
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        }
    }

    /// A look in words: "fg bright-white bg blue bold", or "plain".
    static func describe(_ s: Style) -> String {
        var parts: [String] = []
        if s.foreground != .terminalDefault { parts.append("fg " + colorName(s.foreground)) }
        if s.background != .terminalDefault { parts.append("bg " + colorName(s.background)) }
        if s.bold { parts.append("bold") }
        if s.reverse { parts.append("reverse") }
        if s.underline { parts.append("underline") }
        if s.dim { parts.append("dim") }
        return parts.isEmpty ? "plain" : parts.joined(separator: " ")
    }

    /// The theme's distinct looks, in role order: `.` for plain, then a, b, c, ...; roles that
    /// look the same share a letter.
    static func looks(_ theme: Theme) -> (letter: [StyleRole: Character], legend: [String]) {
        var letter: [StyleRole: Character] = [:]
        var styles: [(Style, Character, [StyleRole])] = [(Style(), ".", [])]
        var next = Unicode.Scalar("a").value
        for role in StyleRole.allCases {
            let st = theme.style(role)
            if let i = styles.firstIndex(where: { $0.0 == st }) {
                styles[i].2.append(role); letter[role] = styles[i].1
            } else {
                let l = Character(Unicode.Scalar(next)!); next += 1
                styles.append((st, l, [role])); letter[role] = l
            }
        }
        let legend = styles.filter { !$0.2.isEmpty }.map { "\($0.1) = \(describe($0.0)): \($0.2.map(\.rawValue).joined(separator: ", "))" }
        return (letter, legend)
    }

    /// The snapshot text of a frame in a theme: characters, legend, looks.
    static func themedText(_ f: Frame, _ theme: Theme) -> String {
        let (letter, legend) = looks(theme)
        var out = f.text + "\n"
        out += "-- looks in theme \(theme.name) (one letter per cell below) --\n"
        for l in legend { out += l + "\n" }
        for y in 0..<f.height {
            var row = ""
            var last: Character = "."
            for x in 0..<f.width {
                let c = f[x, y]
                // The second column of a wide character looks like its first.
                let l = c.width == 0 ? last : letter[c.role] ?? "?"
                row.append(l); last = l
            }
            out += row + "\n"
        }
        return out
    }

    static let boundaries: [BoundaryName] = [.suspendEntry, .powerOff, .warmBoot, .resumeReturn]
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    @Test(arguments: boundaries, ["default", "mono"])
    func fullScreenInEachSizeAndTheme(_ b: BoundaryName, _ themeName: String) throws {
        let state = try Self.state(at: b)
        let theme = try Self.theme(themeName)
        for (w, h) in Self.sizes {
            try Self.assertSnapshot(text: Self.themedText(Screen().render(state, width: w, height: h), theme), "v9-\(b.rawValue)-\(w)x\(h)-\(themeName)")
        }
    }

    /// The mono theme shows the roles with attributes only, so its looks are not the
    /// default's: the style block tells them apart.
    @Test func defaultAndMonoLooksDiffer() throws {
        let f = Screen().render(try Self.state(at: .powerOff), width: 120, height: 40)
        let d = Self.themedText(f, try Self.theme("default")), m = Self.themedText(f, try Self.theme("mono"))
        let chars = f.text + "\n"
        #expect(d.hasPrefix(chars) && m.hasPrefix(chars))
        #expect(d != m)
        let (monoLetter, monoLegend) = Self.looks(try Self.theme("mono"))
        #expect(monoLegend.allSatisfy { !$0.contains("fg ") && !$0.contains("bg ") })
        // pc-line and panel-title are both plain reverse in mono, different colours by default.
        #expect(monoLetter[.pcLine] == monoLetter[.panelTitle])
        #expect(Self.looks(try Self.theme("default")).letter[.pcLine] != Self.looks(try Self.theme("default")).letter[.panelTitle])
    }

    @Test func contextSavedAt120x40() throws {
        try Self.assertSnapshot(Screen().render(try Self.state(at: .contextSaved), width: 120, height: 40), "v9-context-saved-120x40")
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
