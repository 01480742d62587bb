/// Every debugger command, in the order `help` lists them within each group. The interpreter
/// looks commands up here (a name, an alias, or a prefix that names one command only), and
/// `help`, `help CMD`, `apropos WORD`, the TUI's completion and the README's command list come
/// from these entries.
public enum CommandTable {
    public static let all: [DebuggerCommand] = running + reverse + breakpoints + data + stack + source + status + sessions + support

    /// The command a typed word runs: an exact name or alias first, then a prefix of exactly
    /// one command's name (as gdb allows `disas`, `undisp`).
    public static func lookup(_ word: String) -> DebuggerCommand? {
        if let i = byName[word] { return all[i] }
        let matches = all.filter { $0.name.hasPrefix(word) }
        return matches.count == 1 && !word.isEmpty ? matches[0] : nil
    }

    /// Commands whose name starts with `prefix` (for an ambiguous prefix's message).
    public static func candidates(_ prefix: String) -> [String] {
        all.map(\.name).filter { $0.hasPrefix(prefix) }
    }

    /// Every word that runs a command (names and aliases), for completion.
    public static var words: [String] { all.flatMap(\.names) }

    static let byName: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, c) in all.enumerated() { for n in c.names where d[n] == nil { d[n] = i } }
        return d
    }()

    static let infoSubjects = ["registers", "sysregs", "breakpoints", "boundaries", "context", "unknown", "notes", "history",
                               "frame", "display", "source", "symbol"]

    // MARK: The groups

    static let running: [DebuggerCommand] = [
        DebuggerCommand("si", aliases: ["s", "step", "stepi"], usage: "si [N]", arguments: [.expression],
                        summary: "step N instructions (default 1)",
                        details: "Every instruction is one step, so step and stepi are the same. Stops early at a breakpoint, a watchpoint, an exception taken, b ., wfe/wfi, SYSTEM_OFF or the max-steps guard.",
                        category: .running, resumes: true) { ci, a in try ci.stepCommand(a) },
        DebuggerCommand("ni", aliases: ["n", "next", "nexti"], usage: "ni [N]", arguments: [.expression],
                        summary: "step N instructions, over bl/blr calls (default 1)",
                        details: "A call (bl, blr) runs until it returns to the next instruction; a breakpoint or watchpoint inside it still stops.",
                        category: .running, resumes: true) { ci, a in try ci.nextCommand(a) },
        DebuggerCommand("finish", aliases: ["fin"], usage: "finish",
                        summary: "run until the current function returns",
                        details: "Counts calls and returns from here: stops after the ret that leaves the current function.",
                        category: .running, resumes: true) { ci, a in try ci.finishCommand(a) },
        DebuggerCommand("continue", aliases: ["c", "cont"], usage: "continue",
                        summary: "run until a breakpoint, a watchpoint or the end of the path",
                        category: .running, resumes: true) { ci, a in try ci.continueCommand(a) },
        DebuggerCommand("until", aliases: ["u", "advance"], usage: "until LOCATION", arguments: [.location],
                        summary: "run until LOCATION (a boundary, label, *ADDR or FILE:LINE) is reached",
                        category: .running, resumes: true) { ci, a in try ci.untilCommand(a) },
    ]

    static let reverse: [DebuggerCommand] = [
        DebuggerCommand("rs", aliases: ["rsi", "reverse-step", "reverse-stepi"], usage: "rs [N]", arguments: [.expression],
                        summary: "step back N instructions (default 1)",
                        details: "Reverse execution is exact: every register, system register, memory byte, UART byte and boundary comes back. User edits passed on the way are undone.",
                        category: .reverse, resumes: true) { ci, a in try ci.reverseStepCommand(a) },
        DebuggerCommand("rn", aliases: ["rni", "reverse-next", "reverse-nexti"], usage: "rn [N]", arguments: [.expression],
                        summary: "step back N instructions, over calls",
                        category: .reverse, resumes: true) { ci, a in try ci.reverseNextCommand(a) },
        DebuggerCommand("rfinish", aliases: ["reverse-finish"], usage: "rfinish",
                        summary: "go back to the bl that entered the current function",
                        category: .reverse, resumes: true) { ci, a in try ci.reverseFinishCommand(a) },
        DebuggerCommand("rc", aliases: ["reverse-continue"], usage: "rc",
                        summary: "go back to the previous breakpoint or watchpoint, or the oldest state kept",
                        category: .reverse, resumes: true) { ci, a in try ci.reverseContinueCommand(a) },
    ]

    static let breakpoints: [DebuggerCommand] = [
        DebuggerCommand("break", aliases: ["b", "br"], usage: "break LOCATION [if COND]", arguments: [.location],
                        summary: "stop at a boundary, label, *ADDR or FILE:LINE (when COND holds)",
                        details: """
                            LOCATION: a boundary (power-off, restore, ...), a label (hyp_resume), *ADDR, or FILE:LINE (the first line with code at or after it).
                            A label or address matches the pc as a link address, so code running at its physical load address with the MMU off matches too.
                            COND is an expression: b mmu_resumed if resume_cpu_context.sp != $sp
                            """,
                        category: .breakpoints) { ci, a in try ci.breakCommand(a.argument, a.argumentColumn) },
        DebuggerCommand("tbreak", aliases: ["tb"], usage: "tbreak LOCATION [if COND]", arguments: [.location],
                        summary: "a breakpoint that is deleted the first time it stops",
                        category: .breakpoints) { ci, a in try ci.breakCommand(a.argument, a.argumentColumn, temporary: true) },
        DebuggerCommand("watch", usage: "watch $REG|$SYSREG|FIELD|SYMBOL|*ADDR[@LEN]", arguments: [.expression],
                        summary: "stop right after a step changes a register, system register or memory",
                        details: "watch $x19, watch $VBAR_EL2, watch resume_cpu_context.sp, watch resume_cpu_context (all of it), watch *0x4021e060@16. Going back, it stops right before the step that changed it.",
                        category: .breakpoints) { ci, a in try ci.watchCommand(a.argument, a.argumentColumn) },
        DebuggerCommand("delete", aliases: ["d"], usage: "delete [N...]", arguments: [.breakpointNumbers],
                        summary: "delete breakpoints and watchpoints (all when no number is given)",
                        category: .breakpoints) { ci, a in try ci.deleteCommand(a) },
        DebuggerCommand("enable", usage: "enable [N...]", arguments: [.breakpointNumbers],
                        summary: "enable breakpoints and watchpoints (all when no number is given)",
                        category: .breakpoints) { ci, a in try ci.enableCommand(a, true) },
        DebuggerCommand("disable", usage: "disable [N...]", arguments: [.breakpointNumbers],
                        summary: "disable breakpoints and watchpoints (all when no number is given)",
                        category: .breakpoints) { ci, a in try ci.enableCommand(a, false) },
        DebuggerCommand("condition", usage: "condition N [COND]", arguments: [.breakpointNumbers, .expression],
                        summary: "set breakpoint N's condition (none: remove it)",
                        category: .breakpoints) { ci, a in try ci.conditionCommand(a) },
        DebuggerCommand("ignore", usage: "ignore N COUNT", arguments: [.breakpointNumbers, .expression],
                        summary: "do not stop at the next COUNT hits of breakpoint N",
                        category: .breakpoints) { ci, a in try ci.ignoreCommand(a) },
        DebuggerCommand("display", usage: "display[/FMT] [EXPR]", arguments: [.expression],
                        summary: "show EXPR after every stop (no EXPR: show them all now)",
                        details: "Each display gets a number; undisplay N removes it. The TUI shows them in its console after every step.",
                        category: .breakpoints, takesFormat: true) { ci, a in try ci.displayCommand(a) },
        DebuggerCommand("undisplay", usage: "undisplay [N...]", arguments: [.word([])],
                        summary: "remove displays (all when no number is given)",
                        category: .breakpoints) { ci, a in try ci.undisplayCommand(a) },
    ]

    static let data: [DebuggerCommand] = [
        DebuggerCommand("print", aliases: ["p", "output", "inspect"], usage: "print[/x|d|u|t|a] EXPR  |  print TARGET = EXPR", arguments: [.expression],
                        summary: "the value of an expression; with '=', set it first (a user edit)",
                        details: """
                            EXPR: $x0..$x30 $w0..$w30 $sp $pc $lr $fp $pstate, system registers ($VBAR_EL2) and their fields ($HCR_EL2.RW), symbols (their address),
                            resume_cpu_context.callee_regs[3] (read from memory), &FIELD, *ADDR, + - * / % << >> & | ^ ~ ! == != < <= > >= && || ( ), 0x.. 0b.. decimal.
                            p $x19 = 5 is set $x19 = 5, then the new value.
                            """,
                        category: .data, takesFormat: true) { ci, a in try ci.printCommand(a.argument, a.argumentColumn, a.format) },
        DebuggerCommand("x", usage: "x/NFU ADDR", arguments: [.expression],
                        summary: "examine memory: N units (b h w g) in format F (x d u a s i)",
                        details: "x/4gx &resume_cpu_context, x/s ADDR (a NUL-terminated string), x/8i $pc (instructions). Memory is read through the MMU when it is on.",
                        category: .data, takesFormat: true) { ci, a in try ci.examine(a.argument, a.argumentColumn, a.format) },
        DebuggerCommand("set", usage: "set TARGET = EXPR  |  set max-steps N  |  set history-limit N",
                        arguments: [.word(["max-steps", "history-limit", "var"]), .expression],
                        summary: "change a register, system register, bitfield or field (a user edit), or a setting",
                        details: "A user edit is recorded with its step: going back past it undoes it. Settings: max-steps (the runaway guard per command), history-limit (steps kept for reverse execution).",
                        category: .data) { ci, a in try ci.setCommand(a.argument, a.argumentColumn) },
        DebuggerCommand("ptype", aliases: ["whatis"], usage: "ptype EXPR|STRUCT", arguments: [.expression],
                        summary: "the type of an expression, or a struct's fields with offsets and sizes",
                        category: .data) { ci, a in try ci.ptypeCommand(a) },
    ]

    static let stack: [DebuggerCommand] = [
        DebuggerCommand("backtrace", aliases: ["bt", "where"], usage: "backtrace",
                        summary: "the call chain, from the pc, lr and the frame records (x29)",
                        details: "Frames whose return address came back through resume_cpu_context are marked: after the resume, prepare_resume_ctx's caller is reached through the restored lr.",
                        category: .stack) { ci, a in try ci.backtraceCommand(a) },
        DebuggerCommand("frame", usage: "frame",
                        summary: "where the core is: step, pc, function, source line and instruction",
                        category: .stack) { ci, a in try ci.noArgument(a.word, a.argument, a.argumentColumn); return ci.locationLine() },
    ]

    static let source: [DebuggerCommand] = [
        DebuggerCommand("list", aliases: ["l"], usage: "list [LOCATION]", arguments: [.location],
                        summary: "source lines around LOCATION (default: the pc); again: the next lines",
                        category: .source) { ci, a in try ci.listCommand(a) },
        DebuggerCommand("disassemble", aliases: ["disas"], usage: "disassemble [FUNCTION|LOCATION]", arguments: [.location],
                        summary: "the instructions of a function (default: the one holding the pc), with symbols",
                        category: .source) { ci, a in try ci.disassembleCommand(a) },
    ]

    static let status: [DebuggerCommand] = [
        DebuggerCommand("info", aliases: ["i"], usage: "info SUBJECT [NAME]", arguments: [.word(infoSubjects)],
                        summary: "registers|sysregs [NAME]|breakpoints|boundaries|context|unknown|notes|history|frame|display|source|symbol ADDR",
                        category: .status) { ci, a in try ci.infoCommand(a.argument, a.argumentColumn) },
        DebuggerCommand("check", usage: "check",
                        summary: "the integrity and static checks of the scenario: what is wrong, and where",
                        details: "Runs the scenario's whole path on its own (the session does not move) and pairs the save with the restore through the struct; the TUI shows the findings in a view where Enter jumps to each one.",
                        category: .status) { ci, a in try ci.checkCommand(a) },
    ]

    static let sessions: [DebuggerCommand] = [
        DebuggerCommand("save", usage: "save NAME|PATH", arguments: [.session],
                        summary: "write the session to sessions/NAME.json (or PATH)",
                        category: .sessions) { ci, a in try ci.saveCommand(a) },
        DebuggerCommand("load", usage: "load [--partial] NAME|PATH", arguments: [.session],
                        summary: "load a session: rebuild its scenario and replay to its step",
                        details: "When the scenario's files changed but its assembled image did not, the session loads. When the image changed, load says which step first runs changed code; load --partial loads up to the step before it.",
                        category: .sessions) { ci, a in try ci.loadCommand(a) },
        DebuggerCommand("note", usage: "note TEXT", arguments: [.text],
                        summary: "a note at this step (sessions keep notes; the TUI shows them at their step)",
                        category: .sessions) { ci, a in try ci.noteCommand(a) },
        DebuggerCommand("trace", usage: "trace FILE.jsonl", arguments: [.file],
                        summary: "write one JSON object per step so far",
                        category: .sessions) { ci, a in try ci.traceCommand(a) },
        DebuggerCommand("theme", usage: "theme NAME", arguments: [.theme],
                        summary: "the TUI's colours (default, light, high-contrast, mono, or your own); sessions keep it",
                        category: .sessions) { ci, a in try ci.themeCommand(a) },
    ]

    static let support: [DebuggerCommand] = [
        DebuggerCommand("help", aliases: ["h"], usage: "help [COMMAND]", arguments: [.command],
                        summary: "the commands by group, or everything about one",
                        category: .support) { ci, a in try ci.helpCommand(a) },
        DebuggerCommand("apropos", usage: "apropos WORD", arguments: [.text],
                        summary: "the commands whose name or help mentions WORD",
                        category: .support) { ci, a in try ci.aproposCommand(a) },
        DebuggerCommand("quit", aliases: ["q", "exit"], usage: "quit",
                        summary: "stop reading commands (the TUI: leave)",
                        category: .support) { ci, _ in ci.quitRequested = true; return "" },
    ]
}
