import Foundation

/// The layout of a C struct as GCC lays it out for AArch64 (LP64): each member at the next
/// multiple of its alignment, the struct's size rounded up to its alignment, `__aligned(N)`
/// raising the struct's alignment. This is what Xen's asm-offsets sees.
public struct CStructLayout: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public let name: String
        public let type: String
        /// Size of one element in bytes.
        public let elementSize: Int
        /// Array length (1 for a scalar).
        public let count: Int
        public let offset: Int
        public let location: SourceLocation
        public var size: Int { elementSize * count }
    }

    public let name: String
    public let fields: [Field]
    public let alignment: Int
    public let size: Int
    public let location: SourceLocation

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// A struct without members (what a scenario whose code has no context struct uses).
    public static func empty(name: String, location: SourceLocation) -> CStructLayout {
        CStructLayout(name: name, fields: [], alignment: 1, size: 0, location: location)
    }
}

/// Reads the struct definitions of a C header: the subset Xen's context structs use
/// (`register_t`, fixed-width integers, pointers, arrays with constant lengths, `__aligned(N)`
/// and `__attribute__((aligned(N)))`), after the same preprocessor the assembler uses (so
/// `#ifdef CONFIG_ARM_64` and `#include` work). Everything outside `struct NAME { ... };`
/// definitions (prototypes, `extern` declarations, forward declarations) is skipped.
public enum CStructParser {
    /// Sizes (= alignments) of the scalar types understood, LP64.
    public static let scalarTypes: [String: Int] = [
        "register_t": 8, "vaddr_t": 8, "paddr_t": 8, "uint64_t": 8, "int64_t": 8, "u64": 8, "s64": 8,
        "unsigned long": 8, "long": 8, "unsigned long long": 8, "long long": 8, "size_t": 8,
        "uint32_t": 4, "int32_t": 4, "u32": 4, "s32": 4, "int": 4, "unsigned int": 4, "unsigned": 4,
        "uint16_t": 2, "int16_t": 2, "u16": 2, "s16": 2, "short": 2, "unsigned short": 2,
        "uint8_t": 1, "int8_t": 1, "u8": 1, "s8": 1, "char": 1, "unsigned char": 1, "bool": 1,
    ]

    public static func parse(file: URL, defines: [String: String] = [:]) throws -> [CStructLayout] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw AssemblyError(SourceLocation(file: file.path, line: 0, column: 0), "cannot read file")
        }
        return try parse(bytes: [UInt8](data), fileName: file.path, directory: file.deletingLastPathComponent(), defines: defines)
    }

    /// `virtualFiles` are found by their `#include` name (`<xen/types.h>`) before the file system.
    public static func parse(source: String, fileName: String = "<header>", defines: [String: String] = [:],
                             virtualFiles: [String: String] = [:]) throws -> [CStructLayout] {
        try parse(bytes: Array(source.utf8), fileName: fileName, directory: nil, defines: defines, virtualFiles: virtualFiles)
    }

    static func parse(bytes: [UInt8], fileName: String, directory: URL?, defines: [String: String],
                      virtualFiles: [String: String] = [:]) throws -> [CStructLayout] {
        var pp = try Preprocessor(defines: defines, includeSearch: [])
        pp.virtualFiles = virtualFiles
        try pp.process(bytes: bytes, file: fileName, directory: directory, depth: 0)
        var cursor = CTokenCursor(tokens: CToken.tokenize(pp.output))
        var structs: [CStructLayout] = []
        while let t = cursor.peek {
            if t.text == "struct", cursor.peek(1)?.isIdentifier == true, cursor.peek(2)?.text == "{" {
                let s = try parseStruct(&cursor)
                if structs.contains(where: { $0.name == s.name }) {
                    throw AssemblyError(s.location, "struct \(s.name) is defined twice")
                }
                structs.append(s)
            } else {
                cursor.advance()
            }
        }
        return structs
    }

    private static func parseStruct(_ c: inout CTokenCursor) throws -> CStructLayout {
        let start = try c.expect("struct")
        let name = try c.identifier("a struct name")
        _ = try c.expect("{")
        var fields: [CStructLayout.Field] = []
        var offset = 0
        var alignment = 1
        while c.peek?.text != "}" {
            guard let first = c.peek else { throw AssemblyError(start.location, "struct \(name) has no closing '}'") }
            // The type: words up to the first declarator (the last identifier before [ ; , ).
            var words: [CToken] = []
            while let t = c.peek, t.isIdentifier, !["[", ";", ","].contains(c.peek(1)?.text ?? "") {
                words.append(t); c.advance()
            }
            var pointer = false
            while c.peek?.text == "*" { pointer = true; c.advance() }
            let typeName = words.map(\.text).filter { !["const", "volatile"].contains($0) }.joined(separator: " ")
            guard !typeName.isEmpty else {
                throw AssemblyError(first.location, "expected a member type but found '\(first.text)'")
            }
            let elementSize: Int
            if pointer { elementSize = 8 } else if let s = scalarTypes[typeName] { elementSize = s } else {
                throw AssemblyError(words[0].location, "unknown type '\(typeName)': expected register_t, uint64_t, uint32_t, uint16_t, uint8_t, int, a pointer, ...")
            }
            repeat {
                if c.peek?.text == "," { c.advance() }
                let nameToken = try c.identifierToken("a member name")
                var count = 1
                if c.peek?.text == "[" {
                    c.advance()
                    let n = try c.number("an array length")
                    guard n > 0, n < 1 << 20 else { throw AssemblyError(nameToken.location, "array length \(n) out of range 1...1048575") }
                    count = n
                    _ = try c.expect("]")
                }
                offset = (offset + elementSize - 1) / elementSize * elementSize
                if fields.contains(where: { $0.name == nameToken.text }) {
                    throw AssemblyError(nameToken.location, "member '\(nameToken.text)' is declared twice in struct \(name)")
                }
                fields.append(.init(name: nameToken.text, type: pointer ? typeName + " *" : typeName,
                                    elementSize: elementSize, count: count, offset: offset, location: nameToken.location))
                offset += elementSize * count
                alignment = max(alignment, elementSize)
            } while c.peek?.text == ","
            _ = try c.expect(";")
        }
        _ = try c.expect("}")
        // Attributes after the closing brace: __aligned(N) or __attribute__((aligned(N))).
        while let t = c.peek, t.text != ";" {
            if t.text == "__aligned" || t.text == "aligned" {
                c.advance(); _ = try c.expect("(")
                let n = try c.number("an alignment")
                guard n > 0, n & (n - 1) == 0, n <= 4096 else { throw AssemblyError(t.location, "alignment \(n) is not a power of 2 up to 4096") }
                alignment = max(alignment, n)
                _ = try c.expect(")")
            } else if t.text == "__attribute__" || t.text == "(" || t.text == ")" || t.text == "__packed" {
                if t.text == "__packed" { throw AssemblyError(t.location, "__packed structs are not supported: expected __aligned(N)") }
                c.advance()
            } else {
                throw AssemblyError(t.location, "expected ';' after struct \(name) but found '\(t.text)'")
            }
        }
        _ = try c.expect(";")
        let size = (offset + alignment - 1) / alignment * alignment
        return CStructLayout(name: name, fields: fields, alignment: alignment, size: size, location: start.location)
    }
}

