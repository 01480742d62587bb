import ArgumentParser
import Foundation
import Debugger
import Machine
import Platform
import SafeIO

/// `suspendscope run [SCENARIO|DIR|FILE.S] [--until TARGET]... [--max-steps N] [--json] [--dump SYMBOL:BYTES]...
/// [--unknown poison|zero|random:SEED]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario or a program in batch mode and print where it stopped.",
            discussion: """
            A scenario (a built-in name such as v9, or a folder written by `scenarios export`) runs the
            suspend path on its platform: PSCI firmware, UART, power-off and warm boot. --until takes a
            boundary (suspend-entry, context-saved, psci-call, power-off, warm-boot, mmu-on, restore,
            context-restored, resume-return), a label or an address; --json adds "boundaries", "uart",
            "events" and "unknownUses" to the object of SPEC §5.

            A bare FILE.S is linked with .text at 0x40080000 (or --base), entered at _start (else the
            first instruction) at EL2h with the MMU off, SP_EL2 = 0, GPRs zero and system registers at
            reset. It runs until an --until target, a `b .` self-loop (halt), a fault, or --max-steps.
            Exit status: 0 stopped normally, 1 the program faulted, 2 bad input, 3 internal error.
            """)

    @Argument(help: "A scenario name (default v9), a scenario folder, an assembly file (.S/.s) or a raw image (.bin).")
    var program: String = "v9"

    @Option(name: .customLong("until"), help: "Stop before executing this label or address (repeatable).")
    var until: [String] = []

    @Option(name: .customLong("max-steps"), help: "Stop after this many instructions.")
    var maxSteps: Int = 10_000_000

    @Flag(help: "Print one JSON object (SPEC §5) instead of a summary.")
    var json = false

    @Option(name: .customLong("dump"), help: "Include SYMBOL:BYTES of memory in the output (repeatable).")
    var dump: [String] = []

    @Option(help: "Load address of .text for a bare program (default 0x40080000).")
    var base: AddressArgument?

    @OptionGroup var unknownValues: UnknownOption

    @Option(name: .customLong("trace"), help: "Write one JSON object per step to this file (JSON Lines).")
    var trace: String?

    @OptionGroup var preprocessor: PreprocessorOptions

    func run() throws {
        guard maxSteps >= 0 else { throw CLIFailure.badInput("--max-steps \(maxSteps): expected a number of steps >= 0") }
        var dumps: [MemoryDumpRequest] = []
        for d in dump {
            guard let r = MemoryDumpRequest(argument: d) else {
                throw CLIFailure.badInput("--dump \(d): expected SYMBOL:BYTES with BYTES between 1 and 1048576")
            }
            dumps.append(r)
        }
        let policy = try unknownValues.policy()
        if !ScenarioArgument.isProgramFile(program) {
            try runScenario(preprocessor.settings.applied(to: try ScenarioArgument.resolve(program)), dumps: dumps, policy: policy)
            return
        }
        let image: LoadedImage
        if ProgramLoader.isAssembly(program) {
            let assembled = try ProgramLoader.assemble(paths: [program], base: base?.value ?? ProgramLoader.defaultBase,
                                                       preprocessor: preprocessor.settings)
            AssemblerOutput.print(assembled.messages, printToStdout: !json)
            image = assembled.loadedImage
        } else {
            image = try ProgramLoader.load(path: program, base: base?.value ?? ProgramLoader.defaultBase)
        }
        do {
            let batch = try BatchRun(image: image)
            let targets = try batch.resolve(until)
            let outcome = batch.run(until: targets, maxSteps: maxSteps)
            if let trace { try writeTrace(image: image, steps: outcome.steps, to: trace) }
            let report = try batch.report(outcome, dumps: dumps)
            if json {
                print(report.serialized(pretty: true))
            } else {
                print(Summary.text(of: report))
            }
            if outcome.stop == .fault { throw CLIFailure(code: 1, message: "") }
            if outcome.stop == .notModelled, let pc = outcome.notModelledPC {
                throw CLIFailure(code: 1, message: "\(program): at 0x\(String(pc, radix: 16)): "
                                 + Machine.notModelledMessage(batch.machine.instructionText(at: pc)))
            }
        } catch let e as BatchRunError {
            throw CLIFailure.badInput("\(program): \(e.description)")
        }
    }
}

