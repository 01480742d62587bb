import Foundation
import Testing
import Machine
import A64
@testable import Platform

/// Every scenario has a tour, and no tour tells the learner something the run does not show:
/// each hex value the narration (or a question) states must be a value the machine, the
/// context, a symbol or the image's addresses hold at that stop; each "offset N" a field's
/// offset; each "RESUME_CTX_X = N" the asm-offsets value; each "step N" a boundary's step.
@Suite struct TourNarrationTests {
    @Test func everyScenarioHasATour() throws {
        for name in BuiltinScenarios.names {
            #expect(Tour.builtinNames.contains(name), "no tour for \(name)")
        }
    }

    static func matches(_ pattern: String, _ text: String) -> [[String]] {
        let re = try! NSRegularExpression(pattern: pattern)
        let ns = text as NSString
        return re.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { m.range(at: $0).location == NSNotFound ? "" : ns.substring(with: m.range(at: $0)) }
        }
    }

    /// The values a learner can see at this state.
    static func visibleValues(_ run: ScenarioRun) -> Set<UInt64> {
        let m = run.board.machine
        var v = Set<UInt64>()
        for r in 0...30 { v.insert(m.x(r)) }
        v.insert(m.sp); v.insert(m.pc); v.insert(m.spEL2)
        for i in SystemRegisterCatalogue.all.indices { v.insert(m.systemRegister(at: i)) }
        let bytes = run.readContext()
        for off in stride(from: 0, to: bytes.count - 7, by: 8) {
            var w: UInt64 = 0
            for k in 0..<8 { w |= UInt64(bytes[off + k]) << UInt64(8 * k) }
            v.insert(w)
        }
        let built = run.built
        for s in built.program.symbols.all { v.insert(s.address); v.insert(built.physical(s.address)) }
        v.insert(built.manifest.linkAddress); v.insert(built.manifest.loadAddress)
        return v
    }

    @Test(arguments: Tour.builtinNames)
    func narrationStatesOnlyWhatTheRunHas(_ name: String) throws {
        let tour = try #require(try Tour.builtin(name))
        let built = try #require(try BuiltinScenarios.scenario(named: tour.scenario)).build()
        let run = ScenarioRun(built: built)
        let guide = TourGuide(tour: tour, run: run)
        try guide.validate()
        let offsets = Set(built.layout.fields.flatMap { f in (0..<f.count).map { f.offset + $0 * f.elementSize } })
        var claims = 0
        for (i, stop) in tour.stops.enumerated() {
            guide.go(to: i)
            let text = stop.say + " " + (stop.ask ?? "")
            let known = Self.visibleValues(run)
            for m in Self.matches("0x([0-9a-fA-F_]+)", text) {
                let v = try #require(UInt64(m[1].replacingOccurrences(of: "_", with: ""), radix: 16))
                #expect(known.contains(v), "\(name) stop \(i + 1): says \(m[0]), which nothing holds at step \(run.board.stepCount)")
                claims += 1
            }
            for m in Self.matches("offset (\\d+)", text) {
                #expect(offsets.contains(Int(m[1])!), "\(name) stop \(i + 1): no field at offset \(m[1]) in struct \(built.layout.name)")
                claims += 1
            }
            for m in Self.matches("(RESUME_CTX_[A-Z0-9_]+) = (\\d+)", text) {
                let o = built.offsets.first { $0.name == m[1] }
                #expect(o?.value == Int64(m[2]), "\(name) stop \(i + 1): \(m[1]) is \(o.map { String($0.value) } ?? "not defined"), not \(m[2])")
                claims += 1
            }
            for m in Self.matches("step (\\d+)", text) {
                let steps = Set(run.detector.passed.map(\.step) + [run.board.stepCount])
                #expect(steps.contains(Int(m[1])!), "\(name) stop \(i + 1): step \(m[1]) is no boundary's step")
                claims += 1
            }
        }
        _ = claims
    }

    /// The check is real: a narration with a wrong value fails it.
    @Test func aWrongValueIsCaught() throws {
        let built = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        let run = ScenarioRun(built: built)
        _ = run.run(boundaries: [.contextSaved], maxSteps: 100_000)
        let known = Self.visibleValues(run)
        #expect(known.contains(0x1))                          // x0, the return value
        #expect(known.contains(0x2000021e000))                // resume_cpu_context
        #expect(!known.contains(0x1234_5678_9abc))
    }
}
