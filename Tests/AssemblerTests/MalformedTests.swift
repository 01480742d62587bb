import Foundation
import Testing
@testable import Assembler

/// Malformed programs: each must throw an `AssemblyError` whose one-line description starts
/// with the right `file:line:column` and says what was expected. None may trap or hang.
@Suite struct MalformedTests {
    static let dir: URL = Bundle.module.resourceURL!.appendingPathComponent("Corpus/Malformed")

    /// file -> (line, column, a phrase the message must contain)
    static let expectations: [String: (Int, Int, String)] = [
        "add_imm_out_of_range": (1, 21, "immediate 4097 out of range 0...4095"),
        "adrp_register": (1, 18, "expected a label or address after ',' but found 'x1'"),
        "align_too_large": (1, 16, "alignment 2^100 out of range"),
        "bad_condition": (1, 26, "expected a condition"),
        "bad_expression": (1, 19, "expected an expression but found '*'"),
        "bad_number": (1, 15, "invalid number '0x'"),
        "bad_operand": (2, 17, "expected a register after ',' but found '#3'"),
        "balign_not_power": (1, 17, "alignment 3 is not a power of 2"),
        "bitmask_invalid": (1, 21, "not a valid bitmask immediate"),
        "branch_out_of_range": (1, 14, "branch target out of range"),
        "circular_equ": (2, 17, "circular"),
        "division_by_zero": (1, 18, "division by zero"),
        "duplicate_label": (2, 1, "symbol 'here' is already defined"),
        "error_directive": (3, 1, "#error unsupported version"),
        "imm_out_of_range": (1, 18, "immediate 65536 out of range 0...65535"),
        "include_recursion": (1, 10, "#include nested more than"),
        "instruction_in_bss": (2, 9, "instruction in a section with no contents"),
        "ldp_misaligned": (1, 26, "offset 12 out of range: expected a multiple of 8"),
        "ldr_offset_range": (1, 22, "offset 32768 out of range"),
        "macro_args": (2, 15, "macro F expects 2 arguments but got 1"),
        "misaligned_branch": (1, 11, "is not 4-byte aligned"),
        "missing_bracket": (1, 24, "expected ']'"),
        "missing_include": (2, 10, "cannot find included file \"does_not_exist.h\""),
        "missing_operand": (1, 20, "expected an operand after ',' but found end of line"),
        "mov_imm_unencodable": (1, 17, "cannot be loaded by a single 'mov'"),
        "msr_imm_range": (1, 22, "immediate 16 out of range 0...15"),
        "not_ascii": (2, 20, "non-ASCII byte 0xc3"),
        "number_too_large": (1, 15, "does not fit in 64 bits"),
        "register_expected": (2, 22, "expected a register after ',' but found '#3'"),
        "shift_range": (1, 21, "shift amount 64 out of range"),
        "stray_endif": (2, 1, "#endif without #if"),
        "tbz_bit_range": (1, 17, "bit number 32 out of range 0...31"),
        "too_many_operands": (1, 17, "too many operands for 'ret'"),
        "unbalanced_ifdef": (1, 1, "missing #endif"),
        "undefined_local_label": (1, 11, "undefined local label '1'"),
        "undefined_symbol": (1, 11, "undefined symbol 'nowhere'"),
        "unknown_directive": (1, 9, "unknown directive '.frob'"),
        "unknown_mnemonic": (2, 9, "unknown instruction 'frobnicate'"),
        "unknown_pp_directive": (1, 2, "unknown preprocessor directive 'frobnicate'"),
        "unknown_sysreg": (1, 17, "unknown system register 'NOT_A_REG'"),
        "unknown_tlbi": (1, 14, "expected a TLBI operation"),
        "unterminated_comment": (2, 3, "unterminated /* comment"),
        "unterminated_string": (1, 16, "unterminated string"),
        "wrong_width": (1, 17, "expected a 64-bit (X) register after ',' but found 'w1'"),
    ]

    static func check(_ error: AssemblyError, file: String, line: Int, column: Int, phrase: String,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let d = error.description
        #expect(!d.contains("\n"), "one line: \(d)", sourceLocation: sourceLocation)
        #expect(d.hasPrefix("\(file):\(line):\(column): error: "), "\(d)", sourceLocation: sourceLocation)
        #expect(d.contains(phrase), "\(d) should mention \(phrase)", sourceLocation: sourceLocation)
    }

