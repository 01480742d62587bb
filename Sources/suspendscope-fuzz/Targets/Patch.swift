import Platform

/// Fuzz target `patch`: a posted patch (git format-patch, mbox, email, a review reply quoting
/// it) read by the patch importer; one that parses is imported onto v9 (hunks located,
/// applied, the scenario checked), as `import PATCH --onto v9` does short of writing it.
/// seeds: Tests/PlatformTests/Patches/* Sources/Platform/Reviews/*
@_cdecl("suspendscope_fuzz_patch")
public func fuzzPatch(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let set = try? PatchParser.parse(FuzzInput.bytes(data, size), file: "fuzz.patch") else { return 0 }
    _ = try? PatchImport.run(set, onto: FuzzInput.v9.scenario, name: "fuzz")
    return 0
}
