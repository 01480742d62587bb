import Foundation
import Testing
import TestSupport

/// The macro language, the preprocessor flags and per-unit linking through the real binary, run
/// from a working directory outside the repository as an installed tool would be.
@Suite("assembler language through the CLI")
struct AssemblerLanguageCLITests {
    /// Input that would expand without end, or never closes: exit 2 with file:line:column (and
    /// the macro chain), quickly, with no output file.
    static let badInputs: [(String, String, String)] = [
        ("recursion.S", ".macro again n\n  again \\n\n.endm\n  again 1\n", "recursion.S:2:3: error: macros nested too deeply"),
        ("rept.S", "  nop\n  .rept 1 << 40\n  nop\n  .endr\n", "rept.S:2:3: error: .rept 1099511627776 would produce more than"),
        ("irp.S", ".irp x, " + Array(repeating: "7", count: 400_000).joined(separator: ",") + "\n  .byte \\x\n.endr\n",
         "irp.S:1:1: error: .irp with about 400000 items would produce more than"),
        ("self.S", "  nop\n#include \"self.S\"\n", "self.S:2:10: error: #include nested more than 32 deep"),
        ("noendm.S", "  nop\n.macro open a\n  nop\n", "noendm.S:2:1: error: unexpected end of file in macro 'open' definition"),
        ("noendif.S", "  nop\n  .if 1\n  nop\n", "noendif.S:2:3: error: end of file inside a conditional"),
    ]

