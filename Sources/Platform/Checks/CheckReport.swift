/// `suspendscope check`: the integrity check (a run of the path) and the static check (the
/// code against the struct), their findings in one list, clean or not.
public struct CheckReport {
    public let built: BuiltScenario
    public let integrity: IntegrityCheck
    public let staticCheck: StaticCheck

    public init(_ built: BuiltScenario, maxSteps: Int = 1_000_000) {
        self.built = built
        integrity = IntegrityCheck(built, maxSteps: maxSteps)
        staticCheck = StaticCheck(built)
    }

    /// Path problems first (what went wrong when it ran), then integrity, unknown values,
    /// synchronization, then the static pairing.
    public var findings: [Finding] { integrity.findings + staticCheck.findings }

    public var text: String {
        let name = built.manifest.name
        let run = integrity.run
        let boundaries = run.detector.passed.map(\.name.rawValue).joined(separator: " -> ")
        var lines: [String] = []
        if findings.isEmpty {
            lines.append("check \(name): clean")
        } else {
            lines.append("check \(name): \(findings.count) finding\(findings.count == 1 ? "" : "s")")
        }
        lines.append("  path: \(boundaries.isEmpty ? "no boundary reached" : boundaries) (\(integrity.outcome.steps) steps, stopped: \(integrity.outcome.stop.rawValue))")
        let paired = built.manifest.hasContext
            ? "\(staticCheck.saves.count) saves, \(staticCheck.restores.count) restores paired through struct \(built.layout.name) (\(built.layout.size) bytes)"
            : "no context struct to pair saves and restores through"
        lines.append("  integrity: \(integrity.compared) registers and fields compared; static: \(paired)")
        for f in findings { lines.append("  " + f.line) }
        for i in built.manifest.integrityIgnore {
            lines.append("  ignored: \(i.name) is not compared: \(i.reason) (\(i.location))")
        }
        return lines.joined(separator: "\n")
    }

    public var json: JSONValue {
        .object([
            ("scenario", .string(built.manifest.name)),
            ("clean", .bool(findings.isEmpty)),
            ("steps", .int(Int64(integrity.outcome.steps))),
            ("stopped", .string(integrity.outcome.stop.rawValue)),
            ("boundaries", .array(integrity.run.detector.passed.map { b in
                .object([("name", .string(b.name.rawValue)), ("step", .int(Int64(b.step))), ("pc", .hex(b.pc))])
            })),
            ("findings", .array(findings.map(\.json))),
            ("ignored", .array(built.manifest.integrityIgnore.map { i in
                .object([("name", .string(i.name)), ("reason", .string(i.reason)), ("location", .string(i.location.description))])
            })),
        ])
    }
}
