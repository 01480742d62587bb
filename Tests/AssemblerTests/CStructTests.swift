import Foundation
import Testing
import Assembler

/// The context struct of the suspend patch, its layout, and the asm-offsets symbols Xen's
/// OFFSET() would generate (suspend-path.md §2).
@Suite("C struct layouts and asm-offsets")
struct CStructTests {
    /// As quoted in the v8 review (xen/arch/arm/include/asm/suspend.h, GPL-2.0-only).
    static let v8Header = """
    #ifndef ARM_SUSPEND_H
    #define ARM_SUSPEND_H

    struct domain;
    struct vcpu;

    void arch_domain_resume(struct domain *d);

    #ifdef CONFIG_SYSTEM_SUSPEND
    #ifdef CONFIG_ARM_64
    struct cpu_context {
        register_t callee_regs[12];
        register_t sp;
        register_t vbar_el2;
        register_t vtcr_el2;
        register_t vttbr_el2;
        register_t tpidr_el2;
        register_t mdcr_el2;
        register_t hstr_el2;
        register_t cptr_el2;
        register_t hcr_el2;
    } __aligned(16);
    #else
    #error "Define cpu_context structure for arm32"
    #endif

    extern struct cpu_context cpu_context;

    int prepare_resume_ctx(struct cpu_context *ptr);
    void hyp_resume(void);
    #endif /* CONFIG_SYSTEM_SUSPEND */

    #endif /* ARM_SUSPEND_H */
    """
    static let config = ["CONFIG_SYSTEM_SUSPEND": "1", "CONFIG_ARM_64": "1"]

    static var v9Header: String { v8Header.replacingOccurrences(of: "cpu_context {", with: "resume_cpu_context {") }
    static var v11Header: String {
        v9Header.replacingOccurrences(of: "    register_t hcr_el2;\n", with: "    register_t hcr_el2;\n    register_t cnthctl_el2;\n")
    }

    static let asmOffsets = """
    /* xen/arch/arm/arm64/asm-offsets.c (excerpt) */
    void __dummy__(void)
    {
        OFFSET(RESUME_CTX_X19, struct resume_cpu_context, callee_regs[0]);
        OFFSET(RESUME_CTX_X21, struct resume_cpu_context, callee_regs[2]);
        OFFSET(RESUME_CTX_X23, struct resume_cpu_context, callee_regs[4]);
        OFFSET(RESUME_CTX_X25, struct resume_cpu_context, callee_regs[6]);
        OFFSET(RESUME_CTX_X27, struct resume_cpu_context, callee_regs[8]);
        OFFSET(RESUME_CTX_X29, struct resume_cpu_context, callee_regs[10]);
        OFFSET(RESUME_CTX_SP, struct resume_cpu_context, sp);
        OFFSET(RESUME_CTX_VBAR_EL2, struct resume_cpu_context, vbar_el2);
        OFFSET(RESUME_CTX_VTCR_EL2, struct resume_cpu_context, vtcr_el2);
        OFFSET(RESUME_CTX_VTTBR_EL2, struct resume_cpu_context, vttbr_el2);
        OFFSET(RESUME_CTX_TPIDR_EL2, struct resume_cpu_context, tpidr_el2);
        OFFSET(RESUME_CTX_MDCR_EL2, struct resume_cpu_context, mdcr_el2);
        OFFSET(RESUME_CTX_HSTR_EL2, struct resume_cpu_context, hstr_el2);
        OFFSET(RESUME_CTX_CPTR_EL2, struct resume_cpu_context, cptr_el2);
        OFFSET(RESUME_CTX_HCR_EL2, struct resume_cpu_context, hcr_el2);
        BLANK();
        DEFINE(RESUME_CTX_SIZE, sizeof(struct resume_cpu_context));
    }
    """

