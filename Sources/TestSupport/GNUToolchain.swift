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
        try build(sources: [(name: "prog", text: source)], base: base, extraFiles: extraSources, entry: entry)
    }

    /// Assembles each source as its own object (`as`) and links the objects in the given order
    /// (`ld -Ttext=BASE`), then extracts the raw image. `extraFiles` are written beside the
    /// sources (headers), as relative path -> text.
    /// `script`, when given, is the linker script (`ld -T`) instead of `-Ttext=BASE`.
    public static func build(sources: [(name: String, text: String)], base: UInt64 = 0x4008_0000,
                             extraFiles: [String: String] = [:], entry: String = "0", script: String? = nil) throws -> Build {
        let dir = try TemporaryDirectory(prefix: "gnu")
        for (name, text) in extraFiles {
            let url = dir.url.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        var objects: [String] = []
        for (k, (name, text)) in sources.enumerated() {
            let src = dir.url.appendingPathComponent("unit\(k)-\((name as NSString).lastPathComponent).s")
            try text.write(to: src, atomically: true, encoding: .utf8)
            let obj = dir.url.appendingPathComponent("unit\(k).o").path
            let r = try ProcessRunner.run("aarch64-linux-gnu-as", ["-o", obj, src.path], currentDirectory: dir.url)
            guard r.status == 0 else { throw ToolError("aarch64-linux-gnu-as failed on \(name):\n\(r.stderr)") }
            objects.append(obj)
        }
        let elf = dir.url.appendingPathComponent("prog.elf")
        let bin = dir.url.appendingPathComponent("prog.bin").path
        var layout = ["-Ttext=0x\(String(base, radix: 16))"]
        if let script {
            let lds = dir.url.appendingPathComponent("link.lds")
            try script.write(to: lds, atomically: true, encoding: .utf8)
            layout = ["-T", lds.path]
        }
        let ld = try ProcessRunner.run("aarch64-linux-gnu-ld",
                                       layout + ["--no-warn-rwx-segments", "-e", entry, "-o", elf.path] + objects,
                                       currentDirectory: dir.url)
        guard ld.status == 0 else { throw ToolError("aarch64-linux-gnu-ld failed:\n\(ld.stderr)") }
        let oc = try ProcessRunner.run("aarch64-linux-gnu-objcopy", ["-O", "binary", elf.path, bin])
        guard oc.status == 0 else { throw ToolError("objcopy failed:\n\(oc.stderr)") }
        let data = try Data(contentsOf: URL(fileURLWithPath: bin))
        return Build(image: [UInt8](data), elf: elf, directory: dir)
    }

    /// The host C preprocessor as gcc -E -x assembler-with-cpp runs for an aarch64 `.S` (the
    /// host has no aarch64 gcc): `-undef -nostdinc` keep host macros out; `arguments` carry the
    /// `-I`, `-D` and `-include` options. Line markers are left out (`-P`).
    public static func preprocess(_ file: URL, arguments: [String], currentDirectory: URL? = nil) throws -> String {
        let r = try ProcessRunner.run("cpp", ["-P", "-undef", "-nostdinc", "-x", "assembler-with-cpp"] + arguments + [file.path],
                                      currentDirectory: currentDirectory ?? file.deletingLastPathComponent())
        guard r.status == 0 else { throw ToolError("cpp failed on \(file.lastPathComponent): \(r.stderr)") }
        return r.stdout
    }

    /// `nm` of a linked ELF: every symbol with its value, as (name, value) in nm's order
    /// (linker-defined and `$x`/`$d` mapping symbols included).
    public static func nm(_ elf: URL) throws -> [(String, UInt64)] {
        let r = try ProcessRunner.run("aarch64-linux-gnu-nm", [elf.path])
        guard r.status == 0 else { throw ToolError("nm failed: \(r.stderr)") }
        var out: [(String, UInt64)] = []
        for line in r.stdout.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 3, let v = UInt64(parts[0], radix: 16) else { continue }
            out.append((String(parts[2]), v))
        }
        return out
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
