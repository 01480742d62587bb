import Testing
import A64
import Machine
@testable import Platform

/// The built-in revisions run the whole suspend path: every boundary once and in order, the
/// caller gets x0 = 0 back at the instruction after its call of prepare_resume_ctx, the UART
/// shows the resume banner, and the registers the path must keep are kept.
@Suite struct ScenarioPathTests {
    static let revisions = ["v8", "v9", "v11"]

    static func built(_ name: String) throws -> BuiltScenario {
        guard let s = try BuiltinScenarios.scenario(named: name) else { throw ScenarioError("no built-in \(name)") }
        return try s.build()
    }

    @Test(arguments: revisions)
    func runsToResumeReturn(_ name: String) throws {
        let b = try Self.built(name)
        let run = ScenarioRun(built: b)
        let out = run.run(boundaries: [.resumeReturn], maxSteps: 100_000)
        #expect(out.stop == .until)
        #expect(run.detector.passed.map(\.name) == BoundaryName.allCases)
        let m = run.board.machine
        #expect(m.x(0) == 0)
        // pc is just after the `bl prepare_resume_ctx` of system_suspend.
        let call = try #require(run.detector.boundary(.suspendEntry))
        let back = try #require(run.detector.boundary(.resumeReturn))
        #expect(back.pc == run.detector.returnAddress)
        #expect(b.program.word(at: back.pc &- 4).map { Decoder.decode($0).op } == .bl)
        #expect(b.program.symbols.symbol(containing: back.pc)?.name == "system_suspend")
        #expect(call.pc == b.symbol("prepare_resume_ctx"))
        #expect(run.board.uart.text == "- Xen resuming -\n")
        #expect(m.mmuEnabled)
        // The same call "returned" twice: once with 1 before the suspend.
        let saved = try #require(run.states[.contextSaved])
        #expect(saved.registers[0] == 1)
        #expect(run.detector.boundary(.contextSaved)?.pc == back.pc)
    }

    /// v11 is clean; v8 and v9 lose CNTHCTL_EL2 (v11 saves it), and that is all `check` finds.
    @Test(arguments: revisions)
    func checkFindsOnlyWhatTheNextRevisionFixed(_ name: String) throws {
        let report = CheckReport(try Self.built(name))
        #expect(report.integrity.compared >= 40)
        if name == "v11" {
            #expect(report.findings.isEmpty, "\(report.text)")
            return
        }
        #expect(report.findings.count == 1, "\(report.text)")
        let f = try #require(report.findings.first)
        #expect(f.kind == "sysreg-lost" && f.subject == "CNTHCTL_EL2" && f.expected == "0x3" && f.actual == "unknown")
        let structName = name == "v8" ? "cpu_context" : "resume_cpu_context"
        #expect(f.message == "CNTHCTL_EL2 was 0x3 before suspend and is unknown at resume-return: \(structName) does not save it")
        // It names the struct, where the missing field would go.
        #expect(f.location?.hasPrefix("suspend.h:") == true)
    }

    @Test func powerOffLosesRegistersAndWakeFollowsPSCI() throws {
        let run = ScenarioRun(built: try Self.built("v9"))
        _ = run.run(boundaries: [.powerOff], maxSteps: 100_000)
        let m = run.board.machine
        #expect(run.board.power != .on)
        #expect(m.x(30) == UnknownPolicy.poison.value(30))
        #expect(run.board.unknowns.origin(of: .register(30)) == UnknownOrigin(event: "power-off", step: run.board.stepCount))
        let vbar = try #require(SystemRegisterCatalogue.index(named: "VBAR_EL2"))
        #expect(run.board.unknowns.origin(of: .systemRegister(vbar)) != nil)
        _ = run.run(boundaries: [.warmBoot], maxSteps: 100_000)
        #expect(m.pc == run.built.physical(try #require(run.built.symbol("hyp_resume"))))
        #expect(m.pstate & 0x3cf == 0x3c9)              // EL2h, DAIF masked
        #expect(m.systemRegister(named: "SCTLR_EL2") == 0x30c5_0830)
        #expect(!m.mmuEnabled)
        #expect(m.x(0) == 0)                             // context id (v9 passes 0)
        #expect(run.board.unknowns.origin(of: .register(0)) == nil)
        #expect(run.board.unknowns.origin(of: .register(19)) != nil)
    }

    @Test func unknownPolicyPicksTheValuesNotTheFlags() throws {
        for policy in [UnknownPolicy.zero, .random(seed: 7)] {
            let run = ScenarioRun(built: try Self.built("v9"), policy: policy)
            _ = run.run(boundaries: [.powerOff], maxSteps: 100_000)
            #expect(run.board.machine.x(19) == policy.value(19))
            #expect(run.board.unknowns.origin(of: .register(19)) != nil)
        }
        #expect(UnknownPolicy(argument: "random:0x10") == .random(seed: 16))
        #expect(UnknownPolicy(argument: "random:") == nil)
    }

