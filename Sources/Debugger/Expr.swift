/// A parsed debugger expression (`p`, `x`, `set`, breakpoint conditions, watch targets).
/// Every node keeps the 1-based column where it starts in the command, for error messages.
public indirect enum Expr: Equatable, Sendable {
    /// An integer literal.
    case number(UInt64, column: Int)
    /// `$name`: a general register (`$x0`, `$sp`, `$pc`, `$lr`, `$fp`, `$w3`, `$pstate`) or a
    /// system register of the catalogue (`$VBAR_EL2`).
    case register(String, column: Int)
    /// `$SYSREG.FIELD`: a bitfield of a system register (`$HCR_EL2.RW`).
    case bitfield(register: String, field: String, column: Int, fieldColumn: Int)
    /// A symbol, optionally followed by `.field` and `[index]` selectors
    /// (`resume_cpu_context.callee_regs[3]`).
    case path(String, [PathSelector], column: Int)
    case unary(String, Expr, column: Int)
    case binary(String, Expr, Expr, column: Int)
    /// `EXPR @ LEN`: a memory range (watch targets only).
    case range(Expr, Expr, column: Int)

    /// Where the expression starts in the command.
    public var column: Int {
        switch self {
        case .number(_, let c), .register(_, let c), .path(_, _, let c), .unary(_, _, let c),
             .binary(_, _, _, let c), .range(_, _, let c):
            return c
        case .bitfield(_, _, let c, _):
            return c
        }
    }
}

/// `.name` or `[index]` after a symbol.
public enum PathSelector: Equatable, Sendable {
    case field(String, column: Int)
    case index(Expr, column: Int)
}
