import Assembler
import Foundation
@testable import Platform
import Testing
import TestSupport

/// The scenario ELF read by the real tools: binutils' readelf and objdump, and gdb.
@Suite struct ELFTests {
    static func write(_ name: String = "v9") throws -> (BuiltScenario, URL, TemporaryDirectory) {
        let built = try BuiltinScenarios.resolve(name).build()
        let dir = try TemporaryDirectory(prefix: "elf")
        let url = try ScenarioELF.write(built, to: dir.url)
        return (built, url, dir)
    }

    @Test func headerAndLEB128() throws {
        let (built, url, dir) = try Self.write()
        defer { withExtendedLifetime(dir) {} }
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(Array(bytes[0..<7]) == [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1])
        #expect(bytes[18] == 183)   // EM_AARCH64
        var w = ByteWriter()
        w.uleb(624485); w.sleb(-123456); w.sleb(63); w.sleb(-64); w.sleb(64)
        #expect(w.bytes == [0xe5, 0x8e, 0x26, 0xc0, 0xbb, 0x78, 0x3f, 0x40, 0xc0, 0x00])
        // The sources it names were written beside it.
        for f in ["boot.S", "head.S", "suspend.S", "suspend.h"] {
            #expect(FileManager.default.fileExists(atPath: url.deletingLastPathComponent().appendingPathComponent(f).path))
        }
        #expect(ScenarioELF.sourceFiles(built)["head.S"] != nil)
    }

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func readelfSeesSectionsSegmentsAndSymbols() throws {
        let (built, url, dir) = try Self.write()
        defer { withExtendedLifetime(dir) {} }
        let r = try ProcessRunner.run("aarch64-linux-gnu-readelf", ["-W", "-h", "-S", "-l", "-s", url.path])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "readelf complained: \(r.stderr)")
        #expect(r.stdout.contains("Machine:                           AArch64"))
        #expect(r.stdout.contains("EXEC (Executable file)"))
        for s in [".text", ".data", ".bss", ".debug_info", ".debug_line", ".debug_abbrev", ".debug_aranges", ".symtab", ".strtab"] {
            #expect(r.stdout.contains(" \(s) "), "no section \(s)")
        }
        // Each section loads at its link address, from the physical load address.
        let text = try #require(built.program.sections.first { $0.name == ".text" })
        let vaddr = "0x" + String(repeating: "0", count: 16 - String(text.address, radix: 16).count) + String(text.address, radix: 16)
        let paddr = String(built.physical(text.address), radix: 16)
        #expect(r.stdout.split(separator: "\n").contains { $0.contains("LOAD") && $0.contains(vaddr) && $0.contains(paddr) })
        // Symbols with their kinds and sizes (Xen's FUNC()/END()).
        let hyp = try #require(built.program.symbols["hyp_resume"])
        #expect(r.stdout.split(separator: "\n").contains {
            $0.hasSuffix(" hyp_resume") && $0.contains(String(hyp.address, radix: 16)) && $0.contains("FUNC") && $0.contains(" \(hyp.size ?? 0) ")
        })
        #expect(r.stdout.contains(" resume_cpu_context"))
        #expect(r.stdout.contains(" $x"))
    }

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func objdumpDecodesTheLineTableAsTheAssemblerMappedIt() throws {
        let (built, url, dir) = try Self.write()
        defer { withExtendedLifetime(dir) {} }
        let r = try ProcessRunner.run("aarch64-linux-gnu-objdump", ["--dwarf=decodedline", url.path])
        #expect(r.status == 0)
        #expect(!r.stderr.contains("Warning") && !r.stderr.contains("Error"), Comment(rawValue: r.stderr))
        // Every instruction's row: file, line, address.
        var rows = Set<String>()
        for line in r.stdout.split(separator: "\n") {
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            if f.count >= 3, f[0].hasSuffix(".S") || f[0].hasSuffix(".h"), let l = Int(f[1]), f[2].hasPrefix("0x") {
                rows.insert("\(f[0]):\(l)@\(f[2])")
            }
        }
        let expected = built.program.lineMap.entries.filter(\.isInstruction)
        #expect(!expected.isEmpty)
        for e in expected { #expect(rows.contains("\(e.location.file):\(e.location.line)@0x\(String(e.address, radix: 16))")) }
        // The compile units and the struct, as readelf/objdump see them.
        let info = try ProcessRunner.run("aarch64-linux-gnu-objdump", ["--dwarf=info", url.path])
        #expect(info.stdout.contains("DW_AT_language    : 32769\t(MIPS assembler)"))
        #expect(info.stdout.contains("DW_AT_language    : 12\t(ANSI C99)"))
        #expect(info.stdout.contains("DW_AT_name        : resume_cpu_context"))
        #expect(info.stdout.contains("DW_AT_data_member_location: 96"))
        // The mapping symbols make objdump show data as data.
        let dis = try ProcessRunner.run("aarch64-linux-gnu-objdump", ["-d", url.path])
        #expect(dis.stdout.contains("<hyp_resume>:"))
        #expect(dis.stdout.contains(".word"))
    }

    @Test(.enabled(if: ExternalTool.gdb.shouldRun, Comment(rawValue: ExternalTool.gdb.skipReason)))
    func gdbReadsSymbolsSourceAndTheContextStruct() throws {
        let (built, url, dir) = try Self.write()
        defer { withExtendedLifetime(dir) {} }
        let hyp = try #require(built.symbol("hyp_resume"))
        let ctx = try #require(built.symbol("resume_cpu_context"))
        let r = try ProcessRunner.run("gdb-multiarch", ["-nx", "-batch", "-ex", "file \(url.path)", "-ex", "info line hyp_resume",
                                                        "-ex", "list hyp_resume", "-ex", "ptype resume_cpu_context",
                                                        "-ex", "p sizeof(resume_cpu_context)", "-ex", "p &resume_cpu_context.sp",
                                                        "-ex", "info symbol 0x\(String(hyp + 8, radix: 16))"])
        let out = r.stdout + r.stderr
        let line = try #require(built.program.lineMap.location(at: hyp))
        #expect(out.contains("Line \(line.line) of \"head.S\" starts at address 0x\(String(hyp, radix: 16)) <hyp_resume>"))
        #expect(out.contains("FUNC(hyp_resume)"))
        #expect(out.contains("type = struct resume_cpu_context {\n    register_t callee_regs[12];\n    register_t sp;"))
        #expect(out.contains("= \(built.layout.size)"))
        #expect(out.contains("(register_t *) 0x\(String(ctx + 96, radix: 16)) <resume_cpu_context+96>"))
        #expect(out.contains("hyp_resume + 8 in section .text"))
        #expect(!out.contains("warning"), Comment(rawValue: out))
    }
}
