import Foundation
import SafeIO

/// The built-in prelude, for tools that run the same sources through a host `cpp -include`
/// (the conformance harness's GNU builds of the scenarios).
public enum PreprocessorPrelude {
    public static var text: String { Preprocessor.prelude }
    /// What SuspendScope's preprocessor defines before any file, as `-D` arguments for a host
    /// cpp run with `-undef` (gcc -E -x assembler-with-cpp for AArch64 defines these too,
    /// except `__ASSEMBLY__`, which Xen's build passes itself).
    public static var predefinedArguments: [String] { Preprocessor.predefined.map { "-D\($0.0)=\($0.1)" } }
}

/// The C preprocessor as `gcc -E -x assembler-with-cpp` applies it to Xen's `.S` files:
/// `#define` (object- and function-like, `#` and `##`, `...`/`__VA_ARGS__`, `args...`),
/// `#undef`, `#if`/`#ifdef`/`#ifndef`/`#elif`/`#else`/`#endif` (full C expressions, see
/// `ConditionExpression`), `#include "file"`/`<file>`/`MACRO` searched as gcc does (the includer's
/// directory for `"..."`, then `-I` directories), `-include FILE`, `#error`, `#warning`, and line
/// markers (`# 12 "file.S"`, `#line`) left by an earlier cpp run. It also removes `/* */`
/// (multi-line) and `//` comments and joins lines ending in a backslash. Every output line keeps
/// its original file, line and per-byte columns.
struct Preprocessor {
    static let maxLineLength = 1 << 20
    static let maxIncludeDepth = 32
    /// All the source one unit reads (the file and everything it includes, each include counted
    /// every time): 8 MiB, some 250 times Xen's head.S. Bigger inputs are refused at once
    /// instead of costing minutes and gigabytes before an error (the README states it).
    public static let maxInputBytes = 8 << 20
    /// Lines a function-like macro's arguments may continue over.
    static let maxJoinedLines = 256
    static let unterminatedArguments = "unterminated argument list invoking macro"
    static let maxExpansionDepth = 64

    struct Macro {
        var params: [String]?   // nil: object-like
        var variadic = false
        var body: [UInt8]
        /// Where it was defined (nil: the command line or predefined).
        var location: SourceLocation? = nil
        /// From the built-in prelude: a later definition replaces it without a warning.
        var yields = false
        func sameDefinition(_ o: Macro) -> Bool {
            params == o.params && variadic == o.variadic && normalized(body) == normalized(o.body)
        }
        private func normalized(_ b: [UInt8]) -> [UInt8] {
            var out: [UInt8] = []
            var space = false
            for c in b {
                if c == 0x20 || c == 0x09 { space = true; continue }
                if space && !out.isEmpty { out.append(0x20) }
                space = false
                out.append(c)
            }
            return out
        }
    }

    /// Defined before any file, as gcc -E -x assembler-with-cpp does for an AArch64 target,
    /// plus `__ASSEMBLY__` (Xen's build passes -D__ASSEMBLY__).
    static let predefined: [(String, String)] = [
        ("__ASSEMBLER__", "1"), ("__ASSEMBLY__", "1"), ("__aarch64__", "1"), ("__AARCH64EL__", "1"),
        ("__LP64__", "1"), ("_LP64", "1"), ("__ELF__", "1"),
        // Sizes and byte order, as gcc for aarch64-linux-gnu gives them (Xen's config.h reads them).
        ("__CHAR_BIT__", "8"), ("__SIZEOF_SHORT__", "2"), ("__SIZEOF_INT__", "4"), ("__SIZEOF_LONG__", "8"),
        ("__SIZEOF_LONG_LONG__", "8"), ("__SIZEOF_POINTER__", "8"), ("__ORDER_LITTLE_ENDIAN__", "1234"),
        ("__ORDER_BIG_ENDIAN__", "4321"), ("__ORDER_PDP_ENDIAN__", "3412"), ("__BYTE_ORDER__", "__ORDER_LITTLE_ENDIAN__"),
    ]

    /// Built-in prelude modelled on Xen's `xen/include/xen/linkage.h` (CODE_ALIGN = 4 on Arm).
    /// A tree that brings its own linkage.h redefines these silently: the tree's definitions win.
    static let prelude = """
    #define CODE_ALIGN 4
    #define FUNC(name) .globl name; .type name, %function; .balign CODE_ALIGN; name:
    #define FUNC_LOCAL(name) .type name, %function; .balign CODE_ALIGN; name:
    #define LABEL(name) .globl name; .balign CODE_ALIGN; name:
    #define LABEL_LOCAL(name) .balign CODE_ALIGN; name:
    #define DATA(name) .globl name; .type name, %object; name:
    #define DATA_LOCAL(name) .type name, %object; name:
    #define ENTRY(name) .globl name; .balign CODE_ALIGN; name:
    #define GLOBAL(name) .globl name; name:
    #define END(name) .size name, . - name
    #define ENDPROC(name) .type name, %function; END(name)

    """

    /// Bytes produced by macro expansion for the current line, across all nesting levels.
    final class Budget { var used = 0; var calls = 0 }

    var macros: [String: Macro] = [:]
    var includeSearch: [URL] = []
    /// Generated headers found by their `#include` name before the file system.
    var virtualFiles: [String: String] = [:]
    var output: [SourceLine] = []
    /// Source bytes read so far (see `maxInputBytes`; the prelude is not counted).
    var inputBytes = 0
    /// `#warning` and redefinition warnings.
    var messages: [AssemblerMessage] = []
    /// The function-like or object-like macro that rewrote each output line (by index), for the
    /// line map's expansion records.
    var expandedBy: [Int: String] = [:]

