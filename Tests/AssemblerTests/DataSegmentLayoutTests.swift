import Foundation
import Testing
import TestSupport
@testable import Assembler

/// Where `.data` and `.bss` land after `.text`: ld's DATA_SEGMENT_ALIGN picks between keeping the
/// offset within the 64 KiB page and starting on the next 4 KiB page, whichever makes the data
/// segment span fewer pages. Checked against the real ld over sizes around page boundaries.
@Suite(.enabled(if: ExternalTool.binutils.shouldRun, Comment(rawValue: ExternalTool.binutils.skipReason)))
struct DataSegmentLayoutTests {
    static func source(text: Int, data: Int, bss: Int) -> String {
        """
                .text
        _start: b .
                .skip \(text - 4)
                .data
        d:      .skip \(data)
                .bss
        z:      .skip \(bss)
        """
    }

    static func nm(_ elf: URL) throws -> [String: UInt64] {
        let r = try ProcessRunner.run("aarch64-linux-gnu-nm", [elf.path])
        var out: [String: UInt64] = [:]
        for line in r.stdout.split(separator: "\n") {
            let p = line.split(separator: " ")
            if p.count == 3, let v = UInt64(p[0], radix: 16) { out[String(p[2])] = v }
        }
        return out
    }

    @Test("data and bss addresses and the image equal ld's", arguments: [
        (0xf90, 0x180, 0), (0xf90, 0x60, 0), (0xf90, 0x70, 0), (0xf90, 0x71, 0), (0xff0, 0x20, 0),
        (0x1000, 0x180, 0), (0x10, 0x10, 0), (0xf90, 0x40, 0x60), (0xf90, 0x10, 0x1000), (0x2f00, 0x1f0, 0x20),
        (0xfff8, 0x10, 0), (0x10f90, 0x180, 0),
    ])
    func matchesLD(text: Int, data: Int, bss: Int) throws {
        let src = Self.source(text: text, data: data, bss: bss)
        let ours = try Assembler.assemble(source: src)
        let gnu = try GNUToolchain.build(source: src)
        let symbols = try Self.nm(gnu.elf)
        #expect(ours.symbols.address(of: "d") == symbols["d"], "text \(String(text, radix: 16)) data \(String(data, radix: 16))")
        if bss > 0 { #expect(ours.symbols.address(of: "z") == symbols["z"]) }
        #expect(ours.image == gnu.image)
    }
}
