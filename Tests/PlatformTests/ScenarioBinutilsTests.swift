import Foundation
import Testing
import Conformance
import TestSupport
@testable import Assembler
@testable import Platform

/// The scenarios' programs, assembled by SuspendScope and by GNU binutils (host cpp with the
/// same defines and the generated asm-offsets header, then aarch64 as + ld -Ttext at the
/// scenario's link address + objcopy): the images are byte-identical.
@Suite struct ScenarioBinutilsTests {
    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)),
          arguments: BuiltinScenarios.names)
    func imageMatchesGNU(_ name: String) throws {
        let s = try #require(try BuiltinScenarios.scenario(named: name))
        let built = try s.build()
        let gnu = try ScenarioConformance.gnuBuild(built)
        #expect(built.program.image.count == gnu.image.count)
        #expect(built.program.image == gnu.image, "first difference at byte \(zip(built.program.image, gnu.image).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
    }

    /// The idmap page rule of Xen: everything that runs while the MMU is switched on (boot's
    /// `start`, hyp_resume up to its jump, enable_mmu, enable_secondary_cpu_mm) and the literals
    /// it loads sit in the image's first 4 KiB page.
    @Test(arguments: ["v8-base", "v8", "v9", "v11"])
    func mmuSwitchCodeIsInTheIdmapPage(_ name: String) throws {
        let b = try #require(try BuiltinScenarios.scenario(named: name)).build()
        let first = b.manifest.linkAddress
        for sym in ["start", "hyp_resume", "enable_mmu", "enable_secondary_cpu_mm", "cpu_init"] {
            let s = try #require(b.program.symbols[sym])
            #expect(s.address >= first && s.address + (s.size ?? 4) <= first + 4096, "\(sym) leaves the idmap page")
        }
    }
}

/// A scenario folder that keeps headers in a directory of its own (`include`) and has a file
/// processed before each source (`preinclude`), as a Xen tree's build does with -I and -include.
@Suite struct ScenarioIncludeTests {
    @Test func includeAndPreincludeReachEverySource() throws {
        let dir = try TemporaryDirectory(prefix: "inc-scenario")
        let folder = dir.url.appendingPathComponent("v9-inc")
        try #require(try BuiltinScenarios.scenario(named: "v9")).export(to: folder)
        let inc = folder.appendingPathComponent("inc")
        try FileManager.default.createDirectory(at: inc, withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: folder.appendingPathComponent("config.h"), to: inc.appendingPathComponent("config.h"))
        try "#ifndef __ASSEMBLY__\n#error \"Xen's build defines __ASSEMBLY__\"\n#endif\n.set preincluded_marker, 0x55\n"
            .write(to: inc.appendingPathComponent("first.h"), atomically: true, encoding: .utf8)
        let manifest = folder.appendingPathComponent("scenario.toml")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        let sources = try #require(text.range(of: "sources = ["))
        text.insert(contentsOf: "include = [\"inc\"]\npreinclude = [\"inc/first.h\"]\n", at: sources.lowerBound)
        try text.write(to: manifest, atomically: true, encoding: .utf8)

        let s = try Scenario.load(folder: folder)
        #expect(s.manifest.includeDirectories == ["inc"])
        #expect(s.files["config.h"] == nil)
        let built = try s.build()
        #expect(built.program.symbols.all.filter { $0.name == "preincluded_marker" }.count == 3, "one per unit")
        let v9 = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        #expect(built.program.image == v9.program.image)
        if ExternalTool.binutils.shouldRun {
            #expect(try ScenarioConformance.gnuBuild(built).image == built.program.image)
        }

        // Without the include directory, config.h is not found: a located error.
        try text.replacingOccurrences(of: "include = [\"inc\"]\n", with: "").write(to: manifest, atomically: true, encoding: .utf8)
        #expect {
            try Scenario.load(folder: folder).build()
        } throws: { e in
            "\(e)".contains("cannot find included file \"config.h\"")
        }
    }
}