extension RunCommand {
    /// The trace of a bare program: a fresh machine stepped the same number of steps.
    func writeTrace(image: LoadedImage, steps: Int, to path: String) throws {
        let batch = try BatchRun(image: image)
        // A line at a time: the trace of millions of steps is never held in memory.
        do {
            try AtomicFile.write(to: path) { sink in
                for k in 0..<steps {
                    let e = batch.machine.step()
                    try sink.write(Trace.object(step: k + 1, effects: e, location: nil, boundaries: []).serialized(pretty: false) + "\n")
                }
            }
        } catch {
            throw CLIFailure.badInput("--trace: \(error)")
        }
    }

    func runScenario(_ scenario: Scenario, dumps: [MemoryDumpRequest], policy: UnknownPolicy?) throws {
        let built: BuiltScenario
        do { built = try scenario.build() } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
        let run = ScenarioRun(built: built, policy: policy)
        var boundaries: Set<BoundaryName> = []
        var addresses: Set<UInt64> = []
        for t in until {
            if let b = BoundaryName(rawValue: t) { boundaries.insert(b); continue }
            if let a = built.symbol(t) { addresses.insert(a); addresses.insert(built.physical(a)); continue }
            if let a = parseAddress(t) { addresses.insert(a); continue }
            throw CLIFailure.badInput("--until \(t): not a boundary (\(BoundaryName.allCases.map(\.rawValue).joined(separator: ", "))), a label of \(built.manifest.name) or an address")
        }
        let outcome = run.run(boundaries: boundaries, addresses: addresses, maxSteps: maxSteps)
        if let trace {
            do { try Trace.writeScenario(built, policy: policy, steps: outcome.steps, to: trace) } catch {
                throw CLIFailure.badInput("--trace: \(error)")
            }
        }
        let report: JSONValue
        do { report = try run.report(outcome, dumps: dumps) } catch let e as BatchRunError { throw CLIFailure.badInput(e.description) }
        if json {
            print(report.serialized(pretty: true))
        } else {
            print(Summary.text(of: report))
            for b in run.detector.passed { print("  \(b.name.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) step \(b.step)  pc 0x\(String(b.pc, radix: 16))  \(run.place(run.linkAddress(of: b.pc)))") }
            if !run.board.uart.output.isEmpty { print("uart: " + run.board.uart.text.replacingOccurrences(of: "\n", with: "\\n")) }
            for u in run.unknownUses { print("unknown: \(run.place(run.linkAddress(of: u.pc))): \(u.message)") }
        }
        if outcome.stop == .fault { throw CLIFailure(code: 1, message: "") }
        if outcome.stop == .notModelled {
            let pc = run.board.machine.pc
            throw CLIFailure(code: 1, message: "\(built.manifest.name): at \(run.place(run.linkAddress(of: pc))): \(outcome.reason ?? "not modelled")")
        }
    }
}

/// What a SCENARIO|DIR|FILE.S argument names.
enum ScenarioArgument {
    /// A file to run as a bare program (not a folder, not a scenario manifest, not a scenario name).
    static func isProgramFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        if path.hasSuffix(".toml") { return false }
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) { return !isDir.boolValue }
        return ProgramLoader.isAssembly(path) || path.hasSuffix(".bin")
    }

    static func resolve(_ argument: String) throws -> Scenario {
        do { return try BuiltinScenarios.resolve(argument) } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
    }

    /// A scenario name or folder, or a bare program file checked as a scenario, built; bad
    /// input exits 2 with the located message.
    static func build(_ argument: String) throws -> BuiltScenario {
        do {
            return try (isProgramFile(argument) ? try Scenario.bare(path: argument) : try resolve(argument)).build()
        } catch let e as ScenarioError { throw CLIFailure.badInput(e.description) }
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
        if case .object(let nm)? = d["notModelled"], let message = nm.first(where: { $0.0 == "message" })?.1,
           case .string(let text) = message {
            lines.append(text)
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
