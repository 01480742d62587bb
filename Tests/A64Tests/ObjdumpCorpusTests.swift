import Foundation
import Testing
import TestSupport
@testable import A64

/// Checks the codec against GNU binutils 2.40: every corpus line assembled by GNU as decodes to
/// a supported instruction, re-encodes to the same word, and prints exactly as objdump prints it.
@Suite struct ObjdumpCorpusTests {
    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func corpusMatchesObjdump() throws {
        let lines = Corpus.lines
        let build = try GNUToolchain.build(source: Corpus.source)
        let dump = try GNUToolchain.objdump(elf: build.elf)
        try #require(dump.count == lines.count, "objdump gave \(dump.count) lines for \(lines.count) corpus lines")
        var failures = 0
        for (k, d) in dump.enumerated() {
            let i = Decoder.decode(d.word)
            let ours = Disassembler.text(i, at: d.address)
            let encoded = try? Encoder.encode(i)
            if i.op == .undefined || ours != d.text || encoded != d.word {
                failures += 1
                Issue.record("""
                    \(lines[k]): 0x\(String(d.word, radix: 16)) objdump "\(d.text)" ours "\(ours)" \
                    op \(i.op) re-encoded \(encoded.map { "0x" + String($0, radix: 16) } ?? "throws")
                    """)
            }
        }
        #expect(failures == 0)
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["A64_DUMP_CORPUS"] != nil))
func dumpCorpusSource() throws {
    try Corpus.source.write(toFile: ProcessInfo.processInfo.environment["A64_DUMP_CORPUS"]!, atomically: true, encoding: .utf8)
}
