import Foundation
import Testing
@testable import Assembler

/// Random mutations of the corpus: every result is a program or an `AssemblyError`; nothing
/// traps, hangs or throws anything else.
@Suite struct FuzzTests {
    struct LCG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state ^ (state >> 29)
        }
    }

    /// One to four edits: a byte removed, inserted from `alphabet` or (with `randomBytes`)
    /// replaced by any byte, a run of up to `span` bytes doubled or removed.
    static func mutate(_ bytes: inout [UInt8], _ rng: inout LCG, alphabet: [UInt8], span: UInt64, randomBytes: Bool) {
        for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
            let at = Int(rng.next() % UInt64(bytes.count))
            var choice = rng.next() % (randomBytes ? 5 : 4)
            if !randomBytes && choice >= 2 { choice += 1 }
            switch choice {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
            case 2: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
            case 3:
                let len = min(bytes.count - at, Int(rng.next() % span))
                bytes.insert(contentsOf: Array(bytes[at..<(at + len)]), at: at)
            default:
                let len = min(bytes.count - at, Int(rng.next() % span))
                bytes.removeSubrange(at..<(at + len))
            }
        }
    }

    @Test func mutatedCorpusNeverTraps() throws {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Corpus")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".S") }.sorted()
        var rng = LCG(state: 0x5eed)
        let alphabet = Array("x0w1sp#[]!,:;=+-*/()<>&|^~'\"\\.1bf \n\t/*//#define #if #endif 0x ldr =".utf8)
        var errors = 0, programs = 0
        for _ in 0..<600 {
            let name = files[Int(rng.next() % UInt64(files.count))]
            var bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            Self.mutate(&bytes, &rng, alphabet: alphabet, span: 40, randomBytes: true)
            do {
                _ = try Assembler.assemble(bytes: bytes, fileName: name, directory: dir)
                programs += 1
            } catch let e as AssemblyError {
                #expect(!e.description.contains("\n"))
                #expect(e.description.contains(": error: "))
                errors += 1
            }
        }
        #expect(errors + programs == 600)
        #expect(errors > 100)
    }

    /// The macro language corpus, mutated with the characters its directives use: every result
    /// is a program or a located error, never a trap or a hang (expansion is bounded).
    @Test func mutatedMacroCorpusNeverTraps() throws {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Corpus/Language")
        let files = ["macros.S", "preprocess.S", "link/main.S"]
        var rng = LCG(state: 0x3acf0)
        let alphabet = Array("\\@()&=:,\"' .macro .endm .rept .irp .irpc .endr .if .else .endif .exitm \\() x0 1 \n".utf8)
        var errors = 0, programs = 0
        let options = AssemblerOptions(includeSearch: [dir.appendingPathComponent("include")],
                                       preincludes: [dir.appendingPathComponent("include/config.h").path])
        for _ in 0..<300 {
            let name = files[Int(rng.next() % UInt64(files.count))]
            var bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            Self.mutate(&bytes, &rng, alphabet: alphabet, span: 60, randomBytes: false)
            let unitDir = dir.appendingPathComponent(name).deletingLastPathComponent()
            do {
                _ = try Assembler.link([SourceUnit(name: name, bytes: bytes, directory: unitDir)], options: options)
                programs += 1
            } catch let e as AssemblyError {
                #expect(!e.description.contains("\n"))
                #expect(e.description.contains(": error: "))
                errors += 1
            }
        }
        #expect(errors + programs == 300)
        #expect(errors > 50)
    }

    @Test func pathologicalExpressions() {
        let cases = [
            "  .word " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000) + "\n",
            "  .word " + String(repeating: "-", count: 5000) + "1\n",
            "  .word " + Array(repeating: "1", count: 5000).joined(separator: "+") + "\n",
            "#if " + String(repeating: "(", count: 5000) + "1\n#endif\n",
            "  .equ a, b\n  .equ b, c\n  .equ c, a\n  .word a\n",
            "  .fill 0x7fffffffffffffff, 8, 1\n",
            "  .skip -1\n",
            "  .org -5\n",
            "  b 0xffffffffffffffff\n",
            "  ldr x0, [x1, #0x8000000000000000]\n",
            "  add x0, x1, #-0x8000000000000000\n",
            "  mov x0, #0x8000000000000000 * 2\n",
            "  .word 0x8000000000000000 / -1, -0x8000000000000000 % -1\n",
            "  tbz x0, #0x100000000, .\n",
            "  .section .far, \"aw\"\n  .org 0x3fffffff\n  .byte 1\n",
        ]
        for src in cases {
            do { _ = try Assembler.assemble(source: src, fileName: "p.S") }
            catch let e as AssemblyError { #expect(!e.description.contains("\n")) }
            catch { Issue.record("\(error)") }
        }
    }
}
