/// The types of a preprocessed C file, laid out as GCC lays them out for AArch64 (LP64,
/// AAPCS64): what Xen's `asm-offsets.c` sees when its build compiles it.
///
/// Read: every `struct`/`union` definition (at any depth, tagged or anonymous), every
/// `typedef`; members of scalar type (every integer and floating type, `_Bool`, enums), pointers
/// (function pointers too), arrays (several dimensions, lengths as constant expressions,
/// flexible array members), nested and anonymous structs and unions, bit-fields (packed into
/// storage units of their declared type, as AAPCS64 places them), `__attribute__((aligned(N)))`
/// and `packed` on members, records and typedefs, Xen's `__aligned(N)`.
/// Not read (a clear error names it where a layout needs it): `__typeof__`, `_Atomic(T)`,
/// vector types, variable-length arrays. Everything outside declarations (function bodies,
/// prototypes, initialisers) is skipped.
///
/// Layouts are worked out when asked for, so a type nobody asks about may be one SuspendScope
/// cannot lay out. Bounds: nesting of 64 types, records of 1 GiB.
final class CTranslationUnit {
    let tokens: [CToken]
    /// Every record definition: whether a union, its tag, and the index of its `{`.
    private(set) var records: [(isUnion: Bool, tag: String?, open: Int, attributes: [Int])] = []
    private var tags: [String: Int] = [:]
    /// The record whose `{` is at a token index.
    private var recordAt: [Int: Int] = [:]
    private var typedefs: [String: CType] = [:]
    private var layouts: [Int: CRecordLayout] = [:]
    private var inProgress: Set<Int> = []
    private var depth = 0
    static let maxDepth = 64
    static let maxSize = 1 << 30

    init(tokens: [CToken]) {
        self.tokens = tokens
        collect()
    }

    // MARK: Collecting definitions

    /// Record definitions anywhere, then typedefs at file scope (which may name the records).
    private func collect() {
        for i in tokens.indices where tokens[i].text == "struct" || tokens[i].text == "union" {
            var j = i + 1
            var attributes: [Int] = []
            while j < tokens.count, tokens[j].text == "__attribute__" || tokens[j].text == "__aligned" {
                attributes.append(j)
                j = skipAttribute(j)
            }
            var tag: String? = nil
            if j < tokens.count, tokens[j].isIdentifier { tag = tokens[j].text; j += 1 }
            if j < tokens.count, tokens[j].text == "{" {
                recordAt[j] = records.count
                if let tag, tags[tag] == nil { tags[tag] = records.count }
                records.append((tokens[i].text == "union", tag, j, attributes))
            }
        }
        var i = 0
        var braces = 0
        while i < tokens.count {
            let t = tokens[i].text
            if t == "{" { braces += 1 } else if t == "}" { braces = max(0, braces - 1) }
            if t == "typedef" && braces == 0 {
                let end = statementEnd(from: i + 1)
                var c = i + 1
                if let base = try? specifiers(&c, end: end) {
                    let type = base.align.map { CType.aligned(base.type, $0) } ?? base.type
                    while c < end {
                        guard let (name, t) = try? declarator(&c, base: type, end: end), let name else { break }
                        // Deeper chains (typedefs of typedefs of arrays) are refused where used.
                        typedefs[name] = t.nesting > Self.maxDepth ? .refused("typedef \(name) nests more than \(Self.maxDepth) types") : t
                        while c < end, tokens[c].text == "__attribute__" || tokens[c].text == "__aligned" {
                            if let a = try? attributeEffect(c).align, t.nesting <= Self.maxDepth { typedefs[name] = .aligned(t, a) }
                            c = skipAttribute(c)
                        }
                        if c < end, tokens[c].text == "," { c += 1 } else { break }
                    }
                }
                i = end
                continue
            }
            i += 1
        }
    }

    /// The index of the `;` ending the statement that starts at `i` (nested brackets skipped).
    private func statementEnd(from i: Int) -> Int {
        var k = i
        var nest = 0
        while k < tokens.count {
            switch tokens[k].text {
            case "{", "(", "[": nest += 1
            case "}", ")", "]": nest -= 1
            case ";" where nest <= 0: return k
            default: break
            }
            k += 1
        }
        return k
    }

