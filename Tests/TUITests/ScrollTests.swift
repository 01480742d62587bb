import Testing
@testable import TUI
import Platform

/// Panels whose rows do not fit their region scroll when focused (↑ ↓ PgUp PgDn) or under
/// the mouse (wheel), and say in their title how many rows are out of sight.
@Suite struct ScrollTests {
    /// The rows of a panel's region in a frame, as text.
    static func rows(_ f: Frame, _ r: Region) -> [String] {
        let lines = f.text.split(separator: "\n", omittingEmptySubsequences: false)
        return (r.y..<(r.y + r.height)).map { y in
            let s = lines[y].unicodeScalars
            return String(String.UnicodeScalarView(s.dropFirst(r.x).prefix(r.width)))
        }
    }

    @Test func registersScrollAt80x24() throws {
        let app = try AppTests.app()
        let r = try #require(Screen().regions(width: 80, height: 24)?["registers"])
        #expect(r.height == 8)                          // title + 7 rows: 33 registers + PSTATE do not fit
        app.handle(.key(.tab), width: 80, height: 24)   // focus the registers
        #expect(App.panels[app.focus] == "registers")

        var rows = Self.rows(app.render(width: 80, height: 24), r)
        #expect(rows[0].hasPrefix(" registers "))
        #expect(rows[0].hasSuffix(" ↓ 27 more "))
        #expect(rows[1].hasPrefix("x0  0x"))
        #expect(rows[7].hasPrefix("x6  0x"))

        for _ in 0..<3 { app.handle(.key(.down), width: 80, height: 24) }
        rows = Self.rows(app.render(width: 80, height: 24), r)
        #expect(rows[0].hasSuffix(" ↑ 3 ↓ 24 more "))
        #expect(rows[1].hasPrefix("x3  0x"))
        #expect(rows[7].hasPrefix("x9  0x"))

        // A page is the rows shown less one; the end shows the last registers and PSTATE.
        app.handle(.key(.pageDown), width: 80, height: 24)
        #expect(Self.rows(app.render(width: 80, height: 24), r)[1].hasPrefix("x9  0x"))
        for _ in 0..<10 { app.handle(.key(.pageDown), width: 80, height: 24) }
        rows = Self.rows(app.render(width: 80, height: 24), r)
        #expect(rows[0].hasSuffix(" ↑ 27 more "))
        #expect(rows[1].hasPrefix("x27 0x"))
        #expect(rows[3].hasPrefix("fp  0x"))
        #expect(rows[4].hasPrefix("lr  0x"))
        #expect(rows[5].hasPrefix("sp  0x"))
        #expect(rows[6].hasPrefix("pc  0x"))
        #expect(rows[7].hasPrefix("NZCV "))

        // Back to the top with PgUp; the wheel over the panel scrolls it, focused or not.
        for _ in 0..<10 { app.handle(.key(.pageUp), width: 80, height: 24) }
        #expect(Self.rows(app.render(width: 80, height: 24), r)[1].hasPrefix("x0  0x"))
        app.handle(.key(.tab), width: 80, height: 24)
        app.handle(.mouse(x: r.x + 3, y: r.y + 4, kind: .wheelDown), width: 80, height: 24)
        #expect(Self.rows(app.render(width: 80, height: 24), r)[1].hasPrefix("x3  0x"))
        // Stepping keeps the scroll; the source still follows the pc.
        app.handle(.key(.character("s")), width: 80, height: 24)
        #expect(Self.rows(app.render(width: 80, height: 24), r)[1].hasPrefix("x3  0x"))
    }

    @Test func panelsThatFitShowNoMarkAndIgnoreScrolling() throws {
        let app = try AppTests.app()
        app.handle(.key(.tab), width: 120, height: 40)
        app.handle(.key(.down), width: 120, height: 40)
        let r = try #require(Screen().regions(width: 120, height: 40)?["registers"])
        let rows = Self.rows(app.render(width: 120, height: 40), r)
        #expect(!rows[0].contains("more"))
        #expect(rows[1].hasPrefix("x0  0x"))
    }

