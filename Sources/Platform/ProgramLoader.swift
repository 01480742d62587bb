import Foundation
import Assembler
import SafeIO

/// Turns what the user names on the command line into a loadable image: an assembly source
/// (`.S`/`.s`, assembled at `base`) or a raw image (`.bin`, loaded at `base`, entered at `base`).
public enum ProgramLoader {
    /// Where a bare program's `.text` goes (SPEC §5).
    public static let defaultBase: UInt64 = 0x4008_0000

    public static func load(path: String, base: UInt64) throws -> LoadedImage {
        if isAssembly(path) {
            let program = try assemble(path: path, base: base)
            return program.loadedImage
        }
        let data = try readFile(path, limit: maxImageBytes)
        return LoadedImage(base: base, bytes: [UInt8](data), entry: base)
    }

    /// Assembles a source file with `.text` at `base`.
    public static func assemble(path: String, base: UInt64) throws -> Program {
        return try Assembler.assemble(file: URL(fileURLWithPath: path), options: AssemblerOptions(base: base))
    }

    /// Whether the path names assembly source (by suffix).
    public static func isAssembly(_ path: String) -> Bool {
        path.hasSuffix(".S") || path.hasSuffix(".s") || path.hasSuffix(".asm")
    }

    /// Reads a file the user named (at most `limit` bytes; a regular file), turning every
    /// failure into a bad-input error naming the file.
    public static func readFile(_ path: String, limit: Int = InputFile.maxTextBytes) throws -> Data {
        do { return Data(try InputFile.read(path, limit: limit)) } catch let e as InputFileError {
            throw ProgramLoadError(e.description)
        }
    }

    /// The largest raw image `run` and `disasm` take: the RAM it would be loaded into.
    public static let maxImageBytes = 128 << 20

    /// Writes `data` to `path` atomically (see `AtomicFile`: symlinks followed, mode kept,
    /// only regular files replaced, no temporary file left behind).
    public static func writeAtomically(_ data: Data, to path: String) throws {
        try AtomicFile.write(data, to: path)
    }
}

/// A file that cannot be loaded: bad input (exit 2).
public struct ProgramLoadError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

extension Program {
    /// The image, entry and symbols as the machine loads them.
    public var loadedImage: LoadedImage {
        var syms: [String: UInt64] = [:]
        for s in symbols.all { syms[s.name] = s.address }
        return LoadedImage(base: base, bytes: image, entry: entry, symbols: syms)
    }
}
