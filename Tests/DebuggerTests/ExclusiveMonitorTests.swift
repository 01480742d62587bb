import A64
import Foundation
import Testing
@testable import Debugger
import Machine
@testable import Platform

/// The exclusive monitor through the debugger: stepping back over a load- or store-exclusive,
/// replaying from checkpoints, and saving and loading a session between the two all leave the
/// mark as the forward run had it, so the store-exclusive then succeeds or fails as it would.
@Suite struct ExclusiveMonitorTests {
    /// v9 with an exclusive pair in system_suspend (x9/x10 are free there), exported to a folder.
    static func folder() throws -> URL {
        let s = try #require(try BuiltinScenarios.scenario(named: "v9"))
        var files = s.files
        files["suspend.S"] = files["suspend.S"]!.replacingOccurrences(of: "        mov   x29, sp\n", with: """
                    mov   x29, sp
                    ldaxr x9, [sp]
                    nop
                    stlxr w10, x9, [sp]

            """)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ssc-excl-\(UUID().uuidString)")
        try Scenario(manifest: s.manifest, files: files, origin: "test", includeDirectory: nil).export(to: dir)
        return dir
    }

    /// Steps until the instruction about to run is `mnemonic`.
    static func stepTo(_ s: DebugSession, _ mnemonic: String) throws {
        let ci = CommandInterpreter(session: s)
        for _ in 0..<3000 {
            if let i = s.run.board.instruction(at: s.run.board.machine.pc),
               Disassembler.text(i, at: s.run.board.machine.pc).split(separator: " ").first.map(String.init) == mnemonic { return }
            #expect(ci.execute("si").ok)
        }
        Issue.record("no \(mnemonic) reached")
    }

    @Test func reverseCheckpointsAndSessionsKeepTheMark() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let s = DebugSession(built: try BuiltinScenarios.resolve(dir.path).build())
        s.scenarioArgument = dir.path
        let ci = CommandInterpreter(session: s)
        try Self.stepTo(s, "nop")                       // just after the ldaxr
        let m = s.run.board.machine
        let mark = try #require(m.exclusiveMark)
        let atNop = s.step
        // Back over the load-exclusive: no mark; forward again: the same mark.
        #expect(ci.execute("rs").ok)
        #expect(m.exclusiveMark == nil)
        #expect(ci.execute("si").ok)
        #expect(m.exclusiveMark?.address == mark.address && s.step == atNop)
        // Far back (to step 0, before any checkpoint) and forward again by replay.
        #expect(ci.execute("rs \(atNop)").ok)
        #expect(s.step == 0 && m.exclusiveMark == nil)
        s.replay(to: atNop)
        #expect(m.exclusiveMark?.address == mark.address)
        // Saved and loaded between the pair: the store-exclusive succeeds after loading.
        let path = dir.path + "-between.json"     // outside the folder: its files are hashed
        defer { try? FileManager.default.removeItem(atPath: path) }
        try SessionFile.save(s, to: path)
        let loaded = try SessionFile.load(path)
        #expect(loaded.step == atNop)
        #expect(loaded.run.board.machine.exclusiveMark?.address == mark.address)
        let lci = CommandInterpreter(session: loaded)
        #expect(lci.execute("si 2").ok)
        #expect(loaded.run.board.machine.x(10) == 0, "stlxr succeeded")
        #expect(loaded.run.board.machine.exclusiveMark == nil)
        // And back over the store-exclusive: the mark is there again.
        #expect(lci.execute("rs").ok)
        #expect(loaded.run.board.machine.exclusiveMark?.address == mark.address)
    }
}
