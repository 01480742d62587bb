import Testing
import A64
@testable import Platform

/// Explanations of the system instructions and the SIMD&FP register file in a scenario: DC ZVA's
/// block, AT's PAR_EL1, a hint that runs as NOP, a Q store, and an instruction that is not
/// modelled.
@Suite struct SystemExplainerTests {
    @Test func systemAndFPInstructionsAreExplained() throws {
        let s = try #require(try BuiltinScenarios.scenario(named: "v9"))
        var files = s.files
        files["suspend.S"] = files["suspend.S"]!.replacingOccurrences(of: "        mov   x29, sp\n", with: """
                    mov   x29, sp
                    paciasp
                    sub   x9, sp, #128
                    dc    zva, x9
                    at    s1e2r, x9
                    tlbi  alle2
                    str   q3, [sp, #-32]
                    fmov  x10, d3
                    .inst 0x1e622820

            """)
        let run = ScenarioRun(built: try Scenario(manifest: s.manifest, files: files, origin: "test", includeDirectory: nil).build())
        func next(_ op: Op) throws -> String { try #require(IntegerExplainerTests.explain(run) { $0.op == op }) }
        #expect(try next(.hint).hasPrefix("paciasp: a hint the Cortex-A57 (ARMv8.0) runs as NOP"))
        run.advance()
        let zva = try next(.sys)
        #expect(zva.hasPrefix("dc zva, x9: zeroes the 64-byte block (DCZID_EL0) at 0x") && zva.hasSuffix("0 that x9 = " + zva.split(separator: "=").last!.dropFirst().description))
        run.advance()
        #expect(try next(.sys).contains("writes the result (the physical address, or F = 1 and the fault) to PAR_EL1"))
        run.advance()
        #expect(try next(.sys).hasPrefix("tlbi alle2: invalidates cached translations"))
        run.advance()
        #expect(try next(.strV).hasPrefix("stores q3 (16 bytes of SIMD&FP state) to 0x"))
        run.advance()
        #expect(try next(.fmovFromV).hasPrefix("fmov x10, d3: copies the bits unchanged"))
        run.advance()
        #expect(try next(.notModelled).hasPrefix("not modelled by SuspendScope: fadd d0, d1, d2. The Cortex-A57 runs it"))
    }
}
