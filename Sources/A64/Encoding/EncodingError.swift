/// Why an `Instruction` cannot be encoded: a field that does not fit, or a reserved combination.
public struct EncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A human message, e.g. "immediate 4096 out of range 0...4095".
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