    /// The index after `__attribute__((...))` or `__aligned(N)` at `i`.
    private func skipAttribute(_ i: Int) -> Int {
        var k = i + 1
        guard k < tokens.count, tokens[k].text == "(" else { return k }
        var nest = 0
        while k < tokens.count {
            if tokens[k].text == "(" { nest += 1 }
            if tokens[k].text == ")" { nest -= 1; if nest == 0 { return k + 1 } }
            k += 1
        }
        return k
    }

    /// The index of the bracket closing the one at `i`.
    private func closing(_ i: Int) -> Int {
        let open = tokens[i].text
        let close = open == "{" ? "}" : open == "(" ? ")" : "]"
        var nest = 0
        var k = i
        while k < tokens.count {
            if tokens[k].text == open { nest += 1 }
            if tokens[k].text == close { nest -= 1; if nest == 0 { return k } }
            k += 1
        }
        return tokens.count
    }

    private func location(_ i: Int) -> SourceLocation {
        i < tokens.count ? tokens[i].location : (tokens.last?.location ?? SourceLocation(file: "<C>", line: 1, column: 1))
    }

    private func error(_ i: Int, _ message: String) -> AssemblyError { AssemblyError(location(i), message) }

    /// The text of token `i`, or "the end" past the last one (for messages).
    func text(at i: Int) -> String { i < tokens.count ? tokens[i].text : "the end" }

    // MARK: Attributes

    /// `aligned(N)` / `__aligned__(N)` / `packed` inside the attribute at `i`.
    private func attributeEffect(_ i: Int) throws -> (align: Int?, packed: Bool) {
        let end = skipAttribute(i)
        var align: Int? = nil
        var packed = false
        var k = i
        while k < end {
            let t = tokens[k].text
            if t == "packed" || t == "__packed__" { packed = true }
            if t == "aligned" || t == "__aligned__" || (t == "__aligned" && k == i) {
                if k + 1 < end, tokens[k + 1].text == "(" {
                    let close = closing(k + 1)
                    let n = try evaluate(k + 2..<close)
                    guard n > 0, n & (n - 1) == 0, n <= 1 << 16 else { throw error(k, "alignment \(n) is not a power of 2 up to 65536") }
                    align = Int(n)
                    k = close
                } else {
                    align = 16   // `aligned` alone: the target's largest alignment
                }
            }
            k += 1
        }
        return (align, packed)
    }

    // MARK: Declarations

    static let qualifiers: Set<String> = ["const", "volatile", "restrict", "__restrict", "__restrict__", "__volatile__", "__const",
                                          "__const__", "static", "extern", "inline", "__inline", "__inline__", "register",
                                          "__extension__", "signed", "__signed__", "auto", "_Noreturn", "__thread", "_Thread_local"]
    static let builtinWords: Set<String> = ["void", "char", "short", "int", "long", "unsigned", "float", "double", "_Bool", "__int128"]

    struct Specifiers {
        var type: CType
        /// A record defined right here (`struct { ... } x;` or `union { ... };`).
        var definedRecord: Int?
        var align: Int?
        var packed: Bool
    }

    /// The declaration specifiers at `c`: the base type of the declarators that follow.
    private func specifiers(_ c: inout Int, end: Int) throws -> Specifiers {
        var words: [String] = []
        var result: CType? = nil
        var defined: Int? = nil
        var align: Int? = nil
        var packed = false
        let start = c
        while c < end {
            let t = tokens[c].text
            if t == "__attribute__" || t == "__aligned" {
                let e = try attributeEffect(c)
                if let a = e.align { align = max(align ?? 0, a) }
                packed = packed || e.packed
                c = skipAttribute(c)
                continue
            }
            if Self.qualifiers.contains(t) { if t == "signed" || t == "__signed__" { words.append("signed") }; c += 1; continue }
            if t == "__typeof__" || t == "typeof" || t == "__typeof" || t == "_Atomic" {
                throw error(c, "'\(t)' is not supported by SuspendScope's C layout reader: expected a plain type")
            }
            if Self.builtinWords.contains(t) { words.append(t); c += 1; continue }
            if t == "struct" || t == "union" {
                guard result == nil, words.isEmpty else { throw error(c, "unexpected '\(t)' after a type") }
                c += 1
                while c < end, tokens[c].text == "__attribute__" || tokens[c].text == "__aligned" { c = skipAttribute(c) }
                var tag: String? = nil
                if c < end, tokens[c].isIdentifier { tag = tokens[c].text; c += 1 }
                if c < end, tokens[c].text == "{" {
                    guard let index = recordAt[c] else { throw error(c, "internal: unrecorded definition") }
                    defined = index
                    result = .record(index)
                    c = closing(c) + 1
                } else {
                    guard let tag else { throw error(c, "expected a tag or '{' after '\(t)'") }
                    result = .tag(tag)
                }
                continue
            }
            if t == "enum" {
                guard result == nil, words.isEmpty else { throw error(c, "unexpected 'enum' after a type") }
                c += 1
                if c < end, tokens[c].isIdentifier { c += 1 }
                if c < end, tokens[c].text == "{" { c = closing(c) + 1 }
                result = .scalar("enum", size: 4, align: 4)
                continue
            }
            if tokens[c].isIdentifier, result == nil, words.isEmpty, let td = typedefs[t] ?? Self.builtinTypedefs[t] {
                result = td
                c += 1
                continue
            }
            break
        }
        if result == nil {
            guard !words.isEmpty else {
                if c < end, tokens[c].isIdentifier { throw error(c, "unknown type name '\(tokens[c].text)'") }
                throw error(c < end ? c : start, "expected a type")
            }
            result = try Self.builtin(words, at: location(start))
        }
        return Specifiers(type: result!, definedRecord: defined, align: align, packed: packed)
    }

