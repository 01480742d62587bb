/// What was wrong with a command or expression, and where: `column` is 1-based in the command
/// line as typed (0 when the error is not about one place). A command that fails this way
/// changes nothing.
public struct CommandError: Error, Equatable, CustomStringConvertible {
    public var column: Int
    public var message: String
    public init(column: Int, _ message: String) { self.column = column; self.message = message }

    /// "column 7: expected an expression after '+'".
    public var description: String { column > 0 ? "column \(column): \(message)" : message }

    /// The same error, moved right by `offset` columns (an expression parsed out of a longer command).
    func shifted(by offset: Int) -> CommandError {
        CommandError(column: column > 0 ? column + offset : 0, message)
    }
}