    @Test func contextAndTimelineScrollToo() throws {
        let app = try AppTests.app()
        let regions = try #require(Screen().regions(width: 80, height: 24))
        let ctx = try #require(regions["context"]), tl = try #require(regions["timeline"])
        var f = app.render(width: 80, height: 24)
        #expect(Self.rows(f, ctx)[0].contains("↓ "))
        #expect(Self.rows(f, tl)[0].hasSuffix(" ↓ 3 more "))
        let firstField = Self.rows(f, ctx)[2]
        while App.panels[app.focus] != "context" { app.handle(.key(.tab), width: 80, height: 24) }
        app.handle(.key(.down), width: 80, height: 24)
        f = app.render(width: 80, height: 24)
        #expect(Self.rows(f, ctx)[1].hasPrefix("field "))       // the header stays
        #expect(Self.rows(f, ctx)[2] != firstField)
        #expect(Self.rows(f, ctx)[0].contains("↑ 1 "))
        app.handle(.mouse(x: tl.x + 2, y: tl.y + 3, kind: .wheelDown), width: 80, height: 24)
        f = app.render(width: 80, height: 24)
        #expect(Self.rows(f, tl)[0].hasSuffix(" ↑ 3 more "))
        #expect(Self.rows(f, tl)[3].contains("power-off"))
    }

    @Test func helpListsTheScrollKeysUnderEachScrollingPanel() throws {
        let app = try AppTests.app()
        app.handle(.key(.character("?")))
        let lines = try #require(app.pager?.lines)
        let at = try #require(lines.firstIndex(of: "  in registers:"))
        #expect(lines[at + 1].contains("scroll when the rows do not fit (the title shows ↓ N more)"))
        #expect(lines[at + 1].hasPrefix("    Up Down PgUp PgDn Home End"))
        #expect(RegistersPanel().keyHelp.contains(scrollKeyHelp))
        #expect(ContextPanel().keyHelp.contains(scrollKeyHelp))
        #expect(TimelinePanel().keyHelp.contains(scrollKeyHelp))
    }
}

@Suite struct CellTests {
    /// Cells are packed into 32 bits: every role, width and scalar must come back as stored,
    /// and a blank cell must be all zero bits (frames are cleared like memory).
    @Test func cellsKeepWhatTheyHold() {
        #expect(MemoryLayout<Cell>.stride == 4)
        #expect(Cell.blank.bits == 0)
        #expect(Frame(width: 3, height: 2).cells.allSatisfy { $0 == .blank && $0.scalar == " " && $0.width == 1 && $0.role == .normal })
        for (i, role) in StyleRole.allCases.enumerated() {
            #expect(Int(role.index) == i)
            for (u, w) in [(Unicode.Scalar("a"), UInt8(1)), ("漢", 2), (" ", 0), ("\u{10FFFF}", 1), ("\u{0}", 1)] {
                var c = Cell(scalar: u, width: w, role: role)
                #expect(c.scalar == u && c.width == w && c.role == role)
                c.role = .heading
                #expect(c.scalar == u && c.width == w && c.role == .heading)
            }
        }
    }

    /// Writing: clipping at both ends, escapes, tabs, wide characters at the edge, the column
    /// returned.
    @Test func writeClipsAndEscapes() {
        var f = Frame(width: 12, height: 1)
        #expect(f.write("abcdef", x: -2, y: 0) == 4)
        #expect(f.text == "cdef        ")
        f = Frame(width: 12, height: 1)
        #expect(f.write("hello world", x: 1, y: 0, maxWidth: 4) == 5)
        #expect(f.text == " hell       ")
        f = Frame(width: 12, height: 1)
        f.write("a\tb\u{85}", x: 0, y: 0, role: .heading)
        #expect(f.text == "a    b\\u{85}")
        #expect((0..<12).allSatisfy { f[$0, 0].role == .heading })
        f = Frame(width: 3, height: 1)
        #expect(f.write("ab漢", x: 0, y: 0) == 2)
        #expect(f.text == "ab ")
        f = Frame(width: 4, height: 1)
        #expect(f.write("é→漢", x: 0, y: 0) == 4)
        #expect(f.text == "é→漢" && f[3, 0].width == 0 && f[2, 0].width == 2)
        #expect(f.write("x", x: 0, y: 1) == 0)              // below the frame: nothing
    }
}

