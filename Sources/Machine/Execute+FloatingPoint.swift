import A64

// The SIMD&FP register file: loads, stores and FMOV between general and SIMD&FP registers (what
// a hypervisor needs to save and restore FP state), the CPTR_EL2.TFP trap, and the system
// registers that are implemented but not modelled.
//
// As QEMU 7.2 does (checked by scripts/qemu-sysreg-probe.py and the conformance corpus):
// - With CPTR_EL2.TFP = 1 every SIMD&FP instruction, FPCR/FPSR access included, traps to EL2
//   with EC 0x07 and ISS 0x1e00000 (CV = 1, COND = 0xe), before anything else is checked.
// - Data aborts of SIMD&FP loads and stores carry no instruction syndrome (ISV = 0): the ISS is
//   WnR and the fault status only.
// - With SCTLR_EL2.A = 1 each register's access must be aligned to its size (16 bytes for Q);
//   a Q register is one 16-byte access here. A pair is two accesses, first register first.

extension Machine {
    /// CPTR_EL2.TFP: SIMD&FP instructions trap to EL2.
    @inline(__always) var fpTrapped: Bool { sys[Sys.cptr] & (1 << 10) != 0 }

    /// The trap of a SIMD&FP instruction by CPTR_EL2.TFP, with QEMU's syndrome.
    @inline(never)
    func fpAccessTrap<R: Recorder>(_ pc: UInt64, _ rec: inout R) -> ExecStatus {
        takeException(.fpAccess, iss: 0x1e0_0000, far: nil, elr: pc, &rec)
        return .exception
    }

    /// MRS/MSR of an encoding not in the catalogue: the reserved ID space reads as zero; a
    /// register the Cortex-A57 implements but SuspendScope does not model stops the run; the
    /// rest is UNDEFINED, as on the core.
    @inline(never)
    func uncataloguedSystemRegister<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, read: Bool,
                                                  _ rec: inout R) -> ExecStatus {
        let e = SystemRegisterEncoding(packed: i.pointee.sys)
        if SystemRegisterCatalogue.isReservedIDSpace(e) {
            guard read else { return undefined(pc, &rec) }
            wx(i.pointee.rd, 0, true, &rec)
            s[Slot.pc] = pc &+ 4
            return .normal
        }
        if let r = SystemRegisterCatalogue.notModelledRegister(for: e), r.allows(read: read) { return .notModelled }
        return undefined(pc, &rec)
    }

    /// Writes all 128 bits of V`n`.
    @inline(__always) func wv<R: Recorder>(_ n: UInt8, _ lo: UInt64, _ hi: UInt64, _ rec: inout R) {
        let a = Slot.vector(Int(n & 31)), b = a + 1
        if R.records { rec.register(a, s[a], lo); rec.register(b, s[b], hi) }
        s[a] = lo
        s[b] = hi
    }

    @inline(never)
    func executeFloatingPoint<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        if fpTrapped { return fpAccessTrap(pc, &rec) }
        switch i.pointee.op {
        case .fmovToV:
            let x = xr(i.pointee.rn)
            if i.pointee.imm == 1 {
                let b = Slot.vector(Int(i.pointee.rd), high: true)
                if R.records { rec.register(b, s[b], x) }
                s[b] = x
            } else {
                wv(i.pointee.rd, i.pointee.size == 3 ? x : x & 0xffff_ffff, 0, &rec)
            }
        case .fmovFromV:
            let (lo, hi) = vector(Int(i.pointee.rn))
            let v = i.pointee.imm == 1 ? hi : (i.pointee.size == 3 ? lo : lo & 0xffff_ffff)
            wx(i.pointee.rd, v, true, &rec)
        case .ldrV, .strV:
            return loadStoreVector(i, pc, &rec)
        default:
            return loadStoreVectorPair(i, pc, &rec)
        }
        s[Slot.pc] = pc &+ 4
        return .normal
    }

    /// LDR/STR/LDUR/STUR of B, H, S, D, Q (every index form) and LDR (literal) of S, D, Q.
    @inline(__always)
    func loadStoreVector<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        let count = 1 << Int(i.pointee.size & 7)
        let (base, addr, writeback, wbValue) = transferAddress(i, pc)
        if i.pointee.mode != .literal && !spAligned(i, base, pc, &rec) { return .exception }
        if i.pointee.op == .strV {
            let (lo, hi) = vector(Int(i.pointee.rd))
            if !storeBytes(addr, count, count, lo, hi, 1 << 6, pc, &rec) { return .exception }
        } else {
            guard let (lo, hi) = loadWide(addr, count, pc, &rec) else { return .exception }
            wv(i.pointee.rd, lo, hi, &rec)
        }
        if writeback { wsp(i.pointee.rn, wbValue, true, &rec) }
        s[Slot.pc] = pc &+ 4
        return .normal
    }

    /// LDP/STP/LDNP/STNP of S, D or Q registers: two accesses, Vt's first.
    @inline(__always)
    func loadStoreVectorPair<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        let esize = 1 << Int(i.pointee.size & 7)
        let (base, addr, writeback, wbValue) = transferAddress(i, pc)
        if !spAligned(i, base, pc, &rec) { return .exception }
        let second = addr &+ UInt64(esize)
        if i.pointee.op == .stpV || i.pointee.op == .stnpV {
            let a = vector(Int(i.pointee.rd)), b = vector(Int(i.pointee.ra))
            if esize == 16 {
                if !storeBytes(addr, 16, 16, a.low, a.high, 1 << 6, pc, &rec) { return .exception }
                if !storeBytes(second, 16, 16, b.low, b.high, 1 << 6, pc, &rec) { return .exception }
            } else if esize == 8 {
                if !storeBytes(addr, 16, 8, a.low, b.low, 1 << 6, pc, &rec) { return .exception }
            } else {
                if !storeBytes(addr, 8, 4, (a.low & 0xffff_ffff) | (b.low << 32), 0, 1 << 6, pc, &rec) { return .exception }
            }
        } else {
            let v1: (UInt64, UInt64), v2: (UInt64, UInt64)
            if esize == 16 {
                guard let a = loadWide(addr, 16, pc, &rec), let b = loadWide(second, 16, pc, &rec) else { return .exception }
                v1 = a; v2 = b
            } else {
                guard let (a, b) = loadPair(addr, esize, pc, &rec) else { return .exception }
                v1 = (a, 0); v2 = (b, 0)
            }
            wv(i.pointee.rd, v1.0, v1.1, &rec)
            wv(i.pointee.ra, v2.0, v2.1, &rec)
        }
        if writeback { wsp(i.pointee.rn, wbValue, true, &rec) }
        s[Slot.pc] = pc &+ 4
        return .normal
    }
}

extension Machine {
    /// "not modelled by SuspendScope: <objdump text>": what every front end says about an
    /// instruction the Cortex-A57 runs that SuspendScope does not model.
    public static func notModelledMessage(_ instructionText: String) -> String {
        "not modelled by SuspendScope: " + instructionText
    }

    /// The objdump text of the instruction at virtual address `pc` (through the current
    /// translation), or a note that it cannot be read.
    public func instructionText(at pc: UInt64) -> String {
        guard case let .mapped(pa, _, _, _) = translate(virtual: pc, fetch: true), let w = memory.readRAM(pa, 4) else {
            return "(no instruction readable at 0x\(String(pc, radix: 16)))"
        }
        return Disassembler.text(word: UInt32(truncatingIfNeeded: w), at: pc)
    }
}
