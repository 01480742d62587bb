import Foundation
import Testing
@testable import Assembler
import TestSupport

/// Linking by a script shaped like Xen's `xen.lds.S` (the idmap sections first, page-aligned
/// .rodata and .data, .bss last, `_end` page aligned), checked byte for byte and symbol by symbol
/// against GNU ld given the same script (`LinkerScript.ldText`).
@Suite struct LinkerScriptTests {
    static let script = LinkerScript([
        .symbol("_start"),
        .section(.init(".text", fill: [0x90, 0x90], [
            .symbol("_stext"), .symbol("_idmap_start"),
            .inputs([".text.header"]), .inputs([".text.idmap"]), .inputs([".rodata.idmap"]), .inputs([".data.idmap"]),
            .symbol("_idmap_end"),
            .inputs([".text.cold"]), .inputs([".text.unlikely", ".text.*_unlikely", ".text.unlikely.*"]),
            .inputs([".text"]),
            .symbol("_etext"),
        ])),
        .align(0x1000),
        .section(.init(".rodata", [.symbol("_srodata"), .inputs([".rodata"]), .inputs([".rodata.*"]), .align(4), .symbol("__proc_info_start"),
                                   .inputs([".proc.info"]), .symbol("__proc_info_end")])),
        .symbol("_erodata"),
        .align(0x1000),
        .section(.init(".data.ro_after_init", [.symbol("__ro_after_init_start"), .inputs([".data.ro_after_init"]), .align(0x1000),
                                               .symbol("__ro_after_init_end")])),
        .align(128),
        .section(.init(".data", [.inputs([".data.page_aligned"]), .inputs([".data", ".data.*"])])),
        .align(0x1000),
        .symbol("__init_begin"),
        .section(.init(".init.text", [.symbol("_sinittext"), .inputs([".init.text"]), .symbol("_einittext")])),
        .symbol("__init_end_efi"),
        .align(0x8000),
        .symbol("__init_end"),
        .section(.init(".bss", [.symbol("__bss_start"), .inputs([".bss.stack_aligned"]), .inputs([".bss.page_aligned"]),
                                .inputs([".bss", ".bss.*"]), .align(8), .symbol("__bss_end")])),
        .align(0x1000),
        .symbol("_end"),
        // The image's last bytes: padding after the last input is part of the section.
        .section(.init(".tail", [.inputs([".tail"]), .align(16), .symbol("_etail")])),
    ])

    static let head = """
            .section .text.header, "ax", %progbits
            .globl start
    start:  add   x13, x18, #0x16
            b     real_start
            .quad _end - start
            .balign 8
    real_start:
            adr   x0, msg
            ldr   x1, =__bss_start
            ldr   x2, =__bss_end
            ldr   x3, =_idmap_end
            bl    helper
            b     .
            .pushsection .rodata.idmap, "aMS", %progbits, 1
    msg:    .asciz "- idmap -"
            .popsection
            .pushsection .rodata.str, "aMS", %progbits, 1
    boot:   .asciz "- Boot -"
            .popsection
            .section .text.idmap, "ax", %progbits
            .globl idmap_fn
    idmap_fn:
            ret
            .section .data.idmap, "aw", %progbits
            .balign 8
            .globl init_ttbr
    init_ttbr: .quad 0
            .text
    local_fn:
            adr   x0, boot
            ret
            .section .orphan.code, "ax", %progbits
    orphan_code: nop
            .section .orphan.ro, "a", %progbits
    orphan_ro: .word 1
    """
    static let harness = """
            .text
            .balign 16
            .globl helper
    helper: ldr   x0, =_erodata
            ret
            .section .rodata.str, "aMS", %progbits, 1
    again:  .asciz "- Boot -"
            .asciz "Boot -"
            .section .data.page_aligned, "aw", %progbits
            .balign 4096
            .globl boot_pgtable
    boot_pgtable: .skip 4096
            .data
            .globl init_data
    init_data: .quad stack
            .section .orphan.data, "aw", %progbits
    orphan_data: .quad 2
            .section .bss.stack_aligned, "aw", %nobits
            .balign 32768
    stack:  .skip 32768
            .bss
            .globl zeroed
    zeroed: .skip 24
            .section .orphan.bss, "aw", %nobits
            .skip 8
            .section .tail, "a", %progbits
            .byte 1, 2, 3
    """

    static let base: UInt64 = 0x0000_0A00_0020_0000

    static func ours() throws -> Program {
        try Assembler.link([SourceUnit(name: "head.S", bytes: Array(head.utf8)), SourceUnit(name: "harness.S", bytes: Array(harness.utf8))],
                           options: AssemblerOptions(base: base, script: script))
    }

    @Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
    func matchesGNULdWithTheSameScript() throws {
        let p = try Self.ours()
        let gnu = try GNUToolchain.build(sources: [("head.S", Self.head), ("harness.S", Self.harness)],
                                         script: Self.script.ldText(base: Self.base, entry: "start"))
        #expect(p.image.count == gnu.image.count)
        let difference = p.image == gnu.image ? "none" : CorpusTests.firstDifference(p.image, gnu.image, base: p.base)
        #expect(difference == "none")
        let theirs = try GNUToolchain.nm(gnu.elf).filter { !$0.0.hasPrefix("$") }
        func key(_ xs: [(String, UInt64)]) -> [String] { xs.map { "\($0.0)@\(String($0.1, radix: 16))" }.sorted() }
        #expect(key(p.symbols.all.map { ($0.name, $0.address) }) == key(theirs))
    }

    @Test func theIdmapSectionsComeFirstAndTheScriptSymbolsAreInTheTable() throws {
        let p = try Self.ours()
        let s = { (n: String) in p.symbols.address(of: n)! }
        #expect(s("start") == Self.base && s("_start") == Self.base && s("_stext") == Self.base)
        #expect(s("idmap_fn") < s("_idmap_end") && s("init_ttbr") < s("_idmap_end"))
        #expect(s("_idmap_end") < s("helper"))
        #expect(s("_srodata") % 0x1000 == 0 && s("_end") % 0x1000 == 0)
        #expect(s("__bss_start") <= s("stack") && s("zeroed") < s("__bss_end"))
        // Orphans follow the section of their kind.
        #expect(p.sections.map(\.name).starts(with: [".text", ".orphan.code", ".rodata", ".orphan.ro"]))
        let names = p.sections.map(\.name)
        #expect(names.firstIndex(of: ".orphan.data")! == names.firstIndex(of: ".data")! + 1)
        #expect(names.firstIndex(of: ".orphan.bss")! == names.firstIndex(of: ".bss")! + 1)
        // The two "- Boot -" strings are one.
        #expect(s("again") == s("boot"))
    }

    @Test func wildcards() {
        #expect(LinkerScript.matches(".text.*", ".text.idmap"))
        #expect(!LinkerScript.matches(".text.*", ".text"))
        #expect(LinkerScript.matches(".text.*_unlikely", ".text.foo_unlikely"))
        #expect(LinkerScript.matches(".rodata.?dmap", ".rodata.idmap"))
        #expect(!LinkerScript.matches(".data", ".data.idmap"))
        #expect(LinkerScript.matches("*", ""))
    }
}
