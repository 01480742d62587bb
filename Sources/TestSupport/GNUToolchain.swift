import Foundation

/// Drives GNU binutils for aarch64 the way the references are defined:
/// `aarch64-linux-gnu-as` + `aarch64-linux-gnu-ld -Ttext=BASE` + `objcopy -O binary`, and `objdump -d`.
public enum GNUToolchain {
    public struct Build: Sendable {
        /// The raw image (objcopy -O binary).
        public let image: [UInt8]
        /// Path of the linked ELF (valid while the directory lives).
        public let elf: URL
        /// The directory holding the files; keep it alive while using `elf`.
        public let directory: TemporaryDirectory
    }

    /// Assembles, links with `.text` at `base`, and extracts the raw image.
    /// `extraSources` are written beside the main file (for `#include`) as name -> text.
    /// Files with a `.S` suffix go through the C preprocessor like Xen's build (`as` via `gcc -E` is
    /// not available for aarch64 here, so `.S` text is passed with `-x assembler-with-cpp` only
    /// when a cross gcc exists; otherwise plain `as` is used and sources must avoid `#` directives).
    /// `entry` is the ELF entry (`ld -e`): a symbol or an address; QEMU's `-kernel` starts there.
    public static func build(source: String, base: UInt64 = 0x4008_0000,
                             extraSources: [String: String] = [:], entry: String = "0") throws -> Build {
        let dir = try TemporaryDirectory(prefix: "gnu")
        let src = dir.url.appendingPathComponent("prog.s")
        try source.write(to: src, atomically: true, encoding: .utf8)
        for (name, text) in extraSources {
            try text.write(to: dir.url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let obj = dir.url.appendingPathComponent("prog.o").path
        let elf = dir.url.appendingPathComponent("prog.elf")
        let bin = dir.url.appendingPathComponent("prog.bin").path
        let asr = try ProcessRunner.run("aarch64-linux-gnu-as", ["-o", obj, src.path], currentDirectory: dir.url)
        guard asr.status == 0 else { throw ToolError("aarch64-linux-gnu-as failed:\n\(asr.stderr)") }
        let ld = try ProcessRunner.run("aarch64-linux-gnu-ld",
                                       ["-Ttext=0x\(String(base, radix: 16))", "--no-warn-rwx-segments", "-e", entry, "-o", elf.path, obj],
                                       currentDirectory: dir.url)
        guard ld.status == 0 else { throw ToolError("aarch64-linux-gnu-ld failed:\n\(ld.stderr)") }
        let oc = try ProcessRunner.run("aarch64-linux-gnu-objcopy", ["-O", "binary", elf.path, bin])
        guard oc.status == 0 else { throw ToolError("objcopy failed:\n\(oc.stderr)") }
        let data = try Data(contentsOf: URL(fileURLWithPath: bin))
        return Build(image: [UInt8](data), elf: elf, directory: dir)
    }

    /// One line of `objdump -d` output: address, word, and the disassembly text with
    /// whitespace normalised and `<symbol>` annotations and `//` comments removed.
    public struct DisassembledLine: Sendable, Equatable {
        public let address: UInt64
        public let word: UInt32
        public let text: String
    }

    /// Normalises disassembly text for comparison: collapses whitespace, drops `// ...` comments
    /// and ` <symbol+off>` annotations.
    public static func normalise(_ text: String) -> String {
        var t = text
        if let r = t.range(of: "//") { t = String(t[..<r.lowerBound]) }
        if let r = t.range(of: "<") { t = String(t[..<r.lowerBound]) }
        return t.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// Runs `objdump -d` on an ELF and returns its instruction lines.
    public static func objdump(elf: URL) throws -> [DisassembledLine] {
        let r = try ProcessRunner.run("aarch64-linux-gnu-objdump", ["-d", "-z", elf.path])
        guard r.status == 0 else { throw ToolError("objdump failed:\n\(r.stderr)") }
        var lines: [DisassembledLine] = []
        for line in r.stdout.split(separator: "\n") {
            // "40080000:\td2800020 \tmov\tx0, #0x1                   \t// #1"
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count >= 3, parts[0].hasSuffix(":"),
                  let addr = UInt64(parts[0].dropLast().trimmingCharacters(in: .whitespaces), radix: 16),
                  let word = UInt32(parts[1].trimmingCharacters(in: .whitespaces), radix: 16)
            else { continue }
            lines.append(DisassembledLine(address: addr, word: word, text: normalise(String(parts[2]))))
        }
        return lines
    }
}
