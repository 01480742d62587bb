import Platform
import Testing

/// Tours are bounded: a bounded number of stops, and answers naming fields out of range give
/// "unknown" instead of trapping.
@Suite struct TourBoundsTests {
    @Test func fieldIndexesOutOfRangeNameNothing() throws {
        let tour = try Tour.parse("""
            scenario = "v9"
            [[stop]]
            at = "context-saved"
            say = "x"
            ask = "?"
            answer = "field:callee_regs[-1]"
            """, file: "t.toml")
        let guide = TourGuide(tour: tour, run: ScenarioRun(built: try BuiltinScenarios.resolve("v9").build()))
        try guide.validate()
        for spec in ["field:callee_regs[-1]", "field:callee_regs[-9223372036854775807]", "field:callee_regs[9223372036854775807]",
                     "field:callee_regs[99999999999999999999]", "field:callee_regs[3"] {
            _ = guide.value(of: spec)
        }
        #expect(guide.value(of: "field:callee_regs[-1]") == nil)
        #expect(guide.value(of: "field:callee_regs[9223372036854775807]") == nil)
        #expect(guide.answer(0, reply: "1") == "Not quite: you said 0x1; field:callee_regs[-1] is unknown.")
    }

    @Test func aTourHasABoundedNumberOfStops() {
        let many = "scenario = \"v9\"\n" + String(repeating: "[[stop]]\nat = \"nowhere\"\nsay = \"x\"\n", count: Tour.maxStops + 1)
        do {
            _ = try Tour.parse(many, file: "t.toml")
            Issue.record("parsed")
        } catch {
            #expect("\(error)" == "t.toml:\(2 + 3 * Tour.maxStops):1: error: more than \(Tour.maxStops) stops in one tour")
        }
    }
}
