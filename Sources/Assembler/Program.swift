import Foundation

public struct AssemblerOptions: Sendable {
    /// Load address of `.text` (as `ld -Ttext=BASE`).
    public var base: UInt64
    /// Macros defined before the source, as `-D`: name (or `F(x)` for a function-like macro) ->
    /// body (`-DNAME` is `"1"`).
    public var defines: [String: String]
    /// Directories searched by `#include` (`-I`): after the including file's own directory for
    /// `"file"`, and alone for `<file>`.
    public var includeSearch: [URL]
    /// Generated files `#include` finds by name before looking on disk (e.g. a scenario's
    /// `asm/asm-offsets.h`), as name -> text.
    public var virtualFiles: [String: String]
    /// `-include FILE`: processed before each unit, as gcc does (found in the working directory,
    /// then on the include search list; a virtual file by its name).
    public var preincludes: [String]
    /// Whether the built-in linkage.h prelude (FUNC, END, ...) is defined before each unit.
    public var prelude: Bool
    /// The layout to link by, from `base` (nil: ld's default script, as `ld -Ttext=BASE`).
    public var script: LinkerScript?
    public init(base: UInt64 = 0x4008_0000, defines: [String: String] = [:], includeSearch: [URL] = [],
                virtualFiles: [String: String] = [:], preincludes: [String] = [], prelude: Bool = true,
                script: LinkerScript? = nil) {
        self.base = base; self.defines = defines; self.includeSearch = includeSearch
        self.virtualFiles = virtualFiles; self.preincludes = preincludes; self.prelude = prelude
        self.script = script
    }
}

/// One source file to assemble as its own unit (its own preprocessor run, macros, local
/// symbols and literal pools), as `as` assembles one object file.
public struct SourceUnit: Sendable {
    public var name: String
    public var bytes: [UInt8]
    /// Where `#include "x"` looks first (the file's directory).
    public var directory: URL?
    public init(name: String, bytes: [UInt8], directory: URL? = nil) {
        self.name = name; self.bytes = bytes; self.directory = directory
    }
    /// Reads a file; diagnostics name it by its path as given.
    public init(file: URL) throws {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw AssemblyError(SourceLocation(file: file.path, line: 0, column: 0), "cannot read file")
        }
        self.init(name: file.path, bytes: [UInt8](data), directory: file.deletingLastPathComponent())
    }
}

/// An assembled, linked program: the flat image exactly as `ld -Ttext=BASE` + `objcopy -O binary`.
public struct Program: Sendable {
    /// What a 4-byte word of the image holds.
    public enum WordKind: Sendable, Equatable {
        /// An instruction (including NOPs that pad code for alignment).
        case instruction
        /// Data: directives, literal pools, zero padding.
        case data
    }

    public struct Section: Sendable, Equatable {
        public let name: String
        public let address: UInt64
        public let size: UInt64
        public let isCode: Bool
        /// False for `.bss`-like sections, which occupy no bytes of the image.
        public let inImage: Bool
    }

    public let base: UInt64
    public let image: [UInt8]
    public let symbols: SymbolTable
    public let lineMap: LineMap
    /// `_start` if defined, else the first instruction, else `base`.
    public let entry: UInt64
    public let sections: [Section]
    /// Kind of each word of the image: index `(address - base) / 4`.
    public let wordKinds: [WordKind]
    /// Warnings (`.warning`, `#warning`, ...) and `.print` output, in the order they arose.
    public let messages: [AssemblerMessage]

    init(base: UInt64, image: [UInt8], symbols: SymbolTable, lineMap: LineMap, entry: UInt64,
         sections: [Section], wordKinds: [WordKind], messages: [AssemblerMessage] = []) {
        self.base = base; self.image = image; self.symbols = symbols; self.lineMap = lineMap
        self.entry = entry; self.sections = sections; self.wordKinds = wordKinds; self.messages = messages
    }

    /// One past the last byte of the image.
    public var end: UInt64 { base + UInt64(image.count) }

