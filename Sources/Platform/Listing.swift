import A64
import Assembler

/// objdump-style listings: `address:\tword \ttext`, with `<label>:` headers for assembled
/// programs and the source line each instruction came from.
public enum Listing {
    /// A raw image: every whole word is disassembled; a trailing partial word is shown as bytes.
    public static func text(bytes: [UInt8], base: UInt64) -> String {
        var out = ""
        lines(bytes: bytes, base: base) { out += $0 }
        return out
    }

    /// The same listing a line at a time (each ending in a newline), for output that should
    /// not be held whole in memory (a 100 MB image is 25 million lines).
    public static func lines(bytes: [UInt8], base: UInt64, _ emit: (String) -> Void) {
        var i = 0
        while i + 4 <= bytes.count {
            let w = word(bytes, i)
            let a = base &+ UInt64(i)
            emit(line(address: a, word: w, text: Disassembler.text(word: w, at: a)))
            i += 4
        }
        if i < bytes.count {
            let rest = bytes[i...].map { hex2($0) }.joined(separator: " ")
            emit("\(String(base &+ UInt64(i), radix: 16)):\t\(rest)\t(trailing bytes)\n")
        }
    }

    /// An assembled program: labels, instructions with their source line, data words as `.word`.
    public static func text(program: Program) -> String {
        var labels: [UInt64: [String]] = [:]
        for s in program.symbols.all where s.section != nil { labels[s.address, default: []].append(s.name) }
        var out = ""
        var i = 0
        let bytes = program.image
        while i + 4 <= bytes.count {
            let a = program.base &+ UInt64(i)
            for l in labels[a, default: []].sorted() { out += "\n\(hex16(a)) <\(l)>:\n" }
            let w = word(bytes, i)
            // Collapse runs of zero data words (section padding, .skip) the way objdump prints "...".
            if w == 0, !program.isInstruction(at: a) {
                var j = i
                while j + 4 <= bytes.count, word(bytes, j) == 0, !program.isInstruction(at: program.base &+ UInt64(j)),
                      j == i || labels[program.base &+ UInt64(j)] == nil { j += 4 }
                if j - i >= 12 {
                    out += "\t...\n"
                    i = j
                    continue
                }
            }
            if program.isInstruction(at: a) {
                var t = Disassembler.text(word: w, at: a)
                if let loc = program.lineMap.location(at: a) { t += "\t// \(loc.file.split(separator: "/").last ?? ""):\(loc.line)" }
                out += line(address: a, word: w, text: t)
            } else {
                out += line(address: a, word: w, text: ".word\t0x" + hex8(w))
            }
            i += 4
        }
        if i < bytes.count {
            out += "\(String(program.base &+ UInt64(i), radix: 16)):\t" + bytes[i...].map { hex2($0) }.joined(separator: " ") + "\t.byte\n"
        }
        return out
    }

    static func word(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
    static func line(address: UInt64, word: UInt32, text: String) -> String {
        let parts = text.split(separator: " ", maxSplits: 1)
        let body = parts.count == 2 ? "\(parts[0])\t\(parts[1])" : text
        return "\(String(address, radix: 16)):\t\(hex8(word)) \t\(body)\n"
    }
    static func hex2(_ v: UInt8) -> String { let s = String(v, radix: 16); return s.count < 2 ? "0" + s : s }
    static func hex8(_ v: UInt32) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 8 - s.count) + s }
    static func hex16(_ v: UInt64) -> String { let s = String(v, radix: 16); return String(repeating: "0", count: 16 - s.count) + s }
}
