import Foundation
import Testing
import TestSupport
@testable import Platform

/// Manifests and TOML: values with their places; every mistake is one message naming
/// file:line:column and what was expected.
@Suite struct ManifestTests {
    @Test func tomlValues() throws {
        let t = try TOML.parse("""
            a = 0x4000_0000 # comment
            b = "x\\ty"
            c = [1, 2,
                 3,]
            d = { e = true, f = 'raw\\n' }
            g = \"\"\"
            two
            lines\"\"\"
            [h.i]
            j = -5
            [[k]]
            l = 1
            [[k]]
            l = 2
            """, file: "t.toml")
        #expect(t["a"]?.kind == .integer(0x4000_0000))
        #expect(t["b"]?.kind == .string("x\ty"))
        #expect(t["g"]?.kind == .string("two\nlines"))
        guard case .table(let d)? = t["d"]?.kind else { Issue.record("d"); return }
        #expect(d["f"]?.kind == .string("raw\\n"))
        guard case .table(let h)? = t["h"]?.kind, case .table(let i)? = h["i"]?.kind else { Issue.record("h.i"); return }
        #expect(i["j"]?.kind == .integer(-5))
        guard case .array(let k)? = t["k"]?.kind else { Issue.record("k"); return }
        #expect(k.count == 2)
        #expect(t["c"]?.location == TOMLLocation(file: "t.toml", line: 3, column: 5))
        // Hex above Int64.max keeps its bits; the writer reads back the same table.
        let big = try TOML.parse("x = 0xdeaddeaddead0000\n", file: "b")
        #expect(big["x"]?.kind == .integer(Int64(bitPattern: 0xdead_dead_dead_0000)))
        let again = try TOML.parse(TOMLWriter.write(t), file: "w")
        #expect(TOMLWriter.write(again) == TOMLWriter.write(t))
    }

    static let badTOML: [(String, String)] = [
        ("a = ", "t.toml:1:5: error: expected a value"),
        ("a = 1\na = 2\n", "t.toml:2:1: error: 'a' is already defined at t.toml:1:5"),
        ("[x]\n[x]\n", "t.toml:2:1: error: table [x] is defined twice"),
        ("a = \"open\n", "t.toml:1:5: error: unterminated string"),
        ("a = 1.5\n", "t.toml:1:6: error: floats and dates are not supported here"),
        ("a = 0x1_0000_0000_0000_0000\n", "t.toml:1:5: error: integer out of range"),
        ("a = [1, 2\n", "t.toml:2:1: error: expected ',' or ']' in the array"),
        ("= 1\n", "t.toml:1:1: error: expected a key"),
        ("a = 1 b = 2\n", "t.toml:1:7: error: expected the end of the line"),
        ("a = \"\\q\"\n", "t.toml:1:7: error: unknown escape"),
        ("[a\n", "t.toml:1:3: error: expected ']' to close the table header"),
        ("a = 1\n[a]\n", "t.toml:2:1: error: 'a' is an integer"),
    ]

    @Test(arguments: badTOML)
    func badTOMLIsOneClearMessage(_ input: String, _ expected: String) {
        do {
            _ = try TOML.parse(input, file: "t.toml")
            Issue.record("accepted: \(input)")
        } catch let e as TOMLError {
            #expect(e.description.hasPrefix(expected), "\(e.description)")
        } catch { Issue.record("\(error)") }
    }

