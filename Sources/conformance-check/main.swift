import Foundation
import Conformance

// conformance-check FILE.S [--until LABEL]... [--dump SYM:BYTES]...
// Runs FILE.S on QEMU (built by GNU binutils, read through gdb-multiarch) and on SuspendScope
// (our assembler, our Machine), stops both at each --until label in order (default `done`),
// and prints the first divergence with the instruction that last wrote the field. Exit 0 when
// they agree, 1 on a divergence, 2 on bad input.
var args = Array(CommandLine.arguments.dropFirst())
var file: String?, labels: [String] = [], dumps: [MemoryRange] = []
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--until": if !args.isEmpty { labels.append(args.removeFirst()) }
    case "--dump":
        guard !args.isEmpty, let r = MemoryRange(argument: args.removeFirst()) else {
            FileHandle.standardError.write("--dump expects SYM:BYTES\n".data(using: .utf8)!); exit(2)
        }
        dumps.append(r)
    default: file = a
    }
}
guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else {
    FileHandle.standardError.write("usage: conformance-check FILE.S [--until LABEL]... [--dump SYM:BYTES]...\n".data(using: .utf8)!)
    exit(2)
}
var c = ConformanceCase(name: file, source: text)
if !labels.isEmpty { c.stops = labels.map { StopPoint(label: $0, memory: c.stops.first?.memory ?? []) } }
if !dumps.isEmpty { c.stops = c.stops.map { StopPoint(label: $0.label, memory: dumps) } }
let v = Harness.judge(c)
if v.passed {
    print("agree: \(v.stopsCompared) stop(s) compared (\(c.stops.map(\.label).joined(separator: ", ")))")
    exit(0)
}
print(v.report)
exit(1)