    /// Types GCC knows without a header (`__builtin_va_list` is a struct of 32 bytes on AArch64).
    static let builtinTypedefs: [String: CType] = [
        "__builtin_va_list": .scalar("__builtin_va_list", size: 32, align: 8),
        "_Float128": .scalar("_Float128", size: 16, align: 16), "__int128_t": .scalar("__int128", size: 16, align: 16),
        "__uint128_t": .scalar("unsigned __int128", size: 16, align: 16),
    ]

    /// `unsigned long int` and friends, LP64.
    static func builtin(_ words: [String], at loc: SourceLocation) throws -> CType {
        let w = words.filter { $0 != "signed" && $0 != "unsigned" }
        let longs = w.filter { $0 == "long" }.count
        let base = w.filter { $0 != "long" }
        let name = words.joined(separator: " ")
        switch (base.first, longs) {
        case (nil, 0) where !words.isEmpty: return .scalar(name, size: 4, align: 4)        // `unsigned`, `signed`
        case ("int", 0): return .scalar(name, size: 4, align: 4)
        case (nil, _), ("int", _): return .scalar(name, size: 8, align: 8)                   // long, long long
        case ("char", 0): return .scalar(name, size: 1, align: 1)
        case ("short", 0): return .scalar(name, size: 2, align: 2)
        case ("_Bool", 0): return .scalar(name, size: 1, align: 1)
        case ("float", 0): return .scalar(name, size: 4, align: 4)
        case ("double", 0): return .scalar(name, size: 8, align: 8)
        case ("double", 1): return .scalar(name, size: 16, align: 16)
        case ("__int128", 0): return .scalar(name, size: 16, align: 16)
        case ("void", 0): return .void
        default: throw AssemblyError(loc, "'\(name)' is not a C type")
        }
    }

    /// One declarator (`*p`, `a[4][2]`, `(*fn)(int)`, or none) applied to `base`.
    private func declarator(_ c: inout Int, base: CType, end: Int, nesting: Int = 0) throws -> (String?, CType) {
        guard nesting < Self.maxDepth else { throw error(c, "declarator nested more than \(Self.maxDepth) deep") }
        var type = base
        while c < end, tokens[c].text == "*" {
            type = .pointer
            c += 1
            while c < end, Self.qualifiers.contains(tokens[c].text) || tokens[c].text == "__attribute__" {
                c = tokens[c].text == "__attribute__" ? skipAttribute(c) : c + 1
            }
        }
        var name: String? = nil
        var inner: Range<Int>? = nil
        if c < end, tokens[c].text == "(", c + 1 < end, ["*", "(", "^"].contains(tokens[c + 1].text) || (tokens[c + 1].isIdentifier && typedefs[tokens[c + 1].text] == nil && !Self.builtinWords.contains(tokens[c + 1].text) && c + 2 < end && tokens[c + 2].text == ")") {
            let close = closing(c)
            inner = (c + 1)..<close
            c = close + 1
        } else if c < end, tokens[c].isIdentifier, !Self.qualifiers.contains(tokens[c].text) {
            name = tokens[c].text
            c += 1
        }
        // Suffixes, outermost first: `a[2][3]` is an array of 2 arrays of 3.
        var suffixes: [CType?] = []   // nil: function; else an array with its count
        var counts: [Range<Int>?] = []
        while c < end {
            if tokens[c].text == "[" {
                let close = closing(c)
                counts.append(close > c + 1 ? (c + 1)..<close : nil)
                suffixes.append(.void)
                c = close + 1
            } else if tokens[c].text == "(" {
                counts.append(nil)
                suffixes.append(nil)
                c = closing(c) + 1
            } else { break }
            guard suffixes.count <= Self.maxDepth else { throw error(c, "more than \(Self.maxDepth) array dimensions") }
        }
        for (k, s) in suffixes.enumerated().reversed() {
            type = s == nil ? .function : .array(type, count: counts[k])
        }
        if let inner {
            var ic = inner.lowerBound
            let (n, t) = try declarator(&ic, base: type, end: inner.upperBound, nesting: nesting + 1)
            return (n, t)
        }
        return (name, type)
    }