    public func wordKind(at address: UInt64) -> WordKind? {
        guard address >= base else { return nil }
        let i = (address - base) / 4
        return i < UInt64(wordKinds.count) ? wordKinds[Int(i)] : nil
    }
    public func isInstruction(at address: UInt64) -> Bool { wordKind(at: address) == .instruction }

    /// The little-endian word at `address`, if inside the image.
    public func word(at address: UInt64) -> UInt32? {
        // Addresses near 2^64 (a source view above pc 0) must not overflow `address + 4`.
        guard address >= base, address - base < UInt64(image.count), UInt64(image.count) - (address - base) >= 4 else { return nil }
        let o = Int(address - base)
        return UInt32(image[o]) | UInt32(image[o + 1]) << 8 | UInt32(image[o + 2]) << 16 | UInt32(image[o + 3]) << 24
    }
}

/// GNU as (aarch64) syntax as Xen writes it, producing the image `as` + `ld -Ttext=BASE` +
/// `objcopy -O binary` would (binutils 2.40, checked byte-for-byte by the tests).
///
/// **Units.** Each source is its own unit, as `as` makes one object per file: its own C
/// preprocessor run, macros, register aliases, local symbols (numeric labels, `.L` names and
/// every symbol not made `.globl`) and literal pools. `link(_:options:)` links the units in
/// order as `ld` does (see `Linker`).
///
/// **Preprocessing** (`Preprocessor`, `ConditionExpression`): the C preprocessor as
/// `gcc -E -x assembler-with-cpp` runs it for Xen: object- and function-like macros (`#`, `##`,
/// `__VA_ARGS__`), `#undef`, `#if` with every C operator, integer suffixes and character
/// constants, `#include "..."`/`<...>`/`MACRO` on the `-I` search list (depth ≤ 32), `-include`,
/// `-D`, `#error`, `#warning`, line markers; `__ASSEMBLER__`, `__ASSEMBLY__`, `__aarch64__` are
/// predefined, plus a prelude modelled on Xen's `linkage.h` (`FUNC`, `FUNC_LOCAL`, `END`, `DATA`,
/// `LABEL`, `ENTRY`, `GLOBAL`, `ENDPROC`, `CODE_ALIGN` = 4) that a tree's own header replaces.
/// Comments: `//`, `/* */` (multi-line); `;` separates statements.
///
/// **The macro language** (`Macros/`), as gas/macro.c and read.c implement it: `.macro`/`.endm`
/// (positional and keyword arguments, defaults, `:req`, `:vararg`, `\@`, `\()`, `&formal`,
/// nested definitions, macros named like instructions winning over them), `.purgem`, `.exitm`,
/// `.rept`/`.irp`/`.irpc`/`.endr`, the `.if` family, `.req`/`.unreq`, `.err`, `.error`,
/// `.warning`, `.print`. Statements are whitespace-squeezed as gas's scrubber does before macro
/// arguments are read. What an expansion emits is mapped to the outermost macro use, and the
/// line map records the expansion (`LineMap.expansion(at:)`); an error inside one names the body
/// line, with a note per use.
///
/// Columns in diagnostics are 1-based byte offsets in the original line (a tab counts as one);
/// text produced by a cpp macro points at the macro's name.
///
/// **GNU as behaviour reproduced** (each pinned by a test against binutils 2.40):
/// - `ldr Xt/Wt, =expr` is always a literal load, never MOVZ. Literal pools are per section and
///   per entry size; they are dumped at `.ltorg`/`.pool` and at the end of each section, the
///   4-byte pool before the 8-byte pool, each aligned to its entry size with zero bytes, entries
///   de-duplicated (same constant, or same symbolic expression).
/// - `.balign`/`.p2align`/`.align` (power of two) without a fill: in code sections zero bytes up
///   to a word boundary, then NOPs; in other sections zeros. A max-skip of 0 means no limit.
/// - An instruction after data in a code section is word-aligned with zeros (not after `.org`);
///   code sections get 4-byte alignment; data sections align nothing for instructions.
/// - `mov Rd, #imm` picks MOVZ, then MOVN, then ORR (bitmask); `mov` with SP is ADD #0;
///   `add/sub #imm` flips for negative values and shifts multiples of 4096 by 12; `cmp #-1` is
///   CMN; LDR/STR offsets that are negative or unaligned use LDUR/STUR; `bic #imm` is AND.
/// - Relocation operators `:lo12:`, `:abs_g0:`..`:abs_g3:` (`_nc`, `_s`), `:pg_hi21:` where GNU
///   accepts them (`Relocations.swift`); C integer suffixes (`0x08U`, `1UL`, `1ULL`).
/// - Linking: the default script's output sections and patterns, input-section alignment with
///   NOP padding in `.text`, `DATA_SEGMENT_ALIGN`, "aMS" string merging, its `_end`/`__bss_start`
///   symbols; `.bss`/`%nobits` occupy no image bytes; gaps between sections are zero.
///
/// **Deliberate differences** (GNU accepts with a warning, we report an error): division by
/// zero, unterminated strings, alignments above 2^24, missing `=` operands; UNPREDICTABLE forms
/// the A64 decoder treats as reserved (`ldp x0, x0, ...`, writeback with Rt == Rn); merge
/// sections other than "aMS" of 1-byte strings.
///
/// **Limits.** Lines longer than 1 MiB, cpp expansions beyond 64 levels or 4 MiB, macro and
/// repeat nesting beyond 100 levels (gas's default), more than 262,144 statements produced by
/// expansions in one unit, expressions with more than 150 operators, and sections beyond 1 GiB
/// are errors, never traps. An empty source gives an empty program.
public enum Assembler {
    /// Assembles a file; `#include "x"` resolves relative to it. Diagnostics name the file by
    /// its path as given.
    public static func assemble(file: URL, options: AssemblerOptions = AssemblerOptions()) throws -> Program {
        try link([try SourceUnit(file: file)], options: options)
    }

