import TUI

/// Fuzz target `theme`: a theme file (roles, colours, attributes), read by the project's TOML
/// reader.
/// seeds: Sources/TUI/Themes/*.toml
/// max_len: 4096
@_cdecl("suspendscope_fuzz_theme")
public func fuzzTheme(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? Theme.parse(FuzzInput.text(data, size), file: "fuzz.toml")
    return 0
}
