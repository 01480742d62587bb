import A64
import Foundation
import Testing
@testable import Debugger
import Machine
@testable import Platform

/// An instruction the Cortex-A57 runs but SuspendScope does not model stops `continue` in front
/// of it with objdump's text, as a stop of its own (not a fault); the SIMD&FP registers the
/// modelled loads and FMOVs wrote print as `$v`/`$q`/`$d`/`$s`; stepping back works from there.
@Suite struct NotModelledStopTests {
    static func folder() throws -> URL {
        let s = try #require(try BuiltinScenarios.scenario(named: "v9"))
        var files = s.files
        files["suspend.S"] = files["suspend.S"]!.replacingOccurrences(of: "        mov   x29, sp\n", with: """
                    mov   x29, sp
                    mov   x9, #0x1234
                    fmov  d3, x9
                    .inst 0x1e622820

            """)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-nm-\(UUID().uuidString)")
        try Scenario(manifest: s.manifest, files: files, origin: "test", includeDirectory: nil).export(to: dir)
        return dir
    }

    @Test func continueStopsInFrontOfIt() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = DebugSession(built: try BuiltinScenarios.resolve(dir.path).build())
        let ci = CommandInterpreter(session: s)
        let r = ci.execute("c")
        #expect(r.ok)
        #expect(r.output.contains("not modelled by SuspendScope: fadd d0, d1, d2"), "\(r.output)")
        #expect(!r.output.lowercased().contains("exception"))
        let pc = s.run.board.machine.pc
        #expect(s.run.board.instruction(at: pc).map { Disassembler.text($0, at: pc) } == "fadd d0, d1, d2")
        #expect(s.run.board.machine.systemRegister(named: "ESR_EL2") == 0)
        #expect(ci.execute("p/x $d3").output == "0x1234")
        #expect(ci.execute("p/x $s3").output == "0x1234")
        #expect(ci.execute("p $v3").output == "0x1234  {d[1] = 0x0, d[0] = 0x1234}")
        #expect(ci.execute("p/x $d3 + 1").output == "0x1235")
        #expect(ci.execute("p $q3 + 1").error?.message.contains("128 bits") == true)
        #expect(ci.execute("set var $d4 = 0x77").ok)
        #expect(s.run.board.machine.vector(4).low == 0x77)
        // Continuing again stops at the same place; stepping back undoes the FMOV.
        #expect(ci.execute("c").output.contains("not modelled by SuspendScope"))
        #expect(ci.execute("rs").ok)
        #expect(s.run.board.machine.vector(3).low != 0x1234)
    }
}
