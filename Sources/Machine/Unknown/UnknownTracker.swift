import A64

/// Shadows the machine's state with "unknown since <origin>": which registers, system
/// registers, flags and memory bytes hold architecturally UNKNOWN values (after a power-down),
/// driven by the effects of each `Machine.step()`. Reports instructions that *use* an unknown
/// value (as an address, a branch target, a stored datum, a system register's new value, a
/// register filled from unknown memory, a condition), naming where it became unknown.
///
/// Only for the recorded `step()` mode; the fast `run` loop never sees it. `observe` returns at
/// once when nothing is unknown.
public final class UnknownTracker {
    /// Register shadows by effects index (`RegisterWrite.index`): x0...x30, SP_EL0, SP_EL2 and
    /// the SIMD&FP register halves; the indices between (PC, PSTATE...) are never set.
    static let registerCount = Slot.architectural

    /// Whether an effects index is a register the tracker shadows.
    @inline(__always) static func isTracked(_ r: Int) -> Bool { (r >= 0 && r <= 32) || (r >= Slot.vBase && r < Slot.architectural) }

    var registers: [Shadow?]
    var flagsShadow: Shadow?
    var systemRegisters: [Shadow?]
    /// Unknown physical bytes (RAM is retained across power-down: only bytes stored from unknown
    /// registers become unknown).
    var memory: [UInt64: Shadow] = [:]
    /// Uses already reported.
    var reported: Set<UnknownUseKey> = []
    /// Unknown registers, system registers and flags (memory is counted by `memory.count`).
    var liveCount = 0

    public init() {
        registers = Array(repeating: nil, count: Self.registerCount)
        systemRegisters = Array(repeating: nil, count: Sys.count)
    }

    // MARK: Marking

    /// Marks `loc` unknown since `origin` (a fresh loss: its own root).
    public func markUnknown(_ loc: StateLocation, origin: UnknownOrigin) {
        guard let c = Self.canonical(loc) else { return }
        setRaw(c, Shadow(origin: origin, root: c))
    }

    /// Marks what a power-down leaves UNKNOWN: x0...x30, SP_EL0, SP_EL2, V0...V31, NZCV and every
    /// catalogue register flagged `unknownAfterPowerDown`. Memory is retained. The caller then
    /// marks known what the wake path defines (e.g. x0 = context id).
    public func markPowerDown(origin: UnknownOrigin) {
        for r in 0..<Self.registerCount where Self.isTracked(r) { markUnknown(.register(r), origin: origin) }
        markUnknown(.flags, origin: origin)
        for (i, r) in SystemRegisterCatalogue.all.enumerated() where r.unknownAfterPowerDown {
            markUnknown(.systemRegister(i), origin: origin)
        }
    }

    /// Marks every byte of [address, address + count) unknown since `origin`.
    public func markUnknown(memory address: UInt64, count: Int, origin: UnknownOrigin) {
        var k = 0
        while k < count { markUnknown(.memory(address &+ UInt64(k)), origin: origin); k += 1 }
    }

    /// Marks `loc` known (e.g. x0 = context id at wake).
    public func markKnown(_ loc: StateLocation) {
        guard let c = Self.canonical(loc) else { return }
        setRaw(c, nil)
    }

    /// Forgets everything: no location unknown, nothing reported.
    public func clear() {
        registers = Array(repeating: nil, count: Self.registerCount)
        systemRegisters = Array(repeating: nil, count: Sys.count)
        flagsShadow = nil
        memory = [:]
        reported = []
        liveCount = 0
    }

    // MARK: Queries

    /// Where `loc` became unknown, or nil when it is known.
    public func origin(of loc: StateLocation) -> UnknownOrigin? {
        guard let c = Self.canonical(loc) else { return nil }
        return get(c)?.origin
    }

    /// The location whose loss `loc`'s value derives from (itself when it was marked directly),
    /// or nil when it is known.
    public func root(of loc: StateLocation) -> StateLocation? {
        guard let c = Self.canonical(loc) else { return nil }
        return get(c)?.root
    }

    /// "x30 lost at power-off, step 58; never restored" ("x2 lost at power-off, step 58 (derived
    /// from x30); never restored" for a value computed from another unknown one), or nil.
    public func explanation(of loc: StateLocation) -> String? {
        guard let c = Self.canonical(loc), let s = get(c) else { return nil }
        return Self.explain(c, s)
    }

