/// One debugger command as gdb keeps them: its name, aliases, the grammar of its arguments,
/// a one-line and a long help, and the handler. `CommandTable.all` holds every command; the
/// interpreter dispatches through it, and `help`, `help CMD`, `apropos`, the TUI's `:`
/// completion and the README's command list are all made from it.
public struct DebuggerCommand {
    /// The groups `help` lists commands in (gdb's classes).
    public enum Category: String, CaseIterable, Sendable {
        case running, reverse, breakpoints, data, stack, source, status, sessions, support

        /// The heading `help` prints for the group.
        public var title: String {
            switch self {
            case .running: "Running the program"
            case .reverse: "Going back (reverse execution)"
            case .breakpoints: "Breakpoints, watchpoints and displays"
            case .data: "Examining and changing data"
            case .stack: "The call stack"
            case .source: "Source and disassembly"
            case .status: "What the state is (info)"
            case .sessions: "Sessions, notes, traces, themes"
            case .support: "Help and leaving"
            }
        }
    }

    /// What one argument of a command is, so completion knows what to offer.
    public enum Argument: Equatable, Sendable {
        /// A boundary, label, `*ADDR` or `FILE:LINE`.
        case location
        /// An expression (registers, symbols, fields, numbers).
        case expression
        /// One of these words (info's subjects, set's settings).
        case word([String])
        /// Breakpoint or watchpoint numbers.
        case breakpointNumbers
        /// A command name (help's argument).
        case command
        /// A session name or path.
        case session
        /// A file to write.
        case file
        /// A theme name.
        case theme
        /// Free text (note).
        case text
    }

    public let name: String
    public let aliases: [String]
    /// The argument grammar as help shows it: "break LOCATION [if COND]".
    public let usage: String
    /// What the arguments are, in order (the last one repeats for lists).
    public let arguments: [Argument]
    /// One line for `help` and `apropos`.
    public let summary: String
    /// `help CMD`: the whole story (the usage line and summary come first).
    public let details: String
    public let category: Category
    /// Takes `/FORMAT` after the name (`p/x`, `x/4gx`).
    public let takesFormat: Bool
    /// Moves the program: `display` expressions are shown after it stops.
    public let resumes: Bool
    let handler: (CommandInterpreter, CommandInvocation) throws -> String

    init(_ name: String, aliases: [String] = [], usage: String, arguments: [Argument] = [], summary: String,
         details: String = "", category: Category, takesFormat: Bool = false, resumes: Bool = false,
         handler: @escaping (CommandInterpreter, CommandInvocation) throws -> String) {
        self.name = name; self.aliases = aliases; self.usage = usage; self.arguments = arguments
        self.summary = summary; self.details = details; self.category = category
        self.takesFormat = takesFormat; self.resumes = resumes; self.handler = handler
    }

    /// Every word that runs this command.
    public var names: [String] { [name] + aliases }

    /// `help CMD`: usage, aliases, summary, details.
    public var helpText: String {
        var lines = ["usage: \(usage)"]
        if !aliases.isEmpty { lines.append("aliases: \(aliases.joined(separator: ", "))") }
        lines.append(summary)
        if !details.isEmpty { lines.append(""); lines.append(details) }
        return lines.joined(separator: "\n")
    }
}

/// One command line as the dispatcher split it: the command word, its `/FORMAT`, and the
/// argument text with the 1-based columns where each starts (for error messages).
public struct CommandInvocation {
    /// The command word as typed (a name, an alias or a unique prefix).
    public var word: String
    public var wordColumn: Int
    public var format: CommandInterpreter.Word?
    /// The argument text, trimmed.
    public var argument: String
    public var argumentColumn: Int
}
