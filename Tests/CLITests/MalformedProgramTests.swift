import Foundation
import Testing
import TestSupport

/// The assembler's malformed corpus through the real binary: every file gives exit 2, exactly one
/// line on stderr naming file:line:column, no output file, and no trap.
@Suite("malformed programs through the CLI")
struct MalformedProgramTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("AssemblerTests/Corpus/Malformed")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".S") }.sorted()
    }

    @Test("the corpus is there and large enough")
    func corpusSize() {
        #expect(Self.files.count >= 30)
    }

    @Test("assemble and run exit 2 with one file:line:column line", arguments: files)
    func exitsTwo(file: String) throws {
        let path = Self.folder.appendingPathComponent(file).path
        let dir = try TemporaryDirectory()
        let out = dir.url.appendingPathComponent("out.bin").path
        for args in [["assemble", path, "-o", out], ["run", path, "--json"]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): status \(r.status), stderr \(r.stderr)")
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            #expect(lines.count == 1, "\(r.stderr)")
            let line = String(lines.first ?? "")
            // file:line:column: error: — the file may be the included one.
            let match = line.range(of: #"^[^:]+\.(S|h):[0-9]+:[0-9]+: error: .+"#, options: .regularExpression)
            #expect(match != nil, "\(line)")
            #expect(r.stdout.isEmpty)
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("binary garbage, NUL bytes and a 10 MB line: exit 2, one line, quickly")
    func generatedInputs() throws {
        let dir = try TemporaryDirectory()
        var rng = SystemRandomNumberGenerator()
        let garbage = Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) })
        let cases: [(String, Data)] = [
            ("garbage.S", garbage),
            ("nul.S", Data("mov x0, #1\n\0\0mov x1, #2\n".utf8)),
            ("long.S", Data(("mov x0, " + String(repeating: "1", count: 10 << 20) + "\n").utf8)),   // past the 8 MiB input limit
            ("longline.S", Data(("mov x0, " + String(repeating: "1", count: 2 << 20) + "\n").utf8)),
        ]
        for (name, data) in cases {
            let url = dir.url.appendingPathComponent(name)
            try data.write(to: url)
            let r = try CLI.run(["assemble", url.path, "-o", dir.url.appendingPathComponent("o.bin").path])
            #expect(r.status == 2, "\(name): \(r.stderr.prefix(300))")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(name)")
            #expect(r.stderr.hasPrefix(url.path + ":"), "\(name): \(r.stderr.prefix(300))")
            #expect(r.stderr.count < 1000, "the message does not echo the whole input")
        }
    }
}
