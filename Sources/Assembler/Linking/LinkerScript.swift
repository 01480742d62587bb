/// A linker script, as far as kernels' scripts (Xen's `xen.lds.S`) use one to lay out an image:
/// a sequence of location-counter alignments, symbol assignments and output sections, each
/// output section gathering input sections by name pattern in order.
///
/// `Linker` lays the units out by it as `ld -T` would:
/// - the location counter starts at the link base (`. = XEN_VIRT_START;`);
/// - each input section goes to the first input statement (in script order) with a pattern that
///   matches its name (`*` matches any run of characters, as in ld's wildcards); within one
///   statement, sections are taken file by file in link order, each file's in its own order;
/// - an output section starts at `.` aligned to its largest input alignment; inside it each
///   input section is aligned to its own alignment and gaps are filled with the section's fill
///   pattern (`= 0x9090`: the hex digits as big-endian bytes, repeated);
/// - an output section that receives no input is not created: its symbols take the value of `.`;
/// - an input section no statement takes (an orphan) gets an output section of its own name,
///   placed after the script's `.text` (code), `.rodata` (read-only data), `.data` (writable
///   data) or `.bss` (no bits), as ld places orphans by their flags;
/// - `ldText` renders the script in ld's syntax, so the tests link the same layout with GNU ld.
public struct LinkerScript: Sendable, Equatable {
    public enum Statement: Sendable, Equatable {
        /// `NAME = .;`
        case symbol(String)
        /// `. = ALIGN(N);` (N a power of two)
        case align(UInt64)
        /// `NAME : { ... } =FILL`
        case section(OutputSection)
    }

    public struct OutputSection: Sendable, Equatable {
        public var name: String
        public var body: [Item]
        /// The bytes repeated over the gaps between input sections (ld's `=0x9090`); empty: zeros.
        public var fill: [UInt8]
        public init(_ name: String, fill: [UInt8] = [], _ body: [Item]) {
            self.name = name; self.body = body; self.fill = fill
        }
    }

    public enum Item: Sendable, Equatable {
        /// `*(pattern pattern ...)`: one input statement.
        case inputs([String])
        /// `NAME = .;`
        case symbol(String)
        /// `. = ALIGN(N);`
        case align(UInt64)
    }

    public var statements: [Statement]
    public init(_ statements: [Statement]) { self.statements = statements }

    /// Whether `name` matches an ld wildcard pattern (`*` for any run of characters; `?` one).
    public static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern.utf8), n = Array(name.utf8)
        var pi = 0, ni = 0
        var star: Int? = nil, mark = 0
        while ni < n.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == n[ni]) { pi += 1; ni += 1; continue }
            if pi < p.count && p[pi] == UInt8(ascii: "*") { star = pi; mark = ni; pi += 1; continue }
            guard let s = star else { return false }
            pi = s + 1; mark += 1; ni = mark
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    /// The script in ld's syntax (`ld -T`), starting at `base`.
    public func ldText(base: UInt64, entry: String? = nil) -> String {
        func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }
        var out = entry.map { "ENTRY(\($0))\n" } ?? ""
        out += "SECTIONS\n{\n  . = \(hex(base));\n"
        for s in statements {
            switch s {
            case .symbol(let n): out += "  \(n) = .;\n"
            case .align(let a): out += "  . = ALIGN(\(hex(a)));\n"
            case .section(let o):
                out += "  \(o.name) : {\n"
                for i in o.body {
                    switch i {
                    case .inputs(let p): out += "    *(\(p.joined(separator: " ")))\n"
                    case .symbol(let n): out += "    \(n) = .;\n"
                    case .align(let a): out += "    . = ALIGN(\(hex(a)));\n"
                    }
                }
                out += "  }" + (o.fill.isEmpty ? "" : " =0x" + o.fill.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()) + "\n"
            }
        }
        return out + "  /DISCARD/ : { *(.note.gnu.property) }\n}\n"
    }
}
