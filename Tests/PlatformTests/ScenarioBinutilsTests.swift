import Foundation
import Testing
import Conformance
import TestSupport
@testable import Assembler
@testable import Platform

/// The scenarios' programs, assembled by SuspendScope and by GNU binutils (host cpp with the
/// same defines and the generated asm-offsets header, then aarch64 as + ld -Ttext at the
/// scenario's link address + objcopy): the images are byte-identical.
@Suite struct ScenarioBinutilsTests {
    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)),
          arguments: BuiltinScenarios.names)
    func imageMatchesGNU(_ name: String) throws {
        let s = try #require(try BuiltinScenarios.scenario(named: name))
        let built = try s.build()
        let gnu = try ScenarioConformance.gnuBuild(built)
        #expect(built.program.image.count == gnu.image.count)
        #expect(built.program.image == gnu.image, "first difference at byte \(zip(built.program.image, gnu.image).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
    }

    /// The idmap page rule of Xen: everything that runs while the MMU is switched on (boot's
    /// `start`, hyp_resume up to its jump, enable_mmu, enable_secondary_cpu_mm) and the literals
    /// it loads sit in the image's first 4 KiB page.
    @Test(arguments: ["v8-base", "v8", "v9", "v11"])
    func mmuSwitchCodeIsInTheIdmapPage(_ name: String) throws {
        let b = try #require(try BuiltinScenarios.scenario(named: name)).build()
        let first = b.manifest.linkAddress
        for sym in ["start", "hyp_resume", "enable_mmu", "enable_secondary_cpu_mm", "cpu_init"] {
            let s = try #require(b.program.symbols[sym])
            #expect(s.address >= first && s.address + (s.size ?? 4) <= first + 4096, "\(sym) leaves the idmap page")
        }
    }
}
