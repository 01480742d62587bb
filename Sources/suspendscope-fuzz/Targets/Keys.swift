import TUI

/// Fuzz target `keys`: a keys.toml (a preset, then keys bound to view actions or debugger
/// commands per mode), read by the project's TOML reader.
/// seeds: Fuzz/Seeds/keys/*
/// max_len: 4096
@_cdecl("suspendscope_fuzz_keys")
public func fuzzKeys(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? KeyMap.parse(FuzzInput.text(data, size), file: "keys.toml")
    return 0
}