    // MARK: Layout

    /// The layout of the record with tag `tag`.
    func record(tag: String, at use: SourceLocation) throws -> CRecordLayout {
        guard let i = tags[tag] else { throw AssemblyError(use, "no definition of struct or union '\(tag)'") }
        return try layout(i)
    }

    /// The record a typedef name stands for (`typedef struct { ... } foo_t;`).
    func typedefRecord(_ name: String) -> CType? { typedefs[name] }

    func layout(_ index: Int) throws -> CRecordLayout {
        if let l = layouts[index] { return l }
        let r = records[index]
        guard !inProgress.contains(index) else {
            throw error(r.open, "\(r.isUnion ? "union" : "struct") \(r.tag ?? "(anonymous)") contains itself")
        }
        guard depth < Self.maxDepth else { throw error(r.open, "types nested more than \(Self.maxDepth) deep") }
        inProgress.insert(index); depth += 1
        defer { inProgress.remove(index); depth -= 1 }

        var recordAlign = 1
        var packed = false
        for a in r.attributes { let e = try attributeEffect(a); if let x = e.align { recordAlign = max(recordAlign, x) }; packed = packed || e.packed }
        let close = closing(r.open)
        // Attributes after the closing brace belong to the record.
        var k = close + 1
        while k < tokens.count, tokens[k].text == "__attribute__" || tokens[k].text == "__aligned" {
            let e = try attributeEffect(k)
            if let x = e.align { recordAlign = max(recordAlign, x) }
            packed = packed || e.packed
            k = skipAttribute(k)
        }

        var members: [CRecordLayout.Member] = []
        var bit = 0            // next free bit (structs)
        var size = 0           // bytes (unions: the largest member)
        func place(offset: Int, size s: Int, align a: Int) {
            if r.isUnion { size = max(size, s) } else { bit = (offset + s) * 8 }
            recordAlign = max(recordAlign, a)
        }
        var c = r.open + 1
        while c < close {
            if tokens[c].text == ";" { c += 1; continue }
            let end = statementEnd(from: c)
            guard end <= close else { throw error(c, "expected ';' in \(r.isUnion ? "union" : "struct") \(r.tag ?? "(anonymous)")") }
            if tokens[c].text == "_Static_assert" || tokens[c].text == "static_assert" { c = end + 1; continue }
            let spec = try specifiers(&c, end: end)
            if c == end {
                // No declarator: an anonymous struct or union member, or a definition alone.
                if let d = spec.definedRecord, records[d].tag == nil {
                    let l = try layout(d)
                    let a = max(packed ? 1 : l.alignment, spec.align ?? 1)
                    let offset = r.isUnion ? 0 : roundUp((bit + 7) / 8, a)
                    members.append(.init(name: nil, offset: offset, type: .record(d), size: l.size, bitField: false))
                    place(offset: offset, size: l.size, align: a)
                }
                c = end + 1
                continue
            }
            while c < end {
                let at = c
                let (name, type) = try declarator(&c, base: spec.type, end: end)
                var memberAlign: Int? = spec.align
                var width: Int? = nil
                while c < end, tokens[c].text != "," {
                    if tokens[c].text == ":" {
                        let e = statementPart(from: c + 1, end: end)
                        width = Int(try evaluate((c + 1)..<e))
                        c = e
                    } else if tokens[c].text == "__attribute__" || tokens[c].text == "__aligned" {
                        let e = try attributeEffect(c)
                        if let x = e.align { memberAlign = max(memberAlign ?? 0, x) }
                        c = skipAttribute(c)
                    } else if tokens[c].text == "=" {
                        throw error(c, "an initialiser inside a struct is not C")
                    } else {
                        throw error(c, "expected ';' or ',' after the member \(name.map { "'\($0)'" } ?? "declarator") but found '\(text(at: c))'")
                    }
                }
                let (msize, natural) = try sizeAndAlignment(type, at: at)
                let a = max(packed ? 1 : natural, memberAlign ?? 1)
                if let width {
                    guard width >= 0, width <= msize * 8 else { throw error(at, "bit-field width \(width) exceeds its type (\(msize * 8) bits)") }
                    if r.isUnion {
                        members.append(.init(name: name, offset: 0, type: type, size: msize, bitField: true))
                        size = max(size, (width + 7) / 8); recordAlign = max(recordAlign, name == nil ? 1 : a)
                    } else if width == 0 {
                        // A zero-width bit-field starts the next unit and, on AArch64, aligns the record.
                        bit = roundUp(bit, natural * 8)
                        if !packed { recordAlign = max(recordAlign, natural) }
                    } else {
                        // AAPCS64: the field goes in the next storage unit when it would cross one.
                        if !packed, bit / (natural * 8) != (bit + width - 1) / (natural * 8) { bit = roundUp(bit, natural * 8) }
                        let unit = packed ? bit / 8 : bit / (natural * 8) * natural
                        if let name { members.append(.init(name: name, offset: unit, type: type, size: msize, bitField: true)) }
                        bit += width
                        if name != nil { recordAlign = max(recordAlign, a) }
                    }
                } else {
                    guard let name else { throw error(at, "expected a member name") }
                    if case .function = type { throw error(at, "member '\(name)' has a function type") }
                    let offset = r.isUnion ? 0 : roundUp((bit + 7) / 8, a)
                    members.append(.init(name: name, offset: offset, type: type, size: msize, bitField: false))
                    place(offset: offset, size: msize, align: a)
                }
                if c < end, tokens[c].text == "," { c += 1 }
            }
            c = end + 1
        }
        let bytes = r.isUnion ? size : (bit + 7) / 8
        let total = roundUp(bytes, recordAlign)
        guard total <= Self.maxSize else { throw error(r.open, "\(r.tag ?? "(anonymous)") is larger than 1 GiB") }
        let l = CRecordLayout(name: r.tag ?? "(anonymous)", isUnion: r.isUnion, size: total, alignment: recordAlign, members: members)
        layouts[index] = l
        return l
    }

