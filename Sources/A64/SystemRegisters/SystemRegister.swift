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
                unknownAfterPowerDown: Bool = false, fields: [BitField] = [], summary: String) {
        self.name = name; self.encoding = encoding; self.kind = kind; self.reset = reset
        self.writeMask = writeMask; self.res1 = res1
        self.unknownAfterPowerDown = unknownAfterPowerDown; self.fields = fields
        self.summary = summary
    }
}
