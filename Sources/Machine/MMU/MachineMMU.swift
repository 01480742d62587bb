import A64

extension Machine {
    /// True when SCTLR_EL2.M = 1: instruction fetches and data accesses go through the EL2
    /// stage-1 tables (`translate(virtual:write:fetch:)`). Setting it writes SCTLR_EL2.M (a
    /// debugger poke, not an MSR) and drops every cached translation.
    public var mmuEnabled: Bool {
        get { s[Slot.mmuOn] != 0 }
        set {
            let v = sys[Sys.sctlr]
            sys[Sys.sctlr] = newValue ? v | 1 : v & ~1
            translationChanged()
        }
    }

    /// What an access to `va` would do now, for the debugger and the platform: the physical
    /// address and permissions, or the fault the access would take. `write` / `fetch` select the
    /// permission checked (a data read when both are false). No side effects: no exception, no
    /// TLB fill. A translation the TLB holds is reported from the TLB (that is what the CPU
    /// uses, even if the tables changed since); otherwise the tables are walked. With the MMU
    /// off it is the identity (level 0), or an address size fault beyond the 44-bit PARange.
    public func translate(virtual va: UInt64, write: Bool = false, fetch: Bool = false) -> Translation {
        if s[Slot.mmuOn] == 0 {
            if va >> 44 != 0 {
                return .fault(status: 0x00, level: 0, description: "address size fault at level 0 (address 0x\(String(va, radix: 16)) is beyond the 44-bit physical range)")
            }
            return .mapped(physical: va, writable: true, executable: true, level: 0)
        }
        let t: Translation
        if let e = tlb[va >> 12] {
            t = .mapped(physical: e.physicalPage | (va & 0xfff), writable: e.writable, executable: e.executable, level: Int(e.level))
        } else {
            t = walk(va)
        }
        return Self.checkPermission(t, va, fetch ? .fetch : (write ? .write : .read))
    }

    static func checkPermission(_ t: Translation, _ va: UInt64, _ kind: AccessKind) -> Translation {
        guard case let .mapped(_, writable, executable, level) = t else { return t }
        if kind == .write && !writable {
            return .fault(status: 0x0c + UInt8(level), level: level,
                          description: "permission fault at level \(level) (write to read-only VA 0x\(String(va, radix: 16)))")
        }
        if kind == .fetch && !executable {
            return .fault(status: 0x0c + UInt8(level), level: level,
                          description: "permission fault at level \(level) (instruction fetch from execute-never VA 0x\(String(va, radix: 16)))")
        }
        return t
    }

    /// Translation with the MMU on, off the one-entry caches: TLB, then a walk that fills the
    /// TLB. Returns the physical address, or nil with the fault status in `Slot.faultStatus`.
    /// Refreshes the one-entry read (and, for writable pages, write) cache.
    @inline(never)
    func translateSlow(_ va: UInt64, _ kind: AccessKind) -> UInt64? {
        let vpage = va >> 12
        var entry: TLBEntry
        if let e = tlb[vpage] {
            entry = e
        } else {
            switch walk(va) {
            case let .fault(status, _, _):
                s[Slot.faultStatus] = UInt64(status)
                return nil
            case let .mapped(physical, writable, executable, level):
                entry = TLBEntry(physicalPage: physical & ~0xfff, writable: writable, executable: executable, level: Int8(level))
                // Bounded like a real TLB: a program sweeping huge ranges starts over.
                if tlb.count >= Self.tlbCapacity { tlb.removeAll(keepingCapacity: true) }
                tlb[vpage] = entry
            }
        }
        if (kind == .write && !entry.writable) || (kind == .fetch && !entry.executable) {
            s[Slot.faultStatus] = 0x0c &+ UInt64(UInt8(bitPattern: entry.level))
            return nil
        }
        s[Slot.readVA] = va & ~0xfff
        s[Slot.readPA] = entry.physicalPage
        if entry.writable {
            s[Slot.writeVA] = va & ~0xfff
            s[Slot.writePA] = entry.physicalPage
        }
        return entry.physicalPage | (va & 0xfff)
    }

    /// The fault status of the last failed `translate`: the address size fault with the MMU off.
    @inline(never) func lastTranslationFault() -> UInt64 {
        s[Slot.mmuOn] == 0 ? FaultStatus.addressSize.rawValue : s[Slot.faultStatus]
    }

    /// Anything that can change translation happened (an MSR to SCTLR/TTBR0/TCR/MAIR_EL2, a
    /// TLBI, an undo, a debugger poke): re-read SCTLR_EL2.M, drop the TLB, the one-entry
    /// caches and the fetch fast path (keyed by virtual PC). Decoded pages are keyed by
    /// physical page and stay.
    @inline(never)
    func translationChanged() {
        s[Slot.mmuOn] = sys[Sys.sctlr] & 1
        s[Slot.identityLimit] = s[Slot.mmuOn] == 0 ? 1 << 44 : 0
        if !tlb.isEmpty { tlb.removeAll(keepingCapacity: true) }
        s[Slot.readVA] = ~0
        s[Slot.writeVA] = ~0
        lastPageBase = ~0
        lastPage = nil
    }

    /// Entries the TLB holds before it is emptied and refilled.
    static let tlbCapacity = 1 << 16

    /// Catalogue indices whose writes change translation.
    @inline(__always) static func controlsTranslation(_ i: Int) -> Bool {
        i == Sys.sctlr || i == Sys.ttbr0 || i == Sys.tcr || i == Sys.mair
    }

    /// Copies `count` bytes of a page-crossing access whose two pages are not physically
    /// contiguous (MMU on), out of RAM. Both pages are already translated. nil: not RAM.
    func splitAddresses(_ va: UInt64, _ count: Int, _ write: Bool) -> (UInt64, Int, UInt64)? {
        let first = 0x1000 &- Int(va & 0xfff)
        guard let pa1 = translateSlow(va, write ? .write : .read),
              let pa2 = translateSlow((va | 0xfff) &+ 1, write ? .write : .read) else { return nil }
        return (pa1, min(first, count), pa2)
    }
}
