import Foundation
import Testing
@testable import Assembler
import TestSupport

/// Corpus programs assembled by `Assembler` and by GNU binutils 2.40: images byte-identical,
/// symbol addresses equal to `nm` of the linked ELF.
///
/// GNU as has no C preprocessor here (no aarch64 cross gcc), so for files with `#` directives the
/// reference is built from the output of the host's `cpp -P -undef -nostdinc -x assembler-with-cpp`
/// with the assembler's built-in prelude (`FUNC`/`END`/...) passed as `-include`.
@Suite struct CorpusTests {
    static let corpus: URL = Bundle.module.resourceURL!.appendingPathComponent("Corpus")
    static let files = ["data_processing.S", "loads_stores.S", "branches_system.S", "directives.S",
                        "preprocessor.S", "xen_v8_save.S", "xen_v9_save.S", "xen_resume.S", "vectors.S",
                        "system_fp.S"]
    static let linkerSymbols: Set<String> = ["__bss_start", "__bss_start__", "__bss_end__", "_bss_end__",
                                             "__end__", "_end", "_edata", "__data_start", "data_start_",
                                             "edata", "end", "etext", "_etext", "__etext"]

    static func reference(_ url: URL) throws -> GNUToolchain.Build {
        var text = try String(contentsOf: url, encoding: .utf8)
        if text.contains("#include") || text.contains("#define") || text.contains("#if") || text.contains("FUNC(") {
            let dir = try TemporaryDirectory(prefix: "cpp")
            let prelude = dir.url.appendingPathComponent("prelude.h")
            try Preprocessor.prelude.write(to: prelude, atomically: true, encoding: .utf8)
            let r = try ProcessRunner.run("cpp", ["-P", "-undef", "-nostdinc", "-x", "assembler-with-cpp",
                                                  "-include", prelude.path, url.path])
            guard r.status == 0 else { throw ToolError("cpp failed: \(r.stderr)") }
            text = r.stdout
        }
        return try GNUToolchain.build(source: text)
    }

    static func nm(_ elf: URL) throws -> [String: UInt64] {
        let r = try ProcessRunner.run("aarch64-linux-gnu-nm", [elf.path])
        guard r.status == 0 else { throw ToolError("nm failed: \(r.stderr)") }
        var d: [String: UInt64] = [:]
        for line in r.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let v = UInt64(parts[0], radix: 16) else { continue }
            let name = String(parts[2])
            if name.hasPrefix("$") || linkerSymbols.contains(name) { continue }
            d[name] = v
        }
        return d
    }

    static func firstDifference(_ a: [UInt8], _ b: [UInt8], base: UInt64) -> String {
        for i in 0..<min(a.count, b.count) where a[i] != b[i] {
            let w = i & ~3
            func word(_ x: [UInt8]) -> String {
                (w..<min(w + 4, x.count)).reversed().map { String(format: "%02x", x[$0]) }.joined()
            }
            return "first difference at 0x\(String(base + UInt64(i), radix: 16)): ours \(word(a)) GNU \(word(b))"
        }
        return "sizes differ: ours \(a.count) GNU \(b.count)"
    }

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)),
          arguments: files)
    func matchesGNU(_ name: String) throws {
        let url = Self.corpus.appendingPathComponent(name)
        let ours = try Assembler.assemble(file: url)
        let gnu = try Self.reference(url)
        #expect(ours.image.count == gnu.image.count, "\(name): image size")
        let same = ours.image == gnu.image
        #expect(same, "\(name): \(Self.firstDifference(ours.image, gnu.image, base: ours.base))")
        let theirs = try Self.nm(gnu.elf)
        for s in ours.symbols.all {
            #expect(theirs[s.name] == s.address, "\(name): symbol \(s.name) ours 0x\(String(s.address, radix: 16)) nm \(theirs[s.name].map { "0x" + String($0, radix: 16) } ?? "missing")")
        }
        for (n, _) in theirs {
            #expect(ours.symbols[n] != nil, "\(name): nm lists \(n) but our symbol table does not")
        }
    }
}
