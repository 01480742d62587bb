// Decodes every one of the 2^32 A64 words, on two threads, and checks that decoding never
// traps, that `.undefined` carries the raw word, and that every decoded word disassembles and
// re-encodes to itself. Run in release: `swift run -c release DecoderTotality [log2-count]` (a count below
// 2^32 checks a spread-out sample of that many words).
// Exits non-zero on any failure.
import A64
import Foundation

// Usage: DecoderTotality [LOG2-COUNT] [--disassemble-every N]
// Disassembling is the slow part (about 3x the rest): N > 1 disassembles every Nth decoded
// word (CI uses 4); decoding and re-encoding always cover every word.
var args = Array(CommandLine.arguments.dropFirst())
var disassembleEvery: UInt64 = 1
if let k = args.firstIndex(of: "--disassemble-every"), k + 1 < args.count, let n = UInt64(args[k + 1]), n > 0 {
    disassembleEvery = n
    args.removeSubrange(k...(k + 1))
}
let bits = args.first.flatMap { Int($0) } ?? 32
let total: UInt64 = 1 << UInt64(min(max(bits, 8), 32))
let threads = 2
let chunk: UInt64 = 1 << 20

final class Tally: @unchecked Sendable {
    var decoded = [UInt64](repeating: 0, count: threads)
    var undefined = [UInt64](repeating: 0, count: threads)
    var failures = [UInt64](repeating: 0, count: threads)
    var examples = [[String]](repeating: [], count: threads)
    var perOp = [[UInt64]](repeating: [UInt64](repeating: 0, count: Op.allCases.count), count: threads)
}
let tally = Tally()
let start = Date()

DispatchQueue.concurrentPerform(iterations: threads) { t in
    var decoded: UInt64 = 0, undefined: UInt64 = 0, failures: UInt64 = 0
    var examples: [String] = []
    var perOp = [UInt64](repeating: 0, count: Op.allCases.count)
    var base = UInt64(t) * chunk
    while base < total {
        let end = min(base + chunk, total)
        var v = base
        while v < end {
            // An odd multiplier permutes all 2^32 words, so a partial run samples the whole space
            // while a full run still visits every word exactly once.
            let w = UInt32(truncatingIfNeeded: v) &* 0x9e37_79b1
            let i = Decoder.decode(w)
            perOp[Int(i.op.rawValue)] &+= 1
            if i.op == .undefined {
                undefined &+= 1
                if i.imm != Int64(w) {
                    failures &+= 1
                    if examples.count < 10 { examples.append("0x\(String(w, radix: 16)): undefined without its word") }
                }
            } else {
                decoded &+= 1
                // Every decoded word also disassembles (to non-empty text, without trapping).
                if decoded % disassembleEvery == 0, case let text = Disassembler.text(i, at: 0x4008_0000),
                   text.isEmpty || text.hasPrefix(".inst") {
                    failures &+= 1
                    if examples.count < 10 { examples.append("0x\(String(w, radix: 16)): \(i.op) disassembles to '\(text)'") }
                }
                let again = try? Encoder.encode(i)
                if again != w {
                    failures &+= 1
                    if examples.count < 10 { examples.append("0x\(String(w, radix: 16)): \(i.op) re-encodes to \(again.map { "0x" + String($0, radix: 16) } ?? "an error")") }
                }
            }
            v += 1
        }
        base += UInt64(threads) * chunk
    }
    tally.decoded[t] = decoded; tally.undefined[t] = undefined; tally.failures[t] = failures
    tally.examples[t] = examples; tally.perOp[t] = perOp
}

let elapsed = Date().timeIntervalSince(start)
let decoded = tally.decoded.reduce(0, +), undefined = tally.undefined.reduce(0, +)
let failures = tally.failures.reduce(0, +)
print("DecoderTotality: \(total) words (2^\(bits)) on \(threads) threads in \(String(format: "%.1f", elapsed)) s")
print("  decoded:   \(decoded) (\(String(format: "%.2f", Double(decoded) * 100 / Double(total)))%)")
print("  undefined: \(undefined)")
print("  of the decoded, classified but not modelled (SIMD&FP data processing, AdvSIMD, crypto): \(tally.perOp.reduce(0) { $0 + $1[Int(Op.notModelled.rawValue)] })")
print("  disassembled: every \(disassembleEvery == 1 ? "" : "\(disassembleEvery)th ")decoded word")
print("  no trap; disassembly or re-encode failures: \(failures)")
for op in Op.allCases {
    let n = tally.perOp.reduce(0) { $0 + $1[Int(op.rawValue)] }
    if n > 0 && op != .undefined { print("    \(op): \(n)") }
}
for e in tally.examples.flatMap({ $0 }) { print("  FAIL \(e)") }
exit(failures == 0 && decoded + undefined == total ? 0 : 1)