    /// Unknown registers, system registers and flags: x0...x30, sp_el0, sp, NZCV, the SIMD&FP
    /// register halves, then system registers in catalogue order. Memory bytes are in
    /// `unknownMemory`.
    public var unknownLocations: [StateLocation] {
        var out: [StateLocation] = []
        for (i, s) in registers.enumerated() where s != nil && i <= 32 { out.append(.register(i)) }
        if flagsShadow != nil { out.append(.flags) }
        for (i, s) in registers.enumerated() where s != nil && i > 32 { out.append(.register(i)) }
        for (i, s) in systemRegisters.enumerated() where s != nil { out.append(.systemRegister(i)) }
        return out
    }

    /// Unknown physical bytes, ascending.
    public var unknownMemory: [UInt64] { memory.keys.sorted() }

    /// True when no register, system register, flag or memory byte is unknown.
    public var isEmpty: Bool { liveCount == 0 && memory.isEmpty }

    // MARK: Checkpoints

    public func snapshot() -> UnknownSnapshot {
        UnknownSnapshot(registers: registers, flags: flagsShadow, systemRegisters: systemRegisters,
                        memory: memory, reported: reported)
    }

    public func restore(_ s: UnknownSnapshot) {
        registers = s.registers.count == Self.registerCount ? s.registers : Array(repeating: nil, count: Self.registerCount)
        systemRegisters = s.systemRegisters.count == Sys.count ? s.systemRegisters : Array(repeating: nil, count: Sys.count)
        flagsShadow = s.flags
        memory = s.memory
        reported = s.reported
        liveCount = registers.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            + systemRegisters.reduce(0) { $0 + ($1 == nil ? 0 : 1) } + (flagsShadow == nil ? 0 : 1)
    }

    // MARK: Undo

    /// Puts back every shadow flag and once-only report state exactly as before the step that
    /// produced `record`. Records must be undone newest first.
    public func undo(_ record: UnknownStepRecord) {
        var k = record.changes.count - 1
        while k >= 0 { let c = record.changes[k]; setRaw(c.location, c.old); k -= 1 }
        for key in record.reportedKeys { reported.remove(key) }
    }

    // MARK: Storage

    /// SP_EL0 and NZCV have catalogue entries but live in `.register(31)` and `.flags`.
    static func canonical(_ loc: StateLocation) -> StateLocation? {
        switch loc {
        case .register(let r):
            return isTracked(r) ? loc : nil
        case .systemRegister(let i):
            if i == Sys.spEL0 { return .register(Slot.spEL0) }
            if i == Sys.nzcv { return .flags }
            return i >= 0 && i < Sys.count ? loc : nil
        case .flags, .memory:
            return loc
        }
    }

    /// The shadow of a canonical location.
    @inline(__always) func get(_ loc: StateLocation) -> Shadow? {
        switch loc {
        case .register(let r): return registers[r]
        case .systemRegister(let i): return systemRegisters[i]
        case .flags: return flagsShadow
        case .memory(let a): return memory.isEmpty ? nil : memory[a]
        }
    }

    /// Sets a canonical location's shadow, keeping `liveCount`.
    func setRaw(_ loc: StateLocation, _ s: Shadow?) {
        switch loc {
        case .register(let r):
            liveCount += (s == nil ? 0 : 1) - (registers[r] == nil ? 0 : 1)
            registers[r] = s
        case .systemRegister(let i):
            liveCount += (s == nil ? 0 : 1) - (systemRegisters[i] == nil ? 0 : 1)
            systemRegisters[i] = s
        case .flags:
            liveCount += (s == nil ? 0 : 1) - (flagsShadow == nil ? 0 : 1)
            flagsShadow = s
        case .memory(let a):
            if let s { memory[a] = s } else if !memory.isEmpty { memory.removeValue(forKey: a) }
        }
    }

    /// Sets a shadow and records the old one for undo (only when it changes).
    @inline(__always) func set(_ loc: StateLocation, _ s: Shadow?, _ rec: inout UnknownStepRecord) {
        let old = get(loc)
        if old == s { return }
        rec.changes.append(ShadowChange(location: loc, old: old))
        setRaw(loc, s)
    }

    static func explain(_ loc: StateLocation, _ s: Shadow) -> String {
        let via = s.root == loc ? "" : " (derived from \(s.root.name))"
        return "\(loc.name) lost at \(s.origin.event), step \(s.origin.step)\(via); never restored"
    }
}
