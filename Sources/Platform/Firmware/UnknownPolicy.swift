/// What value a register the architecture leaves UNKNOWN gets at power-off. Whatever the
/// policy, the register is *marked* unknown; the policy only picks the bits it holds.
public enum UnknownPolicy: Equatable, Sendable, CustomStringConvertible {
    /// A recognisable pattern, 0xdead_dead_dead_00NN (NN = which register): the default.
    case poison
    /// Zero, as TF-A happens to leave the general-purpose registers.
    case zero
    /// Pseudo-random bits from a seed (SplitMix64): the same seed gives the same values.
    case random(seed: UInt64)

    /// Parses `poison`, `zero` or `random:SEED` (decimal or 0x hex).
    public init?(argument: String) {
        switch argument {
        case "poison": self = .poison
        case "zero": self = .zero
        default:
            guard argument.hasPrefix("random:") else { return nil }
            let t = argument.dropFirst("random:".count).lowercased()
            let v = t.hasPrefix("0x") ? UInt64(t.dropFirst(2), radix: 16) : UInt64(t)
            guard let v else { return nil }
            self = .random(seed: v)
        }
    }

    public var description: String {
        switch self {
        case .poison: "poison"
        case .zero: "zero"
        case .random(let s): "random:\(s)"
        }
    }

    /// The value for the `n`-th lost register (a stable numbering chosen by the firmware).
    public func value(_ n: Int) -> UInt64 {
        switch self {
        case .poison: return 0xdead_dead_dead_0000 | UInt64(n & 0xffff)
        case .zero: return 0
        case .random(let seed):
            var z = seed &+ 0x9e37_79b9_7f4a_7c15 &* UInt64(n + 1)
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }
}
