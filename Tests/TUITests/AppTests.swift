import Foundation
import Testing
import Machine
@testable import TUI
import Debugger
import Platform

/// The app driven through the in-memory terminal: keys do what the help says, stepping back
/// is exact, the help overlay is built from the panels' key tables.
@Suite struct AppTests {
    static func app(_ scenario: String = "v9") throws -> App {
        let s = try #require(try BuiltinScenarios.scenario(named: scenario))
        return App(built: try s.build())
    }

    @Test func continueStopsAtEachBoundaryAndReverseIsExact() throws {
        let app = try Self.app()
        let t = MemoryTerminal(width: 120, height: 40, events: [.key(.character("]")), .key(.character("]")), .key(.character("]"))])
        app.run(on: t)
        #expect(app.run.detector.passed.map(\.name) == [.suspendEntry, .contextSaved, .psciCall])
        let here = app.run.board.machine.snapshot()
        let step = app.run.board.stepCount
        for _ in 0..<10 { app.handle(.key(.character("s"))) }
        for _ in 0..<10 { app.handle(.key(.shiftFunction(7))) }
        #expect(app.run.board.machine.snapshot() == here)
        #expect(app.run.board.stepCount == step)
        // Back to the previous boundary, then forward again lands on the same state.
        app.handle(.key(.character("[")))
        #expect(app.run.board.stepCount == app.run.detector.boundary(.contextSaved)?.step)
        app.handle(.key(.character("]")))
        #expect(app.run.board.machine.snapshot() == here)
        #expect(t.isShutDown)
    }

    /// bug-lr-not-saved returns to address 0: the source view then shows addresses just below
    /// 2^64 above the pc, which used to overflow `Program.word(at:)` and trap the whole TUI.
    @Test func sourceViewAtPCZeroDoesNotTrap() throws {
        let app = try Self.app("bug-lr-not-saved")
        var steps = 0
        while app.run.board.machine.pc != 0 && steps < 3000 { app.handle(.key(.character("s"))); steps += 1 }
        #expect(app.run.board.machine.pc == 0)
        for (w, h) in [(80, 24), (120, 40), (200, 60)] {
            let text = app.render(width: w, height: h).text
            #expect(text.contains(" source · 0x0 "), "\(w)x\(h)")
        }
    }

    @Test func stepOverABlLandsAfterIt() throws {
        let app = try Self.app()
        // From the start, step to the first bl (boot's `bl check_cpu_mode`) and step over it.
        let m = app.run.board.machine
        var guardSteps = 0
        while app.run.board.instruction(at: m.pc)?.op != .bl && guardSteps < 50 { app.handle(.key(.character("s"))); guardSteps += 1 }
        let pc = m.pc
        app.handle(.key(.function(8)))
        #expect(m.pc == pc &+ 4)
    }

    @Test func helpOverlayListsEveryPanelsKeys() throws {
        let app = try Self.app()
        app.handle(.key(.character("?")))
        let text = app.render(width: 120, height: 40).text
        #expect(text.contains("Keys (Esc or ? closes)"))
        let lines = try #require(app.pager?.lines)
        for g in app.keys.groups(.main) {
            #expect(lines.contains { $0.contains(g.action.summary) && $0.contains(g.keys[0]) }, "missing \(g.action.summary)")
        }
        #expect(lines.contains { $0.contains("typed fields / hexdump") })   // the context panel's table
        app.handle(.key(.escape))
        #expect(!app.render(width: 120, height: 40).text.contains("Keys (Esc or ? closes)"))
    }

    @Test func focusCyclesAndResizeRelayouts() throws {
        let app = try Self.app()
        let t = MemoryTerminal(width: 120, height: 40, events: [.key(.tab), .resize(width: 80, height: 24), .resize(width: 50, height: 10), .key(.character("q"))])
        app.run(on: t)
        #expect(app.focus == 1)
        #expect(t.frames.count == 4)
        #expect(t.frames[2].width == 80)
        #expect(t.frames[3].text.contains("terminal too small"))
        #expect(app.quit)
    }