/// Xen's asm-offsets: `OFFSET(SYM, struct T, member);`, `DEFINE(SYM, value);` and `BLANK();`
/// lines turned into `#define SYM value`, from the layouts `CStructParser` computed, exactly
/// as compiling asm-offsets.c and post-processing its markers would.
public enum AsmOffsets {
    public struct Symbol: Sendable, Equatable {
        public let name: String
        public let value: Int64
        public let location: SourceLocation
        public init(name: String, value: Int64, location: SourceLocation) {
            self.name = name; self.value = value; self.location = location
        }
    }

    /// `directory` resolves `#include "..."` (the struct header beside asm-offsets.c); `defines`
    /// are the configuration (`CONFIG_...`) the header's `#ifdef`s see.
    public static func generate(source: String, fileName: String = "asm-offsets.c", directory: URL? = nil,
                                defines: [String: String] = [:], structs: [CStructLayout]) throws -> [Symbol] {
        var pp = try Preprocessor(defines: defines, includeSearch: [])
        try pp.process(bytes: Array(source.utf8), file: fileName, directory: directory, depth: 0)
        var c = CTokenCursor(tokens: CToken.tokenize(pp.output))
        var symbols: [Symbol] = []
        while let t = c.peek {
            switch t.text {
            case "OFFSET":
                c.advance(); _ = try c.expect("(")
                let sym = try c.identifierToken("a symbol name")
                _ = try c.expect(","); _ = try c.expect("struct")
                let sname = try c.identifierToken("a struct name")
                guard let layout = structs.first(where: { $0.name == sname.text }) else {
                    throw AssemblyError(sname.location, "unknown struct '\(sname.text)'")
                }
                _ = try c.expect(",")
                let member = try c.identifierToken("a member name")
                guard let field = layout.field(named: member.text) else {
                    throw AssemblyError(member.location, "struct \(layout.name) has no member '\(member.text)'")
                }
                var offset = field.offset
                if c.peek?.text == "[" {
                    c.advance()
                    let index = try c.number("an array index")
                    guard index >= 0, index < field.count else {
                        throw AssemblyError(member.location, "index \(index) out of range 0...\(field.count - 1) for \(layout.name).\(field.name)")
                    }
                    offset += index * field.elementSize
                    _ = try c.expect("]")
                }
                _ = try c.expect(")")
                symbols.append(Symbol(name: sym.text, value: Int64(offset), location: sym.location))
            case "DEFINE":
                c.advance(); _ = try c.expect("(")
                let sym = try c.identifierToken("a symbol name")
                _ = try c.expect(",")
                let value: Int
                if c.peek?.text == "sizeof" {
                    c.advance(); _ = try c.expect("("); _ = try c.expect("struct")
                    let sname = try c.identifierToken("a struct name")
                    guard let layout = structs.first(where: { $0.name == sname.text }) else {
                        throw AssemblyError(sname.location, "unknown struct '\(sname.text)'")
                    }
                    value = layout.size
                    _ = try c.expect(")")
                } else {
                    value = try c.number("a value or sizeof(struct T)")
                }
                _ = try c.expect(")")
                symbols.append(Symbol(name: sym.text, value: Int64(value), location: sym.location))
            default:
                c.advance()
            }
            if let dup = symbols.dropLast().first(where: { $0.name == symbols.last?.name }), let last = symbols.last {
                throw AssemblyError(last.location, "\(last.name) is already defined at \(dup.location)")
            }
        }
        return symbols
    }

