import A64

// Load/store exclusive, load-acquire/store-release, and the local exclusive monitor.
//
// The monitor, as the Arm ARM describes the local monitor of one PE: a load-exclusive marks
// its virtual address and size (the whole pair for LDXP); a store-exclusive succeeds (writes
// memory, status 0) only when its address and size equal the mark, and fails otherwise (no
// memory access, status 1); either way the mark is cleared. CLREX, exception entry and ERET
// clear it too; a power-down loses it. Ordinary stores leave it alone (the architecture lets an
// implementation choose). One core and no other observer: acquire/release ordering has no
// visible effect.
//
// Where QEMU 7.2 (the reference) differs, and the random programs stay out of the way:
// - QEMU's store-exclusive compares the memory with the value the load-exclusive read (a
//   cmpxchg) instead of the size: a plain store that changes the marked bytes makes it fail,
//   and a store-exclusive of another size to the marked address may succeed.
// - QEMU checks the address against the mark before alignment: a misaligned store-exclusive
//   fails silently there; here, as the architecture requires, it takes an alignment fault.
// - QEMU does not clear the mark on exception entry (only on ERET).
// Syndromes follow QEMU: the exclusives report no instruction syndrome (ISV = 0; WnR for the
// stores), LDAR/STLR the full one with AR (bit 14) set.

extension Machine {
    /// The mark of the local exclusive monitor: address and size in bytes, or nil when open.
    public var exclusiveMark: (address: UInt64, size: Int)? {
        let v = s[Slot.exclusive]
        guard v != 0 else { return nil }
        return (v & Self.markAddressMask, 1 << Int((v >> 56) & 7))
    }

    /// Clears the exclusive monitor (the platform's power-down; CLREX does the same).
    public func clearExclusiveMonitor() { s[Slot.exclusive] = 0 }

    static let markAddressMask: UInt64 = (1 << 56) - 1

    /// The monitor value marking `[address, address + size)` (size a power of two, at most 16;
    /// marked addresses passed translation, so they fit in 56 bits).
    @inline(__always) static func mark(_ address: UInt64, _ size: Int) -> UInt64 {
        1 << 63 | UInt64(size.trailingZeroBitCount) << 56 | (address & markAddressMask)
    }

    @inline(__always) func setMonitor<R: Recorder>(_ v: UInt64, _ rec: inout R) {
        let old = s[Slot.exclusive]
        if old == v { return }
        if R.records { rec.monitor(old, v) }
        s[Slot.exclusive] = v
    }

    @inline(__always) func clearMonitor<R: Recorder>(_ rec: inout R) {
        if s[Slot.exclusive] != 0 { setMonitor(0, &rec) }
    }

    /// LDXR/LDAXR, STXR/STLXR, LDXP/LDAXP, STXP/STLXP, LDAR, STLR: address [Xn|SP].
    @inline(never)
    func exclusive<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        let op = i.pointee.op
        let base = xsp(i.pointee.rn)
        if !spAligned(i, base, pc, &rec) { return .exception }
        let esize = 1 << Int(i.pointee.size & 3)
        let pair = op == .ldxp || op == .ldaxp || op == .stxp || op == .stlxp
        let total = pair ? 2 * esize : esize
        let store = op == .stxr || op == .stlxr || op == .stxp || op == .stlxp || op == .stlr
        let acquireRelease = op == .ldar || op == .stlr
        // QEMU's syndromes: LDAR/STLR give ISV, SAS, SRT, SF and AR; the exclusives none.
        var iss: UInt64 = store ? 1 << 6 : 0
        if acquireRelease {
            iss |= 1 << 24 | UInt64(i.pointee.size & 3) << 22 | UInt64(i.pointee.rd & 31) << 16
                | (i.pointee.size == 3 ? 1 << 15 : 0) | 1 << 14
        }
        // Exclusive and acquire/release accesses must be aligned to their whole size, whatever
        // SCTLR_EL2.A says.
        if base & UInt64(total &- 1) != 0 {
            dataAbort(base, .alignment, iss, pc, &rec)
            return .exception
        }
        switch op {
        case .ldxr, .ldaxr, .ldar:
            guard let v = loadValue(base, esize, iss, pc, &rec) else { return .exception }
            wx(i.pointee.rd, v, true, &rec)
            if op != .ldar { setMonitor(Self.mark(base, total), &rec) }
        case .ldxp, .ldaxp:
            guard let (v1, v2) = loadPair(base, esize, pc, &rec) else { return .exception }
            // Rt == Rt2 (CONSTRAINED UNPREDICTABLE): Rt2's value wins, as in QEMU.
            wx(i.pointee.rd, v1, true, &rec)
            wx(i.pointee.ra, v2, true, &rec)
            setMonitor(Self.mark(base, total), &rec)
        case .stlr:
            if !storeBytes(base, esize, esize, xr(i.pointee.rd), 0, iss, pc, &rec) { return .exception }
        default:
            // STXR/STLXR/STXP/STLXP. The data registers are read before the status is written
            // (Rs == Rt or Rt2 stores the old value, as QEMU does).
            let v1 = xr(i.pointee.rd), v2 = pair ? xr(i.pointee.ra) : 0
            var status: UInt64 = 1
            if s[Slot.exclusive] == Self.mark(base, total) {
                let ok: Bool
                if !pair {
                    ok = storeBytes(base, esize, esize, v1, 0, iss, pc, &rec)
                } else if esize == 8 {
                    ok = storeBytes(base, 16, 8, v1, v2, iss, pc, &rec)
                } else {
                    ok = storeBytes(base, 8, 4, (v1 & 0xffff_ffff) | v2 << 32, 0, iss, pc, &rec)
                }
                if !ok { return .exception }
                status = 0
            }
            clearMonitor(&rec)
            wx(i.pointee.rm, status, false, &rec)
        }
        s[Slot.pc] = pc &+ 4
        return .normal
    }
}
