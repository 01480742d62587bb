import A64

extension Machine {
    /// Alignment check (SCTLR_EL2.A) and translation for a data access whose elements are
    /// `align` bytes. Takes the data abort and returns nil on failure. `iss` holds the syndrome
    /// bits other than DFSC (ISV..., WnR).
    /// `count` is the access's total size: with the MMU on, an access that crosses into a second
    /// page translates that page too; when the two pages are not physically contiguous the
    /// result is `Machine.splitAccess` (callers then go through `splitRead` / `splitWrite`).
    @inline(__always)
    func dataAddress<R: Recorder>(_ va: UInt64, _ align: Int, _ count: Int, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) -> UInt64? {
        if va & UInt64(align &- 1) != 0 && sys[Sys.sctlr] & 2 != 0 {
            dataAbort(va, .alignment, iss, pc, &rec); return nil
        }
        // MMU off and within PARange: the address is physical (one compare, as before the MMU).
        if va < s[Slot.identityLimit] { return va }
        return dataAddressMMU(va, count, iss, pc, &rec)
    }

    /// MMU off beyond PARange: the address size fault. MMU on: the one-entry cache of the last
    /// translated page (read or write), else the slow path. Out of line so the MMU-off
    /// interpreter loop stays as small as before.
    @inline(never)
    func dataAddressMMU<R: Recorder>(_ va: UInt64, _ count: Int, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) -> UInt64? {
        if s[Slot.mmuOn] == 0 { dataAbort(va, .addressSize, iss, pc, &rec); return nil }
        let k = iss & (1 << 6) != 0 ? Slot.writeVA : Slot.readVA
        if s[k] == va & ~0xfff && (va & 0xfff) &+ UInt64(count) <= 0x1000 { return s[k &+ 1] | (va & 0xfff) }
        return dataAddressSlow(va, count, iss, pc, &rec)
    }

    /// A physical address no access can have (PAs are below 2^48): the access crosses into a
    /// page that is not physically contiguous with the first.
    static let splitAccess: UInt64 = ~0

    /// MMU on, off the one-entry cache: TLB or walk, permission check, the second page of a
    /// page-crossing access. QEMU (7.2 cputlb) fills the first page first (FAR = the address),
    /// then the second (FAR = the second page's base: its aligned pieces start there).
    @inline(never)
    func dataAddressSlow<R: Recorder>(_ va: UInt64, _ count: Int, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) -> UInt64? {
        let kind: AccessKind = iss & (1 << 6) != 0 ? .write : .read
        guard let pa = translateSlow(va, kind) else {
            dataAbort(va, status: s[Slot.faultStatus], iss, pc, &rec); return nil
        }
        if (va & 0xfff) &+ UInt64(count) <= 0x1000 { return pa }
        let va2 = (va | 0xfff) &+ 1
        guard let pa2 = translateSlow(va2, kind) else {
            dataAbort(va2, status: s[Slot.faultStatus], iss, pc, &rec); return nil
        }
        return pa2 == (pa & ~0xfff) &+ 0x1000 ? pa : Self.splitAccess
    }

    /// Reads the bytes of a page-crossing access over two discontiguous pages (RAM only; a
    /// device or unmapped page takes the external abort).
    @inline(never)
    func splitRead<R: Recorder>(_ va: UInt64, _ count: Int, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) -> [UInt8]? {
        guard let (pa1, n1, pa2) = splitAddresses(va, count, false),
              let a = memory.readBytes(at: pa1, count: n1), let b = memory.readBytes(at: pa2, count: count - n1) else {
            dataAbort(va, .externalAbort, iss, pc, &rec); return nil
        }
        return a + b
    }