    /// The generated header, as Xen's build writes `asm-offsets.h`.
    public static func header(_ symbols: [Symbol]) -> String {
        "/* Generated by SuspendScope from asm-offsets (as Xen's OFFSET()/DEFINE()). */\n"
            + symbols.map { "#define \($0.name) \($0.value) /* \($0.name) */" }.joined(separator: "\n") + "\n"
    }

    /// The symbols as preprocessor defines for `AssemblerOptions.defines`.
    public static func defines(_ symbols: [Symbol]) -> [String: String] {
        Dictionary(symbols.map { ($0.name, String($0.value)) }, uniquingKeysWith: { a, _ in a })
    }
}

/// A C token with its location.
struct CToken {
    let text: String
    let location: SourceLocation
    var isIdentifier: Bool { text.first.map { $0 == "_" || $0.isLetter } ?? false }

    /// C's punctuators of more than one character (`<<`, `->`, `...`).
    static let punctuators: [[UInt8]] = ["...", "<<=", ">>=", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--",
                                         "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##"].map { Array($0.utf8) }

    /// Splits preprocessed lines into identifiers, numbers and punctuators; string and
    /// character literals are kept whole. Comments were blanked by the preprocessor.
    static func tokenize(_ lines: [SourceLine]) -> [CToken] {
        var out: [CToken] = []
        for line in lines {
            let b = line.text
            var i = 0
            while i < b.count {
                let ch = b[i]
                if ch == 0x20 || ch == 0x09 || ch == 0x0d { i += 1; continue }
                let start = i
                if ch == 0x5f || (ch | 0x20) >= 0x61 && (ch | 0x20) <= 0x7a || ch >= 0x30 && ch <= 0x39 {
                    while i < b.count, b[i] == 0x5f || (b[i] | 0x20) >= 0x61 && (b[i] | 0x20) <= 0x7a || b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                } else if ch == 0x22 || ch == 0x27 {
                    i += 1
                    while i < b.count, b[i] != ch { i += b[i] == 0x5c ? 2 : 1 }
                    i = min(i + 1, b.count)
                } else if let p = Self.punctuators.first(where: { p in p[0] == ch && i + p.count <= b.count && p.indices.allSatisfy { b[i + $0] == p[$0] } }) {
                    i += p.count
                } else {
                    i += 1
                }
                let loc = SourceLocation(file: line.file, line: line.line, column: line.column(at: start))
                out.append(CToken(text: String(decoding: b[start..<i], as: UTF8.self), location: loc))
            }
        }
        return out
    }
}

/// A cursor over C tokens with expectation helpers that produce located errors.
struct CTokenCursor {
    let tokens: [CToken]
    var index = 0

    var peek: CToken? { index < tokens.count ? tokens[index] : nil }
    func peek(_ k: Int) -> CToken? { index + k < tokens.count ? tokens[index + k] : nil }
    mutating func advance() { index += 1 }

    private var endLocation: SourceLocation {
        tokens.last.map { SourceLocation(file: $0.location.file, line: $0.location.line, column: $0.location.column + $0.text.utf8.count) }
            ?? SourceLocation(file: "<header>", line: 1, column: 1)
    }

    mutating func expect(_ text: String) throws -> CToken {
        guard let t = peek else { throw AssemblyError(endLocation, "expected '\(text)' but found the end of the file") }
        guard t.text == text else { throw AssemblyError(t.location, "expected '\(text)' but found '\(t.text)'") }
        advance()
        return t
    }

    mutating func identifierToken(_ what: String) throws -> CToken {
        guard let t = peek else { throw AssemblyError(endLocation, "expected \(what) but found the end of the file") }
        guard t.isIdentifier else { throw AssemblyError(t.location, "expected \(what) but found '\(t.text)'") }
        advance()
        return t
    }

    mutating func identifier(_ what: String) throws -> String { try identifierToken(what).text }

    mutating func number(_ what: String) throws -> Int {
        guard let t = peek else { throw AssemblyError(endLocation, "expected \(what) but found the end of the file") }
        let s = t.text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "ul"))
        let v = s.hasPrefix("0x") ? Int(s.dropFirst(2), radix: 16) : Int(s)
        guard let v else { throw AssemblyError(t.location, "expected \(what) but found '\(t.text)'") }
        advance()
        return v
    }
}
