import Platform

/// Fuzz target `json`: the located JSON reader sessions are decoded with.
/// seeds: sessions/*.json
@_cdecl("suspendscope_fuzz_json")
public func fuzzJSON(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? LocatedJSON.parse(FuzzInput.bytes(data, size))
    return 0
}
