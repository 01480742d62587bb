import ArgumentParser
import Platform

/// `--unknown poison|zero|random:SEED`: what the registers lost at power-off read as, for `run`,
/// `debug` and `gdbserver`.
struct UnknownOption: ParsableArguments {
    @Option(help: "Values of registers lost at power-off: poison (default), zero or random:SEED.")
    var unknown: String?

    /// The policy asked for, or nil for the scenario's own.
    func policy() throws -> UnknownPolicy? {
        guard let u = unknown else { return nil }
        guard let p = UnknownPolicy(argument: u) else { throw CLIFailure.badInput("--unknown \(u): expected poison, zero or random:SEED") }
        return p
    }
}