    init(defines: [String: String], includeSearch: [URL], prelude: Bool = true) throws {
        self.includeSearch = includeSearch
        for (k, v) in Self.predefined { macros[k] = Macro(params: nil, body: Array(v.utf8), yields: true) }
        if prelude {
            try process(bytes: Array(Self.prelude.utf8), file: "<prelude>", directory: nil, depth: 0)
            for k in macros.keys { macros[k]!.yields = true }
        }
        output.removeAll()
        for (k, v) in defines.sorted(by: { $0.key < $1.key }) {
            macros[k] = Macro(params: nil, body: Array(v.utf8))
        }
    }

    /// `-D NAME`, `-D NAME=VALUE`, `-D 'F(x)=...'`: defined as `#define NAME VALUE` would.
    mutating func define(commandLine defines: [String: String]) throws {
        for (k, v) in defines.sorted(by: { $0.key < $1.key }) {
            let text = Array(k.utf8) + [0x20] + Array(v.utf8)
            let line = SourceLine(text: text, file: "<command line>", line: 1, columns: nil)
            let (name, _) = identifier(text, 0)
            guard !name.isEmpty else { throw AssemblyError(line.location(at: 0), "-D \(k): expected a macro name") }
            try define(line, from: 0)
            macros[name]!.location = nil
        }
    }

    /// Processes the `-include` files, then the unit's own text.
    mutating func process(unit bytes: [UInt8], file: String, directory: URL?, preincludes: [String]) throws {
        for (k, name) in preincludes.enumerated() {
            // gcc looks for an -include file in the working directory first, then on the
            // "..." search chain.
            let loc = SourceLocation(file: "<command line>", line: k + 1, column: 1)
            if let text = virtualFiles[name] {
                try process(bytes: Array(text.utf8), file: name, directory: nil, depth: 1)
                continue
            }
            let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            let candidates = name.hasPrefix("/") ? [URL(fileURLWithPath: name)]
                : [cwd.appendingPathComponent(name)] + includeSearch.map { $0.appendingPathComponent(name) }
            guard let url = candidates.first(where: { Self.isFile($0) }) else {
                throw AssemblyError(loc, "cannot find -include file \"\(name)\" (looked in the working directory and the -I directories)")
            }
            let data: [UInt8]
            do { data = try InputFile.read(url.path, limit: max(0, Self.maxInputBytes - inputBytes)) } catch let e as InputFileError {
                throw AssemblyError(loc, "cannot read -include file \"\(name)\": \(e.reason)")
            }
            try process(bytes: [UInt8](data), file: name.hasPrefix("/") ? name : url.path, directory: url.deletingLastPathComponent(), depth: 1)
        }
        try process(bytes: bytes, file: file, directory: directory, depth: 0)
    }

