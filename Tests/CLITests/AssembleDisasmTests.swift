import Foundation
import Testing
import TestSupport

@Suite("suspendscope assemble / disasm / exit codes")
struct AssembleDisasmTests {
    @Test("assemble writes an image byte-identical to GNU as + ld -Ttext + objcopy",
          .enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)),
          arguments: [UInt64(0x4008_0000), 0x4020_0000])
    func assembleMatchesGNU(base: UInt64) throws {
        let source = try String(contentsOf: CLI.program("save_restore_v8.S"), encoding: .utf8)
        let dir = try TemporaryDirectory()
        let path = try CLI.write(source, as: "v8.S", in: dir)
        let out = dir.url.appendingPathComponent("v8.bin").path
        let r = try CLI.run(["assemble", path, "-o", out, "--base", "0x" + String(base, radix: 16)])
        #expect(r.status == 0, "\(r.stderr)")
        let ours = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        let gnu = try GNUToolchain.build(source: source, base: base)
        #expect(ours.count == gnu.image.count)
        #expect(ours == gnu.image)
    }

    @Test("disasm of a raw image prints objdump's text for each word",
          .enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func disasmMatchesObjdump() throws {
        let source = try String(contentsOf: CLI.program("save_restore_v8.S"), encoding: .utf8)
        let gnu = try GNUToolchain.build(source: source)
        let reference = try GNUToolchain.objdump(elf: gnu.elf)
        let dir = try TemporaryDirectory()
        let bin = dir.url.appendingPathComponent("p.bin")
        try Data(gnu.image).write(to: bin)
        let r = try CLI.run(["disasm", bin.path])
        #expect(r.status == 0)
        var ours: [UInt64: String] = [:]
        for line in r.stdout.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2)
            guard parts.count == 3, let a = UInt64(parts[0].dropLast(), radix: 16) else { continue }
            ours[a] = GNUToolchain.normalise(String(parts[2]))
        }
        let code = reference.filter { $0.address < 0x4008_0000 + 0x100 && $0.address != 0 }
        #expect(!code.isEmpty)
        for ref in code where ref.text.first != "." {
            #expect(ours[ref.address] == ref.text, "at \(String(ref.address, radix: 16))")
        }
    }

    @Test("disasm of a source shows labels and source lines")
    func disasmSource() throws {
        let r = try CLI.run(["disasm", CLI.program("save_restore_v9.S").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("<prepare_resume_ctx>:"))
        #expect(r.stdout.contains("stp\tx29, x30, [x0, #80]"))
        #expect(r.stdout.contains("mrs\tx2, vbar_el2"))
    }

    @Test("bad assembly: exit 2 and one line naming file:line:column")
    func badAssembly() throws {
        let dir = try TemporaryDirectory()
        let path = try CLI.write("_start:\n    mov x0, #1\n    frob x1, x2\n", as: "bad.S", in: dir)
        for args in [["run", path], ["assemble", path, "-o", dir.url.appendingPathComponent("o.bin").path], ["disasm", path]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1, "\(r.stderr)")
            #expect(r.stderr.hasPrefix("\(path):3:5: error:"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("o.bin").path), "no half-written output")
    }

    static let exitCases: [([String], Int32)] = [
        (["run", "/nonexistent/x.S"], 2), (["run", "a.S", "--max-steps", "lots"], 2),
        (["run", "a.S", "--dump", "nocolon"], 2), (["frobnicate"], 2), (["assemble", "a.S"], 2),
        (["--help"], 0), (["run", "--help"], 0), (["assemble", "--help"], 0), (["disasm", "--help"], 0), ([], 0),
    ]

    @Test("usage errors and missing files exit 2; --help exits 0", arguments: exitCases)
    func exitCodes(args: [String], status: Int32) throws {
        let r = try CLI.run(args)
        #expect(r.status == status, "\(args): \(r.stderr)")
        if status == 0 { #expect(r.stdout.contains("USAGE") || r.stdout.contains("Usage") || r.stdout.contains("OVERVIEW")) }
        else { #expect(!r.stderr.isEmpty) }
    }

    @Test("--until an unknown label is bad input, not a crash")
    func unknownUntil() throws {
        let r = try CLI.run(["run", CLI.program("save_restore_v8.S").path, "--until", "nowhere"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("nowhere"))
    }

    @Test("a base so high the image would wrap past 2^64: exit 2 naming the section, never a trap",
          arguments: ["0xfffffffffffffff0", "0xfffffffffffffffc", "0xffffffffffff0000"])
    func baseWrapsAround(base: String) throws {
        let path = try CLI.program("save_restore_v8.S").path
        let dir = try TemporaryDirectory()
        for args in [["run", path, "--base", base], ["assemble", path, "-o", dir.url.appendingPathComponent("o.bin").path, "--base", base]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("wraps around the 64-bit address space"), "\(r.stderr)")
        }
    }

    @Test("a program that fits just below 2^64 assembles like GNU ld places it",
          .enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func baseAtTopOfAddressSpace() throws {
        let source = "_start: mov x0, #1\n b .\n"
        let dir = try TemporaryDirectory()
        let path = try CLI.write(source, as: "top.S", in: dir)
        let out = dir.url.appendingPathComponent("top.bin").path
        let r = try CLI.run(["assemble", path, "-o", out, "--base", "0xffffffffffffff00"])
        #expect(r.status == 0, "\(r.stderr)")
        let gnu = try GNUToolchain.build(source: source, base: 0xffff_ffff_ffff_ff00)
        #expect(try [UInt8](Data(contentsOf: URL(fileURLWithPath: out))) == gnu.image)
        // Not in RAM: running it is bad input, not a crash.
        #expect(try CLI.run(["run", path, "--base", "0xffffffffffffff00"]).status == 2)
    }

    @Test("assemble replaces an existing output; a failed assemble leaves the old file untouched")
    func outputFileIsReplacedAtomically() throws {
        let dir = try TemporaryDirectory()
        let good = try CLI.write("_start: mov x0, #1\n b .\n", as: "good.S", in: dir)
        let bad = try CLI.write("_start: frob x0\n", as: "bad.S", in: dir)
        let out = dir.url.appendingPathComponent("out.bin")
        try Data("the user's old bytes".utf8).write(to: out)
        #expect(try CLI.run(["assemble", good, "-o", out.path]).status == 0)
        #expect(try Data(contentsOf: out) == Data([0x20, 0x00, 0x80, 0xd2, 0x00, 0x00, 0x00, 0x14]))
        #expect(try CLI.run(["assemble", good, "-o", out.path]).status == 0, "a second write over the same file")
        #expect(try Data(contentsOf: out).count == 8)
        #expect(try CLI.run(["assemble", bad, "-o", out.path]).status == 2)
        #expect(try Data(contentsOf: out).count == 8, "bad input changes nothing")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty, "no temporary files left behind: \(leftovers)")
    }
}
