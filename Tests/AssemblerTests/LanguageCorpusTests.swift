import Foundation
import Testing
@testable import Assembler
import TestSupport

/// The macro language, the preprocessor and per-unit linking against GNU binutils 2.40: each
/// case is preprocessed by the host cpp with the same `-I`/`-include`/`-D` (and SuspendScope's
/// prelude and predefined macros), assembled by `as` unit by unit and linked by `ld -Ttext` in
/// order; the image must be byte-identical and every symbol `nm` lists must be ours at the same
/// address (locals of the same name in different files included).
@Suite struct LanguageCorpusTests {
    static let dir: URL = Bundle.module.resourceURL!.appendingPathComponent("Corpus/Language")

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var sources: [String]
        var includes: [String] = []
        var preincludes: [String] = []
        var defines: [String: String] = [:]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "macro language", sources: ["macros.S"]),
        Case(name: "preprocessor", sources: ["preprocess.S"], includes: ["include"], preincludes: ["include/config.h"],
             defines: ["VALUE": "0x10", "CONFIG_FOO": "1"]),
        Case(name: "three units linked", sources: ["link/main.S", "link/helper.S", "link/tail.S"]),
    ]

    static func options(_ c: Case) -> AssemblerOptions {
        AssemblerOptions(defines: c.defines, includeSearch: c.includes.map { dir.appendingPathComponent($0) },
                         preincludes: c.preincludes.map { dir.appendingPathComponent($0).path })
    }

    static func ours(_ c: Case) throws -> Program {
        try Assembler.assemble(files: c.sources.map { dir.appendingPathComponent($0) }, options: options(c))
    }

    static func gnu(_ c: Case) throws -> GNUToolchain.Build {
        let tmp = try TemporaryDirectory(prefix: "lang")
        let prelude = tmp.url.appendingPathComponent("prelude.h")
        try Preprocessor.prelude.write(to: prelude, atomically: true, encoding: .utf8)
        var args = PreprocessorPrelude.predefinedArguments + ["-include", prelude.path]
        args += c.includes.flatMap { ["-I", dir.appendingPathComponent($0).path] }
        args += c.preincludes.flatMap { ["-include", dir.appendingPathComponent($0).path] }
        args += c.defines.sorted(by: { $0.key < $1.key }).map { "-D\($0.key)=\($0.value)" }
        let units = try c.sources.map { (name: $0, text: try GNUToolchain.preprocess(dir.appendingPathComponent($0), arguments: args)) }
        return try GNUToolchain.build(sources: units)
    }

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)),
          arguments: cases)
    func matchesGNU(_ c: Case) throws {
        let ours = try Self.ours(c)
        let gnu = try Self.gnu(c)
        #expect(ours.image.count == gnu.image.count, "\(c.name): image size")
        #expect(ours.image == gnu.image, "\(c.name): \(CorpusTests.firstDifference(ours.image, gnu.image, base: ours.base))")
        let theirs = try GNUToolchain.nm(gnu.elf).filter { !$0.0.hasPrefix("$") && !CorpusTests.linkerSymbols.contains($0.0) }
        let mine = ours.symbols.all.map { ($0.name, $0.address) }
        func key(_ xs: [(String, UInt64)]) -> [String] { xs.map { "\($0.0)@\(String($0.1, radix: 16))" }.sorted() }
        #expect(key(mine) == key(theirs), "\(c.name): symbols differ from nm")
    }

    @Test func warningsAndPrintsAreReported() throws {
        let p = try Self.ours(Self.cases[0])
        #expect(p.messages.contains { $0.kind == .warning && $0.message == "a warning does not stop assembly" })
        #expect(p.messages.contains { $0.kind == .print && $0.message == "printed at assembly time" })
        let pp = try Self.ours(Self.cases[1])
        #expect(pp.messages.contains { $0.kind == .warning && $0.message.contains("#warning \"this warning does not stop the build\"") })
    }

    @Test func theLineMarkerRenamesWhatFollows() throws {
        let p = try Self.ours(Self.cases[1])
        let entries = p.lineMap.entries.filter { $0.location.file == "generated/virtual.S" }
        #expect(entries.first?.location.line == 200, "\(entries.prefix(2))")
        #expect(p.lineMap.addresses(file: "generated/virtual.S", line: 200).count == 1)
    }

    @Test func localSymbolsStayInTheirUnit() throws {
        let p = try Self.ours(Self.cases[2])
        let fails = p.symbols.all.filter { $0.name == "fail" }
        #expect(fails.count == 2)
        #expect(Set(fails.map(\.location.file.lastPathComponent)) == ["main.S", "helper.S"])
        // The name looks up the global when there is one, else a local.
        #expect(p.symbols["shared_word"]?.isGlobal == true)
        #expect(p.symbols["helper"]?.location.file.hasSuffix("helper.S") == true)
    }
}

extension String {
    var lastPathComponent: String { (self as NSString).lastPathComponent }
}