    /// Writes a page-crossing store over two discontiguous pages (RAM only). Records the first
    /// part as the step's memory write and the second as its block write, so undo restores both.
    @inline(never)
    func splitWrite<R: Recorder>(_ va: UInt64, _ bytes: [UInt8], _ iss: UInt64, _ pc: UInt64, _ rec: inout R) -> Bool {
        guard let (pa1, n1, pa2) = splitAddresses(va, bytes.count, true),
              let old1 = memory.readBytes(at: pa1, count: n1), let old2 = memory.readBytes(at: pa2, count: bytes.count - n1) else {
            dataAbort(va, .externalAbort, iss, pc, &rec); return false
        }
        if R.records {
            let (ol, oh) = Self.words(old1), (nl, nh) = Self.words(Array(bytes[..<n1]))
            rec.memory(pa1, n1, ol, oh, nl, nh)
            rec.block(pa2, old2)
        }
        memory.writeBytes(Array(bytes[..<n1]), at: pa1)
        memory.writeBytes(Array(bytes[n1...]), at: pa2)
        invalidateStore(pa1, n1)
        invalidateStore(pa2, bytes.count - n1)
        return true
    }

    /// Up to 16 little-endian bytes as (bytes 0...7, bytes 8...15).
    static func words(_ b: [UInt8]) -> (UInt64, UInt64) {
        var lo: UInt64 = 0, hi: UInt64 = 0
        for (i, v) in b.enumerated() where i < 16 {
            if i < 8 { lo |= UInt64(v) << UInt64(8 * i) } else { hi |= UInt64(v) << UInt64(8 * (i - 8)) }
        }
        return (lo, hi)
    }

    /// The host address of [pa, pa+count) if it lies in the RAM region of the last access.
    @inline(__always) func ramFast(_ pa: UInt64, _ count: Int) -> UnsafeMutableRawPointer? {
        let off = pa &- s[Slot.ramBase]
        let size = s[Slot.ramSize]
        guard size >= UInt64(count) && off <= size &- UInt64(count) else { return nil }
        return UnsafeMutableRawPointer(bitPattern: UInt(s[Slot.ramPtr]))! + Int(off)
    }

    /// Region look-up off the fast path; a RAM region becomes the fast-path region. Takes the
    /// external abort when nothing is mapped. FAR is `va` aligned down to `element` bytes: QEMU
    /// splits a misaligned load into aligned pieces and reports the piece that faulted, while a
    /// misaligned store reports its exact address (stores pass element 1). Found by the
    /// conformance suite, Corpus/unaligned_aborts.S.
    @inline(never)
    func regionSlow<R: Recorder>(_ pa: UInt64, _ count: Int, _ va: UInt64, _ iss: UInt64, _ pc: UInt64,
                                 _ rec: inout R, element: Int) -> MemoryRegion? {
        guard let r = memory.region(pa, count) else {
            dataAbort(va & ~UInt64(element &- 1), .externalAbort, iss, pc, &rec); return nil
        }
        if let b = r.bytes {
            s[Slot.ramBase] = r.base; s[Slot.ramSize] = r.size
            s[Slot.ramPtr] = UInt64(UInt(bitPattern: b))
            s[Slot.ramFlags] = UInt64(UInt(bitPattern: r.decodedFlags))
        }
        return r
    }

    /// Loads `count` (1, 2, 4, 8) bytes, zero-extended; nil if an abort was taken.
    @inline(__always)
    func loadValue<R: Recorder>(_ va: UInt64, _ count: Int, _ iss: UInt64, _ pc: UInt64, _ rec: inout R) -> UInt64? {
        guard let pa = dataAddress(va, count, count, iss, pc, &rec) else { return nil }
        if R.records && pa != Self.splitAccess { rec.read(pa, count) }
        if let p = ramFast(pa, count) { return Memory.load(p, count) }
        if pa == Self.splitAccess { return splitRead(va, count, iss, pc, &rec).map { Self.words($0).0 } }
        guard let r = regionSlow(pa, count, va, iss, pc, &rec, element: count) else { return nil }
        if let b = r.bytes { return Memory.load(b + Int(pa &- r.base), count) }
        return mmioRead(r, pa, count, va, iss, pc, &rec)
    }

