import Assembler

/// Fuzz target `assembler`: a source through the whole assembler (preprocessor, parser,
/// directives, literal pools, layout and link), as `assemble FILE.S` does.
/// seeds: Sources/Platform/Scenarios/*/*.S Tests/ConformanceTests/Corpus/*.S Tests/AssemblerTests/Corpus/*.S Tests/AssemblerTests/Corpus/Malformed/*.S
@_cdecl("suspendscope_fuzz_assembler")
public func fuzzAssembler(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? Assembler.assemble(bytes: FuzzInput.bytes(data, size), fileName: "fuzz.S")
    return 0
}
