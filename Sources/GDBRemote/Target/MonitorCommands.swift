import Debugger

/// What gdb's `monitor LINE` runs: the debugger's command language (`CommandInterpreter`,
/// the same as `debug --commands` and the TUI's command line: `check`, `until`, `info`, `save`,
/// ...), with two words of its own: `boundaries` (`info boundaries`) and `help` (what monitor
/// means under gdb, then the language's help).
public enum MonitorCommands {
    public static func run(_ line: String, interpreter: CommandInterpreter) -> String {
        let word = line.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        switch word {
        case "boundaries":
            return output(interpreter.execute("info " + line))
        case "help" where line.split(separator: " ").count == 1, "":
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
