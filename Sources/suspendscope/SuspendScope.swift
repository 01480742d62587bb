import ArgumentParser
import Foundation
import Assembler
import Platform
import Debugger

/// The `suspendscope` executable: argument parsing only. Each subcommand delegates to the
/// modules below it and maps their errors to the exit codes of SPEC §5:
/// 0 ok, 1 the program faulted / a check found problems, 2 bad input, 3 internal error.
@main
struct SuspendScope: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspendscope",
        abstract: "Step through the Xen ARM64 system-suspend path on an AArch64 emulator at EL2.",
        discussion: """
            With no command, opens the terminal interface on scenario v9.
            Batch commands: run, check, debug, session, scenarios, import, compare, tour, export-walkthrough,
            assemble, disasm; gdbserver serves gdb's remote protocol.
            Examples: suspendscope run v9 --until resume-return --json
                      suspendscope check v8
                      suspendscope scenarios export v9 my-v9
            """,
        version: SuspendScopeVersion.text,
        subcommands: [TUICommand.self, RunCommand.self, CheckCommand.self, DebugCommand.self, SessionCommand.self, ScenariosCommand.self, ImportCommand.self, CompareCommand.self, TourCommand.self, ExportWalkthroughCommand.self, AssembleCommand.self, DisasmCommand.self, GDBServerCommand.self],
        defaultSubcommand: TUICommand.self
    )

    /// Parses and runs, mapping every failure to SPEC §5's exit codes (ArgumentParser's own
    /// usage errors become 2, "bad input").
    static func main() {
        let command: ParsableCommand
        do {
            command = try parseAsRoot(PreprocessorOptions.splittingJoined(Array(CommandLine.arguments.dropFirst())))
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) } // --help, --version: printed by ArgumentParser
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = command
            try command.run()
        } catch let error as CLIFailure {
            if !error.message.isEmpty {
                FileHandle.standardError.write(Data((error.message + "\n").utf8))
            }
            Foundation.exit(error.code)
        } catch let error as AssemblyError {
            // file:line:column: error: what was expected, then the macro uses it came through.
            FileHandle.standardError.write(Data((error.report + "\n").utf8))
            Foundation.exit(2)
        } catch let error as ScenarioError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            Foundation.exit(2)
        } catch let error as ProgramLoadError {
            FileHandle.standardError.write(Data(("error: " + error.description + "\n").utf8))
            Foundation.exit(2)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) } // no subcommand: show the help
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? 2 : 3)
        }
    }
}

/// `suspendscope --version`.
enum SuspendScopeVersion {
    static let number = "0.9.0"
    static var text: String { "suspendscope \(number) (Xen ARM64 system suspend on an AArch64 EL2 emulator; session format \(SessionFile.version))" }
}

/// A failure with the exit code it maps to and a message for stderr.
struct CLIFailure: Error {
    let code: Int32
    let message: String
    static func badInput(_ m: String) -> CLIFailure { CLIFailure(code: 2, message: m) }
    static func internalError(_ m: String) -> CLIFailure { CLIFailure(code: 3, message: "internal error: " + m) }
}

/// Parses `0x...`, decimal, or `0b...` integers for `--base`, `--until` and friends.
func parseAddress(_ text: String) -> UInt64? {
    let t = text.replacingOccurrences(of: "_", with: "").lowercased()
    if t.hasPrefix("0x") { return UInt64(t.dropFirst(2), radix: 16) }
    if t.hasPrefix("0b") { return UInt64(t.dropFirst(2), radix: 2) }
    return UInt64(t)
}

struct AddressArgument: ExpressibleByArgument {
    let value: UInt64
    init?(argument: String) {
        guard let v = parseAddress(argument) else { return nil }
        value = v
    }
    static var defaultCompletionKind: CompletionKind { .default }
}
