import A64

/// The decoded instructions of one 4 KiB physical page (1024 slots), followed in the same
/// allocation by each slot's `FastSlot` (at `DecodedPage.fastOffset` bytes), so the run loop
/// finds both from the one page pointer.
final class DecodedPage {
    let instructions: UnsafeMutablePointer<Instruction>
    /// Byte offset of the fast slots from `instructions`.
    static let fastOffset = 1024 * MemoryLayout<Instruction>.stride
    static let byteCount = fastOffset + 1024 * MemoryLayout<FastSlot>.stride
    var fast: UnsafeMutablePointer<FastSlot> { Self.fast(instructions) }
    @inline(__always) static func fast(_ instructions: UnsafeMutablePointer<Instruction>) -> UnsafeMutablePointer<FastSlot> {
        (UnsafeMutableRawPointer(instructions) + fastOffset).assumingMemoryBound(to: FastSlot.self)
    }
    init(decoding words: UnsafeRawPointer, with decode: (UInt32) -> Instruction) {
        precondition(MemoryLayout<FastSlot>.stride == 16, "Machine.run indexes fast slots by (pc & 0xffc) << 2")
        let raw = UnsafeMutableRawPointer.allocate(byteCount: Self.byteCount,
                                                   alignment: max(MemoryLayout<Instruction>.alignment, MemoryLayout<FastSlot>.alignment))
        instructions = raw.bindMemory(to: Instruction.self, capacity: 1024)
        let fast = (raw + Self.fastOffset).bindMemory(to: FastSlot.self, capacity: 1024)
        for i in 0..<1024 {
            let w = UInt32(littleEndian: words.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            let inst = decode(w)
            (instructions + i).initialize(to: inst)
            (fast + i).initialize(to: FastSlot(inst))
        }
        Self.fuse(fast)
    }

    /// Marks flag-setting slots followed by a B.cond as fused pairs. The pair's second half is
    /// checked again when it runs (a store may have made that slot stale since).
    static func fuse(_ fast: UnsafeMutablePointer<FastSlot>) {
        for i in 0..<1023 where fast[i + 1].kind == .bcond {
            if let k = fast[i].kind.fused { fast[i].kind = k }
        }
    }
    deinit { UnsafeMutableRawPointer(instructions).deallocate() }
}

extension Machine {
    /// Marks a decoded slot whose word was overwritten: an UNDEFINED with an impossible raw
    /// word (-1; a real one holds 0...0xffffffff). It dispatches through the `.undefined` case,
    /// which decodes the word again, so the fetch fast path needs no extra check.
    static let staleSlot = Instruction(op: .undefined, imm: -1)

    /// Decodes the slot of a word that a store overwrote and executes it.
    @inline(never)
    func redecodeAndExecute<R: Recorder>(_ i: UnsafePointer<Instruction>, _ pc: UInt64, _ rec: inout R) -> ExecStatus {
        guard let pa = translate(pc, write: false), let w = memory.readRAM(pa, 4) else { return undefined(pc, &rec) }
        let fresh = decode(UInt32(truncatingIfNeeded: w))
        UnsafeMutablePointer(mutating: i).pointee = fresh.op == .undefined ? Instruction(op: .undefined, imm: Int64(w & 0xffff_ffff)) : fresh
        return execute(i, pc, &rec)
    }

    /// Data-side translation. MMU off: the identity, or nil (an address size fault) when the
    /// address is beyond the 44-bit PARange of cortex-a57 (QEMU reports DFSC 0x00 for `ldr`
    /// from 0x1000_0000_0000, verified). MMU on: the stage-1 translation, or nil with the fault
    /// status in `lastTranslationFault()`.
    @inline(__always) func translate(_ va: UInt64, write: Bool) -> UInt64? {
        if va < s[Slot.identityLimit] { return va }
        if s[Slot.mmuOn] == 0 { return nil }
        let k = write ? Slot.writeVA : Slot.readVA
        if s[k] == va & ~0xfff { return s[k &+ 1] | (va & 0xfff) }
        return translateSlow(va, write ? .write : .read)
    }

    /// Slow fetch: decodes (or finds) the page and refreshes the fast path. Takes the PC
    /// alignment / instruction abort / illegal state exception and returns nil on failure.
    @inline(never)
    func fetchSlow<R: Recorder>(_ pc: UInt64, _ rec: inout R) -> UnsafePointer<Instruction>? {
        // No instruction pointer is live here: pages dropped by earlier stores can go now.
        if !retiredPages.isEmpty { retiredPages.removeAll() }
        if s[Slot.pstate] & (1 << 20) != 0 {
            takeException(.illegalExecutionState, iss: 0, far: nil, elr: pc, &rec)
            return nil
        }
        if pc & 3 != 0 {
            takeException(.pcAlignment, iss: 0, far: pc, elr: pc, &rec)
            return nil
        }
        let pa: UInt64
        if s[Slot.mmuOn] == 0 {
            guard pc >> 44 == 0 else {
                takeException(.instructionAbort, iss: FaultStatus.addressSize.rawValue, far: pc, elr: pc, &rec)
                return nil
            }
            pa = pc
        } else {
            guard let p = translateSlow(pc, .fetch) else {
                takeException(.instructionAbort, iss: s[Slot.faultStatus] & 0x3f, far: pc, elr: pc, &rec)
                return nil
            }
            pa = p
        }
        let pageNumber = pa >> 12
        let page: DecodedPage
        if let p = decodedPages[pageNumber] {
            page = p
        } else {
            guard let r = memory.region(pa & ~0xfff, 4096), let b = r.bytes else {
                takeException(.instructionAbort, iss: FaultStatus.externalAbort.rawValue, far: pc, elr: pc, &rec)
                return nil
            }
            page = DecodedPage(decoding: b + Int((pa & ~0xfff) &- r.base), with: decode)
            decodedPages[pageNumber] = page
            r.decodedFlags![Int(((pa & ~0xfff) &- r.base) >> 12)] = 1
        }
        lastPageBase = pc & ~0xfff
        lastPage = page.instructions
        return UnsafePointer(page.instructions + (Int(pc & 0xfff) >> 2))
    }

    /// Drops the decoded page holding `pa` (a store hit it).
    @inline(never)
    func invalidateDecodedPage(_ region: MemoryRegion, _ pa: UInt64) {
        let pageNumber = pa >> 12
        // The executing instruction may live on this page: keep its storage until the next fetch.
        if let p = decodedPages.removeValue(forKey: pageNumber) {
            retiredPages.append(p)
            // The fetch fast path is keyed by virtual page: compare the decoded storage.
            if lastPage == p.instructions { lastPageBase = ~0; lastPage = nil }
        }
        region.decodedFlags![Int((pa &- region.base) >> 12)] = 0
    }

    public func invalidateDecodedPages() {
        for r in memory.regions { if let f = r.decodedFlags { f.update(repeating: 0, count: Int(r.size >> 12)) } }
        retiredPages.append(contentsOf: decodedPages.values)
        decodedPages.removeAll()
        lastPageBase = ~0; lastPage = nil
    }
}
