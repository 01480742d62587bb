/// `help`, `help CMD` and `apropos WORD`, made from the command table.
extension CommandInterpreter {
    /// `help`: the commands by group, one line each.
    public static var helpText: String {
        var lines: [String] = []
        for c in DebuggerCommand.Category.allCases {
            let cmds = CommandTable.all.filter { $0.category == c }
            guard !cmds.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append(c.title + ":")
            for cmd in cmds { lines.append("  " + cmd.usage.padding(to: 34) + " " + cmd.summary) }
        }
        lines.append("")
        lines.append("help COMMAND for more about one; apropos WORD searches the help. Aliases: "
                     + CommandTable.all.filter { !$0.aliases.isEmpty }.map { "\($0.name) (\($0.aliases.joined(separator: " ")))" }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    func helpCommand(_ a: CommandInvocation) throws -> String {
        guard !a.argument.isEmpty else { return Self.helpText }
        let word = a.argument.split(separator: " ").first.map(String.init) ?? a.argument
        guard let c = CommandTable.lookup(word) else {
            let candidates = CommandTable.candidates(word)
            if candidates.count > 1 { throw CommandError(column: a.argumentColumn, "'\(word)' is ambiguous: \(candidates.joined(separator: ", "))") }
            throw CommandError(column: a.argumentColumn, "no command '\(Self.escaped(word))' (help lists them; apropos WORD searches)")
        }
        return c.helpText
    }

    func aproposCommand(_ a: CommandInvocation) throws -> String {
        let word = a.argument.lowercased()
        guard !word.isEmpty else { throw CommandError(column: a.argumentColumn, "apropos needs a word to look for") }
        let hits = CommandTable.all.filter { c in
            ([c.name, c.usage, c.summary, c.details] + c.aliases).contains { $0.lowercased().contains(word) }
        }
        guard !hits.isEmpty else { return "no command mentions '\(Self.escaped(a.argument))'" }
        return hits.map { $0.name.padding(to: 12) + " " + $0.summary }.joined(separator: "\n")
    }
}
