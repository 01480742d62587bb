import Foundation
import A64
import Machine

/// A guided tour: stops along the path with narration, some asking the learner to predict a
/// value before it is revealed. Tours are TOML files, so a teacher can write new ones:
///
/// ```toml
/// scenario = "v9"
/// title = "Why prepare_resume_ctx returns twice"
///
/// [[stop]]
/// at = "context-saved"            # a boundary, or a label of the program
/// say = """What the learner reads here."""
/// ask = "What is x0 now?"         # optional: a prediction
/// answer = "x0"                   # what is revealed: x0..x30, sp, pc, a system register
///                                 # (VBAR_EL2), or a context field (field:callee_regs[11])
/// ```
public struct Tour: Sendable {
    public struct Stop: Sendable {
        public enum Target: Sendable, Equatable { case boundary(BoundaryName), label(String) }
        public var target: Target
        public var say: String
        public var ask: String?
        public var answer: String?
        public var location: TOMLLocation
    }

    public var scenario: String
    public var title: String
    public var stops: [Stop]

    public static func parse(_ text: String, file: String) throws -> Tour {
        let t = try TOML.parse(text, file: file)
        let r = TOMLReader(t)
        try r.onlyKeys(["scenario", "title", "stop"])
        let stops = try r.tables("stop")
        guard !stops.isEmpty else { throw TOMLError(t.location, "a tour needs at least one [[stop]] with at = \"BOUNDARY\" and say = \"...\"") }
        var out: [Stop] = []
        for s in stops {
            try s.onlyKeys(["at", "say", "ask", "answer"])
            let at = try s.requiredString("at")
            let target: Stop.Target = BoundaryName(rawValue: at).map { .boundary($0) } ?? .label(at)
            let ask = try s.string("ask"), answer = try s.string("answer")
            if (ask == nil) != (answer == nil) {
                throw TOMLError(s.table.location, "a stop that asks must say what the answer is, and the other way round: give both 'ask' and 'answer'")
            }
            if let a = answer, !Self.isAnswerSpec(a) {
                throw TOMLError(s.value("answer")!.location, "answer = \"\(a)\": expected a register (x0..x30, sp, pc, lr), a system register (VBAR_EL2) or field:NAME")
            }
            out.append(Stop(target: target, say: try s.requiredString("say"), ask: ask, answer: answer, location: s.table.location))
        }
        return Tour(scenario: try r.requiredString("scenario"), title: try r.string("title") ?? "", stops: out)
    }

    static func isAnswerSpec(_ a: String) -> Bool {
        if a.hasPrefix("field:") { return a.count > 6 }
        if ["sp", "pc", "lr", "fp"].contains(a.lowercased()) { return true }
        if ScenarioManifest.registerIndex(a) != nil { return true }
        return SystemRegisterCatalogue.index(named: a) != nil
    }

    /// The built-in tours (resources under `Tours/`), by scenario name.
    public static var builtinNames: [String] {
        guard let dir = Bundle.module.resourceURL?.appendingPathComponent("Tours"),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        return names.filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }.sorted()
    }

    public static func builtin(_ name: String) throws -> Tour? {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Tours/\(name).toml"),
              let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try parse(String(decoding: data, as: UTF8.self), file: "Tours/\(name).toml")
    }
}

/// Walks a tour on a scenario run: runs to each stop, narrates, asks, reads the learner's
/// prediction through `input`, reveals, keeps the score. Text goes through `output`, so the
/// same walk serves a terminal, a pipe, a test and a recording.
public final class TourGuide {
    public let tour: Tour
    public let run: ScenarioRun
    public private(set) var asked = 0
    public private(set) var right = 0
    /// Questions left unanswered (they count neither right nor wrong).
    public private(set) var skipped = 0

    public init(tour: Tour, run: ScenarioRun) { self.tour = tour; self.run = run }

    /// Validates that every stop's label exists before starting (a located error otherwise).
    public func validate() throws {
        for s in tour.stops {
            if case .label(let l) = s.target, run.built.symbol(l) == nil {
                throw TOMLError(s.location, "at = \"\(l)\": not a boundary (\(BoundaryName.allCases.map(\.rawValue).joined(separator: ", "))) nor a label of \(run.built.manifest.name)")
            }
            if let a = s.answer, a.hasPrefix("field:") {
                let name = String(a.dropFirst(6))
                let base = name.split(separator: "[").first.map(String.init) ?? name
                if run.built.layout.field(named: base) == nil {
                    throw TOMLError(s.location, "answer = \"\(a)\": struct \(run.built.layout.name) has no field \(base)")
                }
            }
        }
    }

    /// The offset in the context of `field:NAME[i]`'s slot.
    public func fieldOffset(_ name: String) -> Int? {
        var base = name, index = 0
        if let open = name.firstIndex(of: "["), let close = name.firstIndex(of: "]"), let i = Int(name[name.index(after: open)..<close]) {
            base = String(name[..<open]); index = i
        }
        guard let f = run.built.layout.field(named: base), index >= 0, index < f.count else { return nil }
        return f.offset + index * f.elementSize
    }

