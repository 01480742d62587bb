import Foundation
import Testing
import TestSupport

/// Inputs too large to be useful are refused at once, by a limit the message names, instead of
/// costing minutes and gigabytes before an error (a 50 MB .S took 53 s and 2.7 GB).
@Suite struct LargeInputTests {
    /// A sparse file of `size` bytes (no disk used).
    func sparse(_ dir: TemporaryDirectory, _ name: String, size: Int) throws -> String {
        let path = dir.url.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("_start: nop\n".utf8)))
        #expect(truncate(path, off_t(size)) == 0)
        return path
    }

    @Test func aFiftyMegabyteSourceIsRefusedByTheLimit() throws {
        let dir = try TemporaryDirectory(prefix: "big")
        let source = try sparse(dir, "big.S", size: 50 << 20)
        for args in [["assemble", source, "-o", dir.url.appendingPathComponent("o.bin").path], ["disasm", source], ["run", source], ["check", source]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args[0])")
            #expect(r.stderr.contains("big.S") && r.stderr.contains("52428800 bytes, more than the 8 MiB"), "\(args[0]): \(r.stderr)")
        }
        // Through #include too: the whole input is bounded.
        let including = try CLI.write((0..<3).map { _ in "#include \"part.S\"\n" }.joined(), as: "inc.S", in: dir)
        _ = try CLI.write(String(repeating: "    nop\n", count: (3 << 20) / 8), as: "part.S", in: dir)
        let r = try CLI.run(["assemble", including, "-o", dir.url.appendingPathComponent("o.bin").path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("inc.S:3:10: error: cannot read included file \"part.S\""), "\(r.stderr)")
    }

    @Test func anImageLargerThanRAMIsRefused() throws {
        let dir = try TemporaryDirectory(prefix: "big")
        let image = try sparse(dir, "huge.bin", size: (128 << 20) + 4)
        let r = try CLI.run(["disasm", image])
        #expect(r.status == 2)
        #expect(r.stderr.contains("more than the 128 MiB this input may have"), "\(r.stderr)")
    }

    /// A large image is listed as a stream: the same text as the whole listing.
    @Test func disasmStreamsLargeImages() throws {
        let dir = try TemporaryDirectory(prefix: "big")
        var rng = SplitMix64(seed: 16)
        var bytes: [UInt8] = []
        for _ in 0..<(300_000 / 8) { withUnsafeBytes(of: rng.next()) { bytes += $0 } }
        bytes += [1, 2]
        let path = dir.url.appendingPathComponent("r.bin")
        try Data(bytes).write(to: path)
        let r = try CLI.run(["disasm", path.path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 300_000 / 4 + 1)
        #expect(lines.last?.hasSuffix("01 02\t(trailing bytes)") == true)
    }
}
