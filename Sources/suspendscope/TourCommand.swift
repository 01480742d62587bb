import ArgumentParser
import Foundation
import Platform
import SafeIO
import TUI

/// `suspendscope tour [SCENARIO] [--file TOUR.toml]`
struct TourCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tour",
        abstract: "A guided tour of a scenario: narration at each stop, predictions to make, a score.",
        discussion: """
            Reads the learner's answers from standard input, one line per question (a number; 0x for hex;
            empty to skip), so a tour also runs from a pipe. Built-in tours: \(Tour.builtinNames.joined(separator: ", ")).
            A teacher's own tour: --file TOUR.toml (format in the README).
            """)

    @Argument(help: "The scenario whose built-in tour to take (default v9).")
    var scenario: String = "v9"

    @Option(help: "A tour file of your own (its `scenario` names the scenario, a built-in or a folder).")
    var file: String?

    @Option(help: "Read the answers from this file, one per line, instead of standard input.")
    var answers: String?

    @Option(help: "Record the tour as an asciinema v2 file (FILE.cast).")
    var record: String?

    func run() throws {
        let tour: Tour
        do {
            if let file {
                let data = try ProgramLoader.readFile(file)
                tour = try Tour.parse(String(decoding: data, as: UTF8.self), file: file)
            } else {
                guard let t = try Tour.builtin(scenario) else {
                    throw CLIFailure.badInput("no built-in tour for \(scenario) (built-in tours: \(Tour.builtinNames.joined(separator: ", "))); use --file TOUR.toml")
                }
                tour = t
            }
        } catch let e as TOMLError { throw CLIFailure.badInput(e.description) }
        let built: BuiltScenario
        let scenario: Scenario
        do { scenario = try BuiltinScenarios.resolve(tour.scenario) } catch let e as ScenarioError {
            // Said at the tour's `scenario = ...`: that is what to change.
            throw CLIFailure.badInput(tour.scenarioLocation.map { "\($0): error: scenario = \"\(tour.scenario)\": \(e.description)" } ?? e.description)
        }
        do { built = try scenario.build() } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
        let guide = TourGuide(tour: tour, run: ScenarioRun(built: built))
        do { try guide.validate() } catch let e as TOMLError { throw CLIFailure.badInput(e.description) }
        var scripted: [String]?
        if let answers {
            scripted = String(decoding: try ProgramLoader.readFile(answers), as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        }
        let recorder = record.map { _ in AsciicastWriter(width: 100, height: 40, title: "SuspendScope tour: \(TerminalText.escaped(tour.title))") }
        guide.walk(input: {
            let line: String?
            if scripted != nil { line = scripted!.isEmpty ? nil : scripted!.removeFirst(); print(line ?? "") } else { line = readLine(strippingNewline: true) }
            recorder?.output(TerminalText.escaped(line ?? "") + "\r\n")
            return line
        }, output: { text in
            print(text, terminator: ""); fflush(stdout)
            // The recording is played back on a terminal: the same escaping as the screen.
            recorder?.output(TerminalText.escaped(text, keepingNewlines: true).replacingOccurrences(of: "\n", with: "\r\n"))
        })
        if let record, let recorder {
            do { try recorder.write(to: record) } catch { throw CLIFailure(code: 3, message: "\(error)") }
        }
    }
}
