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
            the previous boundary, F2 breakpoint, Tab focus, ? help, q quit. Needs a terminal
            (TERM set, stdin and stdout a tty); themes come from ./themes/NAME.toml; NO_COLOR is honoured.
            """)

    @Argument(help: "A scenario name (default v9), a scenario folder, or a bare .S program.")
    var scenario: String = "v9"

    @Option(help: "Theme: default, light, high-contrast, mono, or a themes/NAME.toml of your own.")
    var theme: String = "default"

    @Option(help: "Open a saved session (sessions/NAME.json or a path): replays to its step, restores its view.")
    var session: String?

    @Flag(help: "Start the scenario's guided tour (t in the TUI does the same).")
    var tour = false

    @Option(help: "Record the session as an asciinema v2 file (FILE.cast).")
    var record: String?

    func run() throws {
        let built = try ScenarioArgument.build(scenario)
        let dirs = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("themes")]
        let (t, themeError) = Theme.load(named: theme, searching: dirs)
        if let themeError { printError("warning: " + themeError) }
        let terminal: NCursesTerminal
        do { terminal = try NCursesTerminal() } catch let e as TerminalUnavailable {
            throw CLIFailure.badInput("suspendscope: \(e.description)")
        }
        let app: App
        if let session {
            guard let path = SessionFile.path(for: session) else { throw CLIFailure.badInput("--session \(session): not a session name or path") }
            do { app = App(session: try SessionFile.load(path), theme: t) } catch let e as SessionError {
                throw CLIFailure.badInput(e.description)
            }
        } else {
            app = App(built: built, theme: t)
        }
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
