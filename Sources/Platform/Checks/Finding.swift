/// One problem a check found, with everything needed to act on it.
public struct Finding: Equatable, Sendable {
    public enum Check: String, Sendable { case integrity, `static`, path, unknown, synchronization }
    public var check: Check
    /// A short kebab-case kind: "saved-not-restored", "wrong-offset", "register-mismatch", ...
    public var kind: String
    /// The register or field concerned ("x30", "VBAR_EL2", "vbar_el2").
    public var subject: String
    public var expected: String?
    public var actual: String?
    /// Offset into the context struct, where one is involved.
    public var offset: Int?
    /// file:line of the instruction responsible (or of the struct field).
    public var location: String?
    /// The whole finding in one sentence.
    public var message: String
    /// The state of the run to look at: the step count at which the instruction responsible is
    /// about to run (the faulting load, the msr that restored the wrong value, the boundary),
    /// when the check ran the path; nil for what the static check finds in the code.
    public var step: Int?

    public init(check: Check, kind: String, subject: String, expected: String? = nil, actual: String? = nil,
                offset: Int? = nil, location: String? = nil, message: String, step: Int? = nil) {
        self.check = check; self.kind = kind; self.subject = subject; self.expected = expected
        self.actual = actual; self.offset = offset; self.location = location; self.message = message; self.step = step
    }

    /// "[static] head.S:98: VBAR_EL2 restored from offset 112 ..."
    public var line: String {
        "[\(check.rawValue)] " + (location.map { "\($0): " } ?? "") + message
    }

    public var json: JSONValue {
        .object([
            ("check", .string(check.rawValue)), ("kind", .string(kind)), ("subject", .string(subject)),
            ("expected", expected.map { .string($0) } ?? .null), ("actual", actual.map { .string($0) } ?? .null),
            ("offset", offset.map { .int(Int64($0)) } ?? .null), ("location", location.map { .string($0) } ?? .null),
            ("message", .string(message)),
            ("step", step.map { .int(Int64($0)) } ?? .null),
        ])
    }
}
