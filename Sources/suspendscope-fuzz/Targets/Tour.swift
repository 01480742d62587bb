import Platform

/// Fuzz target `tour`: a tour file, parsed and checked against v9 (labels, answers, fields).
/// seeds: Sources/Platform/Tours/*.toml
/// max_len: 4096
@_cdecl("suspendscope_fuzz_tour")
public func fuzzTour(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let tour = try? Tour.parse(FuzzInput.text(data, size), file: "fuzz.toml") else { return 0 }
    let guide = TourGuide(tour: tour, run: ScenarioRun(built: FuzzInput.v9))
    guard (try? guide.validate()) != nil else { return 0 }
    // What a walk reveals, at the start (walking itself runs the program: not per input).
    for (i, stop) in tour.stops.enumerated() {
        if let a = stop.answer { _ = guide.value(of: a) }
        _ = guide.heading(i)
    }
    return 0
}
