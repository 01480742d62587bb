import A64

/// One register write. `index` 0...30 are X0...X30, 31 is SP_EL0, 32 is SP_EL2 (the numbering
/// of `Machine.register(_:)`); 37...100 are the halves of the SIMD&FP registers, V`n` bits 63:0
/// at 37 + 2n and bits 127:64 at 38 + 2n (`RegisterWrite.vector`).
public struct RegisterWrite: Equatable, Sendable {
    public var index: UInt8
    public var old: UInt64
    public var new: UInt64
    public init(index: UInt8 = 0, old: UInt64 = 0, new: UInt64 = 0) { self.index = index; self.old = old; self.new = new }

    /// The index of the first SIMD&FP register half.
    public static let firstVector = 37
    /// The write's SIMD&FP register and half (nil for a general-purpose register).
    public var vector: (number: Int, high: Bool)? {
        let i = Int(index)
        guard i >= Self.firstVector && i < Self.firstVector + 64 else { return nil }
        return ((i - Self.firstVector) / 2, (i - Self.firstVector) % 2 == 1)
    }
    /// The register index of half `high` of V`n`.
    public static func index(vector n: Int, high: Bool) -> Int { firstVector + 2 * n + (high ? 1 : 0) }
}

/// One system register write; `index` is the catalogue index (`SystemRegisterCatalogue.all`).
public struct SystemRegisterWrite: Equatable, Sendable {
    public var index: UInt16
    public var old: UInt64
    public var new: UInt64
    public init(index: UInt16 = 0, old: UInt64 = 0, new: UInt64 = 0) { self.index = index; self.old = old; self.new = new }
}

/// One contiguous memory write of 1...16 bytes (LDP/STP of X registers write 16), little-endian:
/// byte i of the write is byte i of `oldLow:oldHigh` / `newLow:newHigh`.
public struct MemoryWrite: Equatable, Sendable {
    public var address: UInt64
    public var count: UInt8
    public var oldLow: UInt64, oldHigh: UInt64
    public var newLow: UInt64, newHigh: UInt64

    public var oldBytes: [UInt8] { Self.bytes(oldLow, oldHigh, Int(count)) }
    public var newBytes: [UInt8] { Self.bytes(newLow, newHigh, Int(count)) }
    static func bytes(_ lo: UInt64, _ hi: UInt64, _ n: Int) -> [UInt8] {
        var out: [UInt8] = []
        for i in 0..<n {
            let word: UInt64 = i < 8 ? lo : hi
            let shift = UInt64((i % 8) * 8)
            out.append(UInt8(truncatingIfNeeded: word >> shift))
        }
        return out
    }
}

/// The physical bytes a load read: `count` bytes from `address` (a pair load: its whole range).
public struct MemoryRead: Equatable, Sendable {
    public var address: UInt64
    public var count: UInt8
    public init(address: UInt64, count: UInt8) { self.address = address; self.count = count }
}

/// A change of the local exclusive monitor (`Machine.exclusiveMark`): its raw value before and
/// after (0 = open).
public struct MonitorWrite: Equatable, Sendable {
    public var old: UInt64
    public var new: UInt64
    public init(old: UInt64, new: UInt64) { self.old = old; self.new = new }
}

/// A synchronous exception taken to EL2.
public struct ExceptionTaken: Equatable, Sendable {
    /// Exception class (ESR_EL2.EC).
    public var ec: UInt8
    /// The full syndrome written to ESR_EL2.
    public var esr: UInt64
    /// The fault address written to FAR_EL2, for aborts and PC alignment faults.
    public var far: UInt64?
    /// The preferred return address written to ELR_EL2.
    public var elr: UInt64
    /// Where execution continues: VBAR_EL2 + vector offset.
    public var vector: UInt64
}

/// A block of memory set to zero by DC ZVA: address and the old bytes (the new ones are zero),
/// or the second part of a page-crossing store split by the MMU (see `StepEffects.blockWrite`).
public struct BlockWrite: Equatable, Sendable {
    public var address: UInt64
    public var oldBytes: [UInt8]
}

