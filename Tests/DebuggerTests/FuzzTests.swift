import Debugger
import Foundation
import Testing
import TestSupport

/// Random command lines and random damage to session files: never a trap, always a result.
@Suite struct FuzzTests {
    static let vocabulary = ["p", "x/4gx", "x/", "s", "rs", "n", "rn", "finish", "rfinish", "b", "watch", "set", "info",
                             "registers", "sysregs", "context", "delete", "enable", "disable", "condition", "ignore", "until",
                             "$x0", "$sp", "$pc", "$VBAR_EL2", "$HCR_EL2.RW", "$HCR_EL2.", "resume_cpu_context", ".sp",
                             ".callee_regs", "[", "]", "(", ")", "&", "*", "@", "+", "-", "/", "%", "<<", ">>", "==", "!=",
                             "&&", "||", "!", "~", "=", "if", "0", "1", "3", "0x10", "0xffffffffffffffff", "99999999999999999999",
                             "power-off", "head.S:38", "head.S:", ":", "hyp_resume", "1 2", "\t", " ", "é", "\"", "#", "0b2"]

    @Test func randomCommandLinesNeverTrap() throws {
        var rng = SplitMix64(seed: 42)
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("set max-steps 2000").ok)
        for _ in 0..<2000 {
            var line = ""
            for _ in 0..<(1 + rng.below(7)) {
                line += Self.vocabulary[rng.below(Self.vocabulary.count)]
                if rng.below(2) == 0 { line += " " }
            }
            let r = ci.execute(line)
            if let e = r.error { #expect(!e.message.isEmpty) }
        }
        // Deep nesting is refused, not a stack overflow.
        let deep = ci.execute("p " + String(repeating: "(", count: 100_000) + "1")
        #expect(deep.error?.message.contains("nests more than") == true)
        let unary = ci.execute("p " + String(repeating: "-", count: 100_000) + "1")
        #expect(unary.error?.message.contains("nests more than") == true)
    }

    @Test func damagedSessionFilesNeverTrap() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        for c in ["b power-off", "b hyp_resume if $x0 == 0", "watch $x19", "s 50", "set $x3 = 9", "note hello"] { #expect(ci.execute(c).ok) }
        let good = Array(SessionFile.encode(session).serialized(pretty: true).utf8)
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            var bytes = good
            switch rng.below(4) {
            case 0: bytes = Array(bytes.prefix(rng.below(bytes.count)))
            case 1: for _ in 0..<(1 + rng.below(4)) { bytes[rng.below(bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 2: bytes.remove(at: rng.below(bytes.count))
            default:
                let i = rng.below(bytes.count)
                bytes.insert(contentsOf: Array("\"x\": [1e999, -0, null, true],".utf8), at: i)
            }
            do { _ = try SessionFile.parse(Data(bytes), path: "fuzz.json") } catch let e as SessionError {
                #expect(e.description.hasPrefix("fuzz.json"))
            }
        }
    }
}
