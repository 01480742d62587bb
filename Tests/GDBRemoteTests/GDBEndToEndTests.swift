import A64
import Debugger
import Foundation
import GDBRemote
import Platform
import Testing
import TestSupport

/// Real gdb-multiarch against the server, a plain `target remote` (symbols come from the
/// server's qXfer:exec-file), every point of the issue's list.
@Suite(.serialized, .enabled(if: ExternalTool.gdb.shouldRun, Comment(rawValue: ExternalTool.gdb.skipReason)))
struct GDBEndToEndTests {
    @Test func registersBreakpointsAcrossThePowerDownAndReverseExecutionBackToTheSmc() throws {
        let live = try LiveServer()
        let built = live.target.session.built
        let smc = try #require(Fixtures.smc(in: built, after: "call_psci_system_suspend"))
        let out = try live.gdb(
            ["echo @@START\\n", "info registers", "echo @@END\\n",
             "break *0x\(hexAddress(smc))", "break hyp_resume", "continue"]
            + dumpRegisters("A")
            + ["stepi"] + dumpRegisters("P1")
            + ["stepi"] + dumpRegisters("P2")
            + ["echo @@SRC\\n", "info line *$pc", "list", "p resume_cpu_context", "echo @@END\\n",
               "echo @@VBAR\\n", "p/x $VBAR_EL2", "monitor p/x $VBAR_EL2", "monitor info unknown", "echo @@END\\n",
               "continue", "echo @@CTX\\n", "x/22gx &resume_cpu_context", "echo @@END\\n",
               "reverse-continue"] + dumpRegisters("B2")
            + ["reverse-stepi"] + dumpRegisters("B1")
            + ["reverse-continue"] + dumpRegisters("B0")
            + ["detach"])

        // Connected with symbols and source, without a `file` command.
        #expect(out.contains("Reading symbols from \(live.elf.path)"))
        #expect(out.contains("start () at boot.S:"))
        let start = section(out, "START")
        for r in (0...30).map({ "x\($0)" }) + ["sp", "pc", "cpsr"] {
            #expect(start.contains("\n\(r) ") || start.hasPrefix("\(r) "), "info registers lacks \(r)")
        }
        // The breakpoint at the smc, then across the power-down to hyp_resume.
        #expect(out.contains("Breakpoint 1, "))
        #expect(out.contains("boundary power-off at step"))
        #expect(out.contains("boundary warm-boot at step"))
        let a = section(out, "A")
        #expect(a.contains("pc             0x\(hexAddress(smc))"))
        for r in SystemRegisterCatalogue.all { #expect(a.contains("\n\(RegisterMap.qemuName(r.name)) "), "info registers system lacks \(r.name)") }
        #expect(section(out, "P2").contains("<hyp_resume>"))
        // Source and the context struct at the warm boot, from the ELF the server announced.
        let src = section(out, "SRC")
        #expect(src.contains("of \"head.S\" starts at address"))
        #expect(src.contains("FUNC(hyp_resume)") || src.contains("bl    init_uart"))
        #expect(src.contains("callee_regs = {"))
        #expect(src.contains("sp = 2199"))
        // Unknown after the power-down: the poison value, as the engine has it; monitor names it.
        let vbar = section(out, "VBAR")
        let values = vbar.split(separator: "\n").compactMap { $0.split(separator: " ").first { $0.hasPrefix("0x") }.map(String.init) }
        #expect(values.count >= 2 && values[0] == values[1], "gdb and monitor disagree on VBAR_EL2:\n\(vbar)")
        #expect(values.first != "0x0")
        #expect(vbar.contains("VBAR_EL2\t"))
        // The context as the engine has it.
        let ctxAddress = try #require(built.symbol("resume_cpu_context"))
        let words = section(out, "CTX").split(separator: "\n").flatMap { $0.split(separator: "\t").dropFirst() }.map { UInt64($0.dropFirst(2), radix: 16) }
        let session = live.target.session
        let bytes = try session.readMemory(virtual: ctxAddress, count: 176)
        let expected = (0..<22).map { i in (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[i * 8 + $1]) << UInt64(8 * $1) } }
        #expect(words == expected.map { Optional($0) })
        #expect(expected[1] == 0x2020_2020_2020_2020)
        // Going back: every register and system register as forward execution had them.
        #expect(section(out, "B2") == section(out, "P2"))
        #expect(section(out, "B1") == section(out, "P1"))
        #expect(section(out, "B0") == section(out, "A"))
        #expect(out.contains("back before boundary warm-boot"))
        #expect(out.contains("back before boundary power-off"))
    }

    @Test func watchpointOnAContextFieldForwardAndBackward() throws {
        let live = try LiveServer()
        let out = try live.gdb(["watch resume_cpu_context.sp", "continue", "echo @@F\\n", "info line *$pc", "echo @@END\\n",
                                "continue", "reverse-continue", "echo @@R\\n", "info line *$pc", "echo @@END\\n", "detach"])
        #expect(out.contains("Hardware watchpoint 1: resume_cpu_context.sp"))
        // Forward: stopped after the store that saved sp (gdb stepped over it), old 0, new the sp.
        let forward = try #require(out.range(of: "Old value = 0\nNew value = "))
        let saved = out[forward.upperBound...].prefix { $0.isNumber }
        #expect(!saved.isEmpty && saved != "0")
        // Backward: stopped before that store, the value back to 0.
        #expect(out.contains("Old value = \(saved)\nNew value = 0"))
        let r = section(out, "R")
        #expect(r.contains("head.S"))
        let store = try #require(addressOfStore(live))
        let storeLine = try #require(live.target.session.built.program.lineMap.location(at: store))
        #expect(r.contains("Line \(storeLine.line) of \"head.S\""))
    }

