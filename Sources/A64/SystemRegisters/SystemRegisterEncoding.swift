/// The (op0, op1, CRn, CRm, op2) encoding of a system register or system instruction,
/// packed into 16 bits exactly as bits [20:5] of an MRS/MSR/SYS word:
/// op0(2) op1(3) CRn(4) CRm(4) op2(3).
public struct SystemRegisterEncoding: Hashable, Sendable, Comparable {
    public let packed: UInt16

    public init(packed: UInt16) { self.packed = packed }

    public init(op0: UInt8, op1: UInt8, crn: UInt8, crm: UInt8, op2: UInt8) {
        packed = UInt16(op0 & 3) << 14 | UInt16(op1 & 7) << 11 | UInt16(crn & 15) << 7
            | UInt16(crm & 15) << 3 | UInt16(op2 & 7)
    }

    public var op0: UInt8 { UInt8(truncatingIfNeeded: packed >> 14) & 3 }
    public var op1: UInt8 { UInt8(truncatingIfNeeded: packed >> 11) & 7 }
    public var crn: UInt8 { UInt8(truncatingIfNeeded: packed >> 7) & 15 }
    public var crm: UInt8 { UInt8(truncatingIfNeeded: packed >> 3) & 15 }
    public var op2: UInt8 { UInt8(truncatingIfNeeded: packed) & 7 }

    /// The generic name GNU as accepts and objdump prints for registers it has no name for,
    /// e.g. `s3_4_c1_c1_0`.
    public var genericName: String { "s\(op0)_\(op1)_c\(crn)_c\(crm)_\(op2)" }

    /// Parses a generic name such as `S3_4_C1_C1_0` (case-insensitive).
    public init?(genericName: String) {
        let parts = genericName.lowercased().split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 5,
              parts[0].first == "s", parts[2].first == "c", parts[3].first == "c",
              let op0 = UInt8(parts[0].dropFirst()), (2...3).contains(op0),
              let op1 = UInt8(parts[1]), op1 < 8,
              let crn = UInt8(parts[2].dropFirst()), crn < 16,
              let crm = UInt8(parts[3].dropFirst()), crm < 16,
              let op2 = UInt8(parts[4]), op2 < 8
        else { return nil }
        self.init(op0: op0, op1: op1, crn: crn, crm: crm, op2: op2)
    }

    public static func < (a: Self, b: Self) -> Bool { a.packed < b.packed }
}
