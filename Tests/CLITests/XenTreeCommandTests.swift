import Foundation
import Testing
import TestSupport

/// `suspendscope run|check|debug PATH` on a Xen tree: xen-mini (Fixtures/), a tree of our own
/// in Xen's layout, copied to a folder outside the repository and run from there as a user
/// would, built (with what Fixtures/xen-mini-build holds) and unbuilt.
@Suite struct XenTreeCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let boundaries = ["suspend-entry", "context-saved", "psci-call", "power-off", "warm-boot", "mmu-on", "restore",
                             "context-restored", "resume-return"]

    /// A working folder holding `xen-mini` (with the build's files when `built`), changed by
    /// `edits` (path -> (find, replace), each found exactly once).
    static func workspace(built: Bool = false, edits: [(String, String, String)] = []) throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory(prefix: "xen-cli")
        let fm = FileManager.default
        let tree = dir.url.appendingPathComponent("xen-mini")
        try fm.copyItem(at: fixtures.appendingPathComponent("xen-mini"), to: tree)
        if built {
            let build = fixtures.appendingPathComponent("xen-mini-build")
            for case let rel as String in fm.enumerator(atPath: build.path)! where rel.hasPrefix("xen/") && rel.hasSuffix(".h") {
                let dst = tree.appendingPathComponent(rel)
                try fm.createDirectory(at: dst.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.copyItem(at: build.appendingPathComponent(rel), to: dst)
            }
        }
        for (path, find, replace) in edits {
            let url = tree.appendingPathComponent(path)
            let text = fm.fileExists(atPath: url.path) ? try String(contentsOf: url, encoding: .utf8) : ""
            #expect(find.isEmpty || text.components(separatedBy: find).count == 2, "\(path): '\(find)' must occur once")
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (find.isEmpty ? text + replace : text.replacingOccurrences(of: find, with: replace)).write(to: url, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func runJSON(_ dir: TemporaryDirectory, _ target: String = "xen-mini") throws -> (ProcessResult, [String: Any]) {
        let r = try CLI.run(["run", target, "--json"], in: dir.url)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r, try #require(obj, "not JSON: \(r.stdout) \(r.stderr)"))
    }

    @Test func runsFromBootToResumeReturnOnTheTreesCode() throws {
        let dir = try Self.workspace()
        let (r, json) = try Self.runJSON(dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(json["stopped"] as? String == "halt")
        let names = (json["boundaries"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == Self.boundaries)
        let uart = json["uart"] as? String ?? ""
        #expect(uart.contains("- xen-mini booting -") && uart.contains("- Xen resuming -") && uart.contains("- Paging turned on -"), "\(uart)")
        #expect(uart.components(separatedBy: "- Current EL 0000000000000008 -").count == 3)
        // The caller's callee-saved registers come back, and the PSCI call took the physical entry.
        let x = json["x"] as? [String] ?? []
        #expect(x.count == 31 && x[19] == "0x1919191919191919" && x[28] == "0x2828282828282828")
        // The human summary places each boundary in the tree's files.
        let text = try CLI.run(["run", "xen-mini"], in: dir.url).stdout
        #expect(text.contains("warm-boot") && text.contains("xen/arch/arm/arm64/head.S:"))
        #expect(text.contains("mmu-on") && text.contains("xen/arch/arm/arm64/mmu/head.S:"))
    }

    @Test func checkIsCleanBuiltOrNot() throws {
        for built in [false, true] {
            let dir = try Self.workspace(built: built)
            let r = try CLI.run(["check", "xen-mini"], in: dir.url)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(r.stdout.hasPrefix("check xen-mini: clean"))
            #expect(r.stdout.contains("paired through struct resume_cpu_context (176 bytes)"))
        }
    }

    @Test func builtAndUnbuiltGiveTheSameResult() throws {
        let unbuilt = try Self.workspace(built: false), built = try Self.workspace(built: true)
        let a = try CLI.run(["run", "xen-mini", "--json"], in: unbuilt.url), b = try CLI.run(["run", "xen-mini", "--json"], in: built.url)
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        let c = try CLI.run(["check", "xen-mini", "--json"], in: unbuilt.url), d = try CLI.run(["check", "xen-mini", "--json"], in: built.url)
        #expect(c.stdout == d.stdout)
    }

    static let head = "xen/arch/arm/arm64/head.S"

    /// Each mutation of the tree's code, and what check must name: the register, the offset and file:line.
    static let mutations: [(String, (String, String, String), [String])] = [
        ("a restore dropped", (head, "        restore_el2 VTTBR_EL2, RESUME_CTX_VTTBR_EL2\n", ""),
         ["VTTBR_EL2 is saved at offset 120 (vttbr_el2) but never restored", "xen/arch/arm/arm64/head.S:210:",
          "VTTBR_EL2 was 0x1000040600000 before suspend and is unknown at resume-return"]),
        ("offsets swapped", (head, "        restore_el2 VTCR_EL2, RESUME_CTX_VTCR_EL2\n        restore_el2 VTTBR_EL2, RESUME_CTX_VTTBR_EL2",
                             "        restore_el2 VTCR_EL2, RESUME_CTX_VTTBR_EL2\n        restore_el2 VTTBR_EL2, RESUME_CTX_VTCR_EL2"),
         ["xen/arch/arm/arm64/head.S:253: VTCR_EL2 is restored from offset 120 (vttbr_el2) but saved at offset 112 (vtcr_el2)",
          "xen/arch/arm/arm64/head.S:254: VTTBR_EL2 is restored from offset 112 (vtcr_el2) but saved at offset 120 (vttbr_el2)",
          "VTCR_EL2: expected 0x80023558 (as at psci-call), actual 0x1000040600000 at resume-return; restored from offset 120"]),
        ("lr not saved", (head, "        stp   x29, lr, [x0, #RESUME_CTX_X29]", "        str   x29, [x0, #RESUME_CTX_X29]"),
         ["xen/arch/arm/arm64/head.S:247: x30 is restored from offset 88 (callee_regs[11]) but never saved there",
          "field callee_regs[11] (offset 88) holds 0x0 after the save", "`ret` branched to 0x0"]),
        ("a macro argument changed", (head, "        save_el2 CPTR_EL2, RESUME_CTX_CPTR_EL2", "        save_el2 CPTR_EL2, RESUME_CTX_HSTR_EL2"),
         ["xen/arch/arm/arm64/head.S:214: CPTR_EL2 is saved at offset 144 (hstr_el2), but struct resume_cpu_context has cptr_el2 at offset 152",
          "CPTR_EL2: expected 0x401032ff (as at psci-call), actual 0x0 at resume-return; restored from offset 152 (cptr_el2)"]),
    ]

    @Test("mutations are diagnosed with the register, the offset and file:line", arguments: mutations.map(\.0))
    func mutationIsDiagnosed(_ name: String) throws {
        let (_, edit, phrases) = Self.mutations.first { $0.0 == name }!
        for built in [false, true] {
            let dir = try Self.workspace(built: built, edits: [edit])
            let r = try CLI.run(["check", "xen-mini"], in: dir.url)
            #expect(r.status == 1, "\(name): \(r.stdout)\(r.stderr)")
            for p in phrases { #expect(r.stdout.contains(p), "\(name): '\(p)' missing from\n\(r.stdout)") }
        }
    }

    @Test func aScenarioTomlNamesTheTreeAndOverridesIt() throws {
        let dir = try Self.workspace()
        let toml = """
            name = "mini-denied"
            xen = "xen-mini"
            [config]
            CONFIG_EARLY_PRINTK = false
            [firmware]
            system-suspend = "deny"
            [expect]
            findings = ["PSCI SYSTEM_SUSPEND returned DENIED"]
            """
        try toml.write(to: dir.url.appendingPathComponent("denied.toml"), atomically: true, encoding: .utf8)
        let (r, json) = try Self.runJSON(dir, "denied.toml")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(json["scenario"] as? String == "mini-denied")
        #expect((json["uart"] as? String ?? "x").isEmpty)         // early printk configured out
        let c = try CLI.run(["check", "denied.toml"], in: dir.url)
        #expect(c.status == 1)
        #expect(c.stdout.contains("PSCI SYSTEM_SUSPEND returned DENIED (-3)"), "\(c.stdout)")
        // A folder whose scenario.toml names the tree, with the register the path may lose declared.
        let folder = dir.url.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
            xen = "../xen-mini"
            [integrity]
            ignore = [{name = "CNTHCTL_EL2", reason = "restored by the timer code later"}]
            """.write(to: folder.appendingPathComponent("scenario.toml"), atomically: true, encoding: .utf8)
        let m = try Self.workspace(edits: [(Self.head, "        restore_el2 CNTHCTL_EL2, RESUME_CTX_CNTHCTL_EL2\n", "")])
        try FileManager.default.moveItem(at: folder, to: m.url.appendingPathComponent("mine"))
        let i = try CLI.run(["check", "mine"], in: m.url)
        #expect(i.stdout.contains("restored by the timer code later"), "\(i.stdout)")
        #expect(!i.stdout.contains("CNTHCTL_EL2 was 0x3 before suspend"))
    }

    /// Rewrites one file of the workspace's tree.
    static func rewrite(_ dir: TemporaryDirectory, _ path: String, _ change: (String) -> String) throws {
        let url = dir.url.appendingPathComponent("xen-mini").appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "\(path) unchanged")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }

    static let suspendH = "xen/arch/arm/include/asm/suspend.h", offsetsC = "xen/arch/arm/arm64/asm-offsets.c"

    /// The context struct is whatever suspend.h declares: xen-mini rewritten to v8's shape
    /// (`struct cpu_context` without CNTHCTL_EL2, `prepare_resume_ctx(struct cpu_context *ptr)`
    /// taking its address from the caller) runs to resume-return, and check names the register v11
    /// adds at the struct's line.
    @Test func v8sContextShapeRunsAndCheckNamesWhatItLoses() throws {
        let dir = try Self.workspace(edits: [
            (Self.suspendH, "struct resume_cpu_context {", "struct cpu_context {"),
            (Self.suspendH, "    register_t cnthctl_el2;\n", ""),
            (Self.suspendH, "extern struct resume_cpu_context resume_cpu_context;\n\nint prepare_resume_ctx(void);",
             "extern struct cpu_context cpu_context;\n\nint prepare_resume_ctx(struct cpu_context *ptr);"),
            (Self.head, "FUNC(prepare_resume_ctx)\n        ldr   x0, =resume_cpu_context\n", "FUNC(prepare_resume_ctx)\n"),
            (Self.head, "        save_el2 CNTHCTL_EL2, RESUME_CTX_CNTHCTL_EL2\n", ""),
            (Self.head, "        restore_el2 CNTHCTL_EL2, RESUME_CTX_CNTHCTL_EL2\n", ""),
            (Self.head, "        ldr   x0, =resume_cpu_context\n\n        ldp", "        ldr   x0, =cpu_context\n\n        ldp"),
        ])
        try Self.rewrite(dir, Self.offsetsC) {
            $0.replacingOccurrences(of: "struct resume_cpu_context", with: "struct cpu_context")
                .replacingOccurrences(of: "   OFFSET(RESUME_CTX_CNTHCTL_EL2, struct cpu_context, cnthctl_el2);\n", with: "")
        }
        let (r, json) = try Self.runJSON(dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((json["boundaries"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } == Self.boundaries)
        #expect((json["uart"] as? String ?? "").contains("- Xen resuming -"))
        let c = try CLI.run(["check", "xen-mini"], in: dir.url)
        #expect(c.status == 1, "\(c.stdout)\(c.stderr)")
        #expect(c.stdout.contains("static: 21 saves, 21 restores paired through struct cpu_context (176 bytes)"), "\(c.stdout)")
        #expect(c.stdout.contains("[integrity] xen/arch/arm/include/asm/suspend.h:10: CNTHCTL_EL2 was 0x3 before suspend and is unknown at resume-return: cpu_context does not save it"), "\(c.stdout)")
        #expect(c.stdout.contains("check xen-mini: 1 finding"))
    }

    /// A tree from before patch 11/13 (suspend.h declares no context, no prepare_resume_ctx,
    /// hyp_resume ends at `mmu_resumed: b .`) suspends, wakes and never comes back, as v8-base.
    @Test func aTreeWithoutAContextNeverComesBack() throws {
        let dir = try Self.workspace()
        try Self.rewrite(dir, Self.suspendH) { text in
            let from = text.range(of: "#ifdef CONFIG_ARM_64\n")!.lowerBound, to = text.range(of: "int prepare_resume_ctx(void);\n")!.upperBound
            return text.replacingCharacters(in: from..<to, with: "")
        }
        try Self.rewrite(dir, Self.offsetsC) { $0.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("RESUME_CTX_") }.joined(separator: "\n") }
        try Self.rewrite(dir, Self.head) { text in
            var t = text
            t.replaceSubrange(t.range(of: "/*\n * int prepare_resume_ctx(void)")!.lowerBound..<t.range(of: "END(prepare_resume_ctx)\n")!.upperBound, with: "")
            t.replaceSubrange(t.range(of: "mmu_resumed:\n")!.lowerBound..<t.range(of: "END(hyp_resume)")!.lowerBound, with: "mmu_resumed:\n        b     .\n")
            return t
        }
        let (r, json) = try Self.runJSON(dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect((json["boundaries"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } == ["psci-call", "power-off", "warm-boot", "mmu-on", "restore"])
        let c = try CLI.run(["check", "xen-mini"], in: dir.url)
        #expect(c.status == 1)
        #expect(c.stdout.contains("the core was woken but never came back to the caller"), "\(c.stdout)")
        #expect(c.stdout.contains("xen/arch/arm/include/asm/suspend.h has no context struct"), "\(c.stdout)")
    }

    /// A configuration with `CONFIG_ARM_EFI` (Kconfig's default on arm64) builds the tree's EFI
    /// code against the harness's `efi_start` and `__flush_dcache_area` and runs the same path.
    @Test func anEFIConfigurationLinksAgainstTheHarnessStubs() throws {
        let dir = try Self.workspace()
        try "xen = \"xen-mini\"\n[config]\nCONFIG_ARM_EFI = true\n".write(to: dir.url.appendingPathComponent("efi.toml"), atomically: true, encoding: .utf8)
        let c = try CLI.run(["check", "efi.toml"], in: dir.url)
        #expect(c.status == 0 && c.stdout.contains("check xen-mini: clean"), "\(c.stdout)\(c.stderr)")
        let probe = "info symbol efi_xen_start\nx/gx &efi_entry\np efi_start\n"
        let efi = try SuspendScopeBinary.run(["debug", "efi.toml", "--commands", "-"], input: Data(probe.utf8), in: dir.url)
        #expect(efi.status == 0 && efi.stdout.contains("efi_xen_start (xen/arch/arm/arm64/head.S:"), "\(efi.stdout)\(efi.stderr)")
        let entry = efi.stdout.components(separatedBy: "<efi_entry>:\t").dropFirst().first?.prefix(18)
        let stub = efi.stdout.components(separatedBy: "(ssc) p efi_start\n").dropFirst().first?.prefix(while: { $0 != " " })
        #expect(entry != nil && entry.map { UInt64($0.dropFirst(2), radix: 16) } == stub.map { UInt64($0.dropFirst(2), radix: 16) }, "\(efi.stdout)")
        // Without it, none of that is assembled.
        let plain = try SuspendScopeBinary.run(["debug", "xen-mini", "--commands", "-"], input: Data("info symbol efi_xen_start\n".utf8), in: dir.url)
        #expect(plain.status == 2 && !plain.stdout.contains("efi_xen_start (xen/"), "\(plain.stdout)")
    }

    @Test func theDebuggerStepsTheTreesCode() throws {
        let dir = try Self.workspace()
        let r = try SuspendScopeBinary.run(["debug", "xen-mini", "--commands", "-"],
                                           input: Data("b mmu_resumed\nc\ninfo boundaries\np $x20\nuntil resume-return\np/x $x0\n".utf8), in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("xen/arch/arm/arm64/head.S:240"), "\(r.stdout)")
        #expect(r.stdout.contains("mmu-on"))
        // A session on a tree replays while the tree is unchanged, and is refused once its code changed.
        let save = try SuspendScopeBinary.run(["debug", "xen-mini", "--commands", "-"], input: Data("until restore\nsave s.json\n".utf8), in: dir.url)
        #expect(save.status == 0 && save.stdout.contains("saved the session at step"), "\(save.stderr)")
        let replay = try CLI.run(["session", "replay", "s.json"], in: dir.url)
        #expect(replay.status == 0 && replay.stdout.contains("<mmu_resumed> xen/arch/arm/arm64/head.S:240"), "\(replay.stdout)\(replay.stderr)")
        try Self.rewrite(dir, Self.head) { $0.replacingOccurrences(of: "        bl    cpu_init\n\n        ldr   lr, =primary_switched", with: "        nop\n        bl    cpu_init\n\n        ldr   lr, =primary_switched") }
        let changed = try CLI.run(["session", "replay", "s.json"], in: dir.url)
        #expect(changed.status == 2 && changed.stderr.contains("changed since the session was saved") && changed.stderr.contains("xen/arch/arm/arm64/head.S:"), "\(changed.stderr)")
    }

    @Test func aTreeIsReadInPlaceNotExportedOrImportedOnto() throws {
        let dir = try Self.workspace()
        let e = try CLI.run(["scenarios", "export", "xen-mini", "out"], in: dir.url)
        #expect(e.status == 2 && e.stderr.contains("a Xen tree is read in place, not exported"), "\(e.stderr)")
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Platform/Reviews/patch-v8-11-review-email.txt")
        let i = try CLI.run(["import", seed.path, "--onto", "xen-mini", "-o", "imported"], in: dir.url)
        #expect(i.status == 2 && i.stderr.contains("apply the patch to the checkout"), "\(i.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("out").path))
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("imported").path))
        // compare accepts a tree like any scenario.
        let c = try CLI.run(["compare", "xen-mini", "v11"], in: dir.url)
        #expect(c.status == 0 && c.stdout.contains("compare xen-mini (struct resume_cpu_context, 176 bytes)  <->  v11"), "\(c.stdout)")
    }

    /// Trees SuspendScope cannot run: exit 2 with one message naming file:line and what was
    /// expected, never a trap or a hang.
    static let badTrees: [(String, [(String, String, String)], String, [String])] = [
        ("no head.S", [], "broken", ["broken/xen/arch/arm/arm64/head.S: no such file: expected a Xen checkout"]),
        ("no mmu/head.S", [], "xen-mini-nommu",
         ["xen/arch/arm/arm64/mmu/head.S: no such file: SuspendScope runs the MMU build"]),
        ("an #include loop", [("xen/arch/arm/include/asm/loop.h", "", "#include <asm/loop.h>\n"),
                              (head, "#include <asm/early_printk.h>\n", "#include <asm/early_printk.h>\n#include <asm/loop.h>\n")],
         "xen-mini", ["asm/loop.h:1:10: error: #include nested more than 32 deep"]),
        ("a symbol the harness needs", [("xen/arch/arm/arm64/mmu/head.S", "FUNC(switch_ttbr_id)", "FUNC(switch_ttbr_id_renamed)"),
                                        ("xen/arch/arm/arm64/mmu/head.S", "END(switch_ttbr_id)", "END(switch_ttbr_id_renamed)")],
         "xen-mini", ["harness/setup.S:", "SuspendScope's Xen harness needs 'switch_ttbr_id' from the tree"]),
        ("an unsupported construct", [(head, "FUNC_LOCAL(zero_bss)", "        fadd  d0, d1, d2\nFUNC_LOCAL(zero_bss)")], "xen-mini",
         ["xen/arch/arm/arm64/head.S:98:9: error: 'fadd' with SIMD&FP operands is not modelled by SuspendScope"]),
        ("an asm-offsets value that cannot be computed", [("xen/arch/arm/arm64/asm-offsets.c", "struct init_info, stack", "struct init_info, stak")],
         "xen-mini", ["'INITINFO_stack' comes from asm-offsets.c, whose value SuspendScope could not compute", "has no member 'stak'",
                      "xen/arch/arm/arm64/asm-offsets.c:34:4: struct init_info has no member 'stak'",
                      "xen/arch/arm/arm64/asm-offsets.c:34:4: note: 'INITINFO_stack' is defined here"]),
        ("start is not first", [(head, ".section .text.header, \"ax\", %progbits\n", ".section .text.header, \"ax\", %progbits\n        nop\n")],
         "xen-mini", ["'start' is at 0xa0000200004, not at XEN_VIRT_START (0xa0000200000)"]),
        ("the idmap is larger than a page", [("xen/arch/arm/arm64/mmu/head.S", ".section .text.idmap, \"ax\", %progbits\n",
                                              ".section .text.idmap, \"ax\", %progbits\n        .skip 4096\n")],
         "xen-mini", ["Identity mapped code is larger than a page size"]),
        ("a scenario.toml naming no tree", [("../bad.toml", "", "xen = \"nowhere\"\n")], "bad.toml",
         ["bad.toml:1:7: error: xen = \"nowhere\":", "does not exist: expected a Xen checkout"]),
        ("a scenario.toml setting what the tree gives", [("../fixed.toml", "", "xen = \"xen-mini\"\nsources = [\"a.S\"]\n")], "fixed.toml",
         ["fixed.toml:2:11: error: 'sources' cannot be set for a Xen tree"]),
    ]

    @Test("trees that cannot run exit 2 with a located message", arguments: badTrees.map(\.0))
    func badTreeExits2(_ name: String) throws {
        let (_, edits, target, phrases) = Self.badTrees.first { $0.0 == name }!
        let dir = try Self.workspace(edits: edits)
        if name == "no head.S" {
            try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("broken/xen/arch/arm"), withIntermediateDirectories: true)
            try "# Xen's Rules.mk\n".write(to: dir.url.appendingPathComponent("broken/xen/Rules.mk"), atomically: true, encoding: .utf8)
        }
        if name == "no mmu/head.S" {
            try FileManager.default.moveItem(at: dir.url.appendingPathComponent("xen-mini"), to: dir.url.appendingPathComponent("xen-mini-nommu"))
            try FileManager.default.removeItem(at: dir.url.appendingPathComponent("xen-mini-nommu/xen/arch/arm/arm64/mmu/head.S"))
        }
        for command in ["run", "check"] {
            let r = try CLI.run([command, target], in: dir.url)
            #expect(r.status == 2, "\(name): \(command) exited \(r.status): \(r.stdout)\(r.stderr)")
            for p in phrases { #expect(r.stderr.contains(p), "\(name): '\(p)' missing from\n\(r.stderr)") }
            #expect(r.stdout.isEmpty)
        }
    }
}

/// In the serialized terminal suite, so that two tmux sessions never compete for the machine.
extension TerminalEndToEndTests {
    /// The TUI on a Xen tree: its boundaries on the timeline, the tree's own lines in the source
    /// panel at the restore, the context struct from its suspend.h.
    @Test(.enabled(if: ExternalTool.tmux.shouldRun, Comment(rawValue: ExternalTool.tmux.skipReason)))
    func aXenTreeOpensInTheTerminal() throws {
        let dir = try XenTreeCommandTests.workspace()
        let t = try TerminalEndToEndTests.start(dir.url.appendingPathComponent("xen-mini").path)
        defer { t.kill() }
        try TerminalEndToEndTests.expectScreen(t, "timeline · step 0")
        for _ in 0..<7 { try t.send("]") }
        var screen = try TerminalEndToEndTests.expectScreen(t, "▶ restore")
        #expect(screen.contains("source · xen/arch/arm/arm64/head.S:240"))
        #expect(screen.contains("<mmu_resumed>:") && screen.contains("ldp   x19, x20, [x0, #RESUME_CTX_X19]"))
        #expect(screen.contains("context · struct resume_cpu_context"))
        #expect(screen.contains("✓ mmu-on") && screen.contains("xen/arch/arm/arm64/mmu/head.S:136"))
        for _ in 0..<2 { try t.send("]") }
        screen = try TerminalEndToEndTests.expectScreen(t, "▶ resume-return")
        #expect(screen.contains("Xen resuming"))
        try t.send("q")
        try TerminalEndToEndTests.expectScreen(t, "save the session before quitting?")
        try t.send("n")
        try TerminalEndToEndTests.expectScreen(t, "EXITED:0")
    }
}

/// In the serialized gdb suite: gdb debugs a Xen tree through `gdbserver`, with the tree's files
/// in its line table and the context struct from its suspend.h.
extension GDBServerCommandTests {
    @Test(.enabled(if: ExternalTool.gdb.shouldRun, Comment(rawValue: ExternalTool.gdb.skipReason)))
    func gdbDebugsAXenTree() throws {
        let dir = try XenTreeCommandTests.workspace()
        let out = try gdb(["target remote | \(Self.binary) gdbserver --stdio xen-mini", "break mmu_resumed", "continue",
                           "p/x $x20", "ptype resume_cpu_context", "monitor boundaries", "detach"], in: dir.url)
        #expect(out.contains("Breakpoint 1, hyp_resume () at xen/arch/arm/arm64/head.S:240"), "\(out)")
        #expect(out.contains("register_t cnthctl_el2;"))
        #expect(out.contains("mmu-on\tstep"))
    }
}