/// Things a step did that are not state changes.
public struct StepNotes: OptionSet, Sendable, Equatable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    /// WFI completed immediately (there are no interrupts).
    public static let waitForInterrupt = StepNotes(rawValue: 1 << 0)
    /// WFE completed immediately.
    public static let waitForEvent = StepNotes(rawValue: 1 << 1)
    /// A SYS instruction (TLBI, DC, IC, AT) executed as a no-op.
    public static let maintenanceNoOp = StepNotes(rawValue: 1 << 2)
    /// A barrier or CLREX executed (CLREX's clearing of the exclusive monitor is in
    /// `StepEffects.monitorWrite`).
    public static let barrier = StepNotes(rawValue: 1 << 3)
    /// A device (MMIO) region was read.
    public static let mmioRead = StepNotes(rawValue: 1 << 4)
    /// A device (MMIO) region was written: that side effect is not undoable.
    public static let mmioWrite = StepNotes(rawValue: 1 << 5)
    /// The exception hook handled SMC/HVC instead of the architecture.
    public static let hookHandled = StepNotes(rawValue: 1 << 6)
    /// `b .`: the instruction branches to itself.
    public static let selfLoop = StepNotes(rawValue: 1 << 7)
    /// An ERET to a mode SuspendScope does not run (only EL2h/EL2t exist): PSTATE.IL was set.
    public static let illegalReturn = StepNotes(rawValue: 1 << 8)
    /// A TLBI executed: every cached translation was dropped.
    public static let tlbInvalidate = StepNotes(rawValue: 1 << 9)
    /// The instruction is one the Cortex-A57 executes that SuspendScope does not model (FP data
    /// processing, AdvSIMD, crypto, an unmodelled system register): nothing changed, the PC
    /// still points at it, and the step does not count (see `Machine.notModelledText`).
    public static let notModelled = StepNotes(rawValue: 1 << 10)
    /// An AT instruction wrote PAR_EL1 from a stage-1 walk.
    public static let addressTranslation = StepNotes(rawValue: 1 << 11)

    /// What an `UndoLog` record cannot take back and its owner does not keep beside it either:
    /// waits, a hook's work (firmware state), an illegal return. (A device write can be, with
    /// the owner's attachment: see `Board.loggable`.)
    public static let notLoggable: StepNotes = [.waitForInterrupt, .waitForEvent, .hookHandled, .illegalReturn]
}

/// Everything one step changed, old and new, so that `Machine.undo(_:)` restores the state
/// exactly. A fixed-size value with inline storage: building it allocates nothing.
public struct StepEffects: Equatable, Sendable {
    /// The instruction executed (`.undefined` when the fetch itself faulted).
    public var instruction: Instruction = .undefined
    public var pcOld: UInt64 = 0, pcNew: UInt64 = 0
    /// PSTATE in SPSR_EL2 layout (NZCV 31:28, IL 20, DAIF 9:6, M 3:0).
    public var pstateOld: UInt64 = 0, pstateNew: UInt64 = 0
    public private(set) var registerCount: UInt8 = 0
    /// Up to six register writes (LDP of two Q registers with write-back writes five halves
    /// and the base).
    var r0 = RegisterWrite(), r1 = RegisterWrite(), r2 = RegisterWrite(), r3 = RegisterWrite()
    var r4 = RegisterWrite(), r5 = RegisterWrite()
    public private(set) var systemRegisterCount: UInt8 = 0
    var s0 = SystemRegisterWrite(), s1 = SystemRegisterWrite(), s2 = SystemRegisterWrite(), s3 = SystemRegisterWrite()
    public var memoryWrite: MemoryWrite?
    /// A second store of the same step: STP of two Q registers stores each (16 bytes) in turn.
    public var memoryWrite2: MemoryWrite?
    /// The bytes a load read (physical), for the unknown-value tracker. Set once the address is
    /// translated; a load that then aborts has `exception` set as well.
    public var memoryRead: MemoryRead?
    /// A whole-block write (DC ZVA zeroes 64 bytes): its address and the bytes it replaced.
    /// Also the second part of a store that crosses into a physically discontiguous page with
    /// the MMU on (the first part is `memoryWrite`; the new bytes are then not zero).
    /// Allocates, but only for those two.
    public var blockWrite: BlockWrite?
    public var exception: ExceptionTaken?
    /// The exclusive monitor, when the step changed it (a load-exclusive marked an address; a
    /// store-exclusive, CLREX, an exception entry or ERET cleared the mark).
    public var monitorWrite: MonitorWrite?
    public var notes: StepNotes = []

    public init() {}

