import Debugger

/// Fuzz target `expression`: a debugger expression, parsed and evaluated on v9 at power-off
/// (registers, system registers and bitfields, symbols, struct fields, memory, operators).
/// seeds: Fuzz/Seeds/expression/*
/// max_len: 4096
@_cdecl("suspendscope_fuzz_expression")
public func fuzzExpression(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let e = try? ExpressionParser.parse(FuzzInput.text(data, size)) else { return 0 }
    _ = try? FuzzInput.poweredOff.evaluate(e)
    _ = try? FuzzInput.poweredOff.lvalue(e)
    return 0
}

extension FuzzInput {
    /// A v9 session run to power-off (memory mapped, registers unknown), shared: evaluating
    /// changes nothing.
    nonisolated(unsafe) static let poweredOff: DebugSession = {
        let s = DebugSession(built: v9)
        _ = CommandInterpreter(session: s).execute("until power-off")
        return s
    }()
}