    @Test("v8, v9 and v11 lay out as the reference says: 16-byte aligned, 176 bytes")
    func layouts() throws {
        let v8 = try #require(CStructParser.parse(source: Self.v8Header, defines: Self.config).first)
        #expect(v8.name == "cpu_context")
        #expect(v8.alignment == 16)
        #expect(v8.size == 176)
        #expect(v8.fields.map(\.name) == ["callee_regs", "sp", "vbar_el2", "vtcr_el2", "vttbr_el2", "tpidr_el2",
                                          "mdcr_el2", "hstr_el2", "cptr_el2", "hcr_el2"])
        #expect(v8.fields.map(\.offset) == [0, 96, 104, 112, 120, 128, 136, 144, 152, 160])
        #expect(v8.field(named: "callee_regs")?.count == 12)

        let v11 = try #require(CStructParser.parse(source: Self.v11Header, defines: Self.config).first)
        #expect(v11.name == "resume_cpu_context")
        #expect(v11.field(named: "cnthctl_el2")?.offset == 168)
        #expect(v11.size == 176)
    }

    @Test("without CONFIG_ARM_64 the header's #error is reported with its location")
    func arm32Errors() throws {
        #expect {
            _ = try CStructParser.parse(source: Self.v8Header, fileName: "suspend.h", defines: ["CONFIG_SYSTEM_SUSPEND": "1"])
        } throws: { error in
            (error as? AssemblyError)?.description.hasPrefix("suspend.h:24:1: error:") == true
                && "\(error)".contains("Define cpu_context structure for arm32")
        }
    }

    @Test("asm-offsets generates RESUME_CTX_* exactly as the reference table")
    func asmOffsetsMatchReference() throws {
        let structs = try CStructParser.parse(source: Self.v9Header, defines: Self.config)
        let symbols = try AsmOffsets.generate(source: Self.asmOffsets, structs: structs)
        let expected: [(String, Int64)] = [
            ("RESUME_CTX_X19", 0), ("RESUME_CTX_X21", 16), ("RESUME_CTX_X23", 32), ("RESUME_CTX_X25", 48),
            ("RESUME_CTX_X27", 64), ("RESUME_CTX_X29", 80), ("RESUME_CTX_SP", 96), ("RESUME_CTX_VBAR_EL2", 104),
            ("RESUME_CTX_VTCR_EL2", 112), ("RESUME_CTX_VTTBR_EL2", 120), ("RESUME_CTX_TPIDR_EL2", 128),
            ("RESUME_CTX_MDCR_EL2", 136), ("RESUME_CTX_HSTR_EL2", 144), ("RESUME_CTX_CPTR_EL2", 152),
            ("RESUME_CTX_HCR_EL2", 160), ("RESUME_CTX_SIZE", 176),
        ]
        #expect(symbols.map(\.name) == expected.map(\.0))
        #expect(symbols.map(\.value) == expected.map(\.1))
        #expect(AsmOffsets.header(symbols).contains("#define RESUME_CTX_HCR_EL2 160 "))
    }

    @Test("generated symbols assemble the v9 save code: stp x29, lr lands at offset 80")
    func offsetsFeedTheAssembler() throws {
        let structs = try CStructParser.parse(source: Self.v9Header, defines: Self.config)
        let defines = AsmOffsets.defines(try AsmOffsets.generate(source: Self.asmOffsets, structs: structs))
        let p = try Assembler.assemble(source: "stp x29, lr, [x0, #RESUME_CTX_X29]\nstr x2, [x0, #RESUME_CTX_HCR_EL2]\n",
                                       options: AssemblerOptions(defines: defines))
        #expect(p.image == [0x1d, 0x78, 0x05, 0xa9, 0x02, 0x50, 0x00, 0xf9])
    }

    @Test("bad headers and asm-offsets give located errors", arguments: [
        ("struct s { foo_t x; };", "h:1:12: error: unknown type 'foo_t'"),
        ("struct s { register_t x[0]; };", "h:1:23: error: array length 0 out of range"),
        ("struct s { register_t x; register_t x; };", "h:1:37: error: member 'x' is declared twice"),
        ("struct s { register_t x; } __aligned(3);", "h:1:28: error: alignment 3 is not a power of 2"),
        ("struct s { register_t x;", "h:1:1: error: struct s has no closing '}'"),
        ("struct s { register_t x; }", "h:1:27: error: expected ';' but found the end of the file"),
        ("struct s { register_t x; } oops;", "h:1:28: error: expected ';' after struct s but found 'oops'"),
    ])
    func badHeaders(source: String, prefix: String) throws {
        #expect {
            _ = try CStructParser.parse(source: source, fileName: "h")
        } throws: { error in
            let d = "\(error)"
            return d.hasPrefix(prefix) && !d.contains("\n")
        }
    }

    @Test("OFFSET of an unknown member or an index past the array is an error")
    func badOffsets() throws {
        let structs = try CStructParser.parse(source: Self.v9Header, defines: Self.config)
        for (line, phrase) in [
            ("OFFSET(A, struct resume_cpu_context, nope);", "has no member 'nope'"),
            ("OFFSET(A, struct resume_cpu_context, callee_regs[12]);", "index 12 out of range 0...11"),
            ("OFFSET(A, struct other, sp);", "unknown struct 'other'"),
            ("OFFSET(A, struct resume_cpu_context, sp); OFFSET(A, struct resume_cpu_context, sp);", "A is already defined"),
        ] {
            #expect(throws: AssemblyError.self) { _ = try AsmOffsets.generate(source: line, fileName: "a.c", structs: structs) }
            do { _ = try AsmOffsets.generate(source: line, fileName: "a.c", structs: structs) } catch {
                #expect("\(error)".contains(phrase), "\(error)")
                #expect("\(error)".hasPrefix("a.c:1:"))
            }
        }
    }
}
