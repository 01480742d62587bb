import Assembler

/// Fuzz target `preprocessor`: the C preprocessor subset alone (#define with # and ##, #if
/// expressions, #include, comments, line joins), with Xen's prelude and a few defines.
/// seeds: Sources/Platform/Scenarios/*/*.S Sources/Platform/Scenarios/*/*.h Tests/AssemblerTests/Corpus/*.S Tests/AssemblerTests/Corpus/*.h
@_cdecl("suspendscope_fuzz_preprocessor")
public func fuzzPreprocessor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? Assembler.preprocess(bytes: FuzzInput.bytes(data, size), fileName: "fuzz.S",
                                  defines: ["CONFIG_ARM_64": "1", "CONFIG_EARLY_PRINTK": "1"])
    return 0
}
