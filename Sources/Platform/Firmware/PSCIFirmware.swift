import Machine

/// One PSCI call as the firmware saw it.
public struct PSCICall: Equatable, Sendable {
    public var function: UInt64
    public var arguments: [UInt64]
    public var result: PSCI.ReturnCode?
    /// Why the firmware answered as it did, in words ("entry point 0x... is not in RAM").
    public var reason: String
    public var pc: UInt64

    public var name: String { PSCI.name(of: function) }
}

/// What the core is asked to do after the current `smc` completes.
public enum PowerRequest: Equatable, Sendable {
    /// SYSTEM_SUSPEND accepted: power down now, wake at `entry` with x0 = `contextID`.
    case suspend(entry: UInt64, contextID: UInt64)
    case off
    case reset
}

/// PSCI firmware behind `smc #0` (the EL3 firmware the machine does not emulate): PSCI_VERSION,
/// PSCI_FEATURES, SYSTEM_SUSPEND, SYSTEM_OFF and SYSTEM_RESET with their real function ids and
/// return codes. Results go in x0; x1..x3 are preserved. Other function ids return
/// NOT_SUPPORTED, as TF-A does. `smc` with a non-zero immediate is not a PSCI call: it stays
/// architectural (UNDEFINED at EL2 without EL3).
///
/// SYSTEM_SUSPEND checks its entry point (x1) like TF-A: a physical address of RAM, 4-byte
/// aligned, else INVALID_ADDRESS. With `deniesSuspend` it answers DENIED (what TF-A says when
/// another core is still on). On success it leaves a `PowerRequest` the board carries out
/// after the instruction: the `smc` never returns.
public final class PSCIFirmware: ExceptionHook {
    public var deniesSuspend: Bool
    /// Calls so far (the board truncates this on reverse steps).
    public internal(set) var calls: [PSCICall] = []
    /// Set by a call that powers the core down; taken by the board.
    public internal(set) var request: PowerRequest?
    /// x0 before the last handled call (so a reverse step can restore it).
    public internal(set) var lastOldX0: UInt64 = 0

    public init(deniesSuspend: Bool = false) { self.deniesSuspend = deniesSuspend }

    public func smc(_ imm: UInt16, machine: Machine) -> HookResult {
        guard imm == 0 else { return .notHandled }
        let fid = machine.x(0) & 0xffff_ffff
        let args = [machine.x(1), machine.x(2), machine.x(3)]
        // SMC64 ids carry bit 30; an SMC32 call reads only the low halves of its arguments.
        var call = PSCICall(function: fid, arguments: args, result: nil, reason: "", pc: machine.pc)
        switch fid {
        case PSCI.version:
            call.result = .success
            call.reason = "PSCI 1.1"
            finish(&call, machine, value: PSCI.implementedVersion)
            return .handled
        case PSCI.features:
            let asked = args[0] & 0xffff_ffff
            let known: Set<UInt64> = [PSCI.version, PSCI.features, PSCI.systemOff, PSCI.systemReset,
                                      PSCI.systemSuspend32, PSCI.systemSuspend64]
            call.result = known.contains(asked) ? .success : .notSupported
            call.reason = "\(PSCI.name(of: asked)) is \(known.contains(asked) ? "" : "not ")implemented"
            finish(&call, machine, value: call.result!.register)
            return .handled
        case PSCI.systemSuspend64, PSCI.systemSuspend32:
            let entry = fid == PSCI.systemSuspend32 ? args[0] & 0xffff_ffff : args[0]
            let contextID = fid == PSCI.systemSuspend32 ? args[1] & 0xffff_ffff : args[1]
            if deniesSuspend {
                call.result = .denied
                call.reason = "the firmware refuses to suspend (as when another core is still on)"
            } else if entry & 3 != 0 || machine.memory.readRAM(entry, 4) == nil {
                call.result = .invalidAddress
                call.reason = "entry point 0x\(String(entry, radix: 16)) is not a physical address in RAM"
            } else {
                call.result = .success
                call.reason = "powering down; the core will wake at 0x\(String(entry, radix: 16)) with x0 = 0x\(String(contextID, radix: 16))"
                request = .suspend(entry: entry, contextID: contextID)
                lastOldX0 = machine.x(0)
                calls.append(call)
                return .handled
            }
            finish(&call, machine, value: call.result!.register)
            return .handled
        case PSCI.systemOff:
            call.result = .success
            call.reason = "system off"
            request = .off
            lastOldX0 = machine.x(0)
            calls.append(call)
            return .handled
        case PSCI.systemReset:
            call.result = .success
            call.reason = "system reset"
            request = .reset
            lastOldX0 = machine.x(0)
            calls.append(call)
            return .handled
        default:
            call.result = .notSupported
            call.reason = "unknown PSCI function"
            finish(&call, machine, value: call.result!.register)
            return .handled
        }
    }

    private func finish(_ call: inout PSCICall, _ machine: Machine, value: UInt64) {
        lastOldX0 = machine.x(0)
        machine.setX(0, value)
        calls.append(call)
    }

    func takeRequest() -> PowerRequest? {
        defer { request = nil }
        return request
    }
}
