import Foundation
import Testing
import TestSupport

/// The scenario side of the CLI contract (SPEC §5): `run SCENARIO`, `check`, `scenarios`.
@Suite struct ScenarioCommandTests {
    static let boundaries = ["suspend-entry", "context-saved", "psci-call", "power-off", "warm-boot", "mmu-on",
                             "restore", "context-restored", "resume-return"]

    @Test(arguments: ["v8", "v9", "v11"])
    func runToResumeReturn(_ name: String) throws {
        let (status, json, raw) = try CLI.runJSON([name, "--until", "resume-return"])
        #expect(status == 0, "\(raw)")
        #expect(json["stopped"] as? String == "until")
        let x = try #require(json["x"] as? [String])
        #expect(CLI.hex(x[0]) == 0)
        let list = try #require(json["boundaries"] as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == Self.boundaries)
        let steps = list.compactMap { $0["step"] as? Int }
        #expect(steps == steps.sorted())
        // pc is the return address of the call: where context-saved (the first return) was too.
        #expect(CLI.hex(json["pc"]) == CLI.hex(list[1]["pc"]))
        #expect(CLI.hex(json["pc"]) == CLI.hex(list[8]["pc"]))
        #expect((json["uart"] as? String) == "- Xen resuming -\n")
        for key in ["steps", "el", "nzcv", "sp", "sysregs", "unknown", "memory", "fault", "events"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        // Registers nothing restored are still unknown from the power-off.
        let unknown = try #require(json["unknown"] as? [String])
        #expect(unknown.contains("x9"))
        #expect(!unknown.contains("x19") && !unknown.contains("x30") && !unknown.contains("sp"))
    }

    @Test func checkRevisionsAndBugs() throws {
        let clean = try CLI.run(["check", "v11"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.hasPrefix("check v11: clean"))
        // v9 does not save CNTHCTL_EL2, the register v11 adds.
        let v9 = try CLI.run(["check", "v9"])
        #expect(v9.status == 1)
        #expect(v9.stdout.contains("CNTHCTL_EL2 was 0x3 before suspend and is unknown at resume-return: resume_cpu_context does not save it"), "\(v9.stdout)")
        let bug = try CLI.run(["check", "bug-sp-not-restored", "--json"])
        #expect(bug.status == 1)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(bug.stdout.utf8)) as? [String: Any])
        #expect(obj["clean"] as? Bool == false)
        let findings = try #require(obj["findings"] as? [[String: Any]])
        #expect(findings.contains { ($0["message"] as? String)?.contains("sp lost at power-off") == true })
    }

    /// A user's own broken variant: export v9, swap two restore lines, check the folder.
    @Test func userVariantIsCaughtWithTheRightRegister() throws {
        let dir = try TemporaryDirectory(prefix: "variant")
        let folder = dir.url.appendingPathComponent("my-v9").path
        let e = try CLI.run(["scenarios", "export", "v9", folder])
        #expect(e.status == 0, "\(e.stderr)")
        let head = URL(fileURLWithPath: folder).appendingPathComponent("head.S")
        var lines = try String(contentsOf: head, encoding: .utf8).components(separatedBy: "\n")
        let a = try #require(lines.firstIndex(of: "        ldr   x2, [x0, #RESUME_CTX_MDCR_EL2]"))
        let b = try #require(lines.firstIndex(of: "        ldr   x2, [x0, #RESUME_CTX_HSTR_EL2]"))
        lines.swapAt(a, b)
        try lines.joined(separator: "\n").write(to: head, atomically: true, encoding: .utf8)
        let r = try CLI.run(["check", folder])
        #expect(r.status == 1)
        #expect(r.stdout.contains("MDCR_EL2 is restored from offset 144 (hstr_el2) but saved at offset 136 (mdcr_el2)"), "\(r.stdout)")
        #expect(r.stdout.contains("HSTR_EL2: expected 0x8000"), "\(r.stdout)")
        #expect(r.stdout.contains("head.S:\(a + 1)"))
    }

    @Test func scenariosListAndBadArguments() throws {
        let list = try CLI.run(["scenarios", "list"])
        #expect(list.status == 0)
        let names = list.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        #expect(Array(names.prefix(4)) == ["v8-base", "v8", "v9", "v11"])
        #expect(names.count == 14)
        let bad = try CLI.run(["run", "v9", "--until", "nowhere"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--until nowhere: not a boundary"))
        let none = try CLI.run(["check", "v99"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("v99: no such scenario or folder"))
        let policy = try CLI.run(["run", "v9", "--unknown", "purple"])
        #expect(policy.status == 2)
        let zero = try CLI.runJSON(["v9", "--until", "warm-boot", "--unknown", "zero"])
        #expect((zero.json["x"] as? [String])?[19] == "0x0")
        // The faulting bug exits 1 with the fault in the JSON.
        let fault = try CLI.runJSON(["bug-restore-before-mmu"])
        #expect(fault.status == 1)
        #expect((fault.json["fault"] as? [String: Any])?["kind"] as? String == "data-abort")
    }
}

/// `check FILE.S`: a bare program that holds the whole path (here with the MMU off) is checked
/// against the v9 struct; swapping two restore offsets is caught.
@Suite struct BareProgramCheckTests {
    static let program = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Programs/mini_suspend.S")

    @Test func cleanAndBroken() throws {
        let ok = try CLI.run(["check", Self.program.path])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.hasPrefix("check mini_suspend.S: clean"))
        let dir = try TemporaryDirectory(prefix: "bare")
        let text = try String(contentsOf: Self.program, encoding: .utf8)
            .replacingOccurrences(of: "ldr   x2, [x0, #128]\n        msr   TPIDR_EL2", with: "ldr   x2, [x0, #120]\n        msr   TPIDR_EL2")
        let broken = try CLI.write(text, as: "broken.S", in: dir)
        let r = try CLI.run(["check", broken])
        #expect(r.status == 1)
        #expect(r.stdout.contains("TPIDR_EL2 is restored from offset 120 (vttbr_el2) but saved at offset 128 (tpidr_el2)"), "\(r.stdout)")
        let missing = try CLI.run(["check", try CLI.program("add_sub.S").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("which the program does not define"))
    }
}
