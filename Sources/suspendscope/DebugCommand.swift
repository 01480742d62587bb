import ArgumentParser
import Debugger
import Foundation
import Platform
import SafeIO
import TUI

/// `suspendscope debug [SCENARIO|DIR] --commands FILE|-`
struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Run debugger commands on a scenario without a terminal (like gdb -batch -x).",
        discussion: """
            Reads debugger commands one per line from FILE (or standard input for -); blank lines and
            lines starting with # are skipped. Each command is echoed as `(ssc) COMMAND` followed by
            its output; a command that is wrong prints `error: column N: what was wrong` on the next
            line (and on stderr), changes nothing, and the next command runs. `help` lists the
            commands. Exit status: 0 every command ran, 2 at least one command was malformed or
            could not be carried out (or bad arguments), 3 internal error.
            """)

    @Argument(help: "A scenario name (default v9) or a scenario folder.")
    var scenario: String = "v9"

    @Option(name: .customLong("commands"), help: "The file of commands, or - for standard input.")
    var commands: String

    @Option(name: .customLong("max-steps"), help: "The runaway guard: most steps one command takes (default 10000000).")
    var maxSteps: Int = 10_000_000

    @OptionGroup var unknownValues: UnknownOption

    func run() throws {
        guard maxSteps >= 1 else { throw CLIFailure.badInput("--max-steps \(maxSteps): expected a number of steps >= 1") }
        let policy = try unknownValues.policy()
        let text = try Self.readCommands(commands)
        let s = try ScenarioArgument.resolve(scenario)
        let built: BuiltScenario
        do { built = try s.build() } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
        let session = DebugSession(built: built, policy: policy)
        session.maxStepsPerCommand = maxSteps
        let interpreter = CommandInterpreter(session: session)
        let themes = ThemeCatalog()
        interpreter.availableThemes = { themes.available }
        let failed = !Self.execute(text, name: commands, interpreter: interpreter)
        if failed { throw CLIFailure(code: 2, message: "") }
    }

    /// The text of a command file, or of standard input for "-" (at most 16 MiB, UTF-8; a byte
    /// that is not is reported at its line and column).
    static func readCommands(_ commands: String) throws -> String {
        let bytes: [UInt8]
        if commands == "-" {
            bytes = [UInt8](FileHandle.standardInput.readData(ofLength: InputFile.maxTextBytes + 1))
            guard bytes.count <= InputFile.maxTextBytes else {
                throw CLIFailure.badInput("<stdin>: more than the \(InputFile.sizeText(InputFile.maxTextBytes)) a command file may have")
            }
        } else {
            do { bytes = try InputFile.read(commands) } catch let e as InputFileError { throw CLIFailure.badInput(e.description) }
        }
        do { return try InputFile.text(bytes, path: commands == "-" ? "<stdin>" : commands) } catch let e as InputFileError {
            throw CLIFailure.badInput(e.description)
        }
    }

    /// Runs each command line, echoing it as `(ssc) LINE` with its output; errors go to stdout
    /// and, as FILE:LINE:COLUMN, to stderr. Returns false if any command failed.
    static func execute(_ text: String, name: String, interpreter: CommandInterpreter) -> Bool {
        var failed = false
        var lineNumber = 0
        // "\r\n" is one Character in Swift: normalise line ends before splitting.
        let text = text.replacingOccurrences(of: "\r\n", with: "\n")
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            print("(ssc) \(TerminalText.escaped(line))")
            let r = interpreter.execute(line)
            if !r.output.isEmpty { print(r.output) }
            if let e = r.error {
                failed = true
                print("error: \(e)")
                printError("\(name == "-" ? "<stdin>" : name):\(lineNumber):\(max(e.column, 1)): error: \(e.message)")
            }
            if interpreter.quitRequested { break }
        }
        return !failed
    }
}