    /// The end of a bit-field width: the next `,` or attribute at this level, or `end`.
    private func statementPart(from i: Int, end: Int) -> Int {
        var k = i
        var nest = 0
        while k < end {
            let t = tokens[k].text
            if t == "(" || t == "[" { nest += 1 }
            if t == ")" || t == "]" { nest -= 1 }
            if nest == 0 && (t == "," || t == "__attribute__") { return k }
            k += 1
        }
        return end
    }

    func roundUp(_ v: Int, _ a: Int) -> Int { a <= 1 ? v : (v + a - 1) / a * a }

    /// Size and alignment of a type (`sizeof`, `_Alignof`).
    func sizeAndAlignment(_ type: CType, at i: Int, nesting: Int = 0) throws -> (Int, Int) {
        guard nesting < Self.maxDepth else { throw error(i, "types nested more than \(Self.maxDepth) deep") }
        switch type {
        case .scalar(_, let s, let a): return (s, a)
        case .pointer: return (8, 8)
        case .void: return (1, 1)
        case .function: throw error(i, "a function type has no size")
        case .refused(let why): throw error(i, why)
        case .aligned(let t, let a):
            let (s, n) = try sizeAndAlignment(t, at: i, nesting: nesting + 1)
            return (s, max(a, n))
        case .record(let r):
            let l = try layout(r)
            return (l.size, l.alignment)
        case .tag(let tag):
            guard let r = tags[tag] else { throw error(i, "struct or union '\(tag)' is used here but defined nowhere SuspendScope read") }
            let l = try layout(r)
            return (l.size, l.alignment)
        case .array(let t, let count):
            let (s, a) = try sizeAndAlignment(t, at: i, nesting: nesting + 1)
            guard let count else { return (0, a) }
            let n = try evaluate(count)
            guard n >= 0, n <= Int64(Self.maxSize) else { throw error(count.lowerBound, "array length \(n) out of range") }
            guard s == 0 || Int(n) <= Self.maxSize / s else { throw error(count.lowerBound, "array of \(n) elements is larger than 1 GiB") }
            return (s * Int(n), a)
        }
    }

