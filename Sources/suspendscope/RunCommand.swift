import ArgumentParser
import Foundation
import Platform

/// `suspendscope run FILE.S [--until TARGET]... [--max-steps N] [--json] [--dump SYMBOL:BYTES]...`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a program in batch mode and print where it stopped.",
        discussion: """
            A bare FILE.S is linked with .text at 0x40080000 (or --base), entered at _start (else the
            first instruction) at EL2h with the MMU off, SP_EL2 = 0, GPRs zero and system registers at
            reset. It runs until an --until target, a `b .` self-loop (halt), a fault, or --max-steps.
            Exit status: 0 stopped normally, 1 the program faulted, 2 bad input, 3 internal error.
            """)

    @Argument(help: "The program: an assembly file (.S/.s) or a raw image (.bin).")
    var program: String

    @Option(name: .customLong("until"), help: "Stop before executing this label or address (repeatable).")
    var until: [String] = []

    @Option(name: .customLong("max-steps"), help: "Stop after this many instructions.")
    var maxSteps: Int = 10_000_000

    @Flag(help: "Print one JSON object (SPEC §5) instead of a summary.")
    var json = false

    @Option(name: .customLong("dump"), help: "Include SYMBOL:BYTES of memory in the output (repeatable).")
    var dump: [String] = []

    @Option(help: "Load address of .text (default 0x40080000).")
    var base: AddressArgument?

    func run() throws {
        guard maxSteps >= 0 else { throw CLIFailure.badInput("--max-steps \(maxSteps): expected a number of steps >= 0") }
        var dumps: [MemoryDumpRequest] = []
        for d in dump {
            guard let r = MemoryDumpRequest(argument: d) else {
                throw CLIFailure.badInput("--dump \(d): expected SYMBOL:BYTES with BYTES between 1 and 1048576")
            }
            dumps.append(r)
        }
        let image = try ProgramLoader.load(path: program, base: base?.value ?? ProgramLoader.defaultBase)
        do {
            let batch = try BatchRun(image: image)
            let targets = try batch.resolve(until)
            let outcome = batch.run(until: targets, maxSteps: maxSteps)
            let report = try batch.report(outcome, dumps: dumps)
            if json {
                print(report.serialized(pretty: true))
            } else {
                print(Summary.text(of: report))
            }
            if outcome.stop == .fault { throw CLIFailure(code: 1, message: "") }
        } catch let e as BatchRunError {
            throw CLIFailure.badInput("\(program): \(e.description)")
        }
    }
}

/// A compact human summary of a run report.
enum Summary {
    static func text(of report: JSONValue) -> String {
        guard case .object(let members) = report else { return report.serialized() }
        var d: [String: JSONValue] = [:]
        for (k, v) in members { d[k] = v }
        func s(_ k: String) -> String { if case .string(let x)? = d[k] { return x }; if case .int(let i)? = d[k] { return String(i) }; return "?" }
        var lines = ["stopped: \(s("stopped")) after \(s("steps")) steps at pc \(s("pc"))  nzcv \(s("nzcv"))  sp \(s("sp"))"]
        if case .array(let xs)? = d["x"] {
            var row: [String] = []
            for (i, v) in xs.enumerated() {
                if case .string(let h) = v {
                    let name = "x\(i)".padding(toLength: 3, withPad: " ", startingAt: 0)
                    row.append(name + " " + String(repeating: " ", count: max(0, 18 - h.count)) + h)
                }
                if row.count == 4 { lines.append(row.joined(separator: "  ")); row = [] }
            }
            if !row.isEmpty { lines.append(row.joined(separator: "  ")) }
        }
        if case .object(let f)? = d["fault"] {
            lines.append("fault: " + f.map { k, v in "\(k) \(v.serialized(pretty: false))" }.joined(separator: ", "))
        }
        if case .object(let mem)? = d["memory"] {
            for (k, v) in mem { lines.append("\(k): \(v.serialized(pretty: false))") }
        }
        return lines.joined(separator: "\n")
    }
}
