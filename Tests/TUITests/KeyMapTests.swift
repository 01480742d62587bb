import Foundation
import Testing
@testable import TUI
import Debugger
import Platform
import TestSupport

/// Keys as data: one table per preset, keys.toml over it with located errors, the help and the
/// README made from it, and readline editing on the `:` line.
@Suite struct KeyMapTests {
    @Test func keyNamesRoundTrip() {
        for preset in KeyMap.presets {
            for b in preset.bindings {
                #expect(KeyName.parse(KeyName.name(b.key)) == b.key, "\(KeyName.name(b.key))")
            }
        }
        #expect(KeyName.parse("C-x") == .control("x"))
        #expect(KeyName.parse("Ctrl-X") == .control("x"))
        #expect(KeyName.parse("M-b") == .alt("b"))
        #expect(KeyName.parse("S-F7") == .shiftFunction(7))
        #expect(KeyName.parse("shift-f7") == .shiftFunction(7))
        #expect(KeyName.parse("PageDown") == .pageDown)
        #expect(KeyName.parse("F13") == nil)
        #expect(KeyName.parse("Ctl-x") == nil)
        #expect(KeyName.parse("\u{1b}") == nil)
    }

    @Test func theVimPresetAddsItsKeysAndMovesTheHexdump() {
        let vim = KeyMap.vim
        #expect(vim.action(for: .character("j"), in: .main) == .view(.down))
        #expect(vim.action(for: .character("k"), in: .main) == .view(.up))
        #expect(vim.action(for: .character("g"), in: .main) == .view(.top))
        #expect(vim.action(for: .character("G"), in: .main) == .view(.bottom))
        #expect(vim.action(for: .character("h"), in: .main) == .view(.focusPrevious))
        #expect(vim.action(for: .character("x"), in: .main) == .view(.hexdump))
        #expect(KeyMap.standard.action(for: .character("h"), in: .main) == .view(.hexdump))
        #expect(vim.action(for: .character("s"), in: .main) == .command("si"))
    }