    /// The store of sp into the context (str x?, [x0, #RESUME_CTX_SP]) of prepare_resume_ctx.
    func addressOfStore(_ live: LiveServer) -> UInt64? {
        let built = live.target.session.built
        guard var a = built.symbol("prepare_resume_ctx") else { return nil }
        for _ in 0..<32 {
            if live.target.session.run.text(at: a).hasPrefix("str") && live.target.session.run.text(at: a).contains("#96]") { return a }
            a &+= 4
        }
        return nil
    }

    @Test func registerEditIsUndoneByGoingBackPastIt() throws {
        let live = try LiveServer()
        let out = try live.gdb(["stepi 10", "echo @@BEFORE\\n", "p/x $x19", "echo @@END\\n", "set var $x19 = 5",
                                "echo @@SET\\n", "p $x19", "echo @@END\\n", "stepi 3", "reverse-stepi 5",
                                "echo @@AFTER\\n", "p/x $x19", "echo @@END\\n", "detach"])
        #expect(section(out, "SET").contains("= 5"))
        #expect(out.contains("undid the user edit $x19 = 0x5 (made at step 10)"))
        let before = section(out, "BEFORE").split(separator: "=").last
        #expect(section(out, "AFTER").split(separator: "=").last == before)
        #expect(live.target.session.edits.isEmpty)
    }

    @Test func monitorCommands() throws {
        let live = try LiveServer()
        let out = try live.gdb(["monitor check", "monitor until power-off", "monitor boundaries", "monitor info context",
                                "flushregs", "echo @@PC\\n", "p $pc", "echo @@END\\n", "monitor save \(live.folder.url.path)/s.json",
                                "detach"])
        // The same report as `suspendscope check v9` (v9 does not save CNTHCTL_EL2; v11 does).
        #expect(out.contains("check v9: 1 finding"))
        #expect(out.contains("CNTHCTL_EL2 was 0x3 before suspend"))
        #expect(out.contains("boundary power-off at step"))
        #expect(out.contains("power-off\tstep"))
        #expect(out.contains("struct resume_cpu_context at 0x"))
        #expect(section(out, "PC").contains("call_psci_system_suspend"))
        #expect(FileManager.default.fileExists(atPath: live.folder.url.appendingPathComponent("s.json").path))
    }

    /// What a `stepi` costs in round trips: the step itself (its stop reply carries pc, sp, fp and
    /// lr) and the reads gdb's stepping and frame analysis make on their own (the instruction at
    /// the PC before the step, for an atomic sequence; after it, the PC for the stub unwinder and
    /// one cache line of the function for the prologue analyzer): four. No Linux signal-trampoline
    /// reads (the target says its OS ABI is none), no register packet, and the thread list after
    /// the command in one qXfer packet.
    @Test func stepiCostsGdbFourPacketsAndTheOSABIIsNone() throws {
        let live = try LiveServer()
        let out = try live.gdb(["stepi 3", "show osabi", "echo @@TRACE\\n", "set debug remote 1", "stepi 10", "set debug remote 0",
                                "echo @@END\\n", "detach"])
        #expect(out.contains("(currently \"none\")"), "gdb's OS ABI is not none:\n\(out)")
        let sent = section(out, "TRACE").split(separator: "\n").filter { $0.contains("Sending packet: $") }
        let steps = sent.filter { $0.contains("$vCont;s") }
        #expect(steps.count == 10)
        // 10 steps of 4 packets, then the thread list and gdb's reads for showing where it stopped.
        #expect(sent.count <= 10 * 4 + 5, "\(sent.count) packets for stepi 10:\n\(sent.joined(separator: "\n"))")
        #expect(!sent.contains { $0.contains("$g#") || $0.contains("qfThreadInfo") })
        #expect(sent.contains { $0.contains("qXfer:threads:read") })
    }

    @Test func ctrlCInterruptsALongContinue() throws {
        // A loop that runs for minutes (no `b .`), with the runaway guard raised.
        let dir = try TemporaryDirectory(prefix: "gdb-loop")
        let file = dir.url.appendingPathComponent("loop.S")
        try """
            .global _start
            _start:
                mov x0, #0
            1:  add x0, x0, #1
                b 1b
            prepare_resume_ctx: ret
            hyp_resume: ret
            mmu_resumed: ret
            .data
            .balign 16
            resume_cpu_context: .skip 176
            """.write(to: file, atomically: true, encoding: .utf8)
        let built = try Scenario.bare(path: file.path).build()
        let live = try LiveServer(built) { $0.maxStepsPerCommand = 1_000_000_000 }
        let out = try live.gdb(["continue", "echo @@X\\n", "p $x0", "echo @@END\\n", "detach"], timeout: 60, interruptAfter: 3)
        #expect(out.contains("SIGINT"))
        #expect(out.contains("interrupted at step"))
        let x0 = section(out, "X").split(separator: "=").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect((x0.flatMap { UInt64($0) } ?? 0) > 1000)
        #expect(live.target.session.step < 1_000_000_000)
    }
}
