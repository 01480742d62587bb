import Foundation
import Assembler

/// The ELF64 of a built scenario, for debuggers that read symbols and source themselves (gdb,
/// lldb, objdump): its sections at their link addresses (each loaded at the image's physical
/// load address), its symbols (with the `$x`/`$d` mapping symbols binutils writes), a DWARF line
/// table naming its source files, and the context struct's type and variable.
///
/// The source files are written beside it (the line table names them relative to that folder),
/// exactly as assembled: a built-in scenario's files, a folder's files with the base scenario's
/// and its edits, a bare program's includes.
public enum ScenarioELF {
    public static let producer = "SuspendScope assembler (GNU as syntax)"

    /// The ELF for `built`, whose line table names sources relative to `sourceDirectory`.
    public static func make(_ built: BuiltScenario, sourceDirectory: String) -> ELFFile {
        let p = built.program
        var sections: [ELFFile.Section] = []
        for s in p.sections where s.size > 0 {
            var flags = ELFFile.shfAlloc
            if s.isCode { flags |= ELFFile.shfExec } else if !s.name.hasPrefix(".rodata") { flags |= ELFFile.shfWrite }
            let offset = Int(s.address &- p.base)
            let bytes = s.inImage && offset >= 0 && offset + Int(s.size) <= p.image.count ? Array(p.image[offset..<(offset + Int(s.size))]) : []
            sections.append(ELFFile.Section(name: s.name, type: s.inImage ? ELFFile.shtProgbits : ELFFile.shtNobits, flags: flags,
                                            address: s.address, loadAddress: built.physical(s.address), bytes: bytes, size: s.size,
                                            alignment: s.isCode ? 4 : 8))
        }
        var symbols: [ELFFile.Symbol] = []
        for s in p.symbols.all {
            let type: UInt8
            switch s.kind {
            case .function: type = ELFFile.sttFunc
            case .object: type = ELFFile.sttObject
            case .label, .constant: type = ELFFile.sttNotype
            }
            symbols.append(ELFFile.Symbol(name: s.name, value: s.address, size: s.size ?? 0, type: type,
                                          binding: s.isGlobal ? ELFFile.stbGlobal : ELFFile.stbLocal,
                                          section: s.kind == .constant ? nil : s.section))
        }
        symbols += mappingSymbols(p)

        let rows = p.lineMap.entries.filter(\.isInstruction).map {
            DWARFWriter.Row(address: $0.address, file: $0.location.file, line: $0.location.line)
        }
        let codeEnd = p.sections.filter(\.isCode).map { $0.address &+ $0.size }.max() ?? p.end
        var variables: [DWARFWriter.StructVariable] = []
        if let a = built.symbol(built.manifest.contextSymbol) {
            variables.append(DWARFWriter.StructVariable(name: built.manifest.contextSymbol, address: a, layout: built.layout))
        }
        let dwarf = DWARFWriter(producer: producer, name: built.manifest.sources.first ?? built.manifest.name,
                                compilationDirectory: sourceDirectory, rows: rows, lowPC: p.base, highPC: max(codeEnd, p.base),
                                variables: variables, declarationFile: built.manifest.structHeader)
        for (name, bytes) in dwarf.sections() {
            sections.append(ELFFile.Section(name: name, type: ELFFile.shtProgbits, flags: 0, bytes: bytes, alignment: 1))
        }
        let m = built.manifest
        let entry = m.entry.isEmpty ? p.entry : (p.symbols.address(of: m.entry) ?? p.entry)
        return ELFFile(entry: entry, sections: sections, symbols: symbols)
    }

    /// `$x` where code starts and `$d` where data starts in the image, as binutils marks them
    /// (disassemblers show data as data).
    static func mappingSymbols(_ p: Program) -> [ELFFile.Symbol] {
        var out: [ELFFile.Symbol] = []
        for s in p.sections where s.inImage && s.size > 0 {
            var last: Program.WordKind?
            var a = s.address
            while a < s.address &+ s.size {
                let k = p.wordKind(at: a) ?? .data
                if k != last {
                    out.append(ELFFile.Symbol(name: k == .instruction ? "$x" : "$d", value: a, type: ELFFile.sttNotype,
                                              binding: ELFFile.stbLocal, section: s.name))
                    last = k
                }
                a &+= 4
            }
        }
        return out
    }

    /// The source files the line table names, by name, with their text: the scenario's own
    /// files, and files a bare program included from its folder. Names that would leave the
    /// folder (absolute, or with a `..` part) are left out.
    public static func sourceFiles(_ built: BuiltScenario) -> [String: String] {
        var out: [String: String] = [:]
        let named = Set(built.program.lineMap.entries.map(\.location.file))
        for (name, text) in built.scenario.files where isSafe(name) { out[name] = text }
        for name in named where out[name] == nil && isSafe(name) {
            if let dir = built.scenario.includeDirectory,
               let d = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) {
                out[name] = String(decoding: d, as: UTF8.self)
            }
        }
        return out
    }

    static func isSafe(_ name: String) -> Bool {
        !name.isEmpty && !name.hasPrefix("/") && !name.split(separator: "/").contains("..") && !name.contains("\0")
    }

    /// Writes the source files and the ELF (`elfName`, default NAME.elf) into `directory`
    /// (created if needed), each atomically; returns the ELF's path. With `sourceDirectory`,
    /// the sources are taken to be there already and the line table names that folder.
    @discardableResult
    public static func write(_ built: BuiltScenario, to directory: URL, elfName: String? = nil,
                             writeSources: Bool = true, sourceDirectory: URL? = nil) throws -> URL {
        let fm = FileManager.default
        do { try fm.createDirectory(at: directory, withIntermediateDirectories: true) } catch {
            throw ScenarioError("\(directory.path): cannot create the folder: \(error.localizedDescription)")
        }
        if writeSources && sourceDirectory == nil {
            for (name, text) in sourceFiles(built).sorted(by: { $0.key < $1.key }) {
                let url = directory.appendingPathComponent(name)
                try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try ProgramLoader.writeAtomically(Data(text.utf8), to: url.path)
            }
        }
        let sources = (sourceDirectory ?? directory).standardizedFileURL.path
        let url = directory.appendingPathComponent(elfName ?? "\(built.manifest.name).elf")
        try ProgramLoader.writeAtomically(Data(make(built, sourceDirectory: sources).bytes()), to: url.path)
        return url
    }
}