    @Test func themesParseAndBadOnesAreLocated() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/TUI/Themes")
        for name in ["default", "light", "high-contrast", "mono"] {
            let (t, error) = Theme.load(named: name, searching: [dir], environment: [:])
            #expect(error == nil, "\(name): \(error ?? "")")
            #expect(t.name == name)
            #expect(t.styles.count >= 10)
        }
        // Each mistake is reported at its key: file:line:column, then what was expected.
        let bad: [(String, String)] = [
            ("[roles]\npc-line = { fg = \"purplish\" }\n", "bad.toml:2:13: error: pc-line.fg = \"purplish\": expected a colour name, 0-255 or #rrggbb"),
            ("[roles]\nsparkle = { bold = true }\n", "bad.toml:2:1: error: unknown role 'sparkle': expected one of"),
            ("name = \"x\"\n\n[roles.pc-line]\n# a comment\nfg = \"black\"\n  bold = \"yes\"\n", "bad.toml:6:3: error: pc-line.bold must be true or false"),
            ("[roles]\nfocus = { fg = \"red\", blink = true }\n", "bad.toml:2:23: error: unknown key 'blink' in focus"),
            ("colours = 3\n", "bad.toml:1:1: error: unknown key 'colours': expected name, description or [roles]"),
            ("name = 7\n", "bad.toml:1:1: error: name must be a string"),
            ("[roles]\nmuted = \"grey\"\n", "bad.toml:2:1: error: muted must be a table"),
            // Syntax errors are TOMLKit's (toml++), at the position it gives.
            ("[roles]\npc-line = { fg = \"red\"\n", "bad.toml:2:"),
            ("name = \"unterminated\n", "bad.toml:1:"),
        ]
        for (text, expected) in bad {
            #expect(throws: ThemeError.self) { try Theme.parse(text, file: "bad.toml") }
            do { _ = try Theme.parse(text, file: "bad.toml") } catch {
                #expect("\(error)".hasPrefix(expected), "\(text.debugDescription) gave \(error)")
            }
        }
        // A bad file under themes/ falls back to the default theme, with the message to show.
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("suspendscope-themes-\(getpid())")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try "[roles]\nchanged = { fg = \"#12345\" }\n".write(to: tmp.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
        let (used, message) = Theme.load(named: "broken", searching: [tmp], environment: [:])
        #expect(used == .default)
        #expect(message?.hasSuffix("broken.toml:2:13: error: changed.fg = \"#12345\": expected a colour name, 0-255 or #rrggbb") == true, "\(message ?? "")")
        #expect(Theme.load(named: "default", searching: [dir], environment: ["NO_COLOR": "1"]).0 == .mono)
        let (fallback, problem) = Theme.load(named: "nope", searching: [dir], environment: [:])
        #expect(fallback == .default && problem?.contains("theme 'nope' not found") == true)
        #expect(ThemeColor("#ff0000")?.index(available: 16) == 9)
        #expect(ThemeColor("#ff0000")?.index(available: 8) == 1)
        #expect(ThemeColor("200")?.index(available: 256) == 200)
    }
}

@Suite struct MouseTests {
    @Test func clickFocusesAndGutterClickTogglesABreakpoint() throws {
        let app = try AppTests.app()
        let r = try #require(Screen().regions(width: 120, height: 40))
        let regs = try #require(r["registers"])
        app.handle(.mouse(x: regs.x + 5, y: regs.y + 3, kind: .click))
        #expect(App.panels[app.focus] == "registers")
        let src = try #require(r["source"])
        let row = (src.height - 1) / 2          // the pc's row
        app.handle(.mouse(x: src.x + 1, y: src.y + 1 + row, kind: .click))
        #expect(app.session.breakpoints.count == 1)
        if case .addresses(let list)? = app.session.breakpoints.first?.location {
            #expect(list.contains(app.run.linkAddress(of: app.run.board.machine.pc)))
        }
        #expect(app.render(width: 120, height: 40).text.contains("●"))
        app.handle(.mouse(x: src.x + 1, y: src.y + 1 + row, kind: .click))
        #expect(app.session.breakpoints.isEmpty)
        // Wheel over the source scrolls it.
        app.handle(.mouse(x: src.x + 10, y: src.y + 5, kind: .wheelDown))
        #expect(app.sourceScroll == 3)
    }
}

