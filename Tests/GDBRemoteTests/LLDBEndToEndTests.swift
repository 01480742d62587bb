import A64
import Foundation
import GDBRemote
import Testing
import TestSupport

/// Debian's lldb (14) against the server: the same points as the gdb tests where lldb has the
/// command. lldb 14 has no reverse execution (its reverse-continue came with LLDB 20), so going
/// back is done with the debugger's own commands through `process plugin packet monitor`.
@Suite(.serialized, .enabled(if: ExternalTool.lldb.shouldRun, Comment(rawValue: ExternalTool.lldb.skipReason)))
struct LLDBEndToEndTests {
    @Test func lldbAttachesReadsRegistersAndRunsAcrossThePowerDown() throws {
        let live = try LiveServer()
        let ctx = try #require(live.target.session.built.symbol("resume_cpu_context"))
        let out = try live.lldb([
            "register read",
            "register read VBAR_EL2 HCR_EL2 CURRENTEL",
            "watchpoint set variable resume_cpu_context.sp",
            "continue",
            "watchpoint delete",
            "breakpoint set --name hyp_resume",
            "continue",
            "register read VBAR_EL2",
            "memory read --format x --size 8 --count 22 &resume_cpu_context",
            "target variable resume_cpu_context",
            "register write x19 5",
            "register read x19",
            "process plugin packet monitor rs 3",
            "process plugin packet monitor info unknown",
            "process plugin packet monitor check",
            "detach",
        ])
        // Registers from the target description: the core and the system registers.
        for r in ["x0", "x19", "x30", "sp", "pc", "cpsr"] { #expect(out.contains("\(r) = 0x"), "lldb lacks \(r)") }
        #expect(out.contains("VBAR_EL2 = 0x0000000000000000"))
        #expect(out.contains("CURRENTEL = 0x0000000000000008"))
        // A watchpoint forward: old 0, then the saved sp.
        #expect(out.contains("Watchpoint 1 hit:\nold value: 0\nnew value: "))
        // A breakpoint across the power-down (lldb puts it after hyp_resume's first line).
        #expect(out.contains("boundary power-off at step"))
        #expect(out.contains("stop reason = breakpoint 1.1"))
        #expect(out.contains("v9.elf`hyp_resume"))
        // Lost at power-off: the poison value.
        #expect(out.contains("(lldb) register read VBAR_EL2\nVBAR_EL2 = 0xdeaddeaddead"))
        #expect(out.contains("0x\(String(ctx, radix: 16)): 0x"))
        #expect(out.contains("callee_regs = "))
        #expect(out.contains("x19 = 0x0000000000000005"))
        #expect(out.contains("undid the user edit $x19 = 0x5"))
        #expect(out.contains("VBAR_EL2\t"))
        #expect(out.contains("check v9: 1 finding"))
        #expect(out.contains("CNTHCTL_EL2 was 0x3 before suspend"))
    }
}
