import Testing
@testable import Assembler

/// Linking frees what it built: a merged `"aMS"` section's relocation closure held the merge
/// entries, which held the sections strongly, so every section of such a link leaked (found by
/// `scripts/fuzz assembler` under LeakSanitizer on xen_resume.S).
@Suite struct LinkerMemoryTests {
    @Test func aMergedStringSectionIsFreedAfterLinking() throws {
        let source = """
                .text
                adr     x0, hello
                adr     x1, lo
                ret
                .section .rodata.str1.1, "aMS", %progbits, 1
        hello:  .asciz  "hello"
        lo:     .asciz  "lo"
        """
        weak var merged: SectionBuffer?
        try {
            let options = AssemblerOptions()
            var pp = try Preprocessor(defines: [:], includeSearch: options.includeSearch, prelude: options.prelude)
            try pp.process(unit: Array(source.utf8), file: "merge.S", directory: nil, preincludes: options.preincludes)
            let assembly = Assembly(options: options)
            try assembly.run(pp.output, cppExpanded: pp.expandedBy)
            merged = assembly.sections.first { $0.merge }
            #expect(merged != nil)
            let program = try Linker(units: [assembly], base: options.base).link()
            // "lo" is the tail of "hello" and is merged into it.
            #expect(program.symbols.address(of: "lo") == program.symbols.address(of: "hello").map { $0 + 3 })
        }()
        #expect(merged == nil, "the merged section outlived its link")
    }
}