@Suite struct TeachingModeTests {
    @Test func tourInTheTUIAsksRevealsAndScores() throws {
        let app = try AppTests.app()
        app.handle(.key(.character("t")))
        var t = try #require(app.tour)
        #expect(app.run.detector.has(.suspendEntry))
        #expect(app.render(width: 120, height: 40).text.contains("[1/8] suspend-entry"))
        #expect(app.render(width: 120, height: 40).text.contains("? Where will prepare_resume_ctx return to: what is lr?"))
        #expect(app.render(width: 120, height: 40).text.contains("lr  ? (the tour asks)"))   // hidden until answered
        app.handle(.key(.enter))                      // skipped: the value is revealed
        #expect(app.render(width: 120, height: 40).text.contains("Skipped: lr is 0x20000200890."))
        #expect(app.render(width: 120, height: 40).text.contains("lr  0x0000020000200890"))
        app.handle(.key(.enter))                      // to context-saved, which asks about x0
        for c in "0x1" { app.handle(.key(.character(c))) }
        #expect(app.render(width: 120, height: 40).text.contains("> 0x1"))
        app.handle(.key(.enter))
        t = try #require(app.tour)
        #expect(t.revealed == "Right: x0 is 0x1.")
        #expect(app.render(width: 120, height: 40).text.contains("Score: 1/1, 1 skipped"))
        // The tour's steps are in the history: stepping back after it is exact.
        app.handle(.key(.escape))
        let here = app.run.board.stepCount
        app.handle(.key(.character("r")))
        #expect(app.run.board.stepCount == here - 1)
        #expect(app.session.oldestStep == 0 && app.lastStep?.index == here - 1)
    }

    @Test func compareViewShowsTheRevisionsAndTheReview() throws {
        let app = try AppTests.app()
        app.handle(.key(.character("v")))
        let text = app.render(width: 160, height: 50).text
        #expect(text.contains("compare v8 (struct cpu_context, 176 bytes)  <->  v9"))
        app.handle(.key(.pageDown)); app.handle(.key(.pageDown))
        #expect(app.render(width: 160, height: 50).text.contains("[R2]") || app.render(width: 160, height: 50).text.contains("review"))
        app.handle(.key(.escape))
        #expect(app.compareLines == nil)
    }
}

@Suite struct HelpDriftTests {
    /// Every key the keymap binds on the main screen does something (the help is built from
    /// the keymap, and the keymap must not promise keys the app ignores).
    @Test func everyBoundKeyIsHandled() throws {
        for preset in KeyMap.presets {
            for b in preset.bindings where b.mode == .main && b.action != .view(.quit) {
                let app = try AppTests.app()
                app.keys = preset
                app.handle(.key(b.key))
                #expect(app.message?.hasPrefix("no action for") != true, "\(preset.name): \(KeyName.name(b.key)) is bound but does nothing")
                #expect(!app.quit)
            }
        }
    }
}

@Suite struct CommandLineTests {
    static func type(_ app: App, _ text: String) {
        app.handle(.key(.character(":")))
        for c in text { app.handle(.key(.character(c))) }
        app.handle(.key(.enter))
    }

