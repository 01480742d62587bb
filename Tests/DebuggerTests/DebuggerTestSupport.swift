import Debugger
import Machine
import Platform
import Testing
import TestSupport

/// Everything reverse execution must put back, in one comparable value.
struct StateFingerprint: Equatable {
    var step: Int
    var machine: Machine.Snapshot
    var unknowns: UnknownSnapshot
    var context: [UInt8]
    var image: [UInt8]
    var uart: String
    var uartRegisters: [UInt64: UInt64]
    var boundaries: [Boundary]
    var events: Int

    init(_ run: ScenarioRun) {
        step = run.board.stepCount
        machine = run.board.machine.snapshot()
        unknowns = run.board.unknowns.snapshot()
        context = run.readContext()
        let built = run.built
        let start = built.manifest.loadAddress
        let end = built.program.sections.map { $0.address &+ $0.size }.max() ?? built.program.end
        image = run.board.machine.memory.readBytes(at: start, count: Int(end &- built.manifest.linkAddress)) ?? []
        uart = run.board.uart.text
        uartRegisters = run.board.uart.registers
        boundaries = run.detector.passed
        events = run.board.events.count
    }
}

enum Fixtures {
    /// Built scenarios, built once per process.
    nonisolated(unsafe) static var cache: [String: BuiltScenario] = [:]
    static func built(_ name: String) throws -> BuiltScenario {
        if let b = cache[name] { return b }
        let b = try BuiltinScenarios.resolve(name).build()
        cache[name] = b
        return b
    }

    static func session(_ name: String = "v9") throws -> DebugSession {
        DebugSession(built: try built(name))
    }

    /// A plain forward run of `steps` steps, for reference.
    static func reference(_ name: String, steps: Int) throws -> ScenarioRun {
        let run = ScenarioRun(built: try built(name))
        while run.board.stepCount < steps, run.board.power != .off { run.advance() }
        return run
    }
}
