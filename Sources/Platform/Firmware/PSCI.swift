/// PSCI function ids and return codes (Arm DEN 0022, as TF-A implements them).
public enum PSCI {
    public static let version: UInt64 = 0x8400_0000
    public static let features: UInt64 = 0x8400_000a
    public static let systemOff: UInt64 = 0x8400_0008
    public static let systemReset: UInt64 = 0x8400_0009
    public static let systemSuspend32: UInt64 = 0x8400_000e
    public static let systemSuspend64: UInt64 = 0xc400_000e

    /// PSCI 1.1, as TF-A reports it.
    public static let implementedVersion: UInt64 = 0x0001_0001

    public enum ReturnCode: Int64, Sendable, CaseIterable {
        case success = 0
        case notSupported = -1
        case invalidParameters = -2
        case denied = -3
        case alreadyOn = -4
        case onPending = -5
        case internalFailure = -6
        case notPresent = -7
        case disabled = -8
        case invalidAddress = -9

        public var name: String {
            switch self {
            case .success: "SUCCESS"
            case .notSupported: "NOT_SUPPORTED"
            case .invalidParameters: "INVALID_PARAMETERS"
            case .denied: "DENIED"
            case .alreadyOn: "ALREADY_ON"
            case .onPending: "ON_PENDING"
            case .internalFailure: "INTERNAL_FAILURE"
            case .notPresent: "NOT_PRESENT"
            case .disabled: "DISABLED"
            case .invalidAddress: "INVALID_ADDRESS"
            }
        }

        /// The value in x0 (sign-extended to 64 bits).
        public var register: UInt64 { UInt64(bitPattern: rawValue) }
    }

    public static func name(of function: UInt64) -> String {
        switch function {
        case version: "PSCI_VERSION"
        case features: "PSCI_FEATURES"
        case systemOff: "SYSTEM_OFF"
        case systemReset: "SYSTEM_RESET"
        case systemSuspend32: "SYSTEM_SUSPEND (SMC32)"
        case systemSuspend64: "SYSTEM_SUSPEND"
        default: "function 0x" + String(function, radix: 16)
        }
    }
}
