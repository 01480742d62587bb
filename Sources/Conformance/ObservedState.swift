/// Architectural state observed at one stop, by either side: the fields the comparison walks.
public struct ObservedState: Sendable, Equatable {
    /// The label (or address text) the run stopped at.
    public var stop: String
    /// X0...X30.
    public var x: [UInt64]
    public var sp: UInt64
    public var pc: UInt64
    /// PSTATE as gdb's `cpsr` shows it (NZCV, DAIF, M; SPSR layout).
    public var cpsr: UInt64
    /// System registers by catalogue name (only those gdb can read).
    public var systemRegisters: [String: UInt64]
    /// Memory ranges by symbol: little-endian 64-bit words.
    public var memory: [String: [UInt64]]

    public init(stop: String, x: [UInt64], sp: UInt64, pc: UInt64, cpsr: UInt64,
                systemRegisters: [String: UInt64] = [:], memory: [String: [UInt64]] = [:]) {
        self.stop = stop; self.x = x; self.sp = sp; self.pc = pc; self.cpsr = cpsr
        self.systemRegisters = systemRegisters; self.memory = memory
    }
}

/// A memory range to compare: `count` 64-bit words at a symbol.
public struct MemoryRange: Sendable, Equatable, Hashable {
    public var symbol: String
    public var words: Int
    /// When set, the range is read at this address (through the current translation: a virtual
    /// address once the MMU is on) instead of at `&symbol`; `symbol` only names it.
    public var address: UInt64?
    public init(symbol: String, words: Int, address: UInt64? = nil) {
        self.symbol = symbol; self.words = words; self.address = address
    }
    /// Parses `SYM:BYTES` (bytes rounded up to whole words).
    public init?(argument: String) {
        let parts = argument.split(separator: ":")
        guard parts.count == 2, let n = Int(parts[1]), n > 0 else { return nil }
        symbol = String(parts[0]); words = (n + 7) / 8
    }
}

/// Where both sides stop, in the order they are hit, and what memory is compared there.
public struct StopPoint: Sendable, Equatable {
    public var label: String
    public var memory: [MemoryRange]
    /// What gdb breaks at (`break *LOCATION`, e.g. `0x40200000`, an address in the current
    /// translation); nil: the label itself.
    public var location: String?
    public init(label: String, memory: [MemoryRange] = [], location: String? = nil) {
        self.label = label; self.memory = memory; self.location = location
    }
}
