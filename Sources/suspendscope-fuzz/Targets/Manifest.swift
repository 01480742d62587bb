import Platform

/// Fuzz target `manifest`: a scenario.toml, read and checked (base scenarios, [[edit]],
/// [memory], [initial], [integrity], [notes], ...).
/// seeds: Sources/Platform/Scenarios/*/scenario.toml
@_cdecl("suspendscope_fuzz_manifest")
public func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    _ = try? ScenarioManifest.parse(FuzzInput.text(data, size), file: "scenario.toml") { name, location in
        guard let table = FuzzInput.baseManifests[name] else { throw TOMLError(location, "no built-in scenario '\(name)'") }
        return table
    }
    return 0
}

extension FuzzInput {
    /// The built-in scenarios' manifests, read once.
    static let baseManifests: [String: TOMLTable] = {
        var out: [String: TOMLTable] = [:]
        for n in BuiltinScenarios.names { if let s = try? BuiltinScenarios.scenario(named: n) { out[n] = s.manifest.table } }
        return out
    }()
}
