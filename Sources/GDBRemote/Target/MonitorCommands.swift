import Debugger
import Foundation
import Platform

/// What gdb's `monitor LINE` runs: the debugger's command language (`CommandInterpreter`,
/// the same as `debug --commands` and the TUI's command line), with three words of its own
/// that a gdb user reaches for: `check` (the integrity and static checks of the scenario, as
/// `suspendscope check` prints them), `boundaries` (`info boundaries`) and `help`.
public enum MonitorCommands {
    public static func run(_ line: String, interpreter: CommandInterpreter) -> String {
        let word = line.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        switch word {
        case "check":
            guard line.trimmingCharacters(in: .whitespaces) == "check" else { return "error: check takes no argument" }
            return CheckReport(interpreter.session.built).text
        case "boundaries":
            return output(interpreter.execute("info " + line))
        case "help", "":
            return gdbHelp + "\n" + output(interpreter.execute("help"))
        default:
            return output(interpreter.execute(line))
        }
    }

    static func output(_ r: CommandInterpreter.Result) -> String {
        if let e = r.error { return (r.output.isEmpty ? "" : r.output + "\n") + "error: \(e)" }
        return r.output
    }

    static let gdbHelp = """
        monitor runs SuspendScope's debugger commands on the session gdb is attached to:
          monitor until power-off      monitor boundaries      monitor info context
          monitor check                monitor info unknown    monitor save NAME
        Commands that move the machine (s, c, until, rs, rc, load) leave gdb's view of the
        registers stale: `flushregs` re-reads them. gdb's own stepi, continue, reverse-stepi and
        reverse-continue run on the same engine and need nothing more.
        """
}
