import Foundation
import Testing
@testable import TUI
import Platform

/// Walkthrough pages and asciinema recordings.
@Suite struct ExportTests {
    @Test func walkthroughHasOnePagePerBoundaryWithThemeColours() throws {
        let built = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        let pages = Walkthrough.pages(built: built, theme: .default, width: 120, height: 40)
        #expect(pages.map(\.file) == BoundaryName.allCases.enumerated().map { String(format: "%02d-", $0.offset + 1) + $0.element.rawValue + ".html" })
        let warm = try #require(pages.first { $0.file.hasSuffix("warm-boot.html") })
        #expect(warm.html.contains(".r-pc-line{color:#000000;background:#cdcd00;font-weight:bold}"))
        #expect(warm.html.contains("<span class=\"r-unknown\">unknown"))
        #expect(warm.html.contains("the firmware woke the core at hyp_resume"))
        let index = Walkthrough.index(scenario: "v9", pages: pages)
        #expect(index.components(separatedBy: "<li>").count == 10)
        // Text from files is escaped in HTML.
        #expect(FrameRendering.escapeHTML("<a&b>") == "&lt;a&amp;b&gt;")
    }

    @Test func recordingIsAsciicastV2() throws {
        let built = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        let rec = AsciicastWriter(width: 120, height: 40, title: "t", fixedInterval: 0.5)
        let inner = MemoryTerminal(width: 120, height: 40, events: [.key(.character("s")), .key(.character("q")), .key(.character("n"))])
        App(built: built).run(on: RecordingTerminal(inner, recorder: rec))
        let lines = rec.text.split(separator: "\n")
        #expect(lines.count == 4)  // header + three frames: start, after s, q's save prompt (n quits)
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 120 && header["height"] as? Int == 40)
        let event = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [Any])
        #expect(event.count == 3)
        #expect((event[0] as? NSNumber)?.doubleValue == 0.5)
        #expect(event[1] as? String == "o")
        #expect((event[2] as? String)?.hasPrefix("\u{1b}[H") == true)
    }
}
