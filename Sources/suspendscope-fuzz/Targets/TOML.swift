import Platform

/// Fuzz target `toml`: the project's one TOML reader (manifests, themes, tours) and its writer.
/// seeds: Sources/Platform/Scenarios/*/scenario.toml Sources/TUI/Themes/*.toml Sources/Platform/Tours/*.toml
@_cdecl("suspendscope_fuzz_toml")
public func fuzzTOML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    if let t = try? TOML.parse(FuzzInput.text(data, size), file: "fuzz.toml") {
        // What the writer makes of it reads back.
        let again = TOMLWriter.write(t)
        _ = try? TOML.parse(again, file: "again.toml")
    }
    return 0
}
