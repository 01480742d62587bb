import Foundation
import Testing
import TestSupport

/// The patch's two save routines, run as standalone programs: the 176-byte context must hold
/// x19..x28, x29/lr, sp and the eight EL2 registers at the offsets of suspend-path.md §2.
@Suite("patch save routines as standalone programs")
struct SaveRestoreProgramTests {
    static let expectedRegisters: [UInt64] = [
        0x1919, 0x2020, 0x2121, 0x2222, 0x2323, 0x2424, 0x2525, 0x2626, 0x2727, 0x2828, 0x2929,
    ]
    static let expectedSysregs: [UInt64] = [
        0x4008_1000, 0x8002_3558, 0x0001_0000_4010_0000, 0x1234_5000, 0xe60, 0x8000, 0x4010_32ff, 0x38,
    ]

    @Test("v8 (post-increment) and v9 (asm-offsets) leave the same 176-byte context",
          arguments: [("save_restore_v8.S", "cpu_context"), ("save_restore_v9.S", "resume_cpu_context")])
    func contextLayout(file: String, symbol: String) throws {
        let path = try CLI.program(file).path
        // Stop at the call's return address: that is what the routine must have saved as lr.
        let (s1, atReturn, _) = try CLI.runJSON([path, "--until", "after_call"])
        #expect(s1 == 0)
        let returnAddress = try #require(CLI.hex(atReturn["pc"]))

        let (s, j, raw) = try CLI.runJSON([path, "--dump", "\(symbol):176"])
        #expect(s == 0, "\(raw)")
        #expect(j["stopped"] as? String == "halt")
        let x = try #require(j["x"] as? [String])
        #expect(CLI.hex(x[0]) == 1, "prepare_resume_ctx returns 1")
        let sp = try #require(CLI.hex(j["sp"]))
        let words = try #require((j["memory"] as? [String: [String]])?[symbol]).compactMap(CLI.hex)
        #expect(words.count == 22)
        #expect(Array(words[0..<11]) == Self.expectedRegisters, "x19..x29 at offsets 0..80")
        #expect(words[11] == returnAddress, "lr at offset 88 is the return address into the caller")
        #expect(words[12] == sp, "sp at offset 96")
        #expect(Array(words[13..<21]) == Self.expectedSysregs, "VBAR..HCR at offsets 104..160")
        #expect(words[21] == 0, "nothing written past the 168-byte payload")
        for (i, v) in Self.expectedRegisters.enumerated() where i < 10 {
            #expect(CLI.hex(x[19 + i]) == v, "x\(19 + i) is preserved")
        }
    }
}
