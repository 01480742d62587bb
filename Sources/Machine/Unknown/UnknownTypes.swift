import A64

/// Where and when a piece of state became architecturally UNKNOWN, e.g. ("power-off", step 58).
public struct UnknownOrigin: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// What made it unknown, in plain words: "power-off".
    public var event: String
    /// The step number at which it happened (the caller's numbering).
    public var step: Int
    public init(event: String, step: Int) { self.event = event; self.step = step }
    public var description: String { "\(event), step \(step)" }
}

/// One piece of machine state the unknown tracker shadows.
public enum StateLocation: Hashable, Sendable, CustomStringConvertible {
    /// A register in effects numbering: 0...30 X0...X30, 31 SP_EL0, 32 SP_EL2, and the halves of
    /// the SIMD&FP registers (`RegisterWrite.index(vector:high:)`).
    case register(Int)
    /// A system register by catalogue index (`SystemRegisterCatalogue.all`). SP_EL0 and NZCV are
    /// the same state as `.register(31)` and `.flags`; the tracker stores them there.
    case systemRegister(Int)
    /// PSTATE.NZCV.
    case flags
    /// One byte of physical memory.
    case memory(UInt64)

    /// "x30", "sp_el0", "sp" (SP_EL2), "VBAR_EL2", "NZCV", "memory 0x40100058".
    public var name: String {
        switch self {
        case .register(let r):
            if r >= 0 && r <= 30 { return "x\(r)" }
            if r == 31 { return "sp_el0" }
            if r == 32 { return "sp" }
            if let (n, high) = RegisterWrite(index: UInt8(truncatingIfNeeded: r)).vector, r < 256 {
                return high ? "v\(n)[127:64]" : "v\(n)"
            }
            return "register \(r)"
        case .systemRegister(let i):
            let all = SystemRegisterCatalogue.all
            return i >= 0 && i < all.count ? all[i].name : "system register \(i)"
        case .flags:
            return "NZCV"
        case .memory(let a):
            return "memory 0x" + String(a, radix: 16)
        }
    }

    public var description: String { name }
}

/// How an instruction used an unknown value.
public enum UnknownUseKind: String, Equatable, Hashable, Sendable, CaseIterable {
    /// A load/store (or DC ZVA) addressed memory through an unknown base or index register.
    case address
    /// BR/BLR/RET branched to an unknown register (ERET: to an unknown ELR_EL2).
    case branchTarget
    /// STR/STP stored an unknown register (the bytes it wrote become unknown).
    case storedDatum
    /// MSR wrote a system register from an unknown register.
    case systemRegisterRestored
    /// A load filled a register from memory bytes that hold unknown data.
    case registerRestoredFromUnknownMemory
    /// A conditional instruction read unknown flags (B.cond, CSEL family), or CBZ/CBNZ/TBZ/TBNZ
    /// tested an unknown register.
    case condition
}

/// One use of an unknown value by an instruction.
public struct UnknownUse: Equatable, Sendable {
    public var kind: UnknownUseKind
    /// What the diagnostic is about: the register used as an address, branch target, stored
    /// datum or condition (the flags); for `.systemRegisterRestored` the system register written,
    /// for `.registerRestoredFromUnknownMemory` the register filled. Each (kind, location, origin)
    /// is reported once.
    public var location: StateLocation
    /// The unknown state whose value was used: equals `location` except for the two "restored"
    /// kinds, where it is the source register or the first unknown memory byte.
    public var source: StateLocation
    /// Where the unknown value was lost.
    public var origin: UnknownOrigin
    /// The step that used it, and the address of the instruction.
    public var step: Int
    public var pc: UInt64
    /// Plain words, e.g. "ret at 0x40201234 branches to x30, which is unknown: x30 lost at
    /// power-off, step 58; never restored".
    public var message: String
}

/// What one `UnknownTracker.observe` did: the uses it found and what `undo` needs.
public struct UnknownStepRecord: Equatable, Sendable {
    public var step: Int
    /// Uses of unknown values by this step, first report of each (kind, location, origin) only.
    public var uses: [UnknownUse] = []
    /// Shadow changes in the order applied: the location and what it held before.
    var changes: [ShadowChange] = []
    /// Once-only keys this step inserted.
    var reportedKeys: [UnknownUseKey] = []

    public init(step: Int) { self.step = step }
    /// True when the step changed nothing in the shadow and reported nothing.
    public var isEmpty: Bool { changes.isEmpty && reportedKeys.isEmpty }
    /// The heap its arrays use (approximately: element strides, and 64 bytes per use's text).
    public var approximateHeapBytes: Int {
        uses.count * (MemoryLayout<UnknownUse>.stride + 64) + changes.count * MemoryLayout<ShadowChange>.stride
            + reportedKeys.count * MemoryLayout<UnknownUseKey>.stride
    }
}

/// The unknown-ness of one location: when and where it was lost (`root` is the location the
/// origin marked; a value copied or computed from it carries the same origin and root).
struct Shadow: Equatable, Hashable, Sendable {
    var origin: UnknownOrigin
    var root: StateLocation
}

struct ShadowChange: Equatable, Sendable {
    var location: StateLocation
    var old: Shadow?
}

struct UnknownUseKey: Equatable, Hashable, Sendable {
    var kind: UnknownUseKind
    var location: StateLocation
    var origin: UnknownOrigin
}

/// A copy of the whole shadow, for checkpoints.
public struct UnknownSnapshot: Equatable, Sendable {
    var registers: [Shadow?]
    var flags: Shadow?
    var systemRegisters: [Shadow?]
    var memory: [UInt64: Shadow]
    var reported: Set<UnknownUseKey>
    /// The heap it uses (approximately).
    public var approximateHeapBytes: Int {
        (registers.count + systemRegisters.count) * MemoryLayout<Shadow?>.stride
            + memory.count * (8 + MemoryLayout<Shadow>.stride) + reported.count * MemoryLayout<UnknownUseKey>.stride
    }
}
