import Debugger
import Machine
import Platform
import Testing

/// Breakpoints and watchpoints stop forward and reverse runs exactly where they should.
@Suite struct BreakpointWatchpointTests {
    /// The steps at which a plain forward run is at `label` with x3 == 30, up to power-off.
    func referenceVisits(_ label: String, x3: UInt64) throws -> (all: [Int], matching: [Int]) {
        let built = try Fixtures.built("v9")
        let run = ScenarioRun(built: built)
        let target = try #require(built.symbol(label))
        var all: [Int] = [], matching: [Int] = []
        while !run.detector.has(.powerOff) {
            run.advance()
            if run.board.power == .on, run.linkAddress(of: run.board.machine.pc) == target {
                all.append(run.board.stepCount)
                if run.board.machine.x(3) == x3 { matching.append(run.board.stepCount) }
            }
        }
        return (all, matching)
    }

    @Test func conditionalBreakpointBothDirections() throws {
        let (all, matching) = try referenceVisits("create_table_entry", x3: 30)
        try #require(all.count > matching.count && !matching.isEmpty, "visits \(all), matching \(matching)")
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("b create_table_entry if $x3 == 30").ok)
        #expect(ci.execute("b power-off").ok)
        var forward: [Int] = []
        while true {
            let r = ci.execute("c")
            try #require(r.ok)
            if session.run.detector.has(.powerOff) { break }
            #expect(r.output.contains("Breakpoint 1, create_table_entry"))
            forward.append(session.step)
        }
        #expect(forward == matching)
        var backward: [Int] = []
        while true {
            let r = ci.execute("rc")
            if r.output.contains("reached the start") { break }
            #expect(r.output.contains("Breakpoint 1"))
            backward.append(session.step)
        }
        #expect(backward == matching.reversed())
        #expect(session.breakpoints[0].hits == 2 * matching.count)
    }

    @Test func ignoreCountsAndDisable() throws {
        let (all, _) = try referenceVisits("create_table_entry", x3: 30)
        try #require(all.count >= 3)
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("b create_table_entry").ok)
        #expect(ci.execute("ignore 1 2").ok)
        #expect(ci.execute("c").ok)
        #expect(session.step == all[2])
        #expect(ci.execute("disable 1").ok)
        #expect(ci.execute("until power-off").ok)
        #expect(session.run.detector.boundary(.powerOff)?.step == session.step)
        #expect(ci.execute("enable").ok)
        #expect(ci.execute("rc").ok)
        #expect(session.step == all.last)
        #expect(ci.execute("delete 1").ok)
        #expect(session.breakpoints.isEmpty)
    }

    @Test func fileLineAndAddressBreakpoints() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        let hyp = try #require(session.built.symbol("hyp_resume"))
        let loc = try #require(session.built.program.lineMap.location(at: hyp))
        let r = ci.execute("b \(loc.file):\(loc.line)")
        #expect(r.ok, "\(String(describing: r.error))")
        #expect(ci.execute("c").ok)
        // hyp_resume runs with the MMU off, at its physical load address.
        #expect(session.run.detector.boundary(.warmBoot)?.step == session.step)
        #expect(session.machine.pc == session.built.physical(hyp))
        #expect(ci.execute("delete").ok)
        #expect(ci.execute("b *0x\(String(hyp, radix: 16))").ok)
        #expect(ci.execute("rc").output.contains("reached the start"))
        #expect(ci.execute("c").ok)
        #expect(session.run.detector.boundary(.warmBoot)?.step == session.step)
    }

    @Test func watchpointOnContextSPBothDirections() throws {
        let built = try Fixtures.built("v9")
        let field = try #require(built.layout.field(named: "sp"))
        // Reference: the steps whose effect changed the 8 bytes of resume_cpu_context.sp.
        let run = ScenarioRun(built: built)
        var changes: [(step: Int, old: [UInt8], new: [UInt8])] = []
        var last = Array(run.readContext()[field.offset..<(field.offset + 8)])
        while !run.detector.has(.resumeReturn) && run.board.stepCount < 100_000 {
            run.advance()
            let now = Array(run.readContext()[field.offset..<(field.offset + 8)])
            if now != last { changes.append((run.board.stepCount, last, now)); last = now }
        }
        try #require(!changes.isEmpty)
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("watch resume_cpu_context.sp").ok)
        #expect(ci.execute("b resume-return").ok)
        var seen: [Int] = []
        while true {
            let r = ci.execute("c")
            if session.run.detector.has(.resumeReturn) { break }
            #expect(r.output.contains("Watchpoint 1: resume_cpu_context.sp"))
            #expect(r.output.contains("str "), "the instruction: \(r.output)")
            seen.append(session.step)
        }
        #expect(seen == changes.map(\.step))
        let first = changes[0]
        func hex(_ b: [UInt8]) -> String {
            var v: UInt64 = 0
            for (k, x) in b.enumerated() { v |= UInt64(x) << UInt64(8 * k) }
            return "0x" + String(v, radix: 16)
        }
        // Backward: stops just before each change, reporting the same old and new values.
        var back: [Int] = []
        var outputs: [String] = []
        while true {
            let r = ci.execute("rc")
            if r.output.contains("reached the start") { break }
            back.append(session.step + 1)
            outputs.append(r.output)
        }
        #expect(back == changes.map(\.step).reversed())
        let lastOut = try #require(outputs.last)
        #expect(lastOut.contains("Old value = \(hex(first.old))"))
        #expect(lastOut.contains("New value = \(hex(first.new))"))
        #expect(lastOut.contains("changed by step \(first.step)"))
    }

    @Test func registerAndSystemRegisterWatchpoints() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("watch $VBAR_EL2").ok)
        let r = ci.execute("c")
        #expect(r.output.contains("Watchpoint 1: $VBAR_EL2"))
        #expect(r.output.contains("msr vbar_el2"))
        let vbar = session.machine.systemRegister(named: "VBAR_EL2")
        #expect(r.output.contains("New value = 0x\(String(vbar ?? 0, radix: 16))"))
        #expect(ci.execute("delete").ok)
        #expect(ci.execute("watch $x19").ok)
        let r2 = ci.execute("c")
        #expect(r2.output.contains("Watchpoint 2: $x19"))
    }
}