    /// Assembles text. `#include` resolves relative to the directory of `fileName` (if it has
    /// one) and then `options.includeSearch`.
    ///
    /// An empty source (or one with only comments) gives an empty program: no bytes, no
    /// symbols, `entry == base`.
    public static func assemble(source: String, fileName: String = "<source>", options: AssemblerOptions = AssemblerOptions()) throws -> Program {
        let dir: URL? = fileName.contains("/") ? URL(fileURLWithPath: fileName).deletingLastPathComponent() : nil
        return try assemble(bytes: Array(source.utf8), fileName: fileName, directory: dir, options: options)
    }

    /// Assembles raw bytes (which need not be valid UTF-8: anything outside strings and comments
    /// must be ASCII, and a clear error says where it is not).
    public static func assemble(bytes: [UInt8], fileName: String, directory: URL? = nil,
                                options: AssemblerOptions = AssemblerOptions()) throws -> Program {
        try link([SourceUnit(name: fileName, bytes: bytes, directory: directory)], options: options)
    }

    /// Assembles files as separate units and links them in order, as `as` on each file and
    /// `ld -Ttext=BASE` on the objects.
    public static func assemble(files: [URL], options: AssemblerOptions = AssemblerOptions()) throws -> Program {
        try link(try files.map { try SourceUnit(file: $0) }, options: options)
    }

    /// Assembles each unit on its own and links them in order.
    public static func link(_ units: [SourceUnit], options: AssemblerOptions = AssemblerOptions()) throws -> Program {
        var assemblies: [Assembly] = []
        for unit in units {
            var pp = try Preprocessor(defines: [:], includeSearch: options.includeSearch, prelude: options.prelude)
            pp.virtualFiles = options.virtualFiles
            try pp.define(commandLine: options.defines)
            try pp.process(unit: unit.bytes, file: unit.name, directory: unit.directory, preincludes: options.preincludes)
            let assembly = Assembly(options: options)
            assembly.messages = pp.messages
            try assembly.run(pp.output, cppExpanded: pp.expandedBy)
            assemblies.append(assembly)
        }
        return try Linker(units: assemblies, base: options.base, script: options.script).link()
    }
}