    /// The i-th register write, in execution order.
    public func registerWrite(_ i: Int) -> RegisterWrite {
        switch i { case 0: r0; case 1: r1; case 2: r2; case 3: r3; case 4: r4; default: r5 }
    }
    /// The i-th system register write, in execution order.
    public func systemRegisterWrite(_ i: Int) -> SystemRegisterWrite {
        switch i { case 0: s0; case 1: s1; case 2: s2; default: s3 }
    }
    /// Convenience copies (allocate; for display and tests, not the hot path).
    public var registerWrites: [RegisterWrite] { (0..<Int(registerCount)).map(registerWrite) }
    /// Both stores (allocates; for display and tests).
    public var memoryWrites: [MemoryWrite] { [memoryWrite, memoryWrite2].compactMap { $0 } }
    public var systemRegisterWrites: [SystemRegisterWrite] { (0..<Int(systemRegisterCount)).map(systemRegisterWrite) }
}

/// Collects effects during execution. The run loop uses `NoRecorder`, whose methods are empty
/// and vanish after specialisation; `step()` records into a `StepEffects`.
protocol Recorder {
    static var records: Bool { get }
    mutating func register(_ index: Int, _ old: UInt64, _ new: UInt64)
    mutating func systemRegister(_ index: Int, _ old: UInt64, _ new: UInt64)
    mutating func memory(_ address: UInt64, _ count: Int, _ oldLo: UInt64, _ oldHi: UInt64, _ newLo: UInt64, _ newHi: UInt64)
    mutating func read(_ address: UInt64, _ count: Int)
    mutating func note(_ n: StepNotes)
    mutating func exception(_ e: ExceptionTaken)
    mutating func block(_ address: UInt64, _ old: [UInt8])
    /// The exclusive monitor goes from `old` to `new` (only called when they differ).
    mutating func monitor(_ old: UInt64, _ new: UInt64)
}

struct NoRecorder: Recorder {
    static var records: Bool { false }
    @inline(__always) mutating func register(_ index: Int, _ old: UInt64, _ new: UInt64) {}
    @inline(__always) mutating func systemRegister(_ index: Int, _ old: UInt64, _ new: UInt64) {}
    @inline(__always) mutating func memory(_ address: UInt64, _ count: Int, _ oldLo: UInt64, _ oldHi: UInt64, _ newLo: UInt64, _ newHi: UInt64) {}
    @inline(__always) mutating func read(_ address: UInt64, _ count: Int) {}
    @inline(__always) mutating func note(_ n: StepNotes) {}
    @inline(__always) mutating func exception(_ e: ExceptionTaken) {}
    @inline(__always) mutating func block(_ address: UInt64, _ old: [UInt8]) {}
    @inline(__always) mutating func monitor(_ old: UInt64, _ new: UInt64) {}
}

extension StepEffects: Recorder {
    static var records: Bool { true }
    mutating func register(_ index: Int, _ old: UInt64, _ new: UInt64) {
        let w = RegisterWrite(index: UInt8(index), old: old, new: new)
        switch registerCount { case 0: r0 = w; case 1: r1 = w; case 2: r2 = w; case 3: r3 = w; case 4: r4 = w; default: r5 = w }
        registerCount = min(registerCount + 1, 6)
    }
    mutating func systemRegister(_ index: Int, _ old: UInt64, _ new: UInt64) {
        let w = SystemRegisterWrite(index: UInt16(index), old: old, new: new)
        switch systemRegisterCount { case 0: s0 = w; case 1: s1 = w; case 2: s2 = w; default: s3 = w }
        systemRegisterCount = min(systemRegisterCount + 1, 4)
    }
    mutating func memory(_ address: UInt64, _ count: Int, _ oldLo: UInt64, _ oldHi: UInt64, _ newLo: UInt64, _ newHi: UInt64) {
        let w = MemoryWrite(address: address, count: UInt8(count), oldLow: oldLo, oldHigh: oldHi, newLow: newLo, newHigh: newHi)
        if memoryWrite == nil { memoryWrite = w } else { memoryWrite2 = w }
    }
    mutating func read(_ address: UInt64, _ count: Int) {
        // The second half of a Q-register pair continues the first: one read of both.
        if let r = memoryRead, r.address &+ UInt64(r.count) == address {
            memoryRead = MemoryRead(address: r.address, count: r.count &+ UInt8(truncatingIfNeeded: count))
        } else {
            memoryRead = MemoryRead(address: address, count: UInt8(truncatingIfNeeded: count))
        }
    }
    mutating func note(_ n: StepNotes) { notes.insert(n) }
    mutating func exception(_ e: ExceptionTaken) { exception = e }
    mutating func block(_ address: UInt64, _ old: [UInt8]) { blockWrite = BlockWrite(address: address, oldBytes: old) }
    mutating func monitor(_ old: UInt64, _ new: UInt64) {
        monitorWrite = MonitorWrite(old: monitorWrite?.old ?? old, new: new)
    }
}
