import Assembler

/// Fuzz target `cstruct`: a C header through the struct parser, then the same text as
/// Xen's asm-offsets.c (OFFSET/DEFINE/BLANK) over those structs and v9's.
/// seeds: Sources/Platform/Scenarios/*/*.h Sources/Platform/Scenarios/*/asm-offsets.c Tests/AssemblerTests/Corpus/*.h
@_cdecl("suspendscope_fuzz_cstruct")
public func fuzzCStruct(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = FuzzInput.text(data, size)
    let own = (try? CStructParser.parse(source: text, fileName: "fuzz.h", defines: ["CONFIG_ARM_64": "1"])) ?? []
    _ = try? AsmOffsets.generate(source: text, fileName: "asm-offsets.c", structs: own + [FuzzInput.v9.layout])
    return 0
}
