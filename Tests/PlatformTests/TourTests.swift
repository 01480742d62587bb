import Testing
@testable import Platform

/// Guided tours: narration at each stop, predictions scored against the real values, tours as
/// data files with located errors.
@Suite struct TourTests {
    static func guide(_ name: String) throws -> TourGuide {
        let tour = try #require(try Tour.builtin(name))
        let built = try #require(try BuiltinScenarios.scenario(named: tour.scenario)).build()
        let g = TourGuide(tour: tour, run: ScenarioRun(built: built))
        try g.validate()
        return g
    }

    @Test func v9TourScoresPredictions() throws {
        let g = try Self.guide("v9")
        var answers = ["", "1", "0xc400000e", "0x30c50830", "", "5"]
        var out = ""
        g.walk(input: { answers.isEmpty ? nil : answers.removeFirst() }, output: { out += $0 })
        #expect(g.asked == 4)
        #expect(g.skipped == 2)
        #expect(g.right == 3)
        #expect(out.contains("Score: 3/4, 2 skipped"))
        // After each reveal, the state it is about.
        #expect(out.contains("Skipped: lr is 0x20000200890.\n  at step 539 (head.S:26): lr = 0x20000200890"), "\(out)")
        #expect(out.contains("Not quite: you said 0x5; x0 is 0x0."))
        #expect(out.contains("[8/8] resume-return"))
    }

    @Test func everyBuiltinTourRunsAndTheBugTourExists() throws {
        #expect(Tour.builtinNames.contains("v9"))
        #expect(Tour.builtinNames.contains { $0.hasPrefix("bug-") })
        for name in Tour.builtinNames {
            let g = try Self.guide(name)
            var out = ""
            g.walk(input: { nil }, output: { out += $0 })
            #expect(out.contains("Score: 0/\(g.asked)"))
            #expect(!out.contains(" is unknown."), "a revealed value could not be read")
        }
    }

    static let badTours: [(String, String)] = [
        ("title = \"x\"\n", "t.toml:1:1: error: a tour needs at least one [[stop]]"),
        ("scenario = \"v9\"\n[[stop]]\nat = \"psci-call\"\n", "t.toml:2:1: error: missing 'say' in [stop]"),
        ("scenario = \"v9\"\n[[stop]]\nat = \"psci-call\"\nsay = \"x\"\nask = \"?\"\n", "t.toml:2:1: error: a stop that asks must say what the answer is"),
        ("scenario = \"v9\"\n[[stop]]\nat = \"psci-call\"\nsay = \"x\"\nask = \"?\"\nanswer = \"x99\"\n", "t.toml:6:10: error: answer = \"x99\""),
        ("scenario = \"v9\"\n[[stop]]\nat = \"psci-call\"\nsay = \"x\"\nwhen = 1\n", "t.toml:5:8: error: unknown key 'when' in [stop]"),
        ("scenario = v9\n", "t.toml:1:12: error: expected a value"),
    ]

    @Test(arguments: badTours)
    func malformedToursAreLocated(_ text: String, _ expected: String) {
        do {
            _ = try Tour.parse(text, file: "t.toml")
            Issue.record("accepted")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }

    @Test func unknownLabelsAndFieldsAreCaughtBeforeStarting() throws {
        let tour = try Tour.parse("scenario = \"v9\"\n[[stop]]\nat = \"nowhere\"\nsay = \"x\"\n", file: "t.toml")
        let built = try #require(try BuiltinScenarios.scenario(named: "v9")).build()
        #expect(throws: TOMLError.self) { try TourGuide(tour: tour, run: ScenarioRun(built: built)).validate() }
        let f = try Tour.parse("scenario = \"v9\"\n[[stop]]\nat = \"restore\"\nsay = \"x\"\nask = \"?\"\nanswer = \"field:nope\"\n", file: "t.toml")
        #expect(throws: TOMLError.self) { try TourGuide(tour: f, run: ScenarioRun(built: built)).validate() }
    }
}
