import Debugger

/// Fuzz target `commands`: debugger command lines (the gdb-style language and its
/// expressions) on a fresh v9 session, at most 32 lines and 200 steps per command. Commands
/// that read or write files (save, load, trace) are left out.
/// seeds: Fuzz/Seeds/commands/*
/// max_len: 4096
@_cdecl("suspendscope_fuzz_commands")
public func fuzzCommands(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let session = DebugSession(built: FuzzInput.v9)
    session.maxStepsPerCommand = 200
    let ci = CommandInterpreter(session: session)
    for line in FuzzInput.text(data, size).split(separator: "\n", omittingEmptySubsequences: false).prefix(32) {
        let body = line.drop { $0 == " " || $0 == "\t" }
        let word = body.prefix { $0 != " " && $0 != "\t" && $0 != "/" }
        if ["save", "load", "trace"].contains(word) { continue }
        _ = ci.execute(String(line))
        // `set max-steps` may not make one input run for minutes.
        ci.session.maxStepsPerCommand = min(ci.session.maxStepsPerCommand, 200)
        if ci.quitRequested { break }
    }
    return 0
}