    // MARK: Types named in expressions

    /// A type name at `c` (`struct foo`, `unsigned long`, `foo_t *`): parsed to its end.
    func typeName(_ c: inout Int, end: Int) throws -> CType {
        let spec = try specifiers(&c, end: end)
        let (name, t) = try declarator(&c, base: spec.type, end: end)
        if let name { throw error(c - 1, "expected a type, not a declaration of '\(name)'") }
        return spec.align.map { .aligned(t, $0) } ?? t
    }

    /// Whether the tokens at `c` begin a type name (for casts and `sizeof(...)`).
    func startsTypeName(_ c: Int) -> Bool {
        guard c < tokens.count else { return false }
        let t = tokens[c].text
        return Self.builtinWords.contains(t) || t == "struct" || t == "union" || t == "enum" || t == "const" || t == "volatile"
            || t == "signed" || typedefs[t] != nil || Self.builtinTypedefs[t] != nil
    }

    /// The offset of a member designator (`a.b[2].c`) in `type`, as `__builtin_offsetof`.
    func offset(in type: CType, designator range: Range<Int>) throws -> Int {
        var c = range.lowerBound
        var current = type
        var offset = 0
        var first = true
        while c < range.upperBound {
            let t = tokens[c].text
            if t == "." || first {
                if t == "." { c += 1 }
                first = false
                guard c < range.upperBound, tokens[c].isIdentifier else { throw error(c, "expected a member name in offsetof") }
                let name = tokens[c].text
                guard let (o, mt) = try member(name, in: current, at: c) else {
                    throw error(c, "\(describe(current)) has no member '\(name)'")
                }
                offset += o
                current = mt
                c += 1
            } else if t == "[" {
                let close = closing(c)
                guard case .array(let et, _) = strip(current) else { throw error(c, "'[' on a member that is not an array") }
                let n = try evaluate((c + 1)..<close)
                let (es, _) = try sizeAndAlignment(et, at: c)
                offset += Int(n) * es
                current = et
                c = close + 1
            } else {
                throw error(c, "unexpected '\(t)' in offsetof")
            }
        }
        return offset
    }

    private func strip(_ t: CType) -> CType {
        var t = t
        while case .aligned(let u, _) = t { t = u }
        return t
    }

    private func describe(_ t: CType) -> String {
        switch strip(t) {
        case .record(let r): return "\(records[r].isUnion ? "union" : "struct") \(records[r].tag ?? "(anonymous)")"
        case .tag(let tag): return "struct \(tag)"
        default: return "the type"
        }
    }

    /// A member by name, looking through anonymous members; its offset and type.
    func member(_ name: String, in type: CType, at i: Int) throws -> (Int, CType)? {
        let l: CRecordLayout
        switch strip(type) {
        case .record(let r): l = try layout(r)
        case .tag(let tag):
            guard let r = tags[tag] else { throw error(i, "struct or union '\(tag)' is defined nowhere SuspendScope read") }
            l = try layout(r)
        default: throw error(i, "member '\(name)' of something that is not a struct or union")
        }
        for m in l.members {
            if m.name == name { return (m.offset, m.type) }
            if m.name == nil, let (o, t) = try member(name, in: m.type, at: i) { return (m.offset + o, t) }
        }
        return nil
    }

    // MARK: Constant expressions

    /// Evaluates an integer constant expression (`sizeof`, `_Alignof`, `__builtin_offsetof`,
    /// casts, every integer operator), 64-bit.
    func evaluate(_ range: Range<Int>) throws -> Int64 {
        var e = CConstantExpression(unit: self, end: range.upperBound, index: range.lowerBound)
        guard range.lowerBound < range.upperBound else { throw error(range.lowerBound, "expected a constant expression") }
        let v = try e.conditional()
        guard e.index == range.upperBound else { throw error(e.index, "unexpected '\(text(at: e.index))' in a constant expression") }
        return v
    }

    /// The index of the bracket closing the one at `i` (for the expression reader).
    func closingBracket(_ i: Int) -> Int { closing(i) }
    func located(_ i: Int, _ message: String) -> AssemblyError { error(i, message) }
}
