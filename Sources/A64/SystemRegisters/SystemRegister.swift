/// A named bitfield of a system register.
public struct BitField: Sendable, Equatable {
    public let name: String
    /// Least significant bit.
    public let lsb: Int
    /// Width in bits.
    public let width: Int
    /// One-line meaning, shown beside the decoded value.
    public let meaning: String

    public init(_ name: String, _ msb: Int, _ lsb: Int, _ meaning: String = "") {
        self.name = name; self.lsb = lsb; self.width = msb - lsb + 1; self.meaning = meaning
    }
    public init(_ name: String, _ bit: Int, _ meaning: String = "") {
        self.init(name, bit, bit, meaning)
    }

    public var msb: Int { lsb + width - 1 }
    public var mask: UInt64 { (width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) &- 1) << UInt64(lsb) }
    public func extract(_ value: UInt64) -> UInt64 { (value & mask) >> UInt64(lsb) }
}

/// How a system register behaves when read or written, beyond its stored value.
public enum SystemRegisterKind: Sendable, Equatable {
    /// An ordinary stored register: reads return (stored & writeMask) | res1.
    case stored
    /// A read-only identification or status register: writes are UNDEFINED.
    case readOnly
    /// A view of PSTATE (NZCV, DAIF, CurrentEL, SPSel): the executor reads/writes PSTATE.
    case pstate
    /// A count of the system counter (CNTPCT_EL0; CNTVCT_EL0 with `offset` CNTVOFF_EL2): read
    /// only. SuspendScope's counter is deterministic: it advances by one per instruction the
    /// machine executes (an exception entry counts as one), so a run reads the same counts
    /// every time (QEMU's counter follows the host clock).
    case counter(offset: String?)
    /// A timer's TVAL: reads (CVAL - count)[31:0] of the named compare register and its count
    /// (`virtual`: CNTVCT, else CNTPCT); a write sets CVAL = count + SignExtend(value[31:0]).
    case timerValue(compare: String, virtual: Bool)
    /// A timer's CTL: ENABLE and IMASK are stored (the write mask); ISTATUS (bit 2) reads as one
    /// while ENABLE is set and the count has reached the named compare register.
    case timerControl(compare: String, virtual: Bool)
}

/// What a power-off (PSCI SYSTEM_SUSPEND, or CPU_SUSPEND to a power-down state) does to a
/// register, as the architecture describes the warm boot that follows. The integrity check
/// compares every `.lost` register that software set before suspend with its value when the
/// caller gets control back; nothing else lists the registers to compare.
public enum PowerOffLoss: String, Sendable, Equatable {
    /// Survives, or comes back as it was: read-only identification registers, and values the
    /// firmware programs again on every boot (CNTFRQ_EL0).
    case kept
    /// Lost: UNKNOWN after the warm boot, or reset to a fixed value by the firmware (SCTLR_EL2
    /// with the MMU off). Software that needs the value after resume must save and restore it,
    /// or program it again.
    case lost
    /// Lost too, but it holds no configuration to bring back: the syndrome and return state of
    /// the last exception taken (ESR, ELR, SPSR, FAR), and the PSTATE fields that the warm boot
    /// sets as PSCI describes (EL2h, DAIF masked).
    case transient
}

/// One entry of the system register catalogue.
public struct SystemRegister: Sendable {
    public let name: String
    public let encoding: SystemRegisterEncoding
    public let kind: SystemRegisterKind
    /// Value after a cold reset, as QEMU's cortex-a57 model reads it back.
    public let reset: UInt64
    /// Bits a write can change. Bits outside the mask keep their RES0/RES1 value.
    public let writeMask: UInt64
    /// Bits that read as one whatever is written.
    public let res1: UInt64
    /// Whether the architecture leaves the whole value UNKNOWN after a warm reset / power-down.
    public let unknownAfterPowerDown: Bool
    /// What a power-off does to it (see `PowerOffLoss`). Unless an entry says otherwise: `.lost`
    /// for a register whose value is UNKNOWN after power-down, `.transient` for a PSTATE view,
    /// `.kept` for the rest.
    public let powerOff: PowerOffLoss
    /// Named fields, most significant first.
    public let fields: [BitField]
    /// One-line description.
    public let summary: String

    /// Bits that read as zero whatever is written.
    public var res0: UInt64 { ~writeMask & ~res1 }

    /// The value a write of `value` leaves in the register.
    @inlinable public func masked(_ value: UInt64) -> UInt64 { (value & writeMask) | res1 }

    public init(_ name: String, _ encoding: SystemRegisterEncoding, kind: SystemRegisterKind = .stored,
                reset: UInt64, writeMask: UInt64 = ~0, res1: UInt64 = 0,
                unknownAfterPowerDown: Bool = false, powerOff: PowerOffLoss? = nil,
                fields: [BitField] = [], summary: String) {
        self.name = name; self.encoding = encoding; self.kind = kind; self.reset = reset
        self.writeMask = writeMask; self.res1 = res1
        self.unknownAfterPowerDown = unknownAfterPowerDown
        self.powerOff = powerOff ?? (unknownAfterPowerDown ? .lost : kind == .pstate ? .transient : .kept)
        self.fields = fields
        self.summary = summary
    }
}
