import A64

extension Machine {
    /// Alignment check (SCTLR_EL2.A), translation and region look-up for a data access of
    /// `count` bytes whose elements are `align` bytes. Takes the data abort and returns nil on
    /// failure. `iss` holds the syndrome bits other than DFSC (ISV..., WnR).
    @inline(__always)
    func dataAccess<R: Recorder>(_ va: UInt64, _ count: Int, _ align: Int, _ iss: UInt64, _ pc: UInt64,
                                 _ rec: inout R) -> (UInt64, MemoryRegion)? {
        if va & UInt64(align &- 1) != 0 && sys[Sys.sctlr] & 2 != 0 {
            dataAbort(va, .alignment, iss, pc, &rec); return nil
        }
        guard let pa = translate(va, write: iss & (1 << 6) != 0) else {
            dataAbort(va, .addressSize, iss, pc, &rec); return nil
        }
        guard let r = memory.region(pa, count) else {
            dataAbort(va, .externalAbort, iss, pc, &rec); return nil
        }
        return (pa, r)
    }

    /// Loads `count` (1, 2, 4, 8) bytes, zero-extended; nil if an abort was taken.
    @inline(__always)
    func loadValue<R: Recorder>(_ va: UInt64, _ count: Int, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) -> UInt64? {
        guard let (pa, r) = dataAccess(va, count, count, iss, pc, &rec) else { return nil }
        if let b = r.bytes { return Memory.load(b + Int(pa &- r.base), count) }
        return mmioRead(r, pa, count, va, iss, pc, &rec)
    }

    @inline(never)
    func mmioRead<R: Recorder>(_ r: MemoryRegion, _ pa: UInt64, _ count: Int, _ va: UInt64, _ iss: UInt64, _ pc: UInt64,
                               _ rec: inout R) -> UInt64? {
        rec.note(.mmioRead)
        guard let v = r.handler?.read(offset: pa &- r.base, size: count) else {
            dataAbort(va, .externalAbort, iss, pc, &rec); return nil
        }
        return count == 8 ? v : v & ((1 << UInt64(count * 8)) &- 1)
    }

    @inline(never)
    func mmioWrite<R: Recorder>(_ r: MemoryRegion, _ pa: UInt64, _ count: Int, _ v: UInt64, _ va: UInt64, _ iss: UInt64,
                                _ pc: UInt64, _ rec: inout R) -> Bool {
        rec.note(.mmioWrite)
        guard r.handler?.write(offset: pa &- r.base, size: count, value: v) == true else {
            dataAbort(va, .externalAbort, iss, pc, &rec); return false
        }
        return true
    }

    /// Stores `count` (1...16) bytes: `lo` holds bytes 0...7, `hi` bytes 8...15. Elements are
    /// `align` bytes. Records old/new bytes and drops decoded pages the store hits.
    @inline(__always)
    func storeBytes<R: Recorder>(_ va: UInt64, _ count: Int, _ align: Int, _ lo: UInt64, _ hi: UInt64, _ iss: UInt64,
                                 _ pc: UInt64, _ rec: inout R) -> Bool {
        guard let (pa, r) = dataAccess(va, count, align, iss, pc, &rec) else { return false }
        guard let b = r.bytes else {
            if count <= 8 { return mmioWrite(r, pa, count, lo, va, iss, pc, &rec) }
            return mmioWrite(r, pa, 8, lo, va, iss, pc, &rec) && mmioWrite(r, pa &+ 8, count - 8, hi, va &+ 8, iss, pc, &rec)
        }
        let off = pa &- r.base
        let p = b + Int(off)
        let loCount = min(count, 8)
        if R.records {
            let oldLo = Memory.load(p, loCount)
            let oldHi = count > 8 ? Memory.load(p + 8, count - 8) : 0
            rec.memory(pa, count, oldLo, oldHi, lo & Self.byteMask(loCount), count > 8 ? hi & Self.byteMask(count - 8) : 0)
        }
        Memory.store(p, loCount, lo)
        if count > 8 { Memory.store(p + 8, count - 8, hi) }
        let flags = r.decodedFlags!
        if flags[Int(off >> 12)] != 0 { invalidateDecodedPage(r, pa) }
        let lastOff = off &+ UInt64(count - 1)
        if flags[Int(lastOff >> 12)] != 0 { invalidateDecodedPage(r, pa &+ UInt64(count - 1)) }
        return true
    }

    @inline(__always) static func byteMask(_ n: Int) -> UInt64 { n >= 8 ? ~0 : (1 << UInt64(n * 8)) &- 1 }
}
