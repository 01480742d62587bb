import A64

/// Exception classes (ESR_EL2.EC) the machine raises.
public enum ExceptionClass: UInt8, Sendable {
    case unknown = 0x00            // UNDEFINED instruction
    case fpAccess = 0x07           // SIMD&FP access trapped by CPTR_EL2.TFP
    case illegalExecutionState = 0x0e
    case svc = 0x15
    case hvc = 0x16
    case smc = 0x17
    case instructionAbort = 0x21   // from the current EL
    case pcAlignment = 0x22
    case dataAbort = 0x25          // from the current EL
    case spAlignment = 0x26
    case brk = 0x3c
}

/// Fault status codes (DFSC/IFSC) as QEMU reports them with the MMU off. With the MMU on, the
/// walk reports level-numbered codes (see `Translation.fault`).
public enum FaultStatus: UInt64, Sendable {
    /// Address size fault, level 0: the address is beyond the 44-bit physical range (PARange).
    case addressSize = 0x00
    /// Synchronous external abort: nothing is mapped at the physical address.
    case externalAbort = 0x10
    /// Alignment fault (SCTLR_EL2.A = 1).
    case alignment = 0x21
}

/// What an `ExceptionHook` did with a call.
public enum HookResult: Sendable {
    /// The hook performed the call (it may have changed X0...X3); execution continues at PC + 4.
    case handled
    /// Not the hook's business: the instruction behaves architecturally.
    case notHandled
}

/// Lets the platform intercept SMC and HVC before they become architectural exceptions, e.g. to
/// provide PSCI firmware for `smc #0`. Without a hook (or when it returns `.notHandled`):
/// SMC is UNDEFINED (EL2 with no EL3; EC 0x00); HVC is taken to EL2 (EC 0x16), or UNDEFINED when
/// HCR_EL2.HCD = 1.
///
/// QEMU note (verified): with `-M virt,virtualization=on` and no EL3, QEMU's own PSCI conduit is
/// SMC, so QEMU never raises an exception for `smc`: PSCI function ids are emulated
/// (PSCI_VERSION 0x84000000 returns 0x10001) and any other id returns -1 (NOT_SUPPORTED) in X0.
/// `hvc #0` with a PSCI id is an ordinary HVC exception there. A platform hook reproduces QEMU's
/// SMC behaviour; the machine alone stays architectural.
public protocol ExceptionHook: AnyObject {
    func smc(_ imm: UInt16, machine: Machine) -> HookResult
    func hvc(_ imm: UInt16, machine: Machine) -> HookResult
}

public extension ExceptionHook {
    func smc(_ imm: UInt16, machine: Machine) -> HookResult { .notHandled }
    func hvc(_ imm: UInt16, machine: Machine) -> HookResult { .notHandled }
}

extension Machine {
    /// Takes a synchronous exception to EL2 as QEMU does with no EL3: ESR/ELR/SPSR (and FAR for
    /// aborts) written, PSTATE.DAIF masked, NZCV cleared (as QEMU), EL2h selected, PC = VBAR_EL2 + 0x200 (from EL2h) or
    /// + 0x000 (from EL2t), the exclusive monitor cleared. IL is always 1 (32-bit instructions).
    @inline(never)
    func takeException<R: Recorder>(_ ec: ExceptionClass, iss: UInt64, far: UInt64?, elr: UInt64, _ rec: inout R) {
        let esr = UInt64(ec.rawValue) << 26 | 1 << 25 | (iss & 0x1ff_ffff)
        let ps = s[Slot.pstate]
        writeSys(Sys.esr, esr, &rec)
        writeSys(Sys.elr, elr, &rec)
        writeSys(Sys.spsr, ps, &rec)
        if let far { writeSys(Sys.far, far, &rec) }
        let vector = sys[Sys.vbar] &+ (ps & 1 == 1 ? 0x200 : 0x000)
        // Exception entry clears the local exclusive monitor (the model; QEMU 7.2 clears
        // it only on ERET, which every way back from a handler takes).
        clearMonitor(&rec)
        // QEMU (the reference) writes PSTATE = DAIF | EL2h on entry: NZCV are cleared (found by
        // the conformance suite, Tests/ConformanceTests/Corpus/exceptions.S).
        s[Slot.pstate] = 0x3c0 | 0x9
        s[Slot.pc] = vector
        let e = ExceptionTaken(ec: ec.rawValue, esr: esr, far: far, elr: elr, vector: vector)
        lastException = e
        rec.exception(e)
    }

    @inline(__always)
    func undefined<R: Recorder>(_ pc: UInt64, _ rec: inout R) -> ExecStatus {
        takeException(.unknown, iss: 0, far: nil, elr: pc, &rec)
        return .exception
    }

    /// A data abort at `va`. `iss` carries ISV/SAS/SSE/SRT/SF/WnR (ISV only for single-register
    /// accesses without write-back, as QEMU reports).
    @inline(never)
    func dataAbort<R: Recorder>(_ va: UInt64, _ fsc: FaultStatus, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) {
        takeException(.dataAbort, iss: iss | fsc.rawValue, far: va, elr: pc, &rec)
    }

    /// A data abort with a raw DFSC (the MMU's level-numbered fault status codes).
    @inline(never)
    func dataAbort<R: Recorder>(_ va: UInt64, status: UInt64, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) {
        takeException(.dataAbort, iss: iss | (status & 0x3f), far: va, elr: pc, &rec)
    }
}
