import Testing
import TestSupport

@Test(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
func gnuToolchainBuildsAndDisassembles() throws {
    let b = try GNUToolchain.build(source: ".text\n_start: mov x0, #1\n b _start\n")
    #expect(b.image == [0x20, 0x00, 0x80, 0xd2, 0xff, 0xff, 0xff, 0x17])
    let lines = try GNUToolchain.objdump(elf: b.elf)
    #expect(lines.map(\.text) == ["mov x0, #0x1", "b 40080000"])
}