    /// Loads a pair of `esize`-byte elements.
    @inline(__always)
    func loadPair<R: Recorder>(_ va: UInt64, _ esize: Int, _ pc: UInt64, _ rec: inout R) -> (UInt64, UInt64)? {
        guard let pa = dataAddress(va, esize, 2 * esize, 0, pc, &rec) else { return nil }
        if R.records && pa != Self.splitAccess { rec.read(pa, 2 * esize) }
        if let p = ramFast(pa, 2 * esize) { return (Memory.load(p, esize), Memory.load(p + esize, esize)) }
        if pa == Self.splitAccess {
            guard let b = splitRead(va, 2 * esize, 0, pc, &rec) else { return nil }
            let (lo, hi) = Self.words(b)
            return esize == 8 ? (lo, hi) : (lo & 0xffff_ffff, lo >> 32)
        }
        guard let r = regionSlow(pa, 2 * esize, va, 0, pc, &rec, element: esize) else { return nil }
        if let b = r.bytes {
            let p = b + Int(pa &- r.base)
            return (Memory.load(p, esize), Memory.load(p + esize, esize))
        }
        guard let a = mmioRead(r, pa, esize, va, 0, pc, &rec),
              let b = mmioRead(r, pa &+ UInt64(esize), esize, va &+ UInt64(esize), 0, pc, &rec) else { return nil }
        return (a, b)
    }

    /// Loads `count` (1...16, a power of two) bytes as (bytes 0...7, bytes 8...15), aligned to
    /// `count` under SCTLR_EL2.A: the SIMD&FP loads (no instruction syndrome). A 16-byte load
    /// faults at its first 8-byte half that does, as QEMU's two halves do.
    @inline(__always)
    func loadWide<R: Recorder>(_ va: UInt64, _ count: Int, _ pc: UInt64, _ rec: inout R) -> (UInt64, UInt64)? {
        if count <= 8 { return loadValue(va, count, 0, pc, &rec).map { ($0, 0) } }
        guard let pa = dataAddress(va, count, count, 0, pc, &rec) else { return nil }
        if R.records && pa != Self.splitAccess { rec.read(pa, count) }
        if let p = ramFast(pa, count) { return (Memory.load(p, 8), Memory.load(p + 8, 8)) }
        if pa == Self.splitAccess { return splitRead(va, count, 0, pc, &rec).map { Self.words($0) } }
        guard let r = regionSlow(pa, count, va, 0, pc, &rec, element: 8) else { return nil }
        if let b = r.bytes {
            let p = b + Int(pa &- r.base)
            return (Memory.load(p, 8), Memory.load(p + 8, 8))
        }
        guard let a = mmioRead(r, pa, 8, va, 0, pc, &rec),
              let b = mmioRead(r, pa &+ 8, 8, va &+ 8, 0, pc, &rec) else { return nil }
        return (a, b)
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
        guard let pa = dataAddress(va, align, count, iss, pc, &rec) else { return false }
        var p: UnsafeMutableRawPointer
        if let fp = ramFast(pa, count) {
            p = fp
        } else {
            if pa == Self.splitAccess {
                let bytes = MemoryWrite.bytes(lo, hi, count)
                return splitWrite(va, bytes, iss, pc, &rec)
            }
            guard let r = regionSlow(pa, count, va, iss, pc, &rec, element: 1) else { return false }
            guard let b = r.bytes else {
                if count <= 8 { return mmioWrite(r, pa, count, lo, va, iss, pc, &rec) }
                return mmioWrite(r, pa, 8, lo, va, iss, pc, &rec) && mmioWrite(r, pa &+ 8, count - 8, hi, va &+ 8, iss, pc, &rec)
            }
            p = b + Int(pa &- r.base)
        }
        let loCount = min(count, 8)
        if R.records {
            let oldLo = Memory.load(p, loCount)
            let oldHi = count > 8 ? Memory.load(p + 8, count - 8) : 0
            rec.memory(pa, count, oldLo, oldHi, lo & Self.byteMask(loCount), count > 8 ? hi & Self.byteMask(count - 8) : 0)
        }
        Memory.store(p, loCount, lo)
        if count > 8 { Memory.store(p + 8, count - 8, hi) }
        // The store went to the fast-path region (regionSlow made it so).
        let flags = UnsafeMutablePointer<UInt8>(bitPattern: UInt(s[Slot.ramFlags]))!
        let off = pa &- s[Slot.ramBase]
        if flags[Int(off >> 12)] | flags[Int((off &+ UInt64(count - 1)) >> 12)] != 0 {
            invalidateStore(pa, count)
        }
        return true
    }

