import Foundation
import Testing
@testable import Debugger
import Platform
import TestSupport

/// The commands are one table: dispatch, help, help CMD and apropos come from it; the gdb
/// commands people reach for work.
@Suite struct CommandTableTests {
    static func ci(_ scenario: String = "v9") throws -> CommandInterpreter {
        CommandInterpreter(session: DebugSession(built: try #require(try BuiltinScenarios.scenario(named: scenario)).build()))
    }

    @Test func everyNameAndAliasDispatchesToItsCommand() throws {
        var seen = Set<String>()
        for c in CommandTable.all {
            for n in c.names {
                #expect(seen.insert(n).inserted, "\(n) names two commands")
                #expect(CommandTable.lookup(n)?.name == c.name)
            }
            #expect(!c.summary.isEmpty && c.usage.hasPrefix(c.name), "\(c.name)")
        }
        // A prefix that names one command runs it; an ambiguous one says which it could be.
        #expect(CommandTable.lookup("disas")?.name == "disassemble")
        #expect(CommandTable.lookup("undisp")?.name == "undisplay")
        let ci = try Self.ci()
        #expect(ci.execute("dis 1").error?.message == "'dis' is ambiguous: disable, display, disassemble")
        #expect(ci.execute("frobnicate").error?.message == "unknown command 'frobnicate' (try help, or apropos WORD)")
    }

    @Test func helpAndAproposComeFromTheTable() throws {
        let ci = try Self.ci()
        let help = ci.execute("help").output
        for c in CommandTable.all { #expect(help.contains(c.usage), "help lacks \(c.usage)") }
        for g in DebuggerCommand.Category.allCases { #expect(help.contains(g.title + ":")) }
        let one = ci.execute("help tbreak").output
        #expect(one.hasPrefix("usage: tbreak LOCATION [if COND]\naliases: tb\na breakpoint that is deleted the first time it stops"))
        #expect(ci.execute("help b").output.hasPrefix("usage: break LOCATION [if COND]"))
        #expect(ci.execute("help nosuch").error?.message.hasPrefix("no command 'nosuch'") == true)
        let a = ci.execute("apropos watch").output
        #expect(a.contains("watch ") && a.contains("delete"))
        #expect(ci.execute("apropos zebra").output == "no command mentions 'zebra'")
    }

    /// The README's command list is the table's (regenerate with SUSPENDSCOPE_RECORD_README=1).
    /// The README's command list is the table's (regenerate with SUSPENDSCOPE_RECORD_README=1).
    @Test func theReadmeListsTheCommandsOfTheTable() throws {
        let problem = try ReadmeSection.problem(name: "commands", expected: "```\n" + CommandInterpreter.helpText + "\n```\n")
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test func listAndDisassemble() throws {
        let ci = try Self.ci()
        #expect(ci.execute("until suspend-entry").ok)
        let l = ci.execute("list").output
        #expect(l.hasPrefix("head.S:\n"))
        #expect(l.contains("=>26"))
        let more = ci.execute("list").output
        #expect(more.contains("31 ") && !more.contains("=>26"))      // goes on
        #expect(ci.execute("list suspend.S:70").output.contains("bl    prepare_resume_ctx"))
        #expect(ci.execute("list hyp_resume").output.contains("hyp_resume"))
        let d = ci.execute("disas").output
        #expect(d.hasPrefix("Dump of assembler code for function prepare_resume_ctx (head.S:"))
        #expect(d.contains("=> 0x20000200300 <+0>:\tldr x0,"))
        #expect(d.hasSuffix("End of assembler dump."))
        let caller = ci.execute("disassemble system_suspend").output
        #expect(caller.contains("bl 20000200300 <prepare_resume_ctx>"))
        // With the MMU off the addresses are the physical ones the pc holds.
        #expect(ci.execute("until warm-boot").ok)
        #expect(ci.execute("disas").output.contains("=> 0x4020036c <+0>:\tbl "))
    }

    @Test func displaysShowAfterEveryStop() throws {
        let ci = try Self.ci()
        #expect(ci.execute("display $x0").output == "1: $x0 = 0x0 (0)")
        #expect(ci.execute("display/x $sp").ok)
        let s = ci.execute("s").output
        #expect(s.contains("1: $x0 = "))
        #expect(s.contains("2: $sp = 0x"))
        #expect(ci.execute("info display").output == "1: $x0\n2: /x $sp")
        #expect(ci.execute("undisplay 1").ok)
        #expect(!ci.execute("s").output.contains("1: $x0"))
        #expect(ci.execute("undisplay 9").error?.message.hasPrefix("no display number '9'") == true)
        #expect(ci.execute("display $nosuch").error != nil)
    }

    @Test func tbreakGoesAfterItsFirstStop() throws {
        let ci = try Self.ci()
        #expect(ci.execute("tbreak prepare_resume_ctx").output.hasPrefix("Temporary breakpoint 1 at prepare_resume_ctx"))
        let c = ci.execute("c").output
        #expect(c.contains("Temporary breakpoint 1, prepare_resume_ctx (deleted)"))
        #expect(ci.session.breakpoints.isEmpty)
    }

    @Test func ptypeOfTheStructAndOfValues() throws {
        let ci = try Self.ci()
        let t = ci.execute("ptype resume_cpu_context").output
        #expect(t.hasPrefix("type = struct resume_cpu_context {\n    register_t callee_regs[12];"))
        #expect(t.contains("/* offset 96, 8 bytes */"))
        #expect(ci.execute("ptype struct resume_cpu_context").output == t)
        #expect(ci.execute("ptype $x0").output == "type = uint64_t")
        #expect(ci.execute("ptype $w0").output == "type = uint32_t")
        #expect(ci.execute("ptype resume_cpu_context.callee_regs").output.hasPrefix("type = register_t [12]"))
        #expect(ci.execute("ptype $HCR_EL2").output.hasPrefix("type = uint64_t (HCR_EL2: Hypervisor Configuration Register)"))
    }

    @Test func examineStringsAndInstructions() throws {
        let ci = try Self.ci()
        #expect(ci.execute("until warm-boot").ok)
        #expect(ci.execute("until head.S:68").ok)                  // PRINT_ID: mov x3, x30; adr x0, STRING; bl asm_puts
        #expect(ci.execute("s 2").ok)
        let s = ci.execute("x/s $x0")
        #expect(s.ok, "\(String(describing: s.error))")
        #expect(s.output.contains("\"- Xen resuming -\\r\\n\""), "\(s.output)")
        let i = ci.execute("x/3i $pc").output.split(separator: "\n")
        #expect(i.count == 3 && i[0].hasPrefix("=> 0x"))
        #expect(ci.execute("x/2i hyp_resume").output.contains("bl 20000200"))
    }

    @Test func printAssignsAsAUserEdit() throws {
        let ci = try Self.ci()
        let r = ci.execute("p $x19 = 5")
        #expect(r.output == "0x5 (5)  (user edit at step 0)")
        #expect(ci.session.machine.x(19) == 5)
        #expect(ci.session.edits.count == 1)
        #expect(ci.execute("p $x19 == 5").output == "0x1 (1)")      // a comparison is not an assignment
        #expect(ci.execute("p/x resume_cpu_context.sp = 0x10").output.hasPrefix("0x10"))
    }

    @Test func backtraceAcrossTheResume() throws {
        let ci = try Self.ci()
        #expect(ci.execute("until suspend-entry").ok)
        let bt = ci.execute("bt").output.split(separator: "\n").map(String.init)
        #expect(bt[0] == "#0  0x20000200300 in prepare_resume_ctx at head.S:26")
        #expect(bt[1] == "#1  0x20000200890 (returns to) in system_suspend+36 at suspend.S:70")
        #expect(bt[2].hasPrefix("#2  0x20000200860 (returns to) in primary_switched+96 at suspend.S:52"))
        #expect(bt.last == "(primary_switched keeps no frame record (no stp x29, x30 at its start): the chain ends here)")
        // Before the restore, lr is unknown: the chain says so.
        #expect(ci.execute("until warm-boot").ok)
        #expect(ci.execute("bt").output.contains("lr is unknown (power-off, step 575): the caller is known again once the restore loads lr from resume_cpu_context"))
        // After the restore, the return address came back through the context.
        #expect(ci.execute("until context-restored").ok)
        let back = ci.execute("bt").output
        #expect(back.contains("in system_suspend+36 at suspend.S:70  [lr restored from resume_cpu_context.callee_regs[11] at step"))
        #expect(back.contains("prepare_resume_ctx returns here a second time]"))
        let frame = ci.execute("info frame").output
        #expect(frame.hasPrefix("Stack level 0: pc = 0x"))
        #expect(frame.contains("called by frame 1: returns to 0x20000200890 <system_suspend+36>"))
    }

    @Test func infoUnknownBeforeTheRestoreSaysNotYet() throws {
        let ci = try Self.ci()
        #expect(ci.execute("until warm-boot").ok)
        let u = ci.execute("info unknown").output
        #expect(u.contains("x19\tx19 lost at power-off, step 575; not restored yet (the restore has not run)"), "\(u)")
        #expect(!u.contains("never restored"))
        #expect(ci.execute("until resume-return").ok)
        #expect(ci.execute("info unknown").output.contains("never restored"))
    }

    @Test func checkPrintsTheFindings() throws {
        let ci = try Self.ci("bug-restore-order")
        let c = ci.execute("check").output
        #expect(c.hasPrefix("check bug-restore-order: 5 findings"))
        #expect(ci.session.step == 0)                               // the session did not move
    }
}