    @Test func everyFileHasAnExpectation() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.dir.path).filter { $0.hasSuffix(".S") }
        #expect(files.count >= 30)
        #expect(Set(files.map { String($0.dropLast(2)) }) == Set(Self.expectations.keys))
    }

    @Test(arguments: expectations.keys.sorted())
    func malformedFile(_ name: String) throws {
        let url = Self.dir.appendingPathComponent(name + ".S")
        let (line, column, phrase) = Self.expectations[name]!
        do {
            _ = try Assembler.assemble(file: url)
            Issue.record("\(name) assembled without error")
        } catch let e as AssemblyError {
            Self.check(e, file: url.path, line: line, column: column, phrase: phrase)
        }
    }

    func expectError(_ bytes: [UInt8], _ line: Int, _ column: Int, _ phrase: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            _ = try Assembler.assemble(bytes: bytes, fileName: "gen.S")
            Issue.record("assembled without error", sourceLocation: sourceLocation)
        } catch let e as AssemblyError {
            Self.check(e, file: "gen.S", line: line, column: column, phrase: phrase, sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected error type \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func nulBytes() {
        expectError(Array("  nop\n  no\0p\n".utf8), 2, 5, "NUL byte")
    }

    @Test func binaryGarbage() {
        var g = SystemRandomNumberGenerator()
        var bytes: [UInt8] = (0..<4096).map { _ in UInt8.random(in: 1...255, using: &g) }
        bytes.insert(contentsOf: Array("nop\n".utf8), at: 0)
        do {
            _ = try Assembler.assemble(bytes: bytes, fileName: "garbage.bin")
            Issue.record("garbage assembled")
        } catch let e as AssemblyError {
            #expect(e.description.hasPrefix("garbage.bin:"))
            #expect(!e.description.contains("\n"))
        } catch { Issue.record("unexpected error type \(error)") }
        // Deterministic garbage: a control byte on line 1.
        expectError([0x01, 0x02, 0xff, 0xfe], 1, 1, "unexpected character")
    }

    @Test func invalidUTF8OutsideString() {
        expectError([0x6e, 0x6f, 0x70, 0x0a, 0x20, 0xff, 0xfe, 0x0a], 2, 2, "non-ASCII byte 0xff")
    }

    @Test func invalidUTF8InsideStringIsData() throws {
        let p = try Assembler.assemble(bytes: Array(".data\n.ascii \"".utf8) + [0xff, 0xc3] + Array("\"\n".utf8), fileName: "u.S")
        #expect(p.sections.first { $0.name == ".data" }?.size == 2)
    }

    @Test func tenMegabyteLine() {
        // (2 MiB: a 10 MiB source is refused by the input limit before its lines are read.)
        var bytes = Array("  nop\n  .byte ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "1"), count: 2 << 20)
        bytes += Array("\n".utf8)
        expectError(bytes, 2, 1, "line longer than")
    }

    @Test func hugeButValidInput() throws {
        // 100k lines assemble fine and quickly.
        let src = String(repeating: "  add x0, x0, #1\n", count: 100_000)
        let p = try Assembler.assemble(source: src, fileName: "big.S")
        #expect(p.image.count == 400_000)
    }

    @Test func emptyFileIsAnEmptyProgram() throws {
        for src in ["", "\n\n", "// only a comment\n/* and\n another */\n"] {
            let p = try Assembler.assemble(source: src, fileName: "empty.S")
            #expect(p.image.isEmpty)
            #expect(p.symbols.all.isEmpty)
            #expect(p.entry == p.base)
        }
    }

    @Test func errorInsideIncludedFileNamesThatFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("asm-inc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "  nop\n  bogus x0\n".write(to: dir.appendingPathComponent("inner.h"), atomically: true, encoding: .utf8)
        try "  nop\n#include \"inner.h\"\n".write(to: dir.appendingPathComponent("outer.S"), atomically: true, encoding: .utf8)
        do {
            _ = try Assembler.assemble(file: dir.appendingPathComponent("outer.S"))
            Issue.record("no error")
        } catch let e as AssemblyError {
            #expect(e.location.file.hasSuffix("inner.h"))
            #expect(e.location.line == 2 && e.location.column == 3)
        }
    }

    @Test func errorInsideMacroExpansionPointsAtTheUse() {
        expectError(Array("#define BAD(r) madd r, r, #1, r\n   nop\n   BAD(x0)\n".utf8), 3, 4, "expected a register after ',' but found '#1'")
        expectError(Array("#define TWO(r) add r, r,\n   TWO(x0)\n".utf8), 2, 4, "expected an operand after ','")
    }

    @Test func deepMacroRecursionIsBounded() {
        var src = "#define M0 1\n"
        for i in 1...100 { src += "#define M\(i) M\(i - 1)\n" }
        src += "  .word M100\n"
        expectError(Array(src.utf8), 102, 9, "macro expansion nested")
    }

    @Test func exponentialMacroIsBounded() {
        var src = "#define A0 x\n"
        for i in 1...40 { src += "#define A\(i) A\(i - 1) A\(i - 1)\n" }
        src += "  .word A40\n"
        expectError(Array(src.utf8), 42, 9, "longer than")
    }
}
