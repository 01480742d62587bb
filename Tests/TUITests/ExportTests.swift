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
        // Each page links to the one before and after it, and to the index.
        #expect(warm.html.contains("<a href=\"04-power-off.html\" rel=\"prev\">"))
        #expect(warm.html.contains("<a href=\"06-mmu-on.html\" rel=\"next\">"))
        #expect(pages.first!.html.contains("(first)") && pages.last!.html.contains("(last)"))
        #expect(warm.html.contains("<a href=\"index.html\">index</a>"))
        // Text from files is escaped in HTML.
        #expect(FrameRendering.escapeHTML("<a&b>") == "&lt;a&amp;b&gt;")
    }

    /// At 200x60 (the export's default size) nothing on a page is cut but the header row's
    /// description, which the page gives in full above the screen.
    @Test func walkthroughAt200x60CutsNothing() throws {
        let built = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        for page in Walkthrough.pages(built: built, theme: .default, width: 200, height: 60) {
            let pre = try #require(page.html.components(separatedBy: "<pre>").last?.components(separatedBy: "</pre>").first)
            let rows = pre.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(!rows.dropFirst().contains { $0.contains("…") }, "\(page.file) cuts text")
            #expect(page.html.contains("the context struct is resume_cpu_context"))
        }
    }

    /// The page's background and text come from the theme: the light theme is dark on white.
    @Test func htmlPageColoursComeFromTheTheme() throws {
        let light = try ScreenSnapshotTests.theme("light")
        #expect(FrameRendering.page(light) == (background: "#ffffff", text: "#000000"))
        #expect(FrameRendering.stylesheet(light).hasPrefix("body{background:#ffffff;color:#000000;"))
        #expect(FrameRendering.stylesheet(.default).hasPrefix("body{background:#1c1c1c;color:#d0d0d0;"))
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
