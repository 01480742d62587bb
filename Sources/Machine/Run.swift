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
    /// About to execute an instruction the Cortex-A57 runs but SuspendScope does not model (FP
    /// data processing, AdvSIMD, crypto, an unmodelled system register): not executed, the PC
    /// is at it. `Machine.notModelledText(at:)` says what it is.
    case notModelled(UInt64)
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
            let st = execute(inst, pc, &e)
            // Read after executing: a slot overwritten by an earlier store is decoded by execute.
            e.instruction = inst.pointee
            if st == .notModelled {
                e.note(.notModelled)
                e.pcNew = pc
                e.pstateNew = s[Slot.pstate]
                return e
            }
        }
        s[Slot.counter] &+= 1
        e.pcNew = s[Slot.pc]
        e.pstateNew = s[Slot.pstate]
        return e
    }

    /// Reverses a step: memory, system registers, registers, PSTATE and PC get their old values.
    /// Effects must be undone newest first.
    public func undo(_ e: StepEffects) {
        for m in [e.memoryWrite2, e.memoryWrite] {
            guard let m, let r = memory.region(m.address, Int(m.count)), let b = r.bytes else { continue }
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
        if let m = e.monitorWrite { s[Slot.exclusive] = m.old }
        s[Slot.pstate] = e.pstateOld
        s[Slot.pc] = e.pcOld
        if !e.notes.contains(.notModelled) { s[Slot.counter] &-= 1 }
        // Translation may have changed (an MSR to SCTLR_EL2, a TLB fill): start from a clean
        // TLB and fetch/data fast paths.
        translationChanged()
    }

    /// The fast loop: no effects are built. Stops before executing an armed breakpoint (except
    /// at the starting PC, so that resuming from a breakpoint makes progress), at `b .`, at an
    /// exception entry when `stopOnException` (otherwise the vector runs), or after `maxSteps`.
    ///
    /// Instructions with a specialised form (`FastSlot`) run inline here; the rest go through
    /// `execute`. Breakpoints are checked only on pages that hold one: `Slot.runPageBase` is the
    /// current fetch page while it has none, and any change of the fetch page resets it.
    public func run(maxSteps: Int, breakpoints: [UInt64] = [], stopOnException: Bool = true) -> RunResult {
        var rec = NoRecorder()
        var stoppedBefore = false
        return runLoop(maxSteps: maxSteps, breakpoints: breakpoints, stopOnException: stopOnException, &rec, stoppedBefore: &stoppedBefore)
    }

    /// The loop of `run` and `runRecording`: `rec` sees each step begin and end (`NoRecorder`
    /// compiles to the plain loop). A recording loop does not fuse flag setting with B.cond, so
    /// that each instruction has its own record.
    @inline(__always)
    func runLoop<R: LoopRecorder>(maxSteps: Int, breakpoints: [UInt64], stopOnException: Bool, _ rec: inout R,
                                  stoppedBefore: inout Bool) -> RunResult {
        // 4096-bit filter indexed by (pc >> 2) & 4095; exact check only on a filter hit.
        let filter = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
        filter.initialize(repeating: 0, count: 64)
        defer { filter.deallocate() }
        for b in breakpoints { filter[Int((b >> 8) & 63)] |= 1 &<< ((b >> 2) & 63) }
        let bps = breakpoints
        let s = self.s
        var n = 0
        var first = true
        s[Slot.runPageBase] = ~0
        // The PC lives in a local while fast slots run (no store-to-load round trip per
        // instruction); it is stored before anything that may read it and reloaded after
        // anything that may change it.
        var pc = s[Slot.pc]
        defer { s[Slot.pc] = pc }
        // The system counter counts the loop's steps: stored before anything that may read it
        // (a generic instruction: MRS CNTPCT_EL0) and when the loop ends.
        s[Slot.runCounterBase] = s[Slot.counter]
        defer { s[Slot.counter] = s[Slot.runCounterBase] &+ UInt64(n) }
        // Closes the record of the last step on every way out (after the PC is final).
        defer { if R.records { rec.finish(pc, s[Slot.pstate]) } }
        while n < maxSteps {
            if R.records {
                rec.finish(pc, s[Slot.pstate])
                if rec.special { return RunResult(reason: .maxSteps, steps: n) }
            }
            if pc & ~0xffc != s[Slot.runPageBase] {
                if filter[Int((pc >> 8) & 63)] & (1 &<< ((pc >> 2) & 63)) != 0 && !first && bps.contains(pc) {
                    return RunResult(reason: .breakpoint(pc), steps: n)
                }
                first = false
                if R.records { rec.begin(pc, s[Slot.pstate]) }
                if pc & ~0xffc != lastPageBase || lastPage == nil {
                    s[Slot.pc] = pc
                    guard fetchSlow(pc, &rec) != nil else {
                        n &+= 1
                        pc = s[Slot.pc]
                        if stopOnException, let e = lastException { return RunResult(reason: .exception(e), steps: n) }
                        continue
                    }
                }
                let page = lastPageBase
                if !bps.contains(where: { $0 & ~0xfff == page }) { s[Slot.runPageBase] = page }
            } else if R.records {
                rec.begin(pc, s[Slot.pstate])
            }
            // The slot's byte offset in the fast slots is (pc & 0xffc) * 4 (16-byte slots).
            let off = Int(truncatingIfNeeded: pc & 0xffc)
            let instructions = lastPage.unsafelyUnwrapped
            let f = (UnsafeRawPointer(instructions) + (DecodedPage.fastOffset &+ off &<< 2)).assumingMemoryBound(to: FastSlot.self)
            if R.records { rec.slot(f.pointee, s) }
            // Cases that only compute fall through to `pc &+= 4` below; branches set the PC
            // themselves and continue (no `next` variable: it would be spilled, putting a
            // store-to-load round trip back on the PC's dependency chain).
            // Fields are read where used: the switch's cases need different ones.
            var rd: Int { Int(f.pointee.rd) }
            var rn: Int { Int(f.pointee.rn) }
            var rm: Int { Int(f.pointee.rm) }
            var imm: UInt64 { f.pointee.imm }
            var aux: UInt32 { f.pointee.aux }
            switch f.pointee.kind {
            case .addImmX: s[rd] = s[rn] &+ imm
            case .addImmW: s[rd] = (s[rn] &+ imm) & 0xffff_ffff
            case .movConst: s[rd] = imm
            case .addsImmX: let (r, fl) = FastSlot.adds64(s[rn], imm); setNZCV(fl); s[rd] = r
            case .addsImmW: let (r, fl) = FastSlot.adds32(s[rn], imm); setNZCV(fl); s[rd] = r
            case .subsImmX: let (r, fl) = FastSlot.subs64(s[rn], imm); setNZCV(fl); s[rd] = r
            case .subsImmW: let (r, fl) = FastSlot.subs32(s[rn], imm); setNZCV(fl); s[rd] = r
            case .addLsl: s[rd] = (s[rn] &+ (s[rm] &<< UInt64(aux))) & imm
            case .subLsl: s[rd] = (s[rn] &- (s[rm] &<< UInt64(aux))) & imm
            case .addsLslX: let (r, fl) = FastSlot.adds64(s[rn], s[rm] &<< UInt64(aux)); setNZCV(fl); s[rd] = r
            case .addsLslW: let (r, fl) = FastSlot.adds32(s[rn], s[rm] &<< UInt64(aux)); setNZCV(fl); s[rd] = r
            case .subsLslX: let (r, fl) = FastSlot.subs64(s[rn], s[rm] &<< UInt64(aux)); setNZCV(fl); s[rd] = r
            case .subsLslW: let (r, fl) = FastSlot.subs32(s[rn], s[rm] &<< UInt64(aux)); setNZCV(fl); s[rd] = r
            case .andX: s[rd] = s[rn] & ((s[rm] &<< UInt64(aux)) ^ imm)
            case .andW: s[rd] = s[rn] & ((s[rm] &<< UInt64(aux)) ^ imm) & 0xffff_ffff
            case .orrX: s[rd] = s[rn] | ((s[rm] &<< UInt64(aux)) ^ imm)
            case .orrW: s[rd] = (s[rn] | ((s[rm] &<< UInt64(aux)) ^ imm)) & 0xffff_ffff
            case .eorX: s[rd] = s[rn] ^ ((s[rm] &<< UInt64(aux)) ^ imm)
            case .eorW: s[rd] = (s[rn] ^ ((s[rm] &<< UInt64(aux)) ^ imm)) & 0xffff_ffff
            case .andsX:
                let r = s[rn] & ((s[rm] &<< UInt64(aux)) ^ imm)
                setNZCV(logicalFlags(r, true)); s[rd] = r
            case .andsW:
                let r = s[rn] & ((s[rm] &<< UInt64(aux)) ^ imm) & 0xffff_ffff
                setNZCV(logicalFlags(r, false)); s[rd] = r
            case .madd: s[rd] = (s[Int(aux)] &+ s[rn] &* s[rm]) & imm
            case .msub: s[rd] = (s[Int(aux)] &- s[rn] &* s[rm]) & imm
            case .csel, .csinc, .csinv, .csneg:
                let r: UInt64
                if (aux >> UInt32(truncatingIfNeeded: (s[Slot.pstate] >> 28) & 15)) & 1 != 0 {
                    r = s[rn]
                } else {
                    let m = s[rm]
                    switch f.pointee.kind {
                    case .csel: r = m
                    case .csinc: r = m &+ 1
                    case .csinv: r = ~m
                    default: r = 0 &- m
                    }
                }
                s[rd] = r & imm
            case .adr: s[rd] = pc &+ imm
            case .adrp: s[rd] = (pc & ~0xfff) &+ imm
            case .b: pc = pc &+ imm; n &+= 1; continue
            case .bl: s[30] = pc &+ 4; pc = pc &+ imm; n &+= 1; continue
            case .bcond:
                pc = (aux >> UInt32(truncatingIfNeeded: (s[Slot.pstate] >> 28) & 15)) & 1 != 0 ? pc &+ imm : pc &+ 4
                n &+= 1; continue
            case .cbzX: pc = s[rd] == 0 ? pc &+ imm : pc &+ 4; n &+= 1; continue
            case .cbnzX: pc = s[rd] != 0 ? pc &+ imm : pc &+ 4; n &+= 1; continue
            case .cbzW: pc = s[rd] & 0xffff_ffff == 0 ? pc &+ imm : pc &+ 4; n &+= 1; continue
            case .cbnzW: pc = s[rd] & 0xffff_ffff != 0 ? pc &+ imm : pc &+ 4; n &+= 1; continue
            case .tbz: pc = (s[rd] >> UInt64(aux)) & 1 == 0 ? pc &+ imm : pc &+ 4; n &+= 1; continue
            case .tbnz: pc = (s[rd] >> UInt64(aux)) & 1 != 0 ? pc &+ imm : pc &+ 4; n &+= 1; continue
            case .br: pc = s[rn]; n &+= 1; continue
            case .blr: let t = s[rn]; s[30] = pc &+ 4; pc = t; n &+= 1; continue
            case .ldr1, .ldr2, .ldr4, .ldr8:
                s[Slot.pc] = pc
                let addr = s[rn] &+ UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: imm)))
                let v: UInt64?
                switch f.pointee.kind {
                case .ldr8: v = loadValue(addr, 8, UInt64(aux), pc, &rec)
                case .ldr4: v = loadValue(addr, 4, UInt64(aux), pc, &rec)
                case .ldr2: v = loadValue(addr, 2, UInt64(aux), pc, &rec)
                default: v = loadValue(addr, 1, UInt64(aux), pc, &rec)
                }
                guard let v else {
                    n &+= 1
                    pc = s[Slot.pc]
                    if stopOnException, let e = lastException { return RunResult(reason: .exception(e), steps: n) }
                    continue
                }
                s[rd] = v
            case .str1, .str2, .str4, .str8:
                s[Slot.pc] = pc
                let addr = s[rn] &+ UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: imm)))
                let v = s[rd]
                let ok: Bool
                switch f.pointee.kind {
                case .str8: ok = storeBytes(addr, 8, 8, v, 0, UInt64(aux), pc, &rec)
                case .str4: ok = storeBytes(addr, 4, 4, v, 0, UInt64(aux), pc, &rec)
                case .str2: ok = storeBytes(addr, 2, 2, v, 0, UInt64(aux), pc, &rec)
                default: ok = storeBytes(addr, 1, 1, v, 0, UInt64(aux), pc, &rec)
                }
                if !ok {
                    n &+= 1
                    pc = s[Slot.pc]
                    if stopOnException, let e = lastException { return RunResult(reason: .exception(e), steps: n) }
                    continue
                }
            // Flag setting + B.cond: both in one dispatch when the next slot is still the
            // B.cond, the step budget allows two, and this page holds no breakpoint (a fast
            // slot may run on a breakpoint page after the slow path's check of its own PC).
            case .subsImmXB:
                let (r, fl) = FastSlot.subs64(s[rn], imm); setNZCV(fl); s[rd] = r
                if !R.records && (f + 1).pointee.kind == .bcond && n &+ 1 < maxSteps && pc & ~0xfff == s[Slot.runPageBase] {
                    n &+= 2; pc = Self.fusedTarget(f + 1, fl, pc); continue
                }
            case .subsImmWB:
                let (r, fl) = FastSlot.subs32(s[rn], imm); setNZCV(fl); s[rd] = r
                if !R.records && (f + 1).pointee.kind == .bcond && n &+ 1 < maxSteps && pc & ~0xfff == s[Slot.runPageBase] {
                    n &+= 2; pc = Self.fusedTarget(f + 1, fl, pc); continue
                }
            case .subsLslXB:
                let (r, fl) = FastSlot.subs64(s[rn], s[rm] &<< UInt64(aux)); setNZCV(fl); s[rd] = r
                if !R.records && (f + 1).pointee.kind == .bcond && n &+ 1 < maxSteps && pc & ~0xfff == s[Slot.runPageBase] {
                    n &+= 2; pc = Self.fusedTarget(f + 1, fl, pc); continue
                }
            case .subsLslWB:
                let (r, fl) = FastSlot.subs32(s[rn], s[rm] &<< UInt64(aux)); setNZCV(fl); s[rd] = r
                if !R.records && (f + 1).pointee.kind == .bcond && n &+ 1 < maxSteps && pc & ~0xfff == s[Slot.runPageBase] {
                    n &+= 2; pc = Self.fusedTarget(f + 1, fl, pc); continue
                }
            case .andsXB:
                let r = s[rn] & ((s[rm] &<< UInt64(aux)) ^ imm)
                let fl = logicalFlags(r, true)
                setNZCV(fl); s[rd] = r
                if !R.records && (f + 1).pointee.kind == .bcond && n &+ 1 < maxSteps && pc & ~0xfff == s[Slot.runPageBase] {
                    n &+= 2; pc = Self.fusedTarget(f + 1, fl, pc); continue
                }
            case .andsWB:
                let r = s[rn] & ((s[rm] &<< UInt64(aux)) ^ imm) & 0xffff_ffff
                let fl = logicalFlags(r, false)
                setNZCV(fl); s[rd] = r
                if !R.records && (f + 1).pointee.kind == .bcond && n &+ 1 < maxSteps && pc & ~0xfff == s[Slot.runPageBase] {
                    n &+= 2; pc = Self.fusedTarget(f + 1, fl, pc); continue
                }
            case .generic:
                s[Slot.pc] = pc
                if R.records && rec.stopsBefore(instructions[off &>> 2].op) {
                    rec.cancel()
                    stoppedBefore = true
                    return RunResult(reason: .maxSteps, steps: n)
                }
                s[Slot.counter] = s[Slot.runCounterBase] &+ UInt64(n)
                let st = executeGeneric(instructions + off &>> 2, pc, &rec)
                if st == .notModelled {
                    if R.records { rec.cancel() }
                    return RunResult(reason: .notModelled(pc), steps: n)
                }
                n &+= 1
                pc = s[Slot.pc]
                if st != .normal {
                    if st == .selfLoop && !rec.continuesSelfLoops { return RunResult(reason: .halted(pc), steps: n) }   // PC unchanged
                    if stopOnException, let e = lastException { return RunResult(reason: .exception(e), steps: n) }
                }
                continue
            }
            pc &+= 4
            n &+= 1
        }
        return RunResult(reason: .maxSteps, steps: n)
    }

    /// Where the B.cond in slot `b` (at pc + 4) goes with flags `nzcv` (bits 31:28).
    @inline(__always)
    static func fusedTarget(_ b: UnsafePointer<FastSlot>, _ nzcv: UInt64, _ pc: UInt64) -> UInt64 {
        (b.pointee.aux >> UInt32(truncatingIfNeeded: nzcv >> 28)) & 1 != 0 ? pc &+ 4 &+ b.pointee.imm : pc &+ 8
    }

    /// `execute` for the run loop's instructions without a specialised form (kept out of line so
    /// the loop's registers stay its own).
    @inline(never)
    func executeGeneric<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        execute(i, pc, &rec)
    }
}
