import Foundation
import Testing
@testable import Assembler
import TestSupport

/// Random programs of the macro language (macros with defaults, `:req`, keywords and spaces,
/// `\@`, macros calling macros, `.if` on a `.set` counter, `.irp`, `.rept`, `.exitm`, local
/// labels) assembled by SuspendScope and by GNU as + ld: where GNU accepts a program the images
/// must be byte-identical, and where it rejects one so must we. `SUSPENDSCOPE_MACRO_SEEDS=N`
/// runs N programs instead of 40.
@Suite(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
struct RandomMacroProgramTests {
    static func program(seed: UInt64) -> String {
        var r = SplitMix64(seed: seed)
        let regs = (0...28).map { "x\($0)" }
        var out = [".text", ".globl _start", "_start:", ".set cnt, 1"]
        var macros: [(name: String, params: [String], required: Set<String>)] = []
        for m in 0..<r.range(1...4) {
            let name = "m\(m)"
            var params: [String] = []
            var spec: [String] = []
            var required: Set<String> = []
            for p in ["a", "b", "c", "d"] where r.chance(45) {
                params.append(p)
                switch r.below(10) {
                case 0...2: spec.append("\(p)=\(r.pick(["1", "7", "(2+2)", "0x10U"]))")
                case 3: spec.append("\(p):req"); required.insert(p)
                default: spec.append(p)
                }
            }
            out.append(".macro \(name) " + spec.joined(separator: r.chance(50) ? ", " : " "))
            for _ in 0..<r.range(1...5) {
                switch r.below(10) {
                case 0...1 where !params.isEmpty: out.append(" .word \\\(r.pick(params))")
                case 2: out.append(" add \(r.pick(regs)), \(r.pick(regs)), #\\@")
                case 3: out.append(" .if cnt > \(r.below(4))\n nop\n .else\n mov \(r.pick(regs)), #\(r.below(10))\n .endif")
                case 4 where !macros.isEmpty: out.append(" " + r.pick(macros).name)
                case 5: out.append(" .set cnt, cnt + 1")
                case 6: out.append(".Ll\\@: b .Ll\\@")
                case 7: out.append(" .irp r, \(r.pick(regs)), \(r.pick(regs))\n mov \\r, xzr\n .endr")
                case 8: out.append(" .if cnt > \(r.range(2...6))\n .exitm\n .endif\n nop")
                default: out.append(" .ascii \"" + (params.isEmpty ? "z" : "\\\(params[0])") + "\"")
                }
            }
            out.append(".endm")
            macros.append((name, params, required))
        }
        for _ in 0..<r.range(3...10) {
            let m = r.pick(macros)
            var args: [(String, String)] = []
            for p in m.params where m.required.contains(p) || r.chance(60) {
                args.append((p, r.pick(["5", "3", "\"q s\"", "(1 + 1)", "0x8UL"])))
            }
            let call: String
            if r.chance(30) && !args.isEmpty {
                call = m.name + " " + args.map { "\($0.0)=\($0.1)" }.joined(separator: ", ")
            } else {
                call = m.name + " " + m.params.map { p in args.first { $0.0 == p }?.1 ?? "" }.joined(separator: ", ")
            }
            if r.chance(20) { out.append(" .rept \(r.below(4))\n \(call)\n .endr") } else { out.append(" " + call) }
        }
        out.append(" .word cnt\n ret")
        return out.joined(separator: "\n") + "\n"
    }

    @Test func randomMacroProgramsAgreeWithGNU() throws {
        let count = ProcessInfo.processInfo.environment["SUSPENDSCOPE_MACRO_SEEDS"].flatMap(Int.init) ?? 40
        var agreed = 0
        for seed in 1...UInt64(count) {
            let src = Self.program(seed: seed)
            let gnu = try? GNUToolchain.build(source: src)
            let ours = try? Assembler.assemble(source: src, fileName: "random.S")
            guard let gnu else {
                #expect(ours == nil, "seed \(seed): GNU rejects, ours accepts:\n\(src)")
                continue
            }
            guard let ours else { Issue.record("seed \(seed): ours rejects what GNU accepts:\n\(src)"); continue }
            #expect(ours.image == gnu.image, "seed \(seed): \(CorpusTests.firstDifference(ours.image, gnu.image, base: ours.base))\n\(src)")
            agreed += 1
        }
        // Some programs are invalid on purpose (a quoted argument where a number goes, a symbol
        // used before its definition): GNU must reject those too. Enough must be valid.
        #expect(agreed >= count / 3, "\(agreed) of \(count) programs were valid")
    }
}