    /// The value an answer spec names, now.
    public func value(of spec: String) -> UInt64? {
        let m = run.board.machine
        switch spec.lowercased() {
        case "pc": return m.pc
        case "sp": return m.sp
        default: break
        }
        if let r = ScenarioManifest.registerIndex(spec) { return r == 32 ? m.sp : m.x(r) }
        if let i = SystemRegisterCatalogue.index(named: spec) { return m.systemRegister(at: i) }
        if spec.hasPrefix("field:"), let off = fieldOffset(String(spec.dropFirst(6))) {
            let bytes = run.readContext()
            guard off + 8 <= bytes.count else { return nil }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[off + k]) << UInt64(8 * k) }
            return v
        }
        return nil
    }

    static func parseNumber(_ s: String) -> UInt64? {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "")
        if t.hasPrefix("0x") { return UInt64(t.dropFirst(2), radix: 16) }
        if t.hasPrefix("-"), let v = Int64(t) { return UInt64(bitPattern: v) }
        return UInt64(t)
    }

    /// Runs forward to stop `i` (stops are visited in order).
    public func go(to i: Int) {
        guard i >= 0, i < tour.stops.count else { return }
        switch tour.stops[i].target {
        case .boundary(let b):
            if !run.detector.has(b) { _ = run.run(boundaries: [b], maxSteps: 1_000_000) }
        case .label(let l):
            if let a = run.built.symbol(l) { _ = run.run(addresses: [a, run.built.physical(a)], maxSteps: 1_000_000) }
        }
    }

    /// The heading of stop `i` at the current state: "[2/8] context-saved — step 565, suspend.S:71".
    public func heading(_ i: Int) -> String {
        let stop = tour.stops[i]
        var name: String
        switch stop.target {
        case .boundary(let b):
            name = b.rawValue
            if let p = run.detector.boundary(b) {
                if p.step != run.board.stepCount { name += " (passed at step \(p.step))" }
            } else {
                name += " (not reached: the run stopped before it)"
            }
        case .label(let l):
            name = l
            if let a = run.built.symbol(l), run.linkAddress(of: run.board.machine.pc) != a { name += " (not reached: the run stopped before it)" }
        }
        return "[\(i + 1)/\(tour.stops.count)] \(name) — step \(run.board.stepCount), \(run.place(run.linkAddress(of: run.board.machine.pc)))"
    }

    /// Scores a reply to stop `i`'s question and returns the reveal text. No reply (or one
    /// that is not a number) is a skip, counted as such.
    public func answer(_ i: Int, reply: String?) -> String {
        guard let spec = tour.stops[i].answer else { return "" }
        let truth = value(of: spec)
        let shown = truth.map { "0x" + String($0, radix: 16) } ?? "unknown"
        guard let reply, let guess = Self.parseNumber(reply) else {
            skipped += 1
            return "Skipped: \(spec) is \(shown)."
        }
        asked += 1
        if let truth, guess == truth { right += 1; return "Right: \(spec) is \(shown)." }
        return "Not quite: you said 0x\(String(guess, radix: 16)); \(spec) is \(shown)."
    }

    public var score: String { "Score: \(right)/\(asked)" + (skipped > 0 ? ", \(skipped) skipped" : "") }

    /// The state the reveal is about, for the command-line tour: the register and its
    /// neighbours, or the context slot with the register it belongs to.
    public func stateAfterReveal(_ i: Int) -> String {
        guard let spec = tour.stops[i].answer else { return "" }
        let m = run.board.machine
        func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
        let place = run.place(run.linkAddress(of: m.pc))
        if spec.hasPrefix("field:"), let off = fieldOffset(String(spec.dropFirst(6))) {
            let bytes = run.readContext()
            var lines = ["  \(run.built.manifest.contextSymbol) at step \(run.board.stepCount) (\(place)):"]
            let fields = ContextConvention.owners(of: run.built.layout)
            for f in fields where abs(f.offset - off) <= 16 && f.offset + 8 <= bytes.count {
                var v: UInt64 = 0
                for k in 0..<8 { v |= UInt64(bytes[f.offset + k]) << UInt64(8 * k) }
                lines.append("    \(f.offset == off ? "=>" : "  ") +\(f.offset) \(f.name) (\(f.owner.name)) = \(hex(v))")
            }
            return lines.joined(separator: "\n")
        }
        if let r = ScenarioManifest.registerIndex(spec), r < 31 {
            let unknown = run.board.unknowns.origin(of: .register(r)).map { " (unknown since \($0))" } ?? ""
            let others = ["pc = \(hex(m.pc))", "sp = \(hex(m.sp))"] + (r == 30 ? [] : ["lr = \(hex(m.x(30)))"])
            return "  at step \(run.board.stepCount) (\(place)): \(spec) = \(hex(m.x(r)))\(unknown); " + others.joined(separator: ", ")
        }
        if let i = SystemRegisterCatalogue.index(named: spec) {
            let reg = SystemRegisterCatalogue.all[i]
            let v = m.systemRegister(at: i)
            let set = reg.fields.filter { $0.extract(v) != 0 }.map { "\($0.name)=\(hex($0.extract(v)))" }
            return "  \(reg.name) = \(hex(v)) at step \(run.board.stepCount): \(reg.summary)" + (set.isEmpty ? "" : "; set fields: " + set.joined(separator: " "))
        }
        return "  at step \(run.board.stepCount) (\(place)): pc = \(hex(m.pc)), sp = \(hex(m.sp)), lr = \(hex(m.x(30)))"
    }

    /// Runs the whole tour. `input` returns the learner's next line (nil: no more input, the
    /// remaining questions are skipped).
    public func walk(input: () -> String?, output: (String) -> Void) {
        output("Tour of \(tour.scenario): \(tour.title)\n")
        for (n, stop) in tour.stops.enumerated() {
            go(to: n)
            output("\n" + heading(n) + "\n")
            output(stop.say.trimmingCharacters(in: .whitespacesAndNewlines) + "\n")
            guard let ask = stop.ask else { continue }
            output("? \(ask) (a number, 0x... for hex, empty to skip)\n> ")
            output(answer(n, reply: input()) + "\n")
            output(stateAfterReveal(n) + "\n")
        }
        output("\n\(score)\n")
    }
}