    static func isFile(_ url: URL) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) && !isDir.boolValue
    }

    // MARK: Files and lines

    mutating func process(bytes: [UInt8], file physicalFile: String, directory: URL?, depth: Int) throws {
        if physicalFile != "<prelude>" {
            inputBytes += bytes.count
            if inputBytes > Self.maxInputBytes {
                throw AssemblyError(SourceLocation(file: physicalFile, line: 1, column: 1),
                                    depth == 0 ? "the source is \(bytes.count) bytes, more than the \(Self.maxInputBytes >> 20) MiB an assembly may read"
                                               : "this include brings the assembly's input past the \(Self.maxInputBytes >> 20) MiB it may read")
            }
        }
        var conditions: [(active: Bool, taken: Bool, sawElse: Bool, loc: SourceLocation, parentActive: Bool)] = []
        var inComment: SourceLocation? = nil
        var index = 0
        var lineNumber = 0
        // Line markers (`# 12 "file.S"`) change the name and numbering that locations use.
        var file = physicalFile
        let n = bytes.count
        func active() -> Bool { conditions.last?.active ?? true }

        /// The next logical line (physical lines joined by backslash-newline), comments blanked.
        func readLine() throws -> SourceLine {
            // One logical line: physical lines joined by backslash-newline.
            lineNumber += 1
            let firstLine = lineNumber
            var text: [UInt8] = []
            var cols: [Int32]? = nil
            var physicalStart = index
            while true {
                var end = physicalStart
                while end < n && bytes[end] != 0x0a { end += 1 }
                var lineEnd = end
                if lineEnd > physicalStart && bytes[lineEnd - 1] == 0x0d { lineEnd -= 1 }
                if lineEnd - physicalStart + text.count > Self.maxLineLength {
                    throw AssemblyError(SourceLocation(file: file, line: lineNumber, column: 1),
                                        "line longer than \(Self.maxLineLength) bytes")
                }
                let continued = lineEnd > physicalStart && bytes[lineEnd - 1] == 0x5c && end < n
                let piece = bytes[physicalStart..<(continued ? lineEnd - 1 : lineEnd)]
                if cols != nil || continued {
                    if cols == nil { cols = (0..<text.count).map { Int32($0 + 1) } }
                    cols!.append(contentsOf: (0..<piece.count).map { Int32($0 + 1) })
                }
                text.append(contentsOf: piece)
                physicalStart = end < n ? end + 1 : end
                if !continued { break }
                lineNumber += 1
            }
            index = physicalStart
            var line = SourceLine(text: text, file: file, line: firstLine, columns: cols)
            // NUL bytes are never valid source.
            if let z = line.text.firstIndex(of: 0) {
                throw AssemblyError(line.location(at: z), "unexpected NUL byte in source")
            }
            stripComments(&line, inComment: &inComment, lineNumber: firstLine)
            return line
        }
        /// Whether a line is a preprocessing directive (its first non-blank byte is `#`).
        func isDirective(_ line: SourceLine) -> Bool {
            line.text.first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: "#")
        }

        while index < n {
            var line = try readLine()

            // Directive?
            var p = 0
            while p < line.text.count && (line.text[p] == 0x20 || line.text[p] == 0x09) { p += 1 }
            if p < line.text.count && line.text[p] == UInt8(ascii: "#") {
                let hashLoc = line.location(at: p)
                var q = p + 1
                skipSpaces(line.text, &q)
                let nameStart = q
                while q < line.text.count && isIdent(line.text[q]) { q += 1 }
                let name = String(decoding: line.text[nameStart..<q], as: UTF8.self)
                skipSpaces(line.text, &q)
                switch name {
                case "ifdef", "ifndef":
                    guard active() else { conditions.append((false, true, false, hashLoc, false)); continue }
                    let (id, idEnd) = identifier(line.text, q)
                    guard !id.isEmpty else { throw AssemblyError(line.location(at: q), "expected a macro name after #\(name)") }
                    try expectEnd(line, idEnd, "#\(name) \(id)")
                    let defined = macros[id] != nil
                    let cond = name == "ifdef" ? defined : !defined
                    conditions.append((cond, cond, false, hashLoc, true))
                case "if":
                    let value = active() ? try evaluateCondition(line, from: q, directive: "if", directory: directory) : false
                    conditions.append((active() && value, !active() || value, false, hashLoc, active()))
                case "elif":
                    guard var c = conditions.popLast() else { throw AssemblyError(hashLoc, "#elif without #if") }
                    guard !c.sawElse else { throw AssemblyError(hashLoc, "#elif after #else") }
                    if c.parentActive && !c.taken {
                        let v = try evaluateCondition(line, from: q, directive: "elif", directory: directory)
                        c.active = v; c.taken = v
                    } else { c.active = false }
                    conditions.append(c)
                case "else":
                    guard var c = conditions.popLast() else { throw AssemblyError(hashLoc, "#else without #if") }
                    guard !c.sawElse else { throw AssemblyError(hashLoc, "#else after #else") }
                    c.sawElse = true
                    c.active = c.parentActive && !c.taken
                    c.taken = true
                    conditions.append(c)
                case "endif":
                    guard conditions.popLast() != nil else { throw AssemblyError(hashLoc, "#endif without #if") }
                default:
                    guard active() else { continue }
                    switch name {
                    case "define": try define(line, from: q)
                    case "undef":
                        let (id, idEnd) = identifier(line.text, q)
                        guard !id.isEmpty else { throw AssemblyError(line.location(at: q), "expected a macro name after #undef") }
                        try expectEnd(line, idEnd, "#undef \(id)")
                        macros[id] = nil
                    case "include":
                        try include(line, from: q, directory: directory, depth: depth)
                    case "error":
                        throw AssemblyError(hashLoc, "#error \(printable(Array(line.text[q...])).trimmingCharacters(in: .whitespaces))")
                    case "warning":
                        messages.append(AssemblerMessage(.warning, hashLoc, "#warning \(printable(Array(line.text[q...])).trimmingCharacters(in: .whitespaces))"))
                    case "line":
                        try lineMarker(line, from: q, directive: true, file: &file, lineNumber: &lineNumber)
                    case "pragma", "ident", "sccs", "":
                        break
                    case _ where name.first?.isNumber == true:
                        // `# 12 "file.S" 1` from an earlier cpp run.
                        try lineMarker(line, from: nameStart, directive: false, file: &file, lineNumber: &lineNumber)
                    default:
                        throw AssemblyError(line.location(at: nameStart),
                                            "unknown preprocessor directive \(quoted(line.text[nameStart..<q]))")
                    }
                }
                continue
            }
            guard active() else { continue }
            if line.text.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            // A function-like macro's arguments may continue on the lines that follow, as in C:
            // cpp reads on to the closing parenthesis and puts the expansion on the first line.
            var joined = 0
            while true {
                var attempt = line
                do {
                    if let f = try expandLine(&attempt) { expandedBy[output.count] = f }
                    line = attempt
                    break
                } catch let e as AssemblyError where e.message.hasPrefix(Self.unterminatedArguments) {
                    guard index < n, joined < Self.maxJoinedLines else { throw e }
                    let next = try readLine()
                    guard !isDirective(next) else { throw e }
                    line.append(next)
                    joined += 1
                }
            }
            output.append(line)
        }
        if let c = inComment { throw AssemblyError(c, "unterminated /* comment") }
        if let c = conditions.last {
            throw AssemblyError(c.loc, "unterminated conditional: missing #endif")
        }
    }

    /// `# 12 "file.S" flags` / `#line 12 "file.S"`: the next line is line 12 of file.S.
    func lineMarker(_ line: SourceLine, from q0: Int, directive: Bool, file: inout String, lineNumber: inout Int) throws {
        let t = line.text
        var q = q0
        let s = q
        while q < t.count && t[q] >= 48 && t[q] <= 57 { q += 1 }
        guard q > s, let n = Int(String(decoding: t[s..<q], as: UTF8.self)), n >= 0, n <= Int(Int32.max) else {
            throw AssemblyError(line.location(at: s), "expected a line number after \(directive ? "#line" : "#")")
        }
        skipSpaces(t, &q)
        if q < t.count {
            guard t[q] == 0x22 else {
                throw AssemblyError(line.location(at: q), "expected a file name in double quotes after the line number")
            }
            var name: [UInt8] = []
            var k = q + 1
            while k < t.count && t[k] != 0x22 {
                if t[k] == 0x5c && k + 1 < t.count { k += 1 }
                name.append(t[k]); k += 1
            }
            guard k < t.count else { throw AssemblyError(line.location(at: q), "missing terminating \" in the line marker") }
            // Flags (1 entering, 2 returning, 3 system header, 4 extern "C") follow; nothing else.
            k += 1
            skipSpaces(t, &k)
            while k < t.count {
                guard t[k] >= 49 && t[k] <= 52 else { throw AssemblyError(line.location(at: k), "unexpected \(quoted(t[k...])) in the line marker") }
                k += 1
                skipSpaces(t, &k)
            }
            file = printable(name)
        }
        lineNumber = n - 1
    }
    /// Blanks `/* */` comments (which may span lines) and cuts `//` comments, outside strings.
    func stripComments(_ line: inout SourceLine, inComment: inout SourceLocation?, lineNumber: Int) {
        var t = line.text
        var i = 0
        var cut: Int? = nil
        var inString = false
        while i < t.count {
            if inComment != nil {
                if t[i] == UInt8(ascii: "*") && i + 1 < t.count && t[i + 1] == UInt8(ascii: "/") {
                    t[i] = 0x20; t[i + 1] = 0x20; i += 2; inComment = nil; continue
                }
                t[i] = 0x20; i += 1; continue
            }
            let c = t[i]
            if inString {
                if c == 0x5c { i += 2; continue }
                if c == 0x22 { inString = false }
                i += 1; continue
            }
            if c == 0x22 { inString = true; i += 1; continue }
            if c == 0x27 { i += min(2, t.count - i); if i < t.count && t[i] == 0x27 { i += 1 }; continue }
            if c == UInt8(ascii: "/") && i + 1 < t.count {
                if t[i + 1] == UInt8(ascii: "*") {
                    inComment = line.location(at: i)
                    t[i] = 0x20; t[i + 1] = 0x20; i += 2; continue
                }
                if t[i + 1] == UInt8(ascii: "/") { cut = i; break }
            }
            i += 1
        }
        if let cut { t.removeSubrange(cut...); line.columns?.removeSubrange(cut...) }
        line.text = t
    }

    func skipSpaces(_ t: [UInt8], _ q: inout Int) {
        while q < t.count && (t[q] == 0x20 || t[q] == 0x09) { q += 1 }
    }
    func isIdentStart(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 }
    func isIdent(_ c: UInt8) -> Bool { isIdentStart(c) || (c >= 48 && c <= 57) }
    func identifier(_ t: [UInt8], _ start: Int) -> (String, Int) {
        guard start < t.count, isIdentStart(t[start]) else { return ("", start) }
        var e = start
        while e < t.count && isIdent(t[e]) { e += 1 }
        return (String(decoding: t[start..<e], as: UTF8.self), e)
    }
    func expectEnd(_ line: SourceLine, _ from: Int, _ what: String) throws {
        var q = from
        skipSpaces(line.text, &q)
        if q < line.text.count {
            throw AssemblyError(line.location(at: q), "unexpected \(quoted(line.text[q...])) after \(what)")
        }
    }

    // MARK: Directives

    mutating func define(_ line: SourceLine, from q0: Int) throws {
        let t = line.text
        let (name, e) = identifier(t, q0)
        guard !name.isEmpty else { throw AssemblyError(line.location(at: q0), "expected a macro name after #define") }
        var q = e
        var macro = Macro(params: nil, body: [])
        if q < t.count && t[q] == UInt8(ascii: "(") {
            q += 1
            var params: [String] = []
            while true {
                skipSpaces(t, &q)
                if q < t.count && t[q] == UInt8(ascii: ")") && params.isEmpty { q += 1; break }
                if q + 2 < t.count && t[q] == 0x2e && t[q + 1] == 0x2e && t[q + 2] == 0x2e {
                    macro.variadic = true; q += 3; skipSpaces(t, &q)
                    guard q < t.count && t[q] == UInt8(ascii: ")") else {
                        throw AssemblyError(line.location(at: q), "expected ')' after '...' in macro parameters")
                    }
                    q += 1; break
                }
                let (p, pe) = identifier(t, q)
                guard !p.isEmpty else { throw AssemblyError(line.location(at: q), "expected a parameter name in #define \(name)") }
                params.append(p); q = pe
                skipSpaces(t, &q)
                if q < t.count && t[q] == UInt8(ascii: ",") { q += 1; continue }
                if q + 2 < t.count && t[q] == 0x2e && t[q + 1] == 0x2e && t[q + 2] == 0x2e {
                    // named variadic: `args...`
                    macro.variadic = true; q += 3; skipSpaces(t, &q)
                }
                guard q < t.count && t[q] == UInt8(ascii: ")") else {
                    throw AssemblyError(line.location(at: q), "expected ',' or ')' in the parameters of #define \(name)")
                }
                q += 1; break
            }
            macro.params = params
        }
        skipSpaces(t, &q)
        var body = Array(t[q...])
        while let l = body.last, l == 0x20 || l == 0x09 { body.removeLast() }
        macro.body = body
        macro.location = line.location(at: q0)
        if let old = macros[name], !old.yields, !old.sameDefinition(macro) {
            // cpp: a different redefinition is a warning and the later one wins.
            messages.append(AssemblerMessage(.warning, line.location(at: q0), "'\(name)' redefined",
                                             notes: old.location.map { [DiagnosticNote($0, "the previous definition")] } ?? []))
        }
        if name == "defined" { throw AssemblyError(line.location(at: q0), "'defined' cannot be used as a macro name") }
        macros[name] = macro
    }

    /// `#include "file"`, `#include <file>`, or `#include MACRO` (expanded to one of those).
    mutating func include(_ line: SourceLine, from q0: Int, directory: URL?, depth: Int) throws {
        var t = line.text
        var q = q0
        var spec = line
        if q < t.count, t[q] != 0x22, t[q] != UInt8(ascii: "<") {
            // Computed include: macro-expand the rest of the line first.
            var rest = SourceLine(text: Array(t[q...]), file: line.file, line: line.line,
                                  columns: (q..<t.count).map { Int32(line.column(at: $0)) })
            try expandLine(&rest)
            spec = rest
            t = rest.text
            q = 0
            skipSpaces(t, &q)
        }
        guard q < t.count, t[q] == 0x22 || t[q] == UInt8(ascii: "<") else {
            throw AssemblyError(spec.location(at: q), "expected \"file\" or <file> after #include")
        }
        let close: UInt8 = t[q] == 0x22 ? 0x22 : UInt8(ascii: ">")
        let quotedForm = close == 0x22
        q += 1
        let s = q
        while q < t.count && t[q] != close { q += 1 }
        guard q < t.count else { throw AssemblyError(spec.location(at: s - 1), "missing terminating \(close == 0x22 ? "\"" : ">") in #include") }
        let name = String(decoding: t[s..<q], as: UTF8.self)
        try expectEnd(spec, q + 1, "#include")
        let at = spec.location(at: s - 1)
        guard !name.isEmpty else { throw AssemblyError(at, "empty file name in #include") }
        guard depth + 1 < Self.maxIncludeDepth else {
            throw AssemblyError(at, "#include nested more than \(Self.maxIncludeDepth) deep (recursive include of \"\(name)\"?)")
        }
        if let text = virtualFiles[name] {
            try process(bytes: Array(text.utf8), file: name, directory: nil, depth: depth + 1)
            return
        }
        let candidates = includeCandidates(name, quoted: quotedForm, directory: directory)
        let relativeToIncluder = !name.hasPrefix("/") && quotedForm && directory != nil
        for (k, url) in candidates.enumerated() where Self.isFile(url) {
            let data: [UInt8]
            do { data = try InputFile.read(url.path, limit: max(0, Self.maxInputBytes - inputBytes)) } catch let e as InputFileError {
                throw AssemblyError(at, "cannot read included file \"\(name)\": \(e.reason)")
            }
            // Name the file as the user would: beside the includer (keeping its style of path),
            // or by the full path found on the search list.
            let shown: String
            if k == 0 && relativeToIncluder {
                shown = line.file.contains("/") ? PathText.join(PathText.folder(of: line.file), name) : name
            } else { shown = url.path }
            try process(bytes: data, file: shown, directory: url.deletingLastPathComponent(), depth: depth + 1)
            return
        }
        let searched = quotedForm ? "beside \(line.file) or in the -I directories" : "in the -I directories"
        throw AssemblyError(at, "cannot find included file \"\(name)\" (\(includeSearch.isEmpty && !quotedForm ? "no -I directories given" : "looked " + searched))")
    }

    /// Where `#include` looks for `name`, in order: gcc searches "file" first beside the
    /// includer, then the -I directories; <file> only the latter.
    func includeCandidates(_ name: String, quoted: Bool, directory: URL?) -> [URL] {
        if name.hasPrefix("/") { return [URL(fileURLWithPath: name)] }
        var candidates: [URL] = []
        if quoted, let directory { candidates.append(directory.appendingPathComponent(name)) }
        return candidates + includeSearch.map { $0.appendingPathComponent(name) }
    }

    /// Queries gcc answers inside `#if` about the compiler itself (`__has_attribute(x)`, ...):
    /// SuspendScope's preprocessor stands in for no compiler, so each is 0.
    static let compilerQueries: Set<String> = ["__has_attribute", "__has_builtin", "__has_c_attribute", "__has_cpp_attribute",
                                               "__has_feature", "__has_extension"]

    /// `__has_include(<file>)` / `__has_include("file")` in a `#if` (from `q`, just past the
    /// name): whether `#include` would find the file. Returns the answer and where it ends.
    func hasInclude(_ line: SourceLine, _ src: [UInt8], from q0: Int, directory: URL?) throws -> (Bool, Int) {
        var r = q0
        skipSpaces(src, &r)
        guard r < src.count, src[r] == UInt8(ascii: "(") else {
            throw AssemblyError(line.location(at: r), "expected '(' after __has_include")
        }
        r += 1
        skipSpaces(src, &r)
        guard r < src.count, src[r] == 0x22 || src[r] == UInt8(ascii: "<") else {
            throw AssemblyError(line.location(at: r), "expected \"file\" or <file> in __has_include(...)")
        }
        let quoted = src[r] == 0x22
        let close: UInt8 = quoted ? 0x22 : UInt8(ascii: ">")
        let s = r + 1
        r = s
        while r < src.count && src[r] != close { r += 1 }
        guard r < src.count, r > s else { throw AssemblyError(line.location(at: s - 1), "expected a file name in __has_include(...)") }
        let name = String(decoding: src[s..<r], as: UTF8.self)
        r += 1
        skipSpaces(src, &r)
        guard r < src.count, src[r] == UInt8(ascii: ")") else {
            throw AssemblyError(line.location(at: r), "expected ')' after __has_include(\(quoted ? "\"" + name + "\"" : "<" + name + ">")")
        }
        let found = virtualFiles[name] != nil || includeCandidates(name, quoted: quoted, directory: directory).contains { Self.isFile($0) }
        return (found, r + 1)
    }

    /// The parenthesised argument of a compiler query (`__has_attribute(x)`), skipped; returns
    /// where it ends.
    func skipQueryArgument(_ line: SourceLine, _ src: [UInt8], from q0: Int, name: String) throws -> Int {
        var r = q0
        skipSpaces(src, &r)
        guard r < src.count, src[r] == UInt8(ascii: "(") else { throw AssemblyError(line.location(at: r), "expected '(' after \(name)") }
        var depth = 0
        while r < src.count {
            if src[r] == UInt8(ascii: "(") { depth += 1 }
            if src[r] == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return r + 1 } }
            r += 1
        }
        throw AssemblyError(line.location(at: q0), "missing ')' after \(name)(")
    }

    /// `#if`/`#elif`: `defined X` / `defined(X)`, `__has_include(...)`, then macro expansion,
    /// then a C expression in which the remaining identifiers are 0.
    func evaluateCondition(_ line: SourceLine, from q0: Int, directive: String, directory: URL? = nil) throws -> Bool {
        var t: [UInt8] = []
        var cols: [Int32] = []
        var q = q0
        let src = line.text
        while q < src.count {
            let (id, e) = identifier(src, q)
            if id == "defined" {
                var r = e
                skipSpaces(src, &r)
                var paren = false
                if r < src.count && src[r] == UInt8(ascii: "(") { paren = true; r += 1; skipSpaces(src, &r) }
                let (name, ne) = identifier(src, r)
                guard !name.isEmpty else { throw AssemblyError(line.location(at: r), "expected a macro name after 'defined'") }
                r = ne
                if paren {
                    skipSpaces(src, &r)
                    guard r < src.count && src[r] == UInt8(ascii: ")") else {
                        throw AssemblyError(line.location(at: r), "expected ')' after 'defined(\(name)'")
                    }
                    r += 1
                }
                t.append(macros[name] != nil ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                cols.append(Int32(line.column(at: q)))
                q = r
                continue
            }
            if id == "__has_include" || id == "__has_include_next" || Self.compilerQueries.contains(id) {
                let (answer, r) = Self.compilerQueries.contains(id) ? (false, try skipQueryArgument(line, src, from: e, name: id))
                                                                     : try hasInclude(line, src, from: e, directory: directory)
                t.append(answer ? UInt8(ascii: "1") : UInt8(ascii: "0"))
                cols.append(Int32(line.column(at: q)))
                q = r
                continue
            }
            if !id.isEmpty {
                t.append(contentsOf: src[q..<e]); cols.append(contentsOf: (q..<e).map { Int32(line.column(at: $0)) })
                q = e; continue
            }
            if src[q] == 0x27 {
                // A character constant is one token: copy it whole (so "'a'" is not scanned).
                var k = q + 1
                while k < src.count && src[k] != 0x27 { if src[k] == 0x5c { k += 1 }; k += 1 }
                let e2 = min(k + 1, src.count)
                t.append(contentsOf: src[q..<e2]); cols.append(contentsOf: (q..<e2).map { Int32(line.column(at: $0)) })
                q = e2; continue
            }
            t.append(src[q]); cols.append(Int32(line.column(at: q))); q += 1
        }
        var expr = SourceLine(text: t, file: line.file, line: line.line, columns: cols)
        try expandLine(&expr)
        return try ConditionExpression.evaluate(expr, directive: directive)
    }

    // MARK: Macro expansion

    /// Expands the macros of a line; returns the name of the first one (nil: nothing to expand).
    @discardableResult
    func expandLine(_ line: inout SourceLine) throws -> String? {
        // Fast check: any identifier that names a macro?
        var found: String? = nil
        scanIdentifiers(line.text) { s, e in
            guard found == nil else { return }
            let name = String(decoding: line.text[s..<e], as: UTF8.self)
            if macros[name] != nil || name == "__LINE__" || name == "__FILE__" { found = name }
        }
        guard found != nil else { return nil }
        let cols = (0..<line.text.count).map { Int32(line.column(at: $0)) }
        let (t, c) = try expand(line.text, cols, disabled: [], depth: 0, line: line, origin: 1, budget: Budget())
        line.text = t
        line.columns = c
        return found
    }

    func scanIdentifiers(_ t: [UInt8], _ body: (Int, Int) -> Void) {
        var i = 0
        while i < t.count {
            let c = t[i]
            if c == 0x22 {
                i += 1
                while i < t.count && t[i] != 0x22 { if t[i] == 0x5c { i += 1 }; i += 1 }
                i += 1; continue
            }
            if c == 0x27 { i += min(2, t.count - i); if i < t.count && t[i] == 0x27 { i += 1 }; continue }
            if c >= 48 && c <= 57 {
                while i < t.count && (isIdent(t[i]) || t[i] == 0x2e) { i += 1 }
                continue
            }
            if isIdentStart(c) {
                let s = i
                while i < t.count && isIdent(t[i]) { i += 1 }
                // `.size`-like directive names and `$x`: the identifier after a '.' is still a
                // C identifier, as cpp sees it.
                body(s, i); continue
            }
            i += 1
        }
    }

    func expand(_ t: [UInt8], _ cols: [Int32], disabled: Set<String>, depth: Int, line: SourceLine,
                origin: Int32, budget: Budget) throws -> ([UInt8], [Int32]) {
        guard depth < Self.maxExpansionDepth else {
            throw AssemblyError(line.location(at: 0).with(column: Int(origin)), "macro expansion nested more than \(Self.maxExpansionDepth) deep")
        }
        budget.used += t.count
        budget.calls += 1
        guard budget.used <= 4 * Self.maxLineLength, budget.calls <= 50_000 else {
            throw AssemblyError(line.location(at: 0).with(column: Int(origin)), "macro expansion longer than \(Self.maxLineLength) bytes")
        }
        var out: [UInt8] = []
        var outCols: [Int32] = []
        var i = 0
        var spans: [(Int, Int)] = []
        scanIdentifiers(t) { s, e in spans.append((s, e)) }
        var spanIndex = 0
        while i < t.count {
            if spanIndex < spans.count && spans[spanIndex].0 == i {
                let (s, e) = spans[spanIndex]
                spanIndex += 1
                let name = String(decoding: t[s..<e], as: UTF8.self)
                if macros[name] == nil && (name == "__LINE__" || name == "__FILE__") {
                    let col = cols.isEmpty ? origin : cols[min(s, cols.count - 1)]
                    let v = Array(name == "__LINE__" ? String(line.line).utf8 : ("\"" + line.file.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"").utf8)
                    out.append(contentsOf: v); outCols.append(contentsOf: repeatElement(col, count: v.count))
                    i = e
                    continue
                }
                if let m = macros[name], !disabled.contains(name) {
                    let col = cols.isEmpty ? origin : cols[min(s, cols.count - 1)]
                    if let params = m.params {
                        var r = e
                        while r < t.count && (t[r] == 0x20 || t[r] == 0x09) { r += 1 }
                        if r < t.count && t[r] == UInt8(ascii: "(") {
                            let (args, after) = try arguments(t, from: r + 1, line: line, col: col, name: name)
                            var argList = args
                            if argList.count == 1 && params.isEmpty && argList[0].allSatisfy({ $0 == 0x20 }) { argList = [] }
                            if m.variadic {
                                if argList.count > params.count {
                                    var rest: [UInt8] = []
                                    for (k, a) in argList[params.count...].enumerated() {
                                        if k > 0 { rest.append(0x2c) }
                                        rest.append(contentsOf: a)
                                    }
                                    argList = Array(argList[..<params.count]) + [rest]
                                } else {
                                    while argList.count < params.count { argList.append([]) }
                                    argList.append([])
                                }
                            }
                            let expected = params.count + (m.variadic ? 1 : 0)
                            guard argList.count == expected || (expected == 1 && argList.isEmpty) else {
                                throw AssemblyError(line.location(at: 0).with(column: Int(col)),
                                                    "macro \(name) expects \(params.count) argument\(params.count == 1 ? "" : "s") but got \(argList.count)")
                            }
                            if argList.isEmpty && expected == 1 { argList = [[]] }
                            let names = params + (m.variadic ? ["__VA_ARGS__"] : [])
                            let body = try substitute(m.body, names: names, args: argList, disabled: disabled, depth: depth, line: line, col: col, budget: budget)
                            let (x, _) = try expand(body, [], disabled: disabled.union([name]), depth: depth + 1, line: line, origin: col, budget: budget)
                            out.append(contentsOf: x); outCols.append(contentsOf: repeatElement(col, count: x.count))
                            if out.count > Self.maxLineLength {
                                throw AssemblyError(line.location(at: 0).with(column: Int(col)), "macro expansion longer than \(Self.maxLineLength) bytes")
                            }
                            i = after
                            while spanIndex < spans.count && spans[spanIndex].0 < i { spanIndex += 1 }
                            continue
                        }
                    } else {
                        let (x, _) = try expand(m.body, [], disabled: disabled.union([name]), depth: depth + 1, line: line, origin: col, budget: budget)
                        out.append(contentsOf: x); outCols.append(contentsOf: repeatElement(col, count: x.count))
                        if out.count > Self.maxLineLength {
                            throw AssemblyError(line.location(at: 0).with(column: Int(col)), "macro expansion longer than \(Self.maxLineLength) bytes")
                        }
                        i = e
                        continue
                    }
                }
                out.append(contentsOf: t[s..<e])
                outCols.append(contentsOf: (s..<e).map { cols.isEmpty ? 1 : cols[min($0, cols.count - 1)] })
                i = e
                continue
            }
            out.append(t[i]); outCols.append(cols.isEmpty ? 1 : cols[min(i, cols.count - 1)])
            i += 1
        }
        return (out, outCols)
    }

    func arguments(_ t: [UInt8], from start: Int, line: SourceLine, col: Int32, name: String) throws -> ([[UInt8]], Int) {
        var args: [[UInt8]] = []
        var cur: [UInt8] = []
        var depth = 0
        var i = start
        while i < t.count {
            let c = t[i]
            if c == 0x22 {
                let s = i
                i += 1
                while i < t.count && t[i] != 0x22 { if t[i] == 0x5c { i += 1 }; i += 1 }
                i = min(i + 1, t.count)
                cur.append(contentsOf: t[s..<i]); continue
            }
            if c == UInt8(ascii: "(") { depth += 1 }
            if c == UInt8(ascii: ")") {
                if depth == 0 {
                    args.append(trim(cur))
                    return (args, i + 1)
                }
                depth -= 1
            }
            if c == UInt8(ascii: ",") && depth == 0 { args.append(trim(cur)); cur = []; i += 1; continue }
            cur.append(c); i += 1
        }
        throw AssemblyError(line.location(at: 0).with(column: Int(col)), "\(Self.unterminatedArguments) \(name)")
    }

    /// `#arg`: the argument in double quotes, whitespace runs as one space, and `"` and `\`
    /// escaped inside its string and character literals only (C17 6.10.3.2).
    static func stringify(_ arg: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x22]
        var quote: UInt8? = nil
        var space = false
        var i = 0
        while i < arg.count {
            let b = arg[i]
            if quote == nil && (b == 0x20 || b == 0x09) { space = true; i += 1; continue }
            if space && out.count > 1 { out.append(0x20) }
            space = false
            if let q = quote {
                if b == 0x5c && i + 1 < arg.count {
                    out += [0x5c, 0x5c]
                    let n = arg[i + 1]
                    if n == 0x22 || n == 0x5c { out.append(0x5c) }
                    out.append(n)
                    i += 2
                    continue
                }
                if b == 0x22 { out.append(0x5c) }
                out.append(b)
                if b == q { quote = nil }
            } else {
                if b == 0x22 || b == 0x27 { quote = b }
                if b == 0x22 { out.append(0x5c) }
                out.append(b)
            }
            i += 1
        }
        out.append(0x22)
        return out
    }

    func trim(_ a: [UInt8]) -> [UInt8] {
        var s = 0, e = a.count
        while s < e && (a[s] == 0x20 || a[s] == 0x09) { s += 1 }
        while e > s && (a[e - 1] == 0x20 || a[e - 1] == 0x09) { e -= 1 }
        return Array(a[s..<e])
    }

    /// Replaces parameters in a function-like macro body: `#p` stringifies, `a ## b` pastes
    /// (raw arguments), other uses get the fully expanded argument.
    func substitute(_ body: [UInt8], names: [String], args: [[UInt8]], disabled: Set<String>, depth: Int,
                    line: SourceLine, col: Int32, budget: Budget) throws -> [UInt8] {
        var spans: [(Int, Int)] = []
        scanIdentifiers(body) { s, e in spans.append((s, e)) }
        var out: [UInt8] = []
        var i = 0
        var spanIndex = 0
        func nextNonSpace(_ k: Int) -> Int { var k = k; while k < body.count && (body[k] == 0x20 || body[k] == 0x09) { k += 1 }; return k }
        func isPaste(_ k: Int) -> Bool { k + 1 < body.count && body[k] == 0x23 && body[k + 1] == 0x23 }
        while i < body.count {
            if isPaste(i) {
                while let l = out.last, l == 0x20 || l == 0x09 { out.removeLast() }
                i = nextNonSpace(i + 2)
                // paste: the next parameter (if any) is inserted raw
                if spanIndex < spans.count {
                    while spanIndex < spans.count && spans[spanIndex].0 < i { spanIndex += 1 }
                    if spanIndex < spans.count && spans[spanIndex].0 == i {
                        let (s, e) = spans[spanIndex]
                        spanIndex += 1
                        let name = String(decoding: body[s..<e], as: UTF8.self)
                        if let k = names.firstIndex(of: name) { out.append(contentsOf: args[k]) } else { out.append(contentsOf: body[s..<e]) }
                        i = e
                    }
                }
                continue
            }
            if body[i] == 0x23 {
                // stringify
                let k = nextNonSpace(i + 1)
                while spanIndex < spans.count && spans[spanIndex].0 < k { spanIndex += 1 }
                if spanIndex < spans.count && spans[spanIndex].0 == k {
                    let (s, e) = spans[spanIndex]
                    let name = String(decoding: body[s..<e], as: UTF8.self)
                    if let a = names.firstIndex(of: name) {
                        spanIndex += 1
                        out.append(contentsOf: Self.stringify(args[a]))
                        i = e
                        continue
                    }
                }
                out.append(body[i]); i += 1; continue
            }
            if spanIndex < spans.count && spans[spanIndex].0 == i {
                let (s, e) = spans[spanIndex]
                spanIndex += 1
                let name = String(decoding: body[s..<e], as: UTF8.self)
                if let k = names.firstIndex(of: name) {
                    if isPaste(nextNonSpace(e)) {
                        out.append(contentsOf: args[k])
                    } else {
                        let (x, _) = try expand(args[k], [], disabled: disabled, depth: depth + 1, line: line, origin: col, budget: budget)
                        out.append(contentsOf: x)
                    }
                } else {
                    out.append(contentsOf: body[s..<e])
                }
                i = e
                continue
            }
            out.append(body[i]); i += 1
        }
        return out
    }
}

extension SourceLocation {
    func with(column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }
}
