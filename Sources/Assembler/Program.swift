import Foundation
import SafeIO

public struct AssemblerOptions: Sendable {
    /// Load address of `.text` (as `ld -Ttext=BASE`).
    public var base: UInt64
    /// Object-like macros defined before the source (`-DNAME=value`).
    public var defines: [String: String]
    /// Directories searched by `#include` after the including file's own directory.
    public var includeSearch: [URL]
    /// Generated files `#include` finds by name before looking on disk (e.g. a scenario's
    /// `asm/asm-offsets.h`), as name -> text.
    public var virtualFiles: [String: String]
    public init(base: UInt64 = 0x4008_0000, defines: [String: String] = [:], includeSearch: [URL] = [],
                virtualFiles: [String: String] = [:]) {
        self.base = base; self.defines = defines; self.includeSearch = includeSearch
        self.virtualFiles = virtualFiles
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
/// **Input.** A C-preprocessor subset runs first (`#define`/function-like macros with `#`, `##`
/// and `...`, `#undef`, `#if`/`#ifdef`/`#ifndef`/`#elif`/`#else`/`#endif` with `defined`,
/// `#include "file"`/`<file>` (depth ≤ 32), `#error`), plus a built-in prelude modelled on Xen's
/// `linkage.h`: `FUNC`, `FUNC_LOCAL`, `END`, `DATA`, `LABEL`, `ENTRY`, `GLOBAL`, `ENDPROC` with
/// `CODE_ALIGN` = 4. Comments: `//`, `/* */` (multi-line); `;` separates statements.
/// Columns in diagnostics are 1-based byte offsets in the original line (a tab counts as one);
/// text produced by a macro points at the macro's name.
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
/// - Layout: `.text` + `.text.*` at base, then other executable sections, `.rodata*`, other
///   read-only sections, then `DATA_SEGMENT_ALIGN` (64 KiB page + offset), `.data*`, other writable
///   sections; `.bss`/`%nobits` occupy no image bytes; gaps are zero.
///
/// **Deliberate differences** (GNU accepts with a warning, we report an error): division by
/// zero, unterminated strings, alignments above 2^24, missing `=` operands; UNPREDICTABLE forms
/// the A64 decoder treats as reserved (`ldp x0, x0, ...`, writeback with Rt == Rn).
/// Not supported: `.macro`/`.rept`, FP/SIMD registers, relocations other than `:lo12:`.
///
/// **Limits.** Lines longer than 1 MiB, macro expansions beyond 64 levels or 4 MiB, expressions
/// with more than 150 operators, and sections beyond 1 GiB are errors, never traps. An empty
/// source gives an empty program.
public enum Assembler {
    /// All the source one assembly reads, includes counted: 8 MiB (see the README's limits).
    public static var maxInputBytes: Int { Preprocessor.maxInputBytes }

    /// Assembles a file; `#include "x"` resolves relative to it. Diagnostics name the file by
    /// its path as given.
    public static func assemble(file: URL, options: AssemblerOptions = AssemblerOptions()) throws -> Program {
        let data: [UInt8]
        do { data = try InputFile.read(file.path, limit: Preprocessor.maxInputBytes) } catch let e as InputFileError {
            throw AssemblyError(SourceLocation(file: file.path, line: 1, column: 1), e.reason)
        }
        return try assemble(bytes: data, fileName: file.path, directory: file.deletingLastPathComponent(), options: options)
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
        var pp = try Preprocessor(defines: options.defines, includeSearch: options.includeSearch)
        pp.virtualFiles = options.virtualFiles
        try pp.process(bytes: bytes, file: fileName, directory: directory, depth: 0)
        let assembly = Assembly(options: options)
        try assembly.run(pp.output)
        return try assembly.link()
    }
}