    @Test func colonRunsDebuggerCommandsWithHistoryAndCompletion() throws {
        let app = try AppTests.app()
        Self.type(app, "b power-off")
        Self.type(app, "c")
        #expect(app.run.detector.has(.powerOff))
        #expect(app.run.board.stepCount == app.run.detector.boundary(.powerOff)?.step)
        let text = app.render(width: 120, height: 40).text
        #expect(text.contains("core suspended"))
        #expect(text.contains("x19 unknown"))
        #expect(app.consoleLines.contains("(ssc) b power-off"))
        // Reverse with Shift-F7, then the engine's own `p`.
        app.handle(.key(.shiftFunction(7)))
        #expect(app.run.board.stepCount == (app.run.detector.boundary(.psciCall)?.step ?? -1))
        Self.type(app, "p/x $x0")
        #expect(app.consoleLines.last?.contains("0xc400000e") == true)
        // A bad command says what is wrong and changes nothing.
        let step = app.run.board.stepCount
        Self.type(app, "p $x0 +")
        #expect(app.consoleLines.last?.hasPrefix("error: column") == true)
        #expect(app.run.board.stepCount == step)
        // History and completion.
        app.handle(.key(.character(":")))
        app.handle(.key(.up))
        #expect(app.commandLine == "p $x0 +")
        app.handle(.key(.escape))
        app.handle(.key(.character(":")))
        for c in "inf" { app.handle(.key(.character(c))) }
        app.handle(.key(.tab))
        #expect(app.commandLine == "info ")
        for c in "reg" { app.handle(.key(.character(c))) }
        app.handle(.key(.tab))
        #expect(app.commandLine == "info registers ")
        app.handle(.key(.escape))
        app.handle(.key(.character(":")))
        for c in "b prepare_res" { app.handle(.key(.character(c))) }
        app.handle(.key(.tab))
        #expect(app.commandLine == "b prepare_resume_ctx ")
        app.handle(.key(.escape))
        // :theme switches live.
        Self.type(app, "theme mono")
        #expect(app.theme.name == "mono")
    }

    @Test func f2BreakpointsAreTheEnginesAndStopContinue() throws {
        let app = try AppTests.app()
        app.handle(.key(.character("]")))                      // suspend-entry
        let m = app.run.board.machine
        for _ in 0..<3 { app.handle(.key(.character("s"))) }
        let pc = m.pc
        app.handle(.key(.function(2)))
        #expect(app.session.breakpoints.count == 1)
        app.handle(.key(.character("[")))                      // back to suspend-entry
        app.handle(.key(.character("c")))                      // stops at the breakpoint
        #expect(m.pc == pc)
        app.handle(.key(.function(2)))
        #expect(app.session.breakpoints.isEmpty)
    }
}

@Suite struct SessionInTheTUITests {
    @Test func quitOffersToSaveAndSessionsRestoreTheView() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-tui-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = try AppTests.app()
        #expect(app.handle(.key(.character("q"))) == false)     // nothing happened yet: quits at once
        let app2 = try AppTests.app()
        app2.handle(.key(.character("]")))
        app2.handle(.key(.tab)); app2.handle(.key(.tab))           // focus: context
        app2.handle(.key(.down))                                   // another system register
        #expect(app2.handle(.key(.character("q"))) == true)        // asks
        #expect(app2.quitPrompt)
        #expect(app2.handle(.key(.escape)) == true)                // stays
        let path = dir.appendingPathComponent("s.json").path
        CommandLineTests.type(app2, "save \(path)")
        #expect(app2.consoleLines.last?.hasPrefix("saved the session at step") == true, "\(app2.consoleLines)")
        #expect(app2.handle(.key(.character("q"))) == false)       // saved: no question
        // A new app loading the session gets the step and the view back.
        let app3 = try AppTests.app()
        CommandLineTests.type(app3, "load \(path)")
        #expect(app3.run.board.stepCount == app2.run.board.stepCount)
        #expect(App.panels[app3.focus] == "context")
        #expect(app3.selectedSysreg == app2.selectedSysreg)
    }
}

@Suite struct SampleSessionTests {
    /// The sample sessions open in the TUI at their saved step and show their notes.
    @Test func v9WalkthroughOpensWithItsNotes() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("sessions/v9-walkthrough.json").path
        let session = try SessionFile.load(path)
        let app = App(session: session)
        let text = app.render(width: 120, height: 40).text
        #expect(app.run.board.stepCount == session.step)
        if session.notes.contains(where: { $0.step == session.step }) {
            #expect(text.contains("note: "))
        }
        // Moving to each noted step shows its note.
        for n in session.notes.prefix(3) {
            CommandLineTests.type(app, n.step >= app.run.board.stepCount ? "si \(n.step - app.run.board.stepCount)" : "rs \(app.run.board.stepCount - n.step)")
            if app.run.board.stepCount == n.step {
                #expect(app.render(width: 120, height: 40).text.contains("note: " + n.text.prefix(20)))
            }
        }
    }
}