    @Test func randomBytesNeverTrap() {
        var seed: UInt64 = 42
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(seed % 60) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                bytes.append(Array("[]{}=\"'.,#\n 0x1aA-_tf\\".utf8)[Int(seed >> 59) % 22])
            }
            _ = try? TOML.parse(String(decoding: bytes, as: UTF8.self), file: "f")
        }
    }

    /// A scenario folder with a broken manifest: the message names the manifest's file:line:column.
    static let badManifests: [(String, String, String)] = [
        ("name = \"x\"\nsources = [\"a.S\"]\n", "scenario.toml:1:1: error: missing [struct]", ""),
        ("name = \"x\"\nbase = \"nope\"\n", "scenario.toml:2:8: error: no built-in scenario 'nope'", ""),
        ("name = \"x\"\nbase = \"v9\"\n[firmware]\nsystem-suspend = \"maybe\"\n", "scenario.toml:4:18: error: system-suspend must be \"accept\" or \"deny\"", ""),
        ("name = \"x\"\nbase = \"v9\"\n[initial]\nx31 = 1\n", "scenario.toml:4:7: error: unknown register 'x31'", ""),
        ("name = \"x\"\nbase = \"v9\"\ncolour = 1\n", "scenario.toml:3:10: error: unknown key 'colour' at the top level", ""),
        ("name = \"x\"\nbase = \"v9\"\n[[edit]]\nfile = \"head.S\"\nfind = \"no such text\"\nreplace = \"\"\n",
         "scenario.toml:3:1: error: [[edit]] of 'head.S': the 'find' text occurs 0 times", ""),
        ("name = \"x\"\nbase = \"v9\"\n[memory]\nload = 0x1000\n", "scenario.toml:4:8: error: 'load' must be a page-aligned address in RAM", ""),
        ("name = \"x\"\nbase = \"v9\"\n[integrity]\nsysregs = [\"NOPE_EL2\"]\n", "scenario.toml:4:11: error: unknown system register 'NOPE_EL2'", ""),
        ("name = \"x\"\nbase = \"v9\"\n[integrity]\nignore = [{name = \"NOPE_EL2\", reason = \"r\"}]\n",
         "scenario.toml:4:19: error: unknown register 'NOPE_EL2' in [integrity] ignore", ""),
        ("name = \"x\"\nbase = \"v9\"\n[integrity]\nignore = [{name = \"CNTHCTL_EL2\"}]\n",
         "scenario.toml:4:11: error: missing 'reason' in [integrity.ignore]", ""),
        ("name = \"x\"\nbase = \"v9\"\n[integrity]\nignore = [{name = \"CNTHCTL_EL2\", reason = \"  \"}]\n",
         "scenario.toml:4:43: error: the reason for ignoring CNTHCTL_EL2 is empty", ""),
        ("name = \"x\"\nbase = \"v9\"\n[integrity]\nignore = [\"CNTHCTL_EL2\"]\n",
         "scenario.toml:4:11: error: an [integrity] ignore entry must be {name = \"REGISTER\", reason = \"why it is not preserved\"}", ""),
        ("name = \"x\"\nbase = \"v9\"\n[integrity]\nignore = \"CNTHCTL_EL2\"\n",
         "scenario.toml:4:10: error: 'ignore' must be an array of", ""),
        ("name = \"x\"\nbase = \"v9\"\n", "head.S:3:9: error: unknown instruction 'frobnicate'", "head.S"),
        ("name = \"x\"\nbase = \"v9\"\n", "suspend.h:2:5: error: unknown type 'floaty'", "suspend.h"),
    ]

    @Test(arguments: badManifests)
    func badScenarioFolders(_ manifest: String, _ expected: String, _ brokenFile: String) throws {
        let dir = try TemporaryDirectory(prefix: "scenario")
        try manifest.write(to: dir.url.appendingPathComponent("scenario.toml"), atomically: true, encoding: .utf8)
        if brokenFile == "head.S" {
            try "// broken\n\n        frobnicate x0\n".write(to: dir.url.appendingPathComponent("head.S"), atomically: true, encoding: .utf8)
        } else if brokenFile == "suspend.h" {
            try "struct resume_cpu_context {\n    floaty x;\n};\n".write(to: dir.url.appendingPathComponent("suspend.h"), atomically: true, encoding: .utf8)
        }
        do {
            let s = try Scenario.load(folder: dir.url)
            _ = try s.build()
            Issue.record("accepted")
        } catch let e as ScenarioError {
            let text = e.description.replacingOccurrences(of: dir.url.path + "/", with: "")
            #expect(text.hasPrefix(expected), "\(text)")
        }
    }

    /// `[integrity] ignore`: a register deliberately not preserved is not compared, and check
    /// prints why; the rest of the check is unchanged.
    @Test func ignoredRegisterIsNotComparedAndTheReasonIsPrinted() throws {
        let dir = try TemporaryDirectory(prefix: "ignore")
        try """
            name = "v9-timer-reprogrammed"
            base = "v9"
            [integrity]
            ignore = [{name = "cnthctl_el2", reason = "init_timer_interrupt programs it again on resume"}]
            """.write(to: dir.url.appendingPathComponent("scenario.toml"), atomically: true, encoding: .utf8)
        let s = try Scenario.load(folder: dir.url)
        #expect(s.manifest.integrityIgnore.map(\.name) == ["CNTHCTL_EL2"])
        let report = CheckReport(try s.build())
        #expect(report.findings.isEmpty, "\(report.text)")
        #expect(report.text.contains("ignored: CNTHCTL_EL2 is not compared: init_timer_interrupt programs it again on resume (\(dir.url.path)/scenario.toml:4:"), "\(report.text)")
        guard case .object(let members) = report.json, let ignored = members.first(where: { $0.0 == "ignored" })?.1 else {
            Issue.record("no 'ignored' in the JSON"); return
        }
        #expect(ignored.serialized(pretty: false).contains("init_timer_interrupt programs it again on resume"))
        // Exported, the folder keeps the declaration.
        let out = dir.url.appendingPathComponent("out")
        try s.export(to: out)
        #expect(try Scenario.load(folder: out).manifest.integrityIgnore.map(\.reason) == ["init_timer_interrupt programs it again on resume"])
    }

    /// Only registers software set before suspend are compared: a v9 whose boot never writes
    /// CNTHCTL_EL2 has nothing of it to lose. With the zero policy the lost value reads 0 but
    /// is still reported as unknown.
    @Test func onlyRegistersSetBeforeSuspendAreCompared() throws {
        let dir = try TemporaryDirectory(prefix: "unset")
        try """
            name = "v9-no-timer"
            base = "v9"
            [[edit]]
            file = "suspend.S"
            find = "        msr   CNTHCTL_EL2, x0\\n"
            replace = "        nop\\n"
            """.write(to: dir.url.appendingPathComponent("scenario.toml"), atomically: true, encoding: .utf8)
        let report = CheckReport(try Scenario.load(folder: dir.url).build())
        #expect(report.findings.isEmpty, "\(report.text)")
        let v9 = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        let zero = IntegrityCheck(v9, policy: .zero)
        #expect(zero.findings.map(\.message) == ["CNTHCTL_EL2 was 0x3 before suspend and is unknown at resume-return: resume_cpu_context does not save it"])
    }

    @Test func exportWritesAFolderThatLoadsBackTheSame() throws {
        let dir = try TemporaryDirectory(prefix: "export")
        for name in BuiltinScenarios.names {
            let s = try #require(try BuiltinScenarios.scenario(named: name))
            let folder = dir.url.appendingPathComponent(name)
            try s.export(to: folder)
            let back = try Scenario.load(folder: folder)
            #expect(back.files == s.files)
            #expect(back.manifest.expectedFindings == s.manifest.expectedFindings)
            #expect(back.manifest.deniesSuspend == s.manifest.deniesSuspend)
            #expect(try back.build().program.image == s.build().program.image)
        }
        // Exporting over a folder that holds something else is refused; nothing is lost.
        let other = dir.url.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "keep".write(to: other.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError.self) { try BuiltinScenarios.scenario(named: "v9")!.export(to: other) }
        #expect(try String(contentsOf: other.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep")
    }
}
