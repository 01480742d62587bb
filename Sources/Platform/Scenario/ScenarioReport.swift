import A64
import Machine

extension ScenarioRun {
    /// SPEC §5's JSON object for a scenario run, plus the path: `"boundaries"` (`{name, step,
    /// pc}` in order), `"uart"` (the captured text), `"events"` (PSCI calls, power-off, wake)
    /// and `"unknownUses"` (each use of an unknown value, with its message).
    public func report(_ outcome: ScenarioOutcome, dumps: [MemoryDumpRequest]) throws -> JSONValue {
        let m = board.machine
        var memory: [(String, JSONValue)] = []
        for d in dumps {
            guard let a = built.symbol(d.symbol) ?? LoadedImage(base: 0, bytes: [], entry: 0).address(of: d.symbol) else {
                throw BatchRunError("--dump \(d.symbol):\(d.bytes): no such symbol (expected a label of the scenario or an address)")
            }
            let pa = built.symbol(d.symbol) != nil ? built.physical(a) : a
            var values: [JSONValue] = []
            for w in 0..<(d.bytes + 7) / 8 {
                let n = min(8, d.bytes - w * 8)
                values.append(m.memory.readRAM(pa &+ UInt64(w * 8), n).map { .hex($0) } ?? .null)
            }
            memory.append((d.symbol, .array(values)))
        }
        let unknown = board.unknowns.unknownLocations.compactMap { l -> String? in
            if case .memory = l { return nil }
            return l.name
        }
        var extra: [(String, JSONValue)] = [
            ("scenario", .string(built.manifest.name)),
            ("boundaries", .array(detector.passed.map { b in
                .object([("name", .string(b.name.rawValue)), ("step", .int(Int64(b.step))), ("pc", .hex(b.pc))])
            })),
            ("uart", .string(board.uart.text)),
            ("events", .array(board.events.map { e in
                .object([("step", .int(Int64(e.step))), ("kind", .string(e.kind.rawValue)), ("text", .string(e.text))])
            })),
            ("unknownUses", .array(unknownUses.map { u in
                .object([("step", .int(Int64(u.step))), ("pc", .hex(u.pc)), ("kind", .string(u.kind.rawValue)),
                         ("location", .string(place(linkAddress(of: u.pc)))), ("message", .string(u.message))])
            })),
        ]
        if let r = outcome.reason { extra.append(("reason", .string(r))) }
        if outcome.stop == .notModelled { extra.append(BatchRun.notModelledField(machine: m, pc: m.pc)) }
        let faultText = outcome.fault.map { text(atPhysicalOrVirtual: $0.elr) }
        return BatchRun.report(machine: m, stop: outcome.stop.rawValue, steps: outcome.steps, fault: outcome.fault,
                               faultInstruction: faultText, unknown: unknown, memory: memory, extra: extra)
    }
}
