import Foundation
import Testing
@testable import Assembler

/// What the macro language shows a user besides bytes: where expanded code is in the line map,
/// the expansion records the debugger displays, errors that name the body line and the uses,
/// and the bounds on input that would expand forever.
@Suite struct MacroLanguageTests {
    static let source = """
            .macro  adr_l, dst, sym
            adrp    \\dst, \\sym
            add     \\dst, \\dst, :lo12:\\sym
            .endm
            .macro  setup
            adr_l   x0, data
            nop
            .endm
            .text
    _start: setup
            adr_l   x1, data
            .rept   2
            nop
            .endr
            b       .
            .data
    data:   .quad 0
    """

    func assemble(_ s: String, file: String = "m.S") throws -> Program {
        try Assembler.assemble(source: s, fileName: file)
    }

    @Test func expandedCodeMapsToTheOutermostUse() throws {
        let p = try assemble(Self.source)
        let base = p.base
        // setup (line 10) expands to adrp, add (from adr_l) and nop: all on line 10.
        for k in 0..<3 { #expect(p.lineMap.location(at: base + UInt64(4 * k))?.line == 10) }
        #expect(p.lineMap.location(at: base)?.column == 9)
        // adr_l at line 11.
        #expect(p.lineMap.location(at: base + 12)?.line == 11)
        #expect(p.lineMap.location(at: base + 16)?.line == 11)
        // A .rept body at file level stays on its own line.
        #expect(p.lineMap.location(at: base + 20)?.line == 13)
        #expect(p.lineMap.location(at: base + 24)?.line == 13)
        #expect(p.lineMap.location(at: base + 28)?.line == 15)
        #expect(p.lineMap.addresses(file: "m.S", line: 10) == [base, base + 4, base + 8])
    }

    @Test func expansionRecordsNameEveryLevel() throws {
        let p = try assemble(Self.source)
        let base = p.base
        let e = try #require(p.lineMap.expansion(at: base))
        #expect(e.frames.map(\.name) == ["setup", "adr_l"])
        #expect(e.frames.map(\.kind) == [.macro, .macro])
        #expect(e.frames[0].use == SourceLocation(file: "m.S", line: 10, column: 9))
        #expect(e.frames[1].use == SourceLocation(file: "m.S", line: 6, column: 9))
        #expect(e.body.line == 2)
        #expect(e.text == "adrp x0,data")
        let add = try #require(p.lineMap.expansion(at: base + 4))
        #expect(add.text == "add x0,x0,:lo12:data")
        let nop = try #require(p.lineMap.expansion(at: base + 8))
        #expect(nop.frames.map(\.name) == ["setup"])
        #expect(nop.body.line == 7)
        let rept = try #require(p.lineMap.expansion(at: base + 20))
        #expect(rept.frames.map(\.kind) == [.rept])
        #expect(p.lineMap.expansion(at: base + 28) == nil)
    }

    @Test func cppMacroLinesRecordTheMacro() throws {
        let p = try assemble("#define TWICE(x) x; x\n    TWICE(nop)\n")
        let e = try #require(p.lineMap.expansion(at: p.base + 4))
        #expect(e.frames.map(\.kind) == [.preprocessor])
        #expect(e.frames.map(\.name) == ["TWICE"])
    }

    func error(_ s: String, file: String = "e.S") -> AssemblyError? {
        do { _ = try assemble(s, file: file); return nil } catch let e as AssemblyError { return e } catch { return nil }
    }

    @Test func anErrorInsideAMacroNamesTheBodyLineAndTheUses() throws {
        let e = try #require(error("""
            .macro inner a
              bogus \\a
            .endm
            .macro outer b
              nop
              inner \\b
            .endm
              outer x1
            """))
        #expect(e.description == "e.S:2:3: error: unknown instruction 'bogus'")
        #expect(e.notes.map(\.description) == ["e.S:6:3: note: in macro 'inner' used here",
                                               "e.S:8:3: note: in macro 'outer' used here"])
        #expect(e.report.split(separator: "\n").count == 3)
    }

    @Test func encodingErrorsInsideMacrosCarryTheUsesToo() throws {
        let e = try #require(error(".macro big r\n  add \\r, \\r, #5000\n.endm\n  big x2\n"))
        #expect(e.location.line == 2)
        #expect(e.notes.first?.location.line == 4)
    }

    @Test("bad input: each a located error, quickly", arguments: [
        (".macro r\n r\n.endm\n r\n", 2, "macros nested too deeply"),
        (".rept 1 << 40\nnop\n.endr\n", 1, ".rept 1099511627776 would produce more than"),
        (".macro m\nnop\n", 1, "unexpected end of file in macro 'm' definition"),
        (".if 1\nnop\n", 1, "this .if has no .endif"),
        (".rept 3\nnop\n", 1, "expected .endr"),
        (".endif\n", 1, ".endif without a matching .if"),
        (".else\n", 1, ".else without a matching .if"),
        (".if 1\n.else\n.else\n.endif\n", 3, "duplicate .else"),
        (".macro m a\n.endm\n m b=1\n", 3, "parameter named 'b' does not exist for macro 'm'"),
        (".macro m a:req\n.endm\n m\n", 3, "missing value for required parameter 'a'"),
        (".macro m a\n.endm\n m 1, 2\n", 3, "too many positional arguments"),
        (".macro m a\n.endm\n m a=1, 2\n", 3, "can't mix positional and keyword arguments"),
        (".macro m a:bogus\n.endm\n", 1, "not a valid parameter qualifier"),
        (".macro m\n.endm\n.macro M\n.endm\n", 3, "macro 'M' was already defined"),
        (".if undefined_symbol\n.endif\n", 1, "undefined symbol 'undefined_symbol'"),
        (".ifeqs \"a\", b\n.endif\n", 1, "expected two strings"),
        (".err\n", 1, ".err encountered"),
        (".error \"stop here\"\n", 1, "stop here"),
        (".error\n", 1, ".error directive invoked in source file"),
        (".error 42\n", 1, ".error argument must be a string"),
        (".unreq never\n", 1, "unknown register alias 'never'"),
        (".rept -1\nnop\n.endr\n", 1, "negative count -1 for .rept"),
        (".irp\n.endr\n", 1, "missing model parameter"),
        ("movz x0, #:got:sym\n", 1, "unsupported relocation ':got:'"),
        ("mov x0, #:abs_g0:1\n", 1, "relocation ':abs_g0:' is not allowed with 'mov'"),
        ("adds x0, x0, #:lo12:1\n", 1, "relocation ':lo12:' is not allowed with 'adds'"),
        ("movz w0, #:abs_g2:1\n", 1, "not allowed with a 32-bit register"),
        ("movk x0, #:abs_g1_s:1\n", 1, "not allowed with MOVK"),
        ("movz x0, #:abs_g0:0x12345\n", 1, "does not fit ':abs_g0:'"),
        ("ldr x0, [x1, #:lo12:8]!\n", 1, "not allowed in this address"),
    ] as [(String, Int, String)])
    func badInput(_ source: String, _ line: Int, _ phrase: String) {
        let start = Date()
        guard let e = error(source) else { Issue.record("no error for \(source)"); return }
        #expect(e.location.line == line, "\(e.report)")
        #expect(e.message.contains(phrase), "\(e.report)")
        #expect(Date().timeIntervalSince(start) < 10, "took \(Date().timeIntervalSince(start)) s")
    }

    @Test("what GNU as only warns about is a warning here too", arguments: [
        (".endm\n", ".endm encountered without a preceding .macro"),
        (".endr\n", ".endr encountered without a preceding .rept"),
        ("foo .req w99\n", "unknown register 'w99' -- .req ignored"),
        (".unreq x0\n", "ignoring attempt to undefine built-in register 'x0'"),
        (".exitm\n", "ignoring .exitm outside a macro"),
        (".purgem nothing\n", "attempt to purge non-existing macro 'nothing'"),
        (".macro m a:req=1\n.endm\n", "pointless default value for required parameter 'a'"),
        ("#define A 1\n#define A 2\n", "'A' redefined"),
        ("#warning watch out\n", "#warning watch out"),
        (".section .m, \"aM\"\n", "entity size for SHF_MERGE not specified"),
    ] as [(String, String)])
    func warnings(_ source: String, _ phrase: String) throws {
        let p = try assemble(source + "  nop\n")
        #expect(p.messages.contains { $0.kind == .warning && $0.message.contains(phrase) }, "\(p.messages)")
        #expect(p.image.count == 4)
    }

    @Test func xensLrAliasIsSilent() throws {
        let p = try assemble("lr .req x30\n  mov lr, #1\n")
        #expect(p.messages.isEmpty, "\(p.messages)")
        let q = try assemble("x1 .req x2\n  nop\n")
        #expect(q.messages.first?.message == "ignoring attempt to redefine built-in register 'x1'")
    }

    @Test func aTreesOwnLinkageHeaderReplacesThePreludeSilently() throws {
        let p = try assemble("#define FUNC(name, algn...) .globl name; .balign 16; name:\nnop\nFUNC(f)\n  ret\n")
        #expect(p.messages.isEmpty, "\(p.messages)")
        #expect(p.symbols["f"]?.address == p.base + 16)
    }

    @Test func lineMarkersKeepTheLineMapRight() throws {
        let p = try assemble("  nop\n# 40 \"head.S\" 1\n  nop\n  nop\n#line 7 \"mmu/head.S\"\n  nop\n# 3 \"m.S\" 2\n  nop\n", file: "m.S")
        let lines = (0..<5).map { p.lineMap.location(at: p.base + UInt64(4 * $0)).map { "\($0.file):\($0.line)" } ?? "-" }
        #expect(lines == ["m.S:1", "head.S:40", "head.S:41", "mmu/head.S:7", "m.S:3"])
        #expect(p.lineMap.addresses(file: "head.S", line: 41) == [p.base + 8])
        let e = try #require(error("# 90 \"head.S\"\n  bogus\n", file: "x.S"))
        #expect(e.description.hasPrefix("head.S:90:3: error: unknown instruction 'bogus'"))
    }

    @Test("#if errors are located", arguments: [
        ("#if 1 / 0\n#endif\n", "division by zero in #if"),
        ("#if 1 +\n#endif\n", "expected a value in a #if expression"),
        ("#if (1\n#endif\n", "expected ')'"),
        ("#if 1 ? 2\n#endif\n", "expected ':'"),
        ("#if 1.5\n#endif\n", "floating constant"),
        ("#if 0x10Z\n#endif\n", "invalid suffix \"Z\" on integer constant"),
        ("#if 09\n#endif\n", "invalid digit \"9\" in octal constant"),
        ("#if F(1)\n#endif\n", "function-like macro 'F' is not defined"),
        ("#if \"s\"\n#endif\n", "a string is not allowed"),
        ("#include\n", "expected \"file\" or <file> after #include"),
        ("#define H nothing_here\n#include H\n", "expected \"file\" or <file> after #include"),
        ("#include <nowhere.h>\n", "cannot find included file \"nowhere.h\" (no -I directories given)"),
        ("#if __has_include(nowhere.h)\n#endif\n", "expected \"file\" or <file> in __has_include(...)"),
        ("#if __has_include(<nowhere.h>\n#endif\n", "expected ')' after __has_include(<nowhere.h>"),
        ("#if __has_attribute(\n#endif\n", "missing ')' after __has_attribute("),
        ("#define F(a, b) a b\n  F(nop,\n", "unterminated argument list invoking macro F"),
        ("#define F(a, b) a b\n  F(nop,\n#endif\n", "unterminated argument list invoking macro F"),
    ] as [(String, String)])
    func preprocessorErrors(_ source: String, _ phrase: String) {
        guard let e = error(source) else { Issue.record("no error for \(source)"); return }
        #expect(e.location.line >= 1 && e.location.column >= 1)
        #expect(e.message.contains(phrase), "\(e.report)")
    }

    @Test func compilerQueriesAnswerNoAndHasIncludeLooks() throws {
        let p = try assemble("#if __has_attribute(aligned) || __has_builtin(__builtin_expect)\n  brk #0\n#endif\n#if !__has_include(<nowhere.h>)\n  nop\n#endif\n")
        #expect(p.image.count == 4)
    }

    @Test func argumentsGoOnOverLinesAndTheExpansionSitsOnTheFirst() throws {
        var src = "#define F(a, b) a; b\n  F(nop,\n\n    /* a comment */\n    nop)\n  brk #0\n"
        let p = try assemble(src)
        #expect(p.image.count == 12)
        #expect(p.lineMap.location(at: p.base + 4)?.line == 2)
        #expect(p.lineMap.location(at: p.base + 8)?.line == 6)
        // Bounded: an invocation left open for ever is an error, not a hang.
        src = "#define F(a) a\n  F(nop\n" + String(repeating: "nop\n", count: 1000)
        #expect(error(src)?.message.contains("unterminated argument list") == true)
    }

    @Test func unevaluatedOperandsRaiseNoError() throws {
        let p = try assemble("#if 0 && (1 / 0)\n  brk #0\n#elif 1 || 1 / 0\n  nop\n#endif\n#if (0 ? 1 / 0 : 2) == 2\n  nop\n#endif\n")
        #expect(p.image.count == 8)
    }

    @Test func anIrpOverAMillionItemsIsRefusedAtOnce() {
        // Items produced by a cpp macro (a line of a million items is longer than 1 MiB).
        var src = "#define T1 1,1,1,1,1,1,1,1,1,1\n"
        for k in 2...6 { src += "#define T\(k) T\(k - 1),T\(k - 1),T\(k - 1),T\(k - 1),T\(k - 1),T\(k - 1),T\(k - 1),T\(k - 1),T\(k - 1),T\(k - 1)\n" }
        src += ".irp x, T6\n.byte \\x\n.endr\n"
        guard let e = error(src) else { Issue.record("no error"); return }
        #expect(e.message.contains("longer than") || e.message.contains("more than"), "\(e.report)")
        let direct = ".irp x, " + Array(repeating: "1", count: 300_000).joined(separator: ",") + "\n.byte \\x\n.endr\n"
        guard let e2 = error(direct) else { Issue.record("no error"); return }
        #expect(e2.message.contains("would produce more than 262144 statements"), "\(e2.report)")
    }

    @Test func aFileThatIncludesItselfStops() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("self-inc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("self.S")
        try "nop\n#include \"self.S\"\n".write(to: f, atomically: true, encoding: .utf8)
        do {
            _ = try Assembler.assemble(file: f)
            Issue.record("no error")
        } catch let e as AssemblyError {
            #expect(e.location.line == 2 && e.location.column == 10)
            #expect(e.message.contains("#include nested more than 32 deep"))
        }
    }

    @Test func registerAliasesWorkInEveryOperand() throws {
        let p = try assemble("""
            base .req x3
            val  .req w4
                 ldr  val, [base, #4]
                 str  val, [base, val, uxtw #2]
                 add  base, base, val, sxtw
                 cmp  base, #0
                 .unreq base
            base .req x5
                 mov  base, #1
            """)
        let q = try assemble("""
                 ldr  w4, [x3, #4]
                 str  w4, [x3, w4, uxtw #2]
                 add  x3, x3, w4, sxtw
                 cmp  x3, #0
                 mov  x5, #1
            """)
        #expect(p.image == q.image)
    }

    @Test func theExpansionBudgetIsShared() {
        // Many small expansions that together exceed the budget.
        let src = ".macro m\n.rept 1000\nnop\n.endr\n.endm\n.rept 300\nm\n.endr\n"
        guard let e = error(src) else { Issue.record("no error"); return }
        #expect(e.message.contains("more than 262144 statements"), "\(e.report)")
    }
}
