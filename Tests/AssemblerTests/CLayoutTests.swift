import Foundation
import Testing
@testable import Assembler
import TestSupport

/// The C layout reader behind asm-offsets for Xen trees: Xen's DEFINE/OFFSET markers evaluated
/// from struct layouts, compared with what clang for aarch64-linux-gnu compiles the same file to
/// (Xen's build turns the compiler's markers into asm-offsets.h the same way).
@Suite struct CLayoutTests {
    static let markers = """
        #define DEFINE(_sym, _val) asm volatile ( "\\n.ascii\\"==>#define " #_sym " %0 /* " #_val " */<==\\"" :: "i" (_val) )
        #define OFFSET(_sym, _str, _mem) DEFINE(_sym, __builtin_offsetof(_str, _mem))
        typedef __UINT8_TYPE__ uint8_t;
        typedef __UINT16_TYPE__ uint16_t;
        typedef __UINT32_TYPE__ uint32_t;
        typedef __UINT64_TYPE__ uint64_t;

        """

    /// Struct shapes a hypervisor's headers use, each with the values asked of it.
    static let cases: [(String, String)] = [
        ("scalars and padding", """
            struct s { char c; uint64_t u; short h; int i; char tail; };
            void f(void) { OFFSET(S_u, struct s, u); OFFSET(S_h, struct s, h); OFFSET(S_i, struct s, i);
                           OFFSET(S_tail, struct s, tail); DEFINE(S_size, sizeof(struct s)); DEFINE(S_align, _Alignof(struct s)); }
            """),
        ("anonymous unions and nested structs", """
            #define REG(a, b) union { uint64_t a; uint32_t b; }
            struct regs { REG(x0, r0); REG(x1, r1); uint32_t w; struct { uint16_t lo, hi; } pair; union { uint64_t d; uint8_t b[3]; }; };
            struct outer { char tag; struct regs r[2]; unsigned long elr; uint32_t flags; };
            void f(void) { OFFSET(R_x1, struct regs, x1); OFFSET(R_r1, struct regs, r1); OFFSET(R_hi, struct regs, pair.hi);
                           OFFSET(R_d, struct regs, d); OFFSET(R_b2, struct regs, b[2]); DEFINE(R_size, sizeof(struct regs));
                           OFFSET(O_r1_w, struct outer, r[1].w); OFFSET(O_flags, struct outer, flags); DEFINE(O_size, sizeof(struct outer)); }
            """),
        ("bit-fields", """
            struct b { uint32_t flags; uint32_t a:1, b:6; uint8_t c:3; uint64_t d:40; uint16_t e:12; uint8_t f; };
            struct z { char c; int :0; char d; };
            void f(void) { OFFSET(B_f, struct b, f); DEFINE(B_size, sizeof(struct b)); DEFINE(B_align, _Alignof(struct b));
                           OFFSET(Z_d, struct z, d); DEFINE(Z_size, sizeof(struct z)); }
            """),
        ("attributes, typedefs, pointers, arrays", """
            typedef uint64_t register_t;
            typedef struct { register_t a; } __attribute__((aligned(64))) line_t;
            typedef void (*handler_t)(int);
            struct ctx { register_t regs[12]; register_t sp; handler_t h; void (*g)(void); line_t line; char name[3][5];
                         uint32_t packed_after __attribute__((aligned(32))); } __attribute__((aligned(16)));
            struct __attribute__((packed)) p { char c; uint64_t u; uint16_t h; };
            struct flex { uint32_t n; uint64_t items[]; };
            enum e { A, B };
            struct en { char c; enum e e; _Bool b; long double ld; };
            void f(void) { OFFSET(C_sp, struct ctx, sp); OFFSET(C_h, struct ctx, h); OFFSET(C_line, struct ctx, line);
                           OFFSET(C_name, struct ctx, name[2][1]); OFFSET(C_pa, struct ctx, packed_after); DEFINE(C_size, sizeof(struct ctx));
                           OFFSET(P_u, struct p, u); DEFINE(P_size, sizeof(struct p)); DEFINE(F_size, sizeof(struct flex));
                           OFFSET(F_items, struct flex, items); OFFSET(E_e, struct en, e); OFFSET(E_ld, struct en, ld);
                           DEFINE(E_size, sizeof(struct en)); DEFINE(L_size, sizeof(line_t)); }
            """),
        ("constant expressions", """
            #define PAGE_SHIFT 12
            #define ENTRIES (1UL << (PAGE_SHIFT - 3))
            struct t { uint64_t e[ENTRIES]; uint32_t count[(2 + 3) * 2]; };
            void f(void) { DEFINE(T_size, sizeof(struct t)); DEFINE(T_expr, (sizeof(struct t) >> 3) / 7 + (1 ? 2 : 3) - ~0);
                           DEFINE(T_cast, (unsigned char)0x1ff + (int)sizeof(uint16_t)); OFFSET(T_count, struct t, count[9]); }
            """),
    ]