    @Test func keysTomlChangesKeysOnTopOfAPreset() throws {
        let map = try KeyMap.parse("""
            # mine
            preset = "vim"
            [keys]
            "x" = ":si 5"
            "F5" = "next-boundary"
            "q" = "none"
            [pager]
            "Q" = "close"
            [prompt]
            "C-p" = "history-previous"
            """, file: "keys.toml")
        #expect(map.action(for: .character("x"), in: .main) == .command("si 5"))
        #expect(map.action(for: .function(5), in: .main) == .view(.nextBoundary))
        #expect(map.action(for: .character("q"), in: .main) == nil)
        #expect(map.action(for: .character("j"), in: .main) == .view(.down))
        #expect(map.action(for: .character("Q"), in: .pager) == .view(.close))
        #expect(map.action(for: .control("p"), in: .prompt) == .view(.historyPrevious))
        // The app runs it: x steps five.
        let app = App(built: try #require(try BuiltinScenarios.scenario(named: "v9")).build(), keys: map)
        app.handle(.key(.character("x")))
        #expect(app.run.board.stepCount == 5)
        app.handle(.key(.character("q")))
        #expect(!app.quit)
        #expect(app.message?.hasPrefix("no action for q") == true)
    }

    static let badFiles: [(String, String)] = [
        ("[keys]\n\"x\" = \"jump-around\"\n", "keys.toml:2:7: error: [keys] x = \"jump-around\": no such action here"),
        ("[keys]\n\"Ctl-x\" = \"help\"\n", "keys.toml:2:11: error: [keys] 'Ctl-x' is not a key"),
        ("[keys]\n\"x\" = \":jump\"\n", "keys.toml:2:7: error: [keys] x = \":jump\": no debugger command 'jump'"),
        ("[keys]\n\"x\" = 3\n", "keys.toml:2:7: error: [keys] x: expected a string"),
        ("[pager]\n\"x\" = \":si\"\n", "keys.toml:2:7: error: [pager] x = \":si\": debugger commands can be bound on the main screen only"),
        ("preset = \"emacs\"\n", "keys.toml:1:10: error: preset = \"emacs\": expected one of default, vim"),
        ("[keyz]\n", "keys.toml:1:1: error: unknown key 'keyz'"),
        ("[keys]\n\"x\" = \"help\n", "keys.toml:2:"),
        ("[keys]\n\"x\" = \"toggle-breakpoint\"\n\"x\" = \"help\"\n", "keys.toml:3:"),
    ]

    @Test(arguments: badFiles)
    func mistakesAreLocated(_ text: String, _ expected: String) {
        do {
            _ = try KeyMap.parse(text, file: "keys.toml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }

    @Test func aBadFileFallsBackToTheDefaults() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("suspendscope"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let env = ["XDG_CONFIG_HOME": dir.path, "HOME": "/nonexistent"]
        #expect(KeyMap.load(environment: env).0 == .standard)
        #expect(KeyMap.load(environment: env).1 == nil)
        try "[keys]\n\"x\" = \"nope\"\n".write(to: dir.appendingPathComponent("suspendscope/keys.toml"), atomically: true, encoding: .utf8)
        let (map, problem) = KeyMap.load(environment: env)
        #expect(map == .standard)
        #expect(problem?.contains("keys.toml:2:7: error:") == true, "\(problem ?? "")")
        #expect(problem?.hasSuffix("using the default keys") == true)
        // XDG_CONFIG_HOME unset: ~/.config.
        #expect(KeyMap.userFile(environment: ["HOME": "/home/u"]).path == "/home/u/.config/suspendscope/keys.toml")
    }

    /// The README's key list is the keymap's (regenerate with SUSPENDSCOPE_RECORD_README=1).
    @Test func theReadmeListsTheKeysOfTheTable() throws {
        let problem = try ReadmeSection.problem(name: "keys", expected: KeyMap.standard.markdown)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func everyViewActionIsBoundOrDocumented() {
        for mode in KeyMode.allCases {
            for a in KeyMap.actions(for: mode) where a != .none {
                #expect(!a.summary.isEmpty)
                #expect(!KeyMap.standard.keys(for: .view(a), in: mode).isEmpty, "\(mode): \(a.rawValue) has no default key")
            }
        }
    }
}

@Suite struct LineEditorTests {
    @Test func readlineEditing() {
        var e = LineEditor("p $x19 + resume_cpu_context.sp")
        e.home()
        #expect(e.cursor == 0)
        e.wordRight(); #expect(e.cursor == 1)              // after "p"
        e.wordRight(); #expect(e.cursor == 6)              // after "$x19"
        e.end(); e.wordLeft()
        #expect(String(e.text[e.cursor...]) == "resume_cpu_context.sp")
        e.killToEnd()
        #expect(e.string == "p $x19 + ")
        e.yank()
        #expect(e.string == "p $x19 + resume_cpu_context.sp")
        e.killWord()
        #expect(e.string == "p $x19 + ")
        e.left(); e.left(); e.killToStart()
        #expect(e.string == "+ ")
        e.home(); e.deleteForward()
        #expect(e.string == " ")
        e.insert("x/4gx")
        #expect(e.string == "x/4gx ")
    }

    @Test func reverseHistorySearch() {
        let history = ["p $x0", "info frame", "b power-off", "info registers"]
        var e = LineEditor()
        e.searchHistory(history)
        for c in "info" { e.insert(c); e.refreshSearch(history) }
        #expect(e.string == "info registers")
        e.searchHistory(history)                            // again: older
        #expect(e.string == "info frame")
        e.deleteBackward(); e.refreshSearch(history)       // "inf"
        #expect(e.search?.query == "inf")
        #expect(e.display().text.hasPrefix("(reverse-i-search)`inf': "))
        e.endSearch()
        #expect(e.display().text == ":info registers")
    }

    @Test func theAppEditsThePromptWithTheKeys() throws {
        let app = try AppTests.app()
        app.handle(.key(.character(":")))
        for c in "p $x0" { app.handle(.key(.character(c))) }
        app.handle(.key(.control("a")))
        app.handle(.key(.delete))                           // Delete on the : line deletes, never quits
        app.handle(.key(.insert))
        #expect(app.commandLine == " $x0")
        app.handle(.key(.control("e")))
        app.handle(.key(.alt("b")))
        app.handle(.key(.control("k")))
        #expect(app.commandLine == " ")
        app.handle(.key(.control("u")))
        for c in "p 1+1" { app.handle(.key(.character(c))) }
        app.handle(.key(.control("w")))
        #expect(app.commandLine == "p ")
        for k: Key in [.function(1), .function(12), .shiftFunction(3), .home, .end, .pageUp, .tab] { app.handle(.key(k)) }
        #expect(!app.quit)
        app.handle(.key(.escape))
        #expect(app.commandLine == nil)
    }
}

@Suite struct UnmappedInputTests {
    /// Issue 16: Insert, Delete, a right click, a button release, unknown input and every
    /// function key leave the TUI running, on every screen.
    @Test func nothingUnmappedEndsTheLoop() throws {
        let app = try AppTests.app()
        var events: [TerminalEvent] = [.key(.insert), .key(.delete), .mouse(x: 10, y: 10, kind: .rightClick),
                                       .mouse(x: 10, y: 10, kind: .release), .mouse(x: 3, y: 3, kind: .other), .unmapped("key code 999")]
        events += (1...12).map { .key(.function($0)) } + (1...12).map { .key(.shiftFunction($0)) }
        events += [.key(.escape)] + Array(repeating: .key(.character("z")), count: 300)
        events += [.key(.character(":"))] + Array(repeating: .key(.character("z")), count: 600) + [.key(.delete), .key(.insert), .key(.escape)]
        events += [.key(.character("?")), .key(.insert), .key(.delete), .mouse(x: 1, y: 1, kind: .rightClick), .key(.escape)]
        let t = MemoryTerminal(width: 120, height: 40, events: events)
        app.run(on: t)
        #expect(!app.quit)
        #expect(t.frames.count == events.count + 1)       // every event was handled and drawn
    }
}
