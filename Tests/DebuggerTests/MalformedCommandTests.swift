import Debugger
import Machine
import Platform
import Testing

/// Malformed commands get a clear message with the column, and change nothing.
@Suite struct MalformedCommandTests {
    /// (command, column expected, a phrase the message must contain)
    static let cases: [(String, Int, String)] = [
        ("frobnicate", 1, "unknown command 'frobnicate'"),
        ("p", 2, "print needs an expression"),
        ("p 1 +", 6, "expected an expression after '+'"),
        ("p (1 + 2", 9, "expected ')'"),
        ("p $nope", 3, "no register '$nope'"),
        ("p $HCR_EL2.BOGUS", 12, "HCR_EL2 has no field 'BOGUS'"),
        ("p resume_cpu_context.nofield", 22, "has no field 'nofield'"),
        ("p resume_cpu_context.callee_regs[12]", 33, "index 12 is out of range"),
        ("p no_such_symbol", 3, "no symbol 'no_such_symbol'"),
        ("p 1 / 0", 5, "division by zero"),
        ("p 0x", 3, "is not a number"),
        ("p 99999999999999999999999", 3, "is not a number"),
        ("p 1 ? 2", 5, "unexpected character '?'"),
        ("p/q 1", 3, "unknown print format 'q'"),
        ("p &$x0", 4, "'&' needs a symbol or struct field"),
        ("p 1 2", 5, "unexpected number 2"),
        ("x/4zx 0", 4, "unknown x format letter 'z'"),
        ("x/4gx", 6, "x needs an address"),
        ("x/4gx 0x10", 7, "cannot read memory at 0x10"),
        ("s 0", 3, "expected a count from 1"),
        ("s -1", 3, "expected a count from 1"),
        ("finish now", 8, "finish takes no argument"),
        ("until", 6, "until needs a target"),
        ("until nowhere", 7, "no boundary or label 'nowhere'"),
        ("b", 2, "break needs a location"),
        ("b head.S:100000", 10, "no instruction at head.S:100000"),
        ("b nosuch.S:3", 3, "no source file 'nosuch.S'"),
        ("b power-off if", 15, "expected a condition after 'if'"),
        ("b power-off if $x0 ==", 22, "expected an expression after '=='"),
        ("b power-off if $x99", 16, "no register '$x99'"),
        ("watch", 6, "watch needs something to watch"),
        ("watch 5", 7, "it is a value"),
        ("watch $pc", 7, "$pc changes on every step"),
        ("delete 42", 8, "no breakpoint or watchpoint number 42"),
        ("ignore 1", 8, "ignore needs a breakpoint number and a count"),
        ("set $x0", 5, "expected TARGET = EXPR"),
        ("set $x0 =", 10, "expected a value after '='"),
        ("set $MIDR_EL1 = 1", 5, "MIDR_EL1 is read-only"),
        ("set $HCR_EL2.RW = 2", 19, "does not fit in HCR_EL2.RW"),
        ("set 5 = 1", 5, "cannot set '5'"),
        ("set max-steps 0", 15, "max-steps needs a number"),
        ("info", 5, "info needs a subject"),
        ("info colours", 6, "info colours?"),
        ("info sysregs NOPE_EL2", 14, "no system register 'NOPE_EL2'"),
        ("s\u{1b}[2J", 2, "control character"),
    ]

    struct Fingerprint: Equatable {
        var step: Int
        var machine: Machine.Snapshot
        var context: [UInt8]
        var breakpoints: [Breakpoint]
        var watchpoints: Int
        var edits: [UserEdit]
        var oldest: Int
        var maxSteps: Int
        var historyLimit: Int
        init(_ s: DebugSession) {
            step = s.step; machine = s.machine.snapshot(); context = s.run.readContext()
            breakpoints = s.breakpoints; watchpoints = s.watchpoints.count; edits = s.edits
            oldest = s.oldestStep; maxSteps = s.maxStepsPerCommand; historyLimit = s.historyLimit
        }
    }

    @Test func eachMalformedCommandSaysWhatAndWhereAndChangesNothing() throws {
        #expect(Self.cases.count >= 30)
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(ci.execute("b power-off").ok)
        #expect(ci.execute("s 20").ok)
        for (command, column, phrase) in Self.cases {
            let before = Fingerprint(session)
            let r = ci.execute(command)
            let e = try #require(r.error, "'\(command)' should fail")
            #expect(e.message.contains(phrase), "'\(command)': \(e.message)")
            #expect(e.column == column, "'\(command)': column \(e.column), expected \(column): \(e.message)")
            #expect(r.output.isEmpty)
            #expect(Fingerprint(session) == before, "'\(command)' changed the session")
        }
    }

    @Test func expressions() throws {
        let session = try Fixtures.session()
        let ci = CommandInterpreter(session: session)
        #expect(try session.evaluate("1 + 2 * 3") == 7)
        #expect(try session.evaluate("(1 + 2) * 3") == 21 / 7 * 3)
        #expect(try session.evaluate("0x10 << 4 | 1") == 0x101)
        #expect(try session.evaluate("1 == 1 && 2 > 1 || 0") == 1)
        #expect(try session.evaluate("0 - 1") == UInt64.max)
        #expect(try session.evaluate("!0 + ~0") == 0)
        #expect(try session.evaluate("0b101 % 3") == 2)
        let ctx = try #require(session.built.symbol("resume_cpu_context"))
        let hcr = try #require(session.built.layout.field(named: "hcr_el2"))
        #expect(try session.evaluate("&resume_cpu_context.hcr_el2") == ctx + UInt64(hcr.offset))
        #expect(try session.evaluate("resume_cpu_context") == ctx)
        #expect(ci.execute("until context-saved").ok)
        // callee_regs[1] holds x20 = 0x2020202020202020 (the manifest's initial value).
        #expect(try session.evaluate("resume_cpu_context.callee_regs[1]") == 0x2020_2020_2020_2020)
        #expect(try session.evaluate("resume_cpu_context.sp") != 0)
        #expect(try session.evaluate("$lr == $x30 && $fp == $x29") == 1)
        #expect(try session.evaluate("$HCR_EL2.RW") == (session.machine.systemRegister(named: "HCR_EL2")! >> 31) & 1)
        #expect(try session.evaluate("$VBAR_EL2") == session.machine.systemRegister(named: "VBAR_EL2"))
        #expect(try session.evaluate("$w20") == 0x2020_2020)
        let x = ci.execute("x/2gx &resume_cpu_context.callee_regs[1]")
        #expect(x.output.contains("0x2020202020202020\t0x2121212121212121"), "\(x.output)")
        #expect(ci.execute("x/4xb &resume_cpu_context.callee_regs[1]").output.hasSuffix("0x20\t0x20\t0x20\t0x20"))
        #expect(ci.execute("x/1dw &resume_cpu_context.callee_regs[1]").output.hasSuffix("538976288"))
        #expect(ci.execute("p/x $x21").output == "0x2121212121212121")
        #expect(ci.execute("x/1a &resume_cpu_context.callee_regs[10]").ok)
    }
}