    @Test("bad input exits 2 with the location, within seconds", arguments: badInputs.map(\.0))
    func badInput(_ name: String) throws {
        let (_, text, prefix) = Self.badInputs.first { $0.0 == name }!
        let dir = try TemporaryDirectory()
        _ = try CLI.write(text, as: name, in: dir)
        let out = dir.url.appendingPathComponent("out.bin").path
        let start = Date()
        let r = try CLI.run(["assemble", name, "-o", out], in: dir.url)
        let elapsed = Date().timeIntervalSince(start)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.hasPrefix(prefix), "\(r.stderr.prefix(400))")
        #expect(!FileManager.default.fileExists(atPath: out))
        // A hang guard, not a speed target (the README gives the measured times).
        #expect(elapsed < 20, "\(name) took \(elapsed) s")
    }

    @Test("an error inside a macro names the body line, then each use")
    func macroChain() throws {
        let dir = try TemporaryDirectory()
        _ = try CLI.write(".macro inner r\n  add \\r, \\r, #99999\n.endm\n.macro outer r\n  inner \\r\n.endm\n  outer x3\n", as: "chain.S", in: dir)
        let r = try CLI.run(["assemble", "chain.S", "-o", "out.bin"], in: dir.url)
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines.first?.hasPrefix("chain.S:2:") == true && lines.first?.contains("error: immediate 99999 out of range") == true, "\(r.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("chain.S:5:3: note: in macro 'inner' used here") == true, "\(r.stderr)")
        #expect(lines.last?.hasPrefix("chain.S:7:3: note: in macro 'outer' used here") == true, "\(r.stderr)")
    }

    @Test("-I, -include and -D reach #include <...>, the first line and #if")
    func preprocessorFlags() throws {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: dir.url.appendingPathComponent("inc/asm"), withIntermediateDirectories: true)
        _ = try CLI.write("#define FROM_HEADER 0x2a\n", as: "inc/asm/values.h", in: dir)
        _ = try CLI.write("#define FIRST 7\n", as: "first.h", in: dir)
        _ = try CLI.write("#include <asm/values.h>\n  mov x0, #FROM_HEADER\n  mov x1, #FIRST\n#if LEVEL > 2 && defined(FEATURE)\n  mov x2, #LEVEL\n#endif\n", as: "p.S", in: dir)
        let r = try CLI.run(["assemble", "p.S", "-I", "inc", "-include", "first.h", "-DLEVEL=3", "-D", "FEATURE", "-o", "p.bin"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = [UInt8](try Data(contentsOf: dir.url.appendingPathComponent("p.bin")))
        // movz x0, #0x2a; movz x1, #7; movz x2, #3
        #expect(bytes == [0x40, 0x05, 0x80, 0xd2, 0xe1, 0x00, 0x80, 0xd2, 0x62, 0x00, 0x80, 0xd2])
        let missing = try CLI.run(["assemble", "p.S", "-o", "p.bin"], in: dir.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("p.S:1:10: error: cannot find included file \"asm/values.h\""), "\(missing.stderr)")
        let disasm = try CLI.run(["disasm", "p.S", "-Iinc", "-include", "first.h", "-DLEVEL=1"], in: dir.url)
        #expect(disasm.status == 0, "\(disasm.stderr)")
        #expect(disasm.stdout.contains("mov\tx1, #0x7") || disasm.stdout.contains("mov x1, #0x7"), "\(disasm.stdout)")
        #expect(!disasm.stdout.contains("mov\tx2"), "\(disasm.stdout)")
        let run = try CLI.run(["run", "p.S", "-Iinc", "-include", "first.h", "-DLEVEL=3", "-DFEATURE", "--max-steps", "3", "--json"], in: dir.url)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let x = try #require(json["x"] as? [String])
        #expect(x[0] == "0x2a" && x[1] == "0x7" && x[2] == "0x3", "\(x.prefix(3))")
    }

    @Test("several sources link in order; locals stay local; link errors name both places")
    func linking() throws {
        let dir = try TemporaryDirectory()
        _ = try CLI.write("  .globl _start\n_start: bl helper\nfail: b fail\n", as: "a.S", in: dir)
        _ = try CLI.write("  .globl helper\nhelper: cbz x0, fail\n  ret\nfail: b .\n", as: "b.S", in: dir)
        let r = try CLI.run(["assemble", "a.S", "b.S", "-o", "ab.bin"], in: dir.url)
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = [UInt8](try Data(contentsOf: dir.url.appendingPathComponent("ab.bin")))
        #expect(bytes.count == 20)
        // bl helper (+8), b fail (itself), cbz x0 -> b.S's fail (+8), ret, b .
        #expect(Array(bytes[0..<4]) == [0x02, 0x00, 0x00, 0x94])
        #expect(Array(bytes[8..<12]) == [0x40, 0x00, 0x00, 0xb4])

        _ = try CLI.write("  .globl helper\nhelper: ret\n", as: "c.S", in: dir)
        let dup = try CLI.run(["assemble", "a.S", "b.S", "c.S", "-o", "x.bin"], in: dir.url)
        #expect(dup.status == 2)
        #expect(dup.stderr.hasPrefix("c.S:2:1: error: multiple definition of 'helper'"), "\(dup.stderr)")
        #expect(dup.stderr.contains("b.S:2:1: note: 'helper' is first defined here"), "\(dup.stderr)")

        _ = try CLI.write("  .globl _start\n_start: bl other\n", as: "d.S", in: dir)
        _ = try CLI.write("other: ret\n", as: "e.S", in: dir)
        let undef = try CLI.run(["assemble", "d.S", "e.S", "-o", "x.bin"], in: dir.url)
        #expect(undef.status == 2)
        #expect(undef.stderr.hasPrefix("d.S:2:12: error: undefined reference to 'other': it is defined in another file but not global"), "\(undef.stderr)")
        #expect(undef.stderr.contains("e.S:1:1: note: the local definition of 'other'"), "\(undef.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("x.bin").path))
    }

    @Test("warnings go to stderr, .print to stdout, the build succeeds")
    func warningsAndPrint() throws {
        let dir = try TemporaryDirectory()
        _ = try CLI.write("  .warning \"careful\"\n  .print \"hello\\x1b[31m\"\n  nop\n", as: "w.S", in: dir)
        let r = try CLI.run(["assemble", "w.S", "-o", "w.bin"], in: dir.url)
        #expect(r.status == 0)
        #expect(r.stderr.contains("w.S:1:3: warning: careful"), "\(r.stderr)")
        #expect(r.stdout == "hello\\x1b[31m\n", "control characters are escaped: \(r.stdout.debugDescription)")
    }
}