    static func ours(_ source: String) throws -> [String: Int64] {
        let c = try AsmOffsets.compile(bytes: Array((markers + source).utf8), fileName: "t.c", directory: nil, options: AssemblerOptions())
        #expect(c.unresolved.isEmpty, "\(c.unresolved)")
        return Dictionary(uniqueKeysWithValues: c.symbols.map { ($0.name, $0.value) })
    }

    static func clang(_ source: String) throws -> [String: Int64] {
        let dir = try TemporaryDirectory(prefix: "clayout")
        let c = dir.url.appendingPathComponent("t.c"), s = dir.url.appendingPathComponent("t.s")
        try (markers + source).write(to: c, atomically: true, encoding: .utf8)
        let r = try ProcessRunner.run("clang", ["--target=aarch64-linux-gnu", "-nostdinc", "-S", "-o", s.path, c.path])
        guard r.status == 0 else { throw ToolError("clang failed: \(r.stderr)") }
        var out: [String: Int64] = [:]
        for line in try String(contentsOf: s, encoding: .utf8).split(separator: "\n") {
            guard let a = line.range(of: "==>#define "), let b = line.range(of: " /*") else { continue }
            let parts = line[a.upperBound..<b.lowerBound].split(separator: " ")
            guard parts.count == 2, let v = Int64(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "#$"))) else { continue }
            out[String(parts[0])] = v
        }
        return out
    }

    @Test(.enabled(if: ExternalTool.clang.shouldRun, Comment(rawValue: ExternalTool.clang.skipReason)), arguments: cases.map(\.0))
    func agreesWithClang(_ name: String) throws {
        let source = Self.cases.first { $0.0 == name }!.1
        let theirs = try Self.clang(source)
        #expect(!theirs.isEmpty)
        #expect(try Self.ours(source) == theirs)
    }

    @Test func knownLayouts() throws {
        let v = try Self.ours(Self.cases[1].1)
        #expect(v["R_r1"] == 8 && v["R_hi"] == 22 && v["R_size"] == 32 && v["O_size"] == 88)
    }

    @Test("what cannot be laid out is unresolved, with where and why", arguments: [
        ("struct s { __typeof__(1) x; }; void f(void) { DEFINE(S, sizeof(struct s)); }", "'__typeof__' is not supported"),
        ("struct s { struct s inner; }; void f(void) { DEFINE(S, sizeof(struct s)); }", "contains itself"),
        ("struct s { foo_t x; }; void f(void) { DEFINE(S, sizeof(struct s)); }", "unknown type name 'foo_t'"),
        ("void f(void) { DEFINE(S, sizeof(struct nowhere)); }", "defined nowhere"),
        ("struct s { int a; }; void f(void) { OFFSET(S, struct s, b); }", "has no member 'b'"),
        ("struct s { int a[1 / 0]; }; void f(void) { DEFINE(S, sizeof(struct s)); }", "division by zero"),
        ("struct s { int a; }; void f(void) { DEFINE(S, some_variable); }", "'some_variable' is not a constant"),
    ] as [(String, String)])
    func unresolvedSymbols(_ source: String, _ phrase: String) throws {
        let c = try AsmOffsets.compile(bytes: Array((Self.markers + source).utf8), fileName: "t.c", directory: nil, options: AssemblerOptions())
        #expect(c.symbols.isEmpty)
        #expect(c.unresolved.count == 1)
        #expect(c.unresolved.first?.reason.contains(phrase) == true, "\(c.unresolved)")
        #expect(c.unresolved.first?.location.file == "t.c")
    }

    @Test func literalOffsetAndDefineCountToo() throws {
        let c = try AsmOffsets.compile(bytes: Array("struct s { long a; int b; };\nvoid f(void) { OFFSET(S_b, struct s, b); DEFINE(S_size, sizeof(struct s)); }\n".utf8),
                                       fileName: "t.c", directory: nil, options: AssemblerOptions())
        #expect(c.symbols.map(\.name) == ["S_b", "S_size"] && c.symbols.map(\.value) == [8, 16])
        #expect(c.header.contains("#define S_b 8 /* offsetof(struct s , b) */"))
    }

    /// Hostile shapes: each is refused with a located reason (unresolved, or an error for the
    /// file), never a trap or a stack overflow.
    @Test func hostileNestingIsBounded() throws {
        let parens = String(repeating: "(", count: 20_000) + "x" + String(repeating: ")", count: 20_000)
        let minus = String(repeating: "- ", count: 100_000) + "1"
        var typedefs = "typedef int t0;\n"
        for k in 1...3000 { typedefs += "typedef t\(k - 1) __attribute__((aligned(8))) t\(k);\n" }
        let dims = String(repeating: "[1]", count: 5000)
        for (src, phrase) in [
            ("struct s { int \(parens); }; void f(void) { DEFINE(S, sizeof(struct s)); }", "declarator nested more than 64 deep"),
            ("void f(void) { DEFINE(S, \(minus)); }", "expression nested too deeply"),
            (typedefs + "struct s { t3000 a; }; void f(void) { DEFINE(S, sizeof(struct s)); }", "nests more than 64 types"),
            ("struct s { int a\(dims); }; void f(void) { DEFINE(S, sizeof(struct s)); }", "more than 64 array dimensions"),
            ("void f(void) { DEFINE(S, sizeof(struct { int a; ); }", "unterminated argument list invoking macro DEFINE"),
        ] {
            var message = ""
            do {
                let c = try AsmOffsets.compile(bytes: Array((Self.markers + src).utf8), fileName: "t.c", directory: nil, options: AssemblerOptions())
                #expect(c.symbols.isEmpty, "\(phrase): \(c.symbols)")
                message = c.unresolved.map(\.reason).joined(separator: "; ")
            } catch let e as AssemblyError {
                message = "\(e.location): \(e.message)"
            }
            #expect(message.contains("t.c:") && message.contains(phrase), "\(phrase) -> \(message.prefix(300))")
        }
    }

    @Test func mutatedHeadersNeverTrap() throws {
        var rng = FuzzTests.LCG(state: 0xc1a)
        let base = Array((Self.markers + Self.cases.map(\.1).joined(separator: "\n")).utf8)
        let alphabet = Array("{}[]();,*:=_ aligned__attribute__ struct union int 0123456789 sizeof __builtin_offsetof".utf8)
        for _ in 0..<300 {
            var bytes = base
            FuzzTests.mutate(&bytes, &rng, alphabet: alphabet, span: 40, randomBytes: false)
            do { _ = try AsmOffsets.compile(bytes: bytes, fileName: "m.c", directory: nil, options: AssemblerOptions()) } catch is AssemblyError {}
        }
    }

    @Test func deepNestingIsBoundedNotATrap() throws {
        var src = "struct s0 { int a; };\n"
        for k in 1...100 { src += "struct s\(k) { struct s\(k - 1) inner; };\n" }
        src += "void f(void) { DEFINE(S, sizeof(struct s100)); }\n"
        let c = try AsmOffsets.compile(bytes: Array((Self.markers + src).utf8), fileName: "t.c", directory: nil, options: AssemblerOptions())
        #expect(c.unresolved.first?.reason.contains("nested more than") == true)
    }
}
