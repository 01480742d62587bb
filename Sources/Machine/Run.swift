import A64

/// Why `run` stopped.
public enum StopReason: Equatable, Sendable {
    /// About to execute an armed breakpoint address (not executed yet).
    case breakpoint(UInt64)
    /// Executed `b .` (or a taken `b.cond .`): the program halts in a self-loop at this address.
    case halted(UInt64)
    /// An exception was taken (only when `stopOnException`); PC is at the vector.
    case exception(ExceptionTaken)
    /// `maxSteps` instructions executed.
    case maxSteps
}

public struct RunResult: Equatable, Sendable {
    public var reason: StopReason
    /// Instructions executed (an exception entry counts as one).
    public var steps: Int
}

extension Machine {
    /// Executes one instruction (or takes one exception) and returns everything it changed.
    public func step() -> StepEffects {
        var e = StepEffects()
        let pc = s[Slot.pc]
        e.pcOld = pc
        e.pstateOld = s[Slot.pstate]
        let inst: UnsafePointer<Instruction>?
        if pc & ~0xffc == lastPageBase, let page = lastPage, s[Slot.pstate] & (1 << 20) == 0 {
            inst = UnsafePointer(page + (Int(pc & 0xfff) >> 2))
        } else {
            inst = fetchSlow(pc, &e)
        }
        if let inst {
            _ = execute(inst, pc, &e)
            // Read after executing: a slot overwritten by an earlier store is decoded by execute.
            e.instruction = inst.pointee
        }
        e.pcNew = s[Slot.pc]
        e.pstateNew = s[Slot.pstate]
        return e
    }

    /// Reverses a step: memory, system registers, registers, PSTATE and PC get their old values.
    /// Effects must be undone newest first.
    public func undo(_ e: StepEffects) {
        if let m = e.memoryWrite, let r = memory.region(m.address, Int(m.count)), let b = r.bytes {
            let p = b + Int(m.address &- r.base)
            Memory.store(p, min(Int(m.count), 8), m.oldLow)
            if m.count > 8 { Memory.store(p + 8, Int(m.count) - 8, m.oldHigh) }
            invalidateStore(m.address, Int(m.count))
        }
        if let b = e.blockWrite {
            memory.writeBytes(b.oldBytes, at: b.address)
            invalidateStore(b.address, b.oldBytes.count)
        }
        var k = Int(e.systemRegisterCount) - 1
        while k >= 0 { let w = e.systemRegisterWrite(k); sys[Int(w.index)] = w.old; k -= 1 }
        k = Int(e.registerCount) - 1
        while k >= 0 { let w = e.registerWrite(k); s[Int(w.index)] = w.old; k -= 1 }
        s[Slot.pstate] = e.pstateOld
        s[Slot.pc] = e.pcOld
        // Translation may have changed (an MSR to SCTLR_EL2, a TLB fill): start from a clean
        // TLB and fetch/data fast paths.
        translationChanged()
    }

    /// The fast loop: no effects are built. Stops before executing an armed breakpoint (except
    /// at the starting PC, so that resuming from a breakpoint makes progress), at `b .`, at an
    /// exception entry when `stopOnException` (otherwise the vector runs), or after `maxSteps`.
    public func run(maxSteps: Int, breakpoints: [UInt64] = [], stopOnException: Bool = true) -> RunResult {
        // 4096-bit filter indexed by (pc >> 2) & 4095; exact check only on a filter hit.
        let filter = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
        filter.initialize(repeating: 0, count: 64)
        defer { filter.deallocate() }
        for b in breakpoints { filter[Int((b >> 8) & 63)] |= 1 &<< ((b >> 2) & 63) }
        let bps = breakpoints
        var n = 0
        var first = true
        var rec = NoRecorder()
        while n < maxSteps {
            let pc = s[Slot.pc]
            if filter[Int((pc >> 8) & 63)] & (1 &<< ((pc >> 2) & 63)) != 0 && !first && bps.contains(pc) {
                return RunResult(reason: .breakpoint(pc), steps: n)
            }
            first = false
            let inst: UnsafePointer<Instruction>
            if pc & ~0xffc == lastPageBase, let page = lastPage {
                inst = UnsafePointer(page + (Int(pc & 0xfff) >> 2))
            } else {
                guard let i = fetchSlow(pc, &rec) else {
                    n &+= 1
                    if stopOnException, let e = lastException { return RunResult(reason: .exception(e), steps: n) }
                    continue
                }
                inst = i
            }
            let st = execute(inst, pc, &rec)
            n &+= 1
            if st != .normal {
                if st == .selfLoop { return RunResult(reason: .halted(pc), steps: n) }
                if stopOnException, let e = lastException { return RunResult(reason: .exception(e), steps: n) }
            }
        }
        return RunResult(reason: .maxSteps, steps: n)
    }
}
