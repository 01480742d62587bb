import Assembler

/// Fuzz target `clayout`: a Xen tree's asm-offsets.c as its build compiles it (preprocessed as
/// C, then each DEFINE/OFFSET marker evaluated over the C types it names: structs, unions,
/// typedefs, arrays, attributes, constant expressions).
/// seeds: Fuzz/Seeds/clayout/* Tests/CLITests/Fixtures/xen-mini/xen/arch/arm/include/asm/*.h Tests/CLITests/Fixtures/xen-mini/xen/include/xen/*.h
@_cdecl("suspendscope_fuzz_clayout")
public func fuzzCLayout(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? AsmOffsets.compile(bytes: FuzzInput.bytes(data, size), fileName: "asm-offsets.c", directory: nil,
                                options: AssemblerOptions(defines: ["CONFIG_ARM_64": "1", "CONFIG_SYSTEM_SUSPEND": "1"]))
    return 0
}
