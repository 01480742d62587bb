import Foundation
import Testing
import Conformance
import Platform
import Assembler
import TestSupport

/// The scenarios' MMU-on boot, the save and the resume, judged against QEMU: the image linked
/// at 0x0000020000200000 and loaded at 0x40200000, entered MMU-off at its physical entry.
/// Each stop compares x0..x30, sp, pc, cpsr, every catalogued system register QEMU exposes
/// through gdb, and the context struct read at its virtual address (through each side's MMU).
@Suite struct ScenarioConformanceTests {
    static func context(_ b: BuiltScenario) -> MemoryRange {
        MemoryRange(symbol: b.manifest.contextSymbol, words: (b.layout.size + 7) / 8,
                    address: b.symbol(b.manifest.contextSymbol))
    }

    /// Test A: entry -> enable_mmu (physical) -> primary_switched (virtual, MMU on) ->
    /// system_suspend -> prepare_resume_ctx's ret -> the `smc #0` of call_psci_system_suspend
    /// (stopped before it executes).
    @Test(.enabled(if: toolsPresent, toolsComment), arguments: ["v8", "v9", "v11"])
    func bootAndSave(_ name: String) throws {
        let b = try #require(try BuiltinScenarios.scenario(named: name)).build()
        let stops = try Self.bootStops(b)
        let v = ScenarioConformance.judgeBoot(b, stops: stops, timeout: 20)
        if !v.passed { Issue.record(Comment(rawValue: v.report)) }
        #expect(v.stopsCompared == stops.count)
    }

    /// Test B: QEMU started in the woken state (our RAM at warm-boot, our register values,
    /// including the poison the firmware leaves) -> enable_secondary_cpu_mm (physical, after
    /// the UART, check_cpu_mode and cpu_init) -> mmu_resumed (virtual) -> the return into
    /// system_suspend after the restore.
    @Test(.enabled(if: toolsPresent, toolsComment), arguments: ["v8", "v9", "v11"])
    func resume(_ name: String) throws {
        let b = try #require(try BuiltinScenarios.scenario(named: name)).build()
        let stops = try Self.resumeStops(b)
        let v = ScenarioConformance.judgeResume(b, stops: stops, timeout: 20)
        if !v.passed { Issue.record(Comment(rawValue: v.report)) }
        #expect(v.stopsCompared == stops.count)
    }

    static func bootStops(_ b: BuiltScenario) throws -> [ScenarioStop] {
        let ctx = context(b)
        return [
            ScenarioStop(name: "enable_mmu (physical)", address: b.physical(try #require(b.symbol("enable_mmu")))),
            ScenarioStop(name: "primary_switched", address: try #require(b.symbol("primary_switched"))),
            ScenarioStop(name: "system_suspend", address: try #require(b.symbol("system_suspend")), memory: [ctx]),
            ScenarioStop(name: "\(b.manifest.saveSymbol) ret",
                         address: try #require(ScenarioConformance.firstWord(ScenarioConformance.retWord, from: b.manifest.saveSymbol, in: b)),
                         memory: [ctx]),
            ScenarioStop(name: "smc (call_psci_system_suspend)",
                         address: try #require(ScenarioConformance.firstWord(ScenarioConformance.smc0Word, from: "call_psci_system_suspend", in: b)),
                         memory: [ctx]),
        ]
    }

    static func resumeStops(_ b: BuiltScenario) throws -> [ScenarioStop] {
        let ctx = context(b)
        return [
            ScenarioStop(name: "enable_secondary_cpu_mm (physical)",
                         address: b.physical(try #require(b.symbol("enable_secondary_cpu_mm")))),
            ScenarioStop(name: b.manifest.restoreSymbol, address: try #require(b.symbol(b.manifest.restoreSymbol)), memory: [ctx]),
            ScenarioStop(name: "resume-return", address: try #require(returnAddress(b)), memory: [ctx]),
        ]
    }

    /// The comparison is not vacuous: a register planted in QEMU at entry, and a context field
    /// planted in QEMU's RAM before the resume (read back at its virtual address after the MMU
    /// is on), are reported with the stop, the field and both values.
    @Test(.enabled(if: toolsPresent, toolsComment))
    func plantedDifferencesAreReported() throws {
        let b = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        let boot = ScenarioConformance.judgeBoot(b, stops: try Self.bootStops(b), timeout: 20, qemuExtraSetup: ["set $x21 = 0x5"])
        #expect(boot.divergence?.field == "x21")
        #expect(boot.divergence?.stopIndex == 0)
        #expect(boot.report.contains("enable_mmu (physical)") && boot.report.contains("QEMU 0x5, SuspendScope 0x2121212121212121"), "\(boot.report)")

        let sp = try #require(b.layout.fields.first { $0.name == "sp" })
        let pa = b.physical(try #require(b.symbol(b.manifest.contextSymbol))) + UInt64(sp.offset)
        let resume = ScenarioConformance.judgeResume(b, stops: try Self.resumeStops(b), timeout: 20,
                                                     qemuExtraSetup: ["set {long}0x\(String(pa, radix: 16)) = 0x1234"])
        #expect(resume.divergence?.field == "mem \(b.manifest.contextSymbol)+\(sp.offset)", "\(resume.report)")
        #expect(resume.divergence?.stopIndex == 1)
        #expect(resume.divergence?.qemu == "0x1234")

        // A planted saved VBAR_EL2: restored by mmu_resumed, so the system register differs at
        // resume-return (system registers do reach the comparison).
        let vbar = try #require(b.layout.fields.first { $0.name.lowercased() == "vbar_el2" })
        let vpa = b.physical(try #require(b.symbol(b.manifest.contextSymbol))) + UInt64(vbar.offset)
        let last = try #require(try Self.resumeStops(b).last)
        let restored = ScenarioConformance.judgeResume(b, stops: [ScenarioStop(name: last.name, address: last.address)], timeout: 20,
                                                       qemuExtraSetup: ["set {long}0x\(String(vpa, radix: 16)) = 0x800"])
        #expect(restored.divergence?.field == "VBAR_EL2", "\(restored.report)")
        #expect(restored.divergence?.qemu == "0x800")
    }

    /// The instruction after system_suspend's `bl prepare_resume_ctx`: where both returns land.
    static func returnAddress(_ b: BuiltScenario) -> UInt64? {
        guard let start = b.symbol("system_suspend"), let target = b.symbol(b.manifest.saveSymbol) else { return nil }
        for k in 0..<64 {
            let a = start + UInt64(k * 4)
            guard let w = b.program.word(at: a), w & 0xfc00_0000 == 0x9400_0000 else { continue }
            let imm = Int64(Int32(bitPattern: (w & 0x03ff_ffff) << 6) >> 6) * 4
            if a &+ UInt64(bitPattern: imm) == target { return a + 4 }
        }
        return nil
    }
}
