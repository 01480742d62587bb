import Foundation
import Testing
@testable import TUI
import Platform
import Debugger

/// The TUI as people use it (issue 17), point by point, as text snapshots of whole frames at
/// 80x24, 120x40 and 200x60 (`Snapshots/pN-WHAT-WxH.txt`). Each scene is reached by pressing
/// keys and typing commands, as a user would.
@Suite struct ReadableScreenSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    /// The app with themes looked up as if run from an empty folder with no user themes and
    /// NO_COLOR unset (whatever the test runner's environment says).
    static func app(_ scenario: String = "v9") throws -> App {
        let s = try #require(try BuiltinScenarios.scenario(named: scenario))
        let app = App(built: try s.build())
        app.themes = ThemeCatalog(environment: ["HOME": "/nonexistent"], currentDirectory: "/nonexistent")
        return app
    }

    /// Types `text` at the `:` line and presses Enter (at a size, for the pager decision).
    static func type(_ app: App, _ text: String, _ w: Int, _ h: Int) {
        app.handle(.key(.character(":")), width: w, height: h)
        for c in text { app.handle(.key(.character(c)), width: w, height: h) }
        app.handle(.key(.enter), width: w, height: h)
    }

    static func keys(_ app: App, _ keys: [Key], _ w: Int, _ h: Int) {
        for k in keys { app.handle(.key(k), width: w, height: h) }
    }

    /// Builds the scene at each size (a fresh app per size) and compares the frames.
    static func scene(_ name: String, scenario: String = "v9", theme: String? = nil,
                      _ setUp: (App, Int, Int) throws -> Void, check: ((App, String, Int, Int) throws -> Void)? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (w, h) in sizes {
            let app = try Self.app(scenario)
            try setUp(app, w, h)
            let frame = app.render(width: w, height: h)
            if let theme {
                try ScreenSnapshotTests.assertSnapshot(text: ScreenSnapshotTests.themedText(frame, try ScreenSnapshotTests.theme(theme)),
                                                       "\(name)-\(w)x\(h)", sourceLocation: sourceLocation)
            } else {
                try ScreenSnapshotTests.assertSnapshot(frame, "\(name)-\(w)x\(h)", sourceLocation: sourceLocation)
            }
            try check?(app, frame.text, w, h)
        }
    }

    // MARK: 1. Output you can read

    @Test func p1LongOutputOpensThePager() throws {
        try Self.scene("p1-pager-info-registers") { app, w, h in
            Self.keys(app, [.character("]"), .character("]"), .character("]"), .character("]")], w, h)
            Self.type(app, "info registers", w, h)
        } check: { app, text, _, _ in
            #expect(app.pager != nil)
            #expect(text.contains("x19 "))
            #expect(app.pager?.lines.contains { $0.hasPrefix("pstate") } == true)
        }
        try Self.scene("p1-pager-search") { app, w, h in
            Self.type(app, "x/64gx &resume_cpu_context", w, h)
            Self.keys(app, [.character("/"), .character("1"), .character("8"), .character("0"), .enter], w, h)
        } check: { app, text, _, _ in
            #expect(app.pager?.query == "180")
            #expect(text.contains("/180: n next, N previous"))
        }
    }

    @Test func p1ConsoleScrollsBackAndWraps() throws {
        try Self.scene("p1-console-scrolled") { app, w, h in
            for c in ["p $x0", "p/x $sp", "info boundaries", "p resume_cpu_context.sp", "x/4gx &resume_cpu_context"] { Self.type(app, c, w, h) }
            app.handle(.key(.escape), width: w, height: h)                  // the pager from info boundaries / x, if any
            while App.panels[app.focus] != "console" { app.handle(.key(.tab), width: w, height: h) }
            Self.keys(app, [.up, .up, .up], w, h)
        } check: { _, text, _, _ in
            #expect(text.contains("↓ 3 newer"))
        }
    }

    @Test func p1ExplainScrollsWhenItDoesNotFit() throws {
        try Self.scene("p1-explain-scrolled") { app, w, h in
            app.continueTo(.suspendEntry)
            Self.type(app, "until head.S:34", w, h)                       // stp x29, lr
            while App.panels[app.focus] != "explain" { app.handle(.key(.tab), width: w, height: h) }
            app.handle(.key(.down), width: w, height: h)
        } check: { app, text, w, _ in
            #expect(Explainer(app.run).explainCurrent().text.contains("into resume_cpu_context at offset 80 (RESUME_CTX_X29)"))
            if w < 120 { #expect(text.contains("↑ 1")) }
        }
    }

    // MARK: 2. Themes

    @Test func p2LightThemeEverywhere() throws {
        try Self.scene("p2-light", theme: "light") { app, w, h in
            app.continueTo(.powerOff)
            Self.type(app, "theme light", w, h)
        } check: { app, _, _, _ in
            #expect(app.theme.name == "light")
            #expect(app.session.view.theme == "light")
        }
        try Self.scene("p2-unknown-theme") { app, w, h in
            Self.type(app, "theme nosuch", w, h)
        } check: { app, _, _, _ in
            #expect(app.theme.name == "default")
            #expect(app.consoleLines.last?.hasPrefix("error: theme: no theme 'nosuch': available themes are default, high-contrast, light, mono") == true, "\(app.consoleLines)")
        }
    }

    // MARK: 3. Breakpoints where you look

    @Test func p3EveryBreakpointInTheGutter() throws {
        try Self.scene("p3-breakpoints") { app, w, h in
            app.continueTo(.suspendEntry)
            Self.type(app, "b prepare_resume_ctx", w, h)
            Self.type(app, "b head.S:30 if $x0 != 0", w, h)
            Self.type(app, "tbreak head.S:29", w, h)
            Self.type(app, "b *prepare_resume_ctx+16", w, h)
            Self.type(app, "disable 4", w, h)
            Self.type(app, "watch resume_cpu_context.sp", w, h)
            Self.type(app, "b power-off", w, h)
        } check: { app, text, _, h in
            #expect(text.contains("●") && text.contains("◉"))
            if h >= 40 { #expect(text.contains("○")) }
            if h == 24 { #expect(text.contains("more")) }      // the breakpoints panel says there are more
            #expect(app.session.breakpoints.count == 5)
        }
    }

    @Test func f2TogglesWhatIsThere() throws {
        let app = try Self.app()
        app.continueTo(.suspendEntry)
        Self.type(app, "b prepare_resume_ctx", 120, 40)                  // set with :b as a label
        #expect(app.session.breakpoints.count == 1)
        app.handle(.key(.function(2)), width: 120, height: 40)           // the pc's line: removes it
        #expect(app.session.breakpoints.isEmpty)
        app.handle(.key(.function(2)), width: 120, height: 40)
        #expect(app.session.breakpoints.count == 1)
        app.handle(.key(.function(2)), width: 120, height: 40)
        #expect(app.session.breakpoints.isEmpty)
        // On a scrolled cursor line, a FILE:LINE breakpoint is found and removed.
        Self.type(app, "b head.S:28", 120, 40)
        for _ in 0..<10 where app.cursorTarget(width: 120, height: 40)?.line != 29 { app.handle(.key(.down), width: 120, height: 40) }
        let t = try #require(app.cursorTarget(width: 120, height: 40))
        #expect(t.file == "head.S" && t.line == 29, "\(t)")      // head.S:28 has no code: the breakpoint is on 29
        app.handle(.key(.function(2)), width: 120, height: 40)
        #expect(app.session.breakpoints.isEmpty)
    }

    // MARK: 4. Findings on screen

    @Test func p4FindingsAndTheJump() throws {
        try Self.scene("p4-findings", scenario: "bug-restore-order") { app, w, h in
            app.handle(.key(.character("!")), width: w, height: h)
        } check: { app, text, _, _ in
            #expect(text.contains("findings: bug-restore-order"))
            #expect(text.contains("VBAR_EL2 is restored from offset 112 (vtcr_el2) but saved at offset 104 (vbar_el2)") || (app.pager?.lines.contains { $0.contains("VBAR_EL2 is restored from offset 112") } ?? false))
        }
        try Self.scene("p4-jumped", scenario: "bug-restore-order") { app, w, h in
            app.handle(.key(.character("!")), width: w, height: h)
            app.handle(.key(.enter), width: w, height: h)              // the first finding: VBAR_EL2 at head.S:97
        } check: { app, text, _, _ in
            #expect(app.pager == nil)
            #expect(text.contains("97"))
            #expect(Explainer(app.run).explainCurrent().text.contains("x2 was loaded from offset 112, the vtcr_el2 slot, but VBAR_EL2 was saved at offset 104 (vbar_el2): the wrong slot"))
        }
        try Self.scene("p4-header", scenario: "bug-psci-denied") { app, w, h in
            app.handle(.key(.character("]")), width: w, height: h)
        } check: { _, text, w, _ in
            #expect(text.hasPrefix(" bug-psci-denied — Firmware answers DENIED · The firm"))
            if w >= 120 { #expect(text.hasPrefix(" bug-psci-denied — Firmware answers DENIED · The firmware refuses SYSTEM_SUSPEND")) }
        }
    }

    @Test func p4ExplainAtAFaultAndAtAnUnknownValue() throws {
        try Self.scene("p4-fault", scenario: "bug-restore-before-mmu") { app, w, h in
            Self.type(app, "c", w, h)
        } check: { app, _, _, _ in
            let text = Explainer(app.run).explainCurrent().text
            #expect(text.hasPrefix("An exception was taken: data abort (ESR_EL2 0x96000010, EC 0x25) at 0x"), "\(text)")
            #expect(text.contains("(head.S:75: `ldp x19, x20, [x0]`), FAR_EL2 0x2000021e000: synchronous external abort"), "\(text)")
            #expect(text.contains("but VBAR_EL2 is unknown (lost at power-off, step 575; never restored): there is no handler there"), "\(text)")
        }
        try Self.scene("p4-unknown-sp", scenario: "bug-sp-not-restored") { app, w, h in
            app.continueTo(.resumeReturn)
            Self.type(app, "until suspend.S:80", w, h)
        } check: { app, _, _, _ in
            #expect(Explainer(app.run).explainCurrent().text.hasPrefix("sp is unknown: lost at power-off, step 575; never restored."))
        }
    }

    // MARK: 5. Registers that tell the story

    @Test func p5RegistersContextAndBitfields() throws {
        try Self.scene("p5-resume-return", scenario: "bug-restore-order", theme: "default") { app, w, h in
            app.continueTo(.resumeReturn)
        } check: { _, text, _, _ in
            #expect(text.contains("callee_regs[0] (x19)") || text.contains("callee_regs[0] x19"))
            #expect(text.contains("≠ live") || text.contains("…"))
        }
        try Self.scene("p5-hcr-set-fields-first") { app, w, h in
            app.continueTo(.resumeReturn)
        } check: { _, text, w, _ in
            if w >= 200 { #expect(text.contains("AMO") && text.contains("IMO") && text.contains("FMO")) }
        }
        try Self.scene("p5-unknown-fields") { app, w, h in
            app.continueTo(.powerOff)
        } check: { _, text, _, _ in
            #expect(text.contains(" ?"))
        }
    }

    // MARK: 6. Compare

    @Test func p6CompareScrollsAndSaysWhatChanged() throws {
        try Self.scene("p6-compare", scenario: "bug-restore-order") { app, w, h in
            app.handle(.key(.character("v")), width: w, height: h)
        }
        try Self.scene("p6-compare-right", scenario: "bug-restore-order") { app, w, h in
            app.handle(.key(.character("v")), width: w, height: h)
            for _ in 0..<6 { app.handle(.key(.right), width: w, height: h) }
            for _ in 0..<8 { app.handle(.key(.down), width: w, height: h) }
        } check: { app, _, w, _ in
            if w < 200 { #expect((app.pager?.left ?? 0) > 0) }
        }
    }

    // MARK: 7. Tours that teach

    @Test func p7TheAnswerIsHiddenUntilAnswered() throws {
        try Self.scene("p7-tour-question") { app, w, h in
            app.handle(.key(.character("t")), width: w, height: h)
            app.handle(.key(.enter), width: w, height: h)
            app.handle(.key(.enter), width: w, height: h)            // context-saved: what is x0?
        } check: { _, text, _, _ in
            #expect(text.contains("x0  ? (the tour asks)"))
        }
    }

    // MARK: 8. Source as people read it

    @Test func p8SourceRows() throws {
        try Self.scene("p8-warm-boot") { app, w, h in
            app.continueTo(.warmBoot)
        } check: { _, text, _, _ in
            #expect(text.contains("<hyp_resume>:"))
            #expect(text.contains("▸×4 PRINT_ID"))
            #expect(text.contains("physical addresses"))
            #expect(text.contains(" 4020036c "))
        }
        try Self.scene("p8-macro-expanded") { app, w, h in
            app.continueTo(.warmBoot)
            Self.keys(app, [.down, .character("e")], w, h)
        } check: { _, text, _, _ in
            #expect(text.contains("▾×4 PRINT_ID"))
        }
        try Self.scene("p8-file-divider") { app, w, h in
            app.continueTo(.suspendEntry)
            for _ in 0..<30 where !app.render(width: w, height: h).text.contains("── head.S") { app.handle(.key(.up), width: w, height: h) }
        } check: { _, text, _, _ in
            #expect(text.contains("── head.S ──"))
        }
        try Self.scene("p8-disassembly") { app, w, h in
            app.continueTo(.suspendEntry)
            app.handle(.key(.character("d")), width: w, height: h)
        } check: { _, text, _, _ in
            #expect(text.contains("<cpu_init>") || text.contains("<prepare_resume_ctx"))
        }
    }

    // MARK: 9. gdb's commands

    @Test func p9BacktraceListAndTheEditingPrompt() throws {
        try Self.scene("p9-bt") { app, w, h in
            app.continueTo(.suspendEntry)
            Self.type(app, "bt", w, h)
        } check: { app, text, _, _ in
            #expect(app.consoleLines.contains { $0.hasPrefix("#1  0x20000200890 (returns to) in system_suspend+36 at suspend.S:70") }, "\(app.consoleLines)")
            _ = text
        }
        try Self.scene("p9-history-search") { app, w, h in
            for c in ["p $x0", "info frame", "p $sp"] { Self.type(app, c, w, h) }
            app.handle(.key(.escape), width: w, height: h)
            app.handle(.key(.character(":")), width: w, height: h)
            app.handle(.key(.control("r")), width: w, height: h)
            for c in "fr" { app.handle(.key(.character(c)), width: w, height: h) }
        } check: { app, text, _, _ in
            #expect(text.contains("(reverse-i-search)`fr': info frame"))
            #expect(app.commandLine == "info frame")
        }
    }

    // MARK: 10. Keys as data

    @Test func p10HelpFromTheKeymap() throws {
        try Self.scene("p10-help") { app, w, h in
            app.handle(.key(.character("?")), width: w, height: h)
        }
        try Self.scene("p10-help-vim") { app, w, h in
            app.keys = .vim
            app.handle(.key(.character("?")), width: w, height: h)
        } check: { app, _, _, _ in
            #expect(app.pager?.lines.contains { $0.contains("j Down") || $0.hasPrefix("  Down j") || $0.contains(" j ") } == true)
        }
    }

    // MARK: 11. The smaller items

    @Test func p11QuitPromptAndBoundaryMessages() throws {
        try Self.scene("p11-quit-prompt") { app, w, h in
            app.continueTo(.contextRestored)
            app.handle(.key(.character("]")), width: w, height: h)     // to resume-return: no ^J in the console
            app.handle(.key(.character("q")), width: w, height: h)
        } check: { app, text, _, _ in
            #expect(app.quitPrompt)
            #expect(!text.contains("^J"))
            #expect(app.confirm?.question.contains("y: save to sessions/last.json") == true)
            #expect(text.contains("save the session before quitting?"))
        }
    }
}
