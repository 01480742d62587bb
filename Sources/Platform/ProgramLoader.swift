import Foundation
import Assembler

/// Turns what the user names on the command line into a loadable image: an assembly source
/// (`.S`/`.s`, assembled at `base`) or a raw image (`.bin`, loaded at `base`, entered at `base`).
public enum ProgramLoader {
    /// Where a bare program's `.text` goes (SPEC §5).
    public static let defaultBase: UInt64 = 0x4008_0000

    public static func load(path: String, base: UInt64, preprocessor: PreprocessorSettings = PreprocessorSettings()) throws -> LoadedImage {
        if isAssembly(path) {
            let program = try assemble(paths: [path], base: base, preprocessor: preprocessor)
            return program.loadedImage
        }
        let data = try readFile(path)
        return LoadedImage(base: base, bytes: [UInt8](data), entry: base)
    }

    /// Assembles a source file with `.text` at `base`.
    public static func assemble(path: String, base: UInt64) throws -> Program {
        try assemble(paths: [path], base: base)
    }

    /// Assembles each source file as its own unit and links them in order with `.text` at
    /// `base`, with the `-I`/`-include`/`-D` settings of the command line.
    public static func assemble(paths: [String], base: UInt64, preprocessor: PreprocessorSettings = PreprocessorSettings()) throws -> Program {
        for d in preprocessor.includeDirectories {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: d, isDirectory: &isDir), isDir.boolValue else {
                throw ProgramLoadError("-I \(d): no such directory")
            }
        }
        // Units are named as the user wrote the paths (diagnostics then read "head.S:12:3").
        let units = try paths.map { p in
            SourceUnit(name: p, bytes: [UInt8](try readFile(p)), directory: URL(fileURLWithPath: p).deletingLastPathComponent())
        }
        return try Assembler.link(units, options: preprocessor.options(base: base))
    }

    /// Whether the path names assembly source (by suffix).
    public static func isAssembly(_ path: String) -> Bool {
        path.hasSuffix(".S") || path.hasSuffix(".s") || path.hasSuffix(".asm")
    }

    /// Reads a file, turning I/O failures into a bad-input error naming the file.
    public static func readFile(_ path: String) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ProgramLoadError("\(path): no such file")
        }
        guard !isDir.boolValue else { throw ProgramLoadError("\(path): is a directory, expected a file") }
        guard let d = FileManager.default.contents(atPath: path) else { throw ProgramLoadError("\(path): cannot read the file") }
        return d
    }

    /// Writes through a temporary file in the same directory and renames it into place, so a
    /// failed write never leaves a half-written file where the user's file was.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try data.write(to: tmp)
        // rename(2) replaces the destination atomically. (Foundation's replaceItemAt on Linux
        // removed an existing destination and then failed, losing the user's file.)
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw ProgramLoadError("\(path): cannot write the file: \(reason)")
        }
    }
}

/// `-I DIR`, `-include FILE` and `-D NAME[=VALUE]` as given on the command line.
public struct PreprocessorSettings: Sendable {
    public var includeDirectories: [String]
    public var preincludes: [String]
    /// `NAME` or `NAME=VALUE` (`-DNAME` defines NAME as 1, as cpp does).
    public var defines: [String]
    public init(includeDirectories: [String] = [], preincludes: [String] = [], defines: [String] = []) {
        self.includeDirectories = includeDirectories; self.preincludes = preincludes; self.defines = defines
    }
    public var isEmpty: Bool { includeDirectories.isEmpty && preincludes.isEmpty && defines.isEmpty }

    /// `-D` arguments as name -> value.
    public var defineTable: [String: String] {
        var d: [String: String] = [:]
        for x in defines {
            if let eq = x.firstIndex(of: "=") { d[String(x[..<eq])] = String(x[x.index(after: eq)...]) } else { d[x] = "1" }
        }
        return d
    }

    public func options(base: UInt64) -> AssemblerOptions {
        AssemblerOptions(base: base, defines: defineTable, includeSearch: includeDirectories.map { URL(fileURLWithPath: $0) },
                         preincludes: preincludes)
    }

    /// A scenario with these settings added to its manifest (`[config]`, `include`, `preinclude`),
    /// paths as given (relative to the working directory).
    public func applied(to scenario: Scenario) -> Scenario {
        var s = scenario
        let cwd = FileManager.default.currentDirectoryPath
        func absolute(_ p: String) -> String { p.hasPrefix("/") ? p : cwd + "/" + p }
        s.manifest.includeDirectories += includeDirectories.map(absolute)
        s.manifest.preincludes += preincludes.map { scenario.files[$0] != nil ? $0 : absolute($0) }
        for (k, v) in defineTable.sorted(by: { $0.key < $1.key }) {
            s.manifest.config.removeAll { $0.0 == k }
            s.manifest.config.append((k, v))
        }
        return s
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