    /// A store (or an undone store) touched [pa, pa+count) on a page with decoded instructions:
    /// the slots of the words it overwrote become `Machine.staleSlot`, decoded again only if
    /// they are ever fetched (data often sits beside code and is written far more often than it
    /// is executed). Only when the store overwrote the instruction that is executing (PC still
    /// holds its address until it completes) is the whole page retired, because `execute` is
    /// still reading that instruction's decoded fields.
    @inline(never)
    func invalidateStore(_ pa: UInt64, _ count: Int) {
        guard let r = memory.region(pa, count), let flags = r.decodedFlags else { return }
        let executing = translate(s[Slot.pc], write: false)
        var w = pa & ~3
        let end = pa &+ UInt64(count)
        while w < end {
            if flags[Int((w &- r.base) >> 12)] != 0 {
                if w == executing {
                    invalidateDecodedPage(r, w)
                } else if let page = decodedPages[w >> 12] {
                    page.instructions[Int(w & 0xfff) >> 2] = Machine.staleSlot
                    page.fast[Int(w & 0xfff) >> 2] = FastSlot.generic
                }
            }
            w &+= 4
        }
    }

    /// DC ZVA block size in bytes: 4 << DCZID_EL0.BS, from the catalogue (BS = 4 on QEMU's
    /// cortex-a57: 64 bytes).
    public static let zeroBlockSize = 4 << Int(SystemRegisterCatalogue.all[Sys.dczid].reset & 0xf)

    /// DC ZVA: zeroes the aligned 64-byte block holding `va`. QEMU does it with the MMU off too
    /// (found by the conformance corpus, system_instructions.S: memory was left unchanged here).
    /// Unmapped or device memory takes a data abort (a write: WnR = 1).
    @inline(never)
    func zeroBlock<R: Recorder>(_ va: UInt64, _ pc: UInt64, _ rec: inout R) -> Bool {
        let n = Self.zeroBlockSize
        let a = va & ~UInt64(n - 1)
        let iss: UInt64 = 1 << 6
        // A translation fault reports the register's address, not the block's: QEMU 7.2 probes
        // the original pointer first (checked by the conformance corpus, mmu_faults.S).
        guard let pa = translate(a, write: true) else {
            if s[Slot.mmuOn] == 0 { dataAbort(va, .addressSize, iss, pc, &rec) } else { dataAbort(va, status: s[Slot.faultStatus], iss, pc, &rec) }
            return false
        }
        guard let r = memory.region(pa, n), let b = r.bytes else { dataAbort(va, .externalAbort, iss, pc, &rec); return false }
        let p = b + Int(pa &- r.base)
        if R.records { rec.block(pa, [UInt8](UnsafeRawBufferPointer(start: p, count: n))) }
        p.initializeMemory(as: UInt8.self, repeating: 0, count: n)
        invalidateStore(pa, n)
        return true
    }

    @inline(__always) static func byteMask(_ n: Int) -> UInt64 { n >= 8 ? ~0 : (1 << UInt64(n * 8)) &- 1 }
}