    @Test func reverseStepsThroughPowerOffAndWakeRestoreEverything() throws {
        let run = ScenarioRun(built: try Self.built("v9"))
        _ = run.run(boundaries: [.psciCall], maxSteps: 100_000)
        let board = run.board
        let before = board.machine.snapshot()
        let unknownBefore = board.unknowns.snapshot()
        var steps: [BoardStep] = []
        for _ in 0..<40 { steps.append(board.step()) }   // smc (power-off), wake, hyp_resume...
        #expect(board.uart.output.count > 0)
        for s in steps.reversed() { board.undo(s) }
        #expect(board.machine.snapshot() == before)
        #expect(board.unknowns.snapshot() == unknownBefore)
        #expect(board.power == .on)
        #expect(board.uart.output.isEmpty)
        #expect(board.firmware.calls.isEmpty)
        // And forward again gives the same state as the first time.
        var again: [BoardStep] = []
        for _ in 0..<40 { again.append(board.step()) }
        #expect(again.last?.effects?.pcOld == steps.last?.effects?.pcOld)
    }

    @Test func psciVersionAndFeaturesAnswerLikeTFA() throws {
        let fw = PSCIFirmware()
        let m = Machine()
        m.hook = fw
        m.load(words: [0xd400_0003], at: 0x4008_0000)   // smc #0
        m.setX(0, PSCI.version)
        _ = m.step()
        #expect(m.x(0) == 0x1_0001)
        m.pc = 0x4008_0000; m.setX(0, PSCI.features); m.setX(1, PSCI.systemSuspend64)
        _ = m.step()
        #expect(m.x(0) == 0)
        m.pc = 0x4008_0000; m.setX(0, PSCI.features); m.setX(1, 0x8400_0001)
        _ = m.step()
        #expect(m.x(0) == PSCI.ReturnCode.notSupported.register)
        m.pc = 0x4008_0000; m.setX(0, PSCI.systemSuspend64); m.setX(1, 0x1234)   // not RAM
        _ = m.step()
        #expect(m.x(0) == PSCI.ReturnCode.invalidAddress.register)
        #expect(fw.request == nil)
        m.pc = 0x4008_0000; m.setX(0, PSCI.systemSuspend64); m.setX(1, 0x4008_0000); m.setX(2, 5)
        _ = m.step()
        #expect(fw.takeRequest() == .suspend(entry: 0x4008_0000, contextID: 5))
        fw.deniesSuspend = true
        m.pc = 0x4008_0000; m.setX(0, PSCI.systemSuspend64); m.setX(1, 0x4008_0000)
        _ = m.step()
        #expect(m.x(0) == PSCI.ReturnCode.denied.register)
        #expect(fw.calls.map(\.result) == [.success, .success, .notSupported, .invalidAddress, .success, .denied])
    }

    @Test func uartCapturesOutputAndReportsReady() {
        let u = PL011()
        #expect(u.read(offset: 0x18, size: 2) == 0x90)
        #expect(u.write(offset: 0, size: 1, value: 0x41))
        #expect(u.write(offset: 0, size: 1, value: 0x1b))
        #expect(u.text == "A\\x1b")                    // control bytes never reach a terminal raw
        #expect(u.read(offset: 0x2000, size: 4) == nil)
        u.truncate(to: 1)
        #expect(u.output == [0x41])
        // Control-register writes are kept, and a reverse step puts back what each replaced.
        let start = u.registerWriteCount
        #expect(u.write(offset: 0x30, size: 4, value: 0x301))          // UARTCR
        let afterFirst = u.registerWriteCount
        #expect(u.write(offset: 0x30, size: 4, value: 0x300))
        #expect(u.write(offset: 0x24, size: 4, value: 13))             // UARTIBRD
        #expect(u.read(offset: 0x30, size: 4) == 0x300 && u.read(offset: 0x24, size: 4) == 13)
        u.rewindRegisters(to: afterFirst)
        #expect(u.read(offset: 0x30, size: 4) == 0x301 && u.read(offset: 0x24, size: 4) == 0)
        u.rewindRegisters(to: start)
        #expect(u.registers.isEmpty)
    }
}

@Suite struct SystemOffAndResetTests {
    func board(_ function: UInt32) -> Board {
        let m = Machine()
        // movz x0, #hi, lsl #16; movk x0, #lo; movz x5, #7; smc #0; b .
        let hi = function >> 16, lo = function & 0xffff
        m.load(words: [0xd2a0_0000 | hi << 5, 0xf280_0000 | lo << 5, 0xd280_00e5, 0xd400_0003, 0x1400_0000], at: 0x4008_0000)
        return Board(machine: m, uart: PL011(), firmware: PSCIFirmware(), policy: .poison, resetEntry: 0x4008_0000)
    }

    @Test func systemOffStopsEverything() {
        let b = board(UInt32(PSCI.systemOff))
        for _ in 0..<4 { _ = b.step() }
        #expect(b.power == .off)
        #expect(b.events.last?.kind == .systemOff)
        let idle = b.step()
        #expect(idle.effects == nil)
        #expect(b.stepCount == 4)
    }

    @Test func systemResetRestartsAtTheEntryWithRAMKept() {
        let b = board(UInt32(PSCI.systemReset))
        var steps: [BoardStep] = []
        for _ in 0..<4 { steps.append(b.step()) }
        #expect(b.machine.pc == 0x4008_0000)
        #expect(b.machine.x(5) == 0)                 // registers reset
        #expect(b.events.last?.kind == .reset)
        for s in steps.reversed() { b.undo(s) }
        #expect(b.machine.pc == 0x4008_0000 && b.stepCount == 0 && b.events.isEmpty)
    }
}
