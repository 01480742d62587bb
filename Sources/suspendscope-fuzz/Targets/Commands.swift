import Debugger

/// Fuzz target `commands`: debugger command lines (the gdb-style language and its
/// expressions) on a fresh v9 session started at one of ten points of the path, at most 16 lines and 12 steps per command (what a command parses and checks is reached in a few steps; a step costs about 60 µs under the sanitizer, so long runs only cost time: at 40 steps the target managed 68 inputs a second). Commands
/// that read or write files (save, load, trace, theme) run in the scratch folder, with names only.
/// seeds: Fuzz/Seeds/commands/*
/// max_len: 4096
@_cdecl("suspendscope_fuzz_commands")
public func fuzzCommands(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let session = DebugSession(built: FuzzInput.v9)
    session.maxStepsPerCommand = 12
    // A small history: its log comes in small chunks (a megabyte each by default, costly to
    // map per input), and going back past it exercises the refill from checkpoints.
    session.historyLimit = 300
    // The input's first byte picks where to start (step 0, 100, ..., 900: before the save, at
    // power-off, after the warm boot with the MMU on), so short commands see every phase.
    session.replay(to: Int((data?.pointee ?? 0) % 10) * 100)
    let ci = CommandInterpreter(session: session)
    for line in FuzzInput.text(data, size).split(separator: "\n", omittingEmptySubsequences: false).prefix(16) {
        // Files are written and read in the driver's scratch folder (its working directory):
        // a file command (by any name that reaches it: `tr`, `sa`) with a path that could leave
        // it is skipped. A one-letter `tr 6` found the path-splitting trap this way.
        let body = line.drop { $0 == " " || $0 == "\t" }
        let word = body.prefix { $0 != " " && $0 != "\t" && $0 != "/" }
        if let command = CommandTable.lookup(String(word)), ["save", "load", "trace", "theme"].contains(command.name),
           line.contains("/") { continue }
        _ = ci.execute(String(line))
        // `set max-steps` may not make one input run for minutes.
        ci.session.maxStepsPerCommand = min(ci.session.maxStepsPerCommand, 12)
        if ci.quitRequested { break }
    }
    return 0
}
