import ArgumentParser
import Foundation
import Platform
import TUI
import Debugger

/// `suspendscope [tui] [SCENARIO|DIR|FILE.S] [--theme NAME]`: the terminal interface.
struct TUICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the terminal interface on a scenario (the default command; scenario v9).",
        discussion: """
            Keys: s/F7 step, n/F8 step over, c/F9 continue, f finish, r/Shift-F7 step back, R back to
            the previous breakpoint, ] and [ the next and previous boundary, F2 breakpoint, ! findings,
            : commands, Tab focus, ? help (every key), q quit. Keys can be changed in
            $XDG_CONFIG_HOME/suspendscope/keys.toml (a vim set ships: preset = "vim").
            Themes: the shipped default, light, high-contrast and mono, and NAME.toml files in ./themes
            and $XDG_CONFIG_HOME/suspendscope/themes; NO_COLOR is honoured.
            Needs a terminal (TERM set, stdin and stdout a tty).
            """)

    @Argument(help: "A scenario name (default v9), a scenario folder, or a bare .S program.")
    var scenario: String = "v9"

    @Option(help: "Theme: default, light, high-contrast, mono, or NAME.toml of your own in ./themes or $XDG_CONFIG_HOME/suspendscope/themes.")
    var theme: String?

    @Option(help: "Keys: default or vim (overrides keys.toml's preset; keys.toml's own keys still apply).")
    var keys: String?

    @Option(help: "Open a saved session (sessions/NAME.json or a path): replays to its step, restores its view.")
    var session: String?

    @Flag(help: "Start the scenario's guided tour (t in the TUI does the same).")
    var tour = false

    @Option(help: "Record the session as an asciinema v2 file (FILE.cast).")
    var record: String?

    func run() throws {
        let built = try ScenarioArgument.build(scenario)
        let catalog = ThemeCatalog()
        let (t, themeError) = catalog.load(named: theme ?? "default", explicit: theme != nil)
        if let themeError { FileHandle.standardError.write(Data(("warning: " + themeError + "\n").utf8)) }
        var (keyMap, keysError) = KeyMap.load()
        if let keys {
            guard let preset = KeyMap.preset(named: keys) else {
                throw CLIFailure.badInput("--keys \(keys): expected one of \(KeyMap.presets.map(\.name).joined(separator: ", "))")
            }
            if keyMap == .standard || keysError != nil { keyMap = preset }
        }
        let terminal: NCursesTerminal
        do { terminal = try NCursesTerminal() } catch let e as TerminalUnavailable {
            throw CLIFailure.badInput("suspendscope: \(e.description)")
        }
        let app: App
        if let session {
            guard let path = SessionFile.path(for: session) else { throw CLIFailure.badInput("--session \(session): not a session name or path") }
            do { app = App(session: try SessionFile.load(path), theme: t, keys: keyMap, themeGiven: theme != nil) } catch let e as SessionError {
                throw CLIFailure.badInput(e.description)
            }
        } else {
            app = App(built: built, theme: t, keys: keyMap)
        }
        // What went wrong with the theme or the keys shows on screen too.
        if let themeError { app.appendConsole("warning: " + themeError) }
        if let keysError { app.appendConsole("warning: " + keysError) }
        if tour { app.startTour() }
        if let record {
            let recorder = AsciicastWriter(width: terminal.width, height: terminal.height, title: "SuspendScope \(built.manifest.name)")
            app.run(on: RecordingTerminal(terminal, recorder: recorder))
            do { try recorder.write(to: record) } catch { throw CLIFailure(code: 3, message: "\(record): cannot write the recording") }
        } else {
            app.run(on: terminal)
        }
    }
}
