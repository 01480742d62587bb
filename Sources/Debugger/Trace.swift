import A64
import Foundation
import Machine
import Platform

/// Trace export: one JSON object per step (JSON Lines) with the step number, the PC, the
/// instruction, every effect with its old and new value, and the boundaries reached.
///
/// `{"step": 547, "pc": "0x20000200320", "instruction": "str x2, [x0, #96]", "location": "head.S:38",
///   "registers": [{"name": "x2", "old": "0x..", "new": "0x.."}], "sysregs": [...],
///   "pstate": {"old": "0x..", "new": "0x.."}, "memory": {"address": "0x..", "size": 8,
///   "old": ["0x.."], "new": ["0x.."]}, "exception": {...}, "event": "...", "boundaries": ["power-off"]}`
/// Keys without content are left out; integers are lowercase hex strings as in SPEC §5.
public enum Trace {
    static let registerNames: [String] = (0...30).map { "x\($0)" } + ["sp_el0", "sp_el2"]

    /// Little-endian 64-bit words of `bytes`.
    static func words(_ bytes: [UInt8]) -> JSONValue {
        var out: [JSONValue] = []
        var i = 0
        while i < bytes.count {
            var v: UInt64 = 0
            for k in 0..<min(8, bytes.count - i) { v |= UInt64(bytes[i + k]) << UInt64(8 * k) }
            out.append(.hex(v))
            i += 8
        }
        return .array(out)
    }

    /// The JSON of one instruction step.
    public static func object(step: Int, effects e: StepEffects, location: String?, boundaries: [String], event: String? = nil) -> JSONValue {
        var m: [(String, JSONValue)] = [("step", .int(Int64(step))), ("pc", .hex(e.pcOld)),
                                        ("instruction", .string(Disassembler.text(e.instruction, at: e.pcOld)))]
        if let location { m.append(("location", .string(location))) }
        let regs = e.registerWrites
        if !regs.isEmpty {
            m.append(("registers", .array(regs.map { w in
                let i = Int(w.index)
                return .object([("name", .string(i < registerNames.count ? registerNames[i] : "r\(i)")), ("old", .hex(w.old)), ("new", .hex(w.new))])
            })))
        }
        let sys = e.systemRegisterWrites
        if !sys.isEmpty {
            m.append(("sysregs", .array(sys.map { w in
                let i = Int(w.index)
                let all = SystemRegisterCatalogue.all
                return .object([("name", .string(i < all.count ? all[i].name : "sysreg \(i)")), ("old", .hex(w.old)), ("new", .hex(w.new))])
            })))
        }
        if e.pstateOld != e.pstateNew { m.append(("pstate", .object([("old", .hex(e.pstateOld)), ("new", .hex(e.pstateNew))]))) }
        if let w = e.memoryWrite {
            m.append(("memory", .object([("address", .hex(w.address)), ("size", .int(Int64(w.count))),
                                         ("old", words(w.oldBytes)), ("new", words(w.newBytes))])))
        }
        if let b = e.blockWrite {
            m.append(("memory", .object([("address", .hex(b.address)), ("size", .int(Int64(b.oldBytes.count))),
                                         ("old", words(b.oldBytes)), ("new", words([UInt8](repeating: 0, count: b.oldBytes.count)))])))
        }
        if let x = e.exception {
            var xm: [(String, JSONValue)] = [("ec", .hex(UInt64(x.ec))), ("esr", .hex(x.esr)), ("elr", .hex(x.elr)), ("vector", .hex(x.vector))]
            if let far = x.far { xm.append(("far", .hex(far))) }
            m.append(("exception", .object(xm)))
        }
        if let event { m.append(("event", .string(event))) }
        m.append(("pcNew", .hex(e.pcNew)))
        if !boundaries.isEmpty { m.append(("boundaries", .array(boundaries.map { .string($0) }))) }
        return .object(m)
    }

    /// The JSON of one board step of a scenario run (instruction, or the firmware's wake-up).
    public static func object(_ s: BoardStep, run: ScenarioRun) -> JSONValue {
        let names = run.detector.passed.filter { $0.step == s.index }.map(\.name.rawValue)
        let events = run.board.events.filter { $0.step == s.index }.map(\.text)
        let event = events.isEmpty ? nil : events.joined(separator: "; ")
        switch s.kind {
        case .instruction(let e):
            return object(step: s.index, effects: e, location: run.place(run.linkAddress(of: e.pcOld)), boundaries: names, event: event)
        case .wake(let entry, _):
            var m: [(String, JSONValue)] = [("step", .int(Int64(s.index))), ("pc", .hex(entry)), ("event", .string(event ?? "wake"))]
            if !names.isEmpty { m.append(("boundaries", .array(names.map { .string($0) }))) }
            return .object(m)
        case .idle:
            return .object([("step", .int(Int64(s.index))), ("event", .string("idle: the system is off"))])
        }
    }

    /// Runs `built` from its start for `steps` steps and writes the trace to `path` atomically.
    public static func writeScenario(_ built: BuiltScenario, policy: UnknownPolicy?, steps: Int, to path: String) throws {
        let run = ScenarioRun(built: built, policy: policy)
        var out = ""
        while run.board.stepCount < steps && run.board.power != .off {
            let (s, _) = run.advance()
            out += object(s, run: run).serialized(pretty: false) + "\n"
        }
        try ProgramLoader.writeAtomically(Data(out.utf8), to: path)
    }

    /// Writes the trace of the session from its start to the current step (user edits as
    /// `{"step": N, "edit": {...}}` lines, applied where they were made) to `path` atomically.
    public static func writeHistory(of session: DebugSession, to path: String) throws {
        // Replays on a fresh session, so that boundaries and events are those of each step.
        let fresh = DebugSession(built: session.built, policy: session.board.policy)
        let ci = CommandInterpreter(session: fresh)
        var out = ""
        var edits = session.edits[...]
        while true {
            while let e = edits.first, e.step == fresh.step {
                out += JSONValue.object([("step", .int(Int64(e.step))),
                                         ("edit", .object([("target", .string(e.target)), ("value", .hex(e.value))]))]).serialized(pretty: false) + "\n"
                _ = ci.execute("set \(e.target) = 0x\(String(e.value, radix: 16))")
                edits = edits.dropFirst()
            }
            guard fresh.step < session.step && fresh.board.power != .off else { break }
            let (s, _) = fresh.run.advance()
            out += object(s, run: fresh.run).serialized(pretty: false) + "\n"
        }
        try ProgramLoader.writeAtomically(Data(out.utf8), to: path)
    }
}
