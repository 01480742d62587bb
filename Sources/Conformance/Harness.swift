import Foundation
import A64
import Assembler
import TestSupport

/// One program to judge: its source, where both sides stop, and (for generated programs) its seed.
public struct ConformanceCase: Sendable {
    public var name: String
    public var source: String
    public var stops: [StopPoint]
    public var seed: UInt64?
    public init(name: String, source: String, stops: [StopPoint], seed: UInt64? = nil) {
        self.name = name; self.source = source; self.stops = stops; self.seed = seed
    }

    /// A corpus file. Header directives in comments:
    /// `// stops: LABEL LABEL...` (default `done`), `// memory: SYM:BYTES ...` (compared at every stop).
    public init(name: String, source: String) {
        var labels = ["done"], memory: [MemoryRange] = []
        for line in source.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("// stops:") {
                labels = t.dropFirst(9).split(separator: " ").map(String.init)
            } else if t.hasPrefix("// memory:") {
                memory = t.dropFirst(10).split(separator: " ").compactMap { MemoryRange(argument: String($0)) }
            }
        }
        self.init(name: name, source: source, stops: labels.map { StopPoint(label: $0, memory: memory) })
    }
}

/// What judging a case gave.
public struct Verdict: Sendable {
    public var divergence: Divergence?
    /// A run-level problem: a side did not reach a stop, the images differ, a tool failed.
    public var problem: String?
    public var stopsCompared: Int
    public var report: String
    public var passed: Bool { divergence == nil && problem == nil }
    /// A key that says "the same failure" for shrinking: the field and stop label (not values).
    public var signature: String? {
        if let d = divergence { return "\(d.field)" }
        return problem.map { String($0.prefix(40)) }
    }
}

/// Runs a case on QEMU (GNU-built image, gdb-multiarch) and on our Machine (our assembler's
/// image), and compares the states at every stop.
public enum Harness {
    public static let base: UInt64 = 0x4008_0000

    public static func judge(_ c: ConformanceCase, timeout: Double = 60, explain: Bool = true) -> Verdict {
        // Ours first: assembling is cheap and a source our assembler rejects needs no QEMU.
        let program: Program
        do {
            program = try Assembler.assemble(source: c.source, fileName: "\(c.name).S", options: AssemblerOptions(base: base))
        } catch {
            return fail(c, "our assembler rejected the program: \(error)")
        }
        let gnu: GNUToolchain.Build
        do { gnu = try GNUToolchain.build(source: c.source, base: base, entry: "_start") } catch {
            return fail(c, "GNU binutils failed: \(error)")
        }
        var problems: [String] = []
        if gnu.image != program.image {
            let n = min(gnu.image.count, program.image.count)
            let first = (0..<n).first { gnu.image[$0] != program.image[$0] } ?? n
            let a = base + UInt64(first & ~3)
            problems.append("images differ (assembler check): GNU \(gnu.image.count) bytes, ours \(program.image.count) bytes, first difference at 0x\(String(a, radix: 16))"
                            + (program.lineMap.location(at: a).map { " (line \($0.line))" } ?? ""))
        }
        let side = SuspendScopeSide(program: program)
        let ours: (states: [ObservedState], problem: String?)
        do { ours = try side.run(stops: c.stops) } catch { return fail(c, "\(error)") }

        var qemuStates: [ObservedState] = []
        var qemuProblem: String?
        // A gdb that never got a single stop without timing out (QEMU lost its port to another
        // process between our probe and its bind, say) is retried on a fresh port.
        for attempt in 1...3 {
            qemuProblem = nil
            do {
                let qemu = try QEMUInstance(elf: gnu.elf, log: gnu.directory.url.appendingPathComponent("qemu.log"))
                defer { qemu.stop() }
                let script = GDBScript(elfPath: gnu.elf.path, port: qemu.port, stops: c.stops)
                let scriptURL = gnu.directory.url.appendingPathComponent("cmds.gdb")
                try script.text.write(to: scriptURL, atomically: true, encoding: .utf8)
                let r = try TimedProcess.run("gdb-multiarch", ["-batch", "-nx", "-x", scriptURL.path], timeout: timeout)
                qemuStates = GDBOutput.parse(r.stdout)
                if qemuStates.count < c.stops.count {
                    let next = c.stops[qemuStates.count].label
                    qemuProblem = r.timedOut ? "QEMU did not reach \(next) within \(Int(timeout)) s"
                        : "gdb stopped before \(next): \(r.stderr.split(separator: "\n").suffix(3).joined(separator: " | "))"
                    if !qemu.logTail.isEmpty { qemuProblem! += " (QEMU said: \(qemu.logTail))" }
                }
                if !(qemuStates.isEmpty && !r.timedOut && attempt < 3) { break }
            } catch {
                return fail(c, "could not run QEMU/gdb: \(error)")
            }
        }

        var divergence: Divergence?
        let order = GDBScript.catalogueNames
        for k in 0..<min(qemuStates.count, ours.states.count) {
            if let d = Comparison.firstDifference(qemu: qemuStates[k], ours: ours.states[k], stopIndex: k, systemRegisterOrder: order) {
                divergence = d; break
            }
        }
        if divergence == nil {
            if let p = qemuProblem, ours.states.count > qemuStates.count { problems.append("QEMU: \(p); SuspendScope reached it") }
            if let p = ours.problem, qemuStates.count > ours.states.count { problems.append("SuspendScope \(p); QEMU reached it") }
            if qemuProblem != nil && ours.problem != nil && qemuStates.count == ours.states.count {
                problems.append("neither side reached the stops (QEMU: \(qemuProblem!); SuspendScope: \(ours.problem!))")
            }
        }
        let problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
        var report = ""
        if divergence != nil || problem != nil {
            report += "=== conformance: \(c.name)" + (c.seed.map { " (seed \($0))" } ?? "") + " ===\n"
            if let d = divergence {
                report += "DIVERGENCE \(d)\n"
                if explain {
                    if let w = side.lastWriter(of: d.field, stops: c.stops, stopIndex: d.stopIndex) {
                        report += "last written (SuspendScope) by: \(w)\n"
                    } else {
                        report += "last written (SuspendScope) by: nothing since reset (the field holds its reset or image value)\n"
                    }
                }
            }
            if let p = problem { report += "PROBLEM: \(p)\n" }
            report += "--- program ---\n" + numbered(c.source)
        }
        return Verdict(divergence: divergence, problem: problem, stopsCompared: min(qemuStates.count, ours.states.count), report: report)
    }

    static func fail(_ c: ConformanceCase, _ p: String) -> Verdict {
        Verdict(divergence: nil, problem: p, stopsCompared: 0,
                report: "=== conformance: \(c.name)" + (c.seed.map { " (seed \($0))" } ?? "") + " ===\nPROBLEM: \(p)\n--- program ---\n" + numbered(c.source))
    }

    static func numbered(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { String(format: "%4d  ", $0.offset + 1) + $0.element }.joined(separator: "\n") + "\n"
    }
}
