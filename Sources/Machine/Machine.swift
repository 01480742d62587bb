import A64

/// Positions in the machine's flat state buffer.
enum Slot {
    static let spEL0 = 31
    static let spEL2 = 32
    static let pc = 33
    static let pstate = 34
    /// The local exclusive monitor: 0 when open (no mark), else the mark a load-exclusive set
    /// (see `Machine.exclusiveMark`).
    static let exclusive = 35
    /// The system counter (CNTPCT_EL0): instructions executed since reset (see `Machine.counter`).
    static let counter = 36
    /// The SIMD&FP register file: V0...V31, 128 bits each as two slots (bits 63:0, then 127:64),
    /// from `vBase`; `Slot.vector(n, high:)` numbers them, and effects and undo records use the
    /// same numbers for their register writes.
    static let vBase = 37
    @inline(__always) static func vector(_ n: Int, high: Bool = false) -> Int { vBase + 2 * n + (high ? 1 : 0) }
    /// Architectural state ends here; the rest are caches kept in the same buffer so the hot
    /// loop reads them through a `let` pointer (no class-property exclusivity checks).
    static let architectural = vBase + 64
    /// Base of the last fetched page (~0 when none) and its decoded instructions' address.
    static let pageBase = architectural
    static let pagePtr = architectural + 1
    /// The RAM region that served the last data access: base, size, bytes, decoded flags.
    static let ramBase = architectural + 2
    static let ramSize = architectural + 3
    static let ramPtr = architectural + 4
    static let ramFlags = architectural + 5
    /// 1 when SCTLR_EL2.M = 1 (translation on): the one flag the MMU-off hot path tests.
    static let mmuOn = architectural + 6
    /// One-entry data translation caches (MMU on): virtual page base (~0 when empty) and its
    /// physical page base, for reads and for writes (filled only from writable pages).
    static let readVA = architectural + 7
    static let readPA = architectural + 8
    static let writeVA = architectural + 9
    static let writePA = architectural + 10
    /// The fault status of the last failed translation (MMU on).
    static let faultStatus = architectural + 11
    /// Data addresses below this are their own physical address: 2^44 (PARange) with the MMU
    /// off, 0 with it on. One compare on the MMU-off hot path covers both checks.
    static let identityLimit = architectural + 12
    /// The run loop's page: equals `pageBase` while that page holds no armed breakpoint, ~0
    /// otherwise; every change of `pageBase` resets it (see `Machine.run`).
    static let runPageBase = architectural + 13
    /// Register 31 as ZR for the run loop's specialised instructions (`FastSlot`): `zero` is
    /// always 0 (never written), `sink` takes discarded writes (never read).
    static let zero = architectural + 14
    static let sink = architectural + 15
    /// The system counter when the current run loop started (the loop counts its steps in a
    /// local and derives the counter from this, so no extra value stays live in the loop).
    static let runCounterBase = architectural + 16
    static let count = architectural + 17
}

/// Catalogue indices the executor needs by name (read from the one catalogue, never a copy).
enum Sys {
    static func idx(_ name: String) -> Int {
        guard let i = SystemRegisterCatalogue.index(named: name) else { fatalError("\(name) missing from the catalogue") }
        return i
    }
    static let esr = idx("ESR_EL2"), elr = idx("ELR_EL2"), spsr = idx("SPSR_EL2"), far = idx("FAR_EL2")
    static let vbar = idx("VBAR_EL2"), sctlr = idx("SCTLR_EL2"), hcr = idx("HCR_EL2")
    static let ttbr0 = idx("TTBR0_EL2"), tcr = idx("TCR_EL2"), mair = idx("MAIR_EL2")
    static let spEL0 = idx("SP_EL0"), spsel = idx("SPSel"), daif = idx("DAIF"), nzcv = idx("NZCV")
    static let cptr = idx("CPTR_EL2"), fpcr = idx("FPCR"), fpsr = idx("FPSR"), par = idx("PAR_EL1")
    static let cntvoff = idx("CNTVOFF_EL2"), dczid = idx("DCZID_EL0")
    static let sctlrEL1 = idx("SCTLR_EL1"), tcrEL1 = idx("TCR_EL1"), ttbr0EL1 = idx("TTBR0_EL1"), ttbr1EL1 = idx("TTBR1_EL1")
    static let mairEL1 = idx("MAIR_EL1")
    static let count = SystemRegisterCatalogue.all.count
    /// How MRS/MSR treat each register, as a byte the executor switches on (`SystemRegisterKind`
    /// without its payload), and the register each counter, TVAL or CTL works from (-1: none).
    enum Behaviour: UInt8 { case stored, readOnly, pstate, counter, timerValue, timerControl }
    static let behaviour: [Behaviour] = kinds.map {
        switch $0 {
        case .stored: .stored
        case .readOnly: .readOnly
        case .pstate: .pstate
        case .counter: .counter
        case .timerValue: .timerValue
        case .timerControl: .timerControl
        }
    }
    static let companion: [Int] = kinds.map {
        switch $0 {
        case .counter(let offset): offset.map(idx) ?? -1
        case .timerValue(let compare, _), .timerControl(let compare, _): idx(compare)
        default: -1
        }
    }
    /// Whether a TVAL/CTL counts with the virtual count (CNTVCT_EL0).
    static let virtualTimer: [Bool] = kinds.map {
        switch $0 {
        case .timerValue(_, let v), .timerControl(_, let v): v
        default: false
        }
    }
    /// FPCR and FPSR: MRS/MSR trap when CPTR_EL2.TFP = 1.
    @inline(__always) static func isFloatingPoint(_ i: Int) -> Bool { i == fpcr || i == fpsr }
    /// DC ZVA (SYS #3, C7, C4, #1): the one SYS instruction that changes memory.
    static let dcZVA = SystemRegisterEncoding(op0: 1, op1: 3, crn: 7, crm: 4, op2: 1).packed
    /// Packed encoding -> catalogue index, or -1: MRS/MSR look-up without hashing.
    static let byEncoding: [Int16] = {
        var t = [Int16](repeating: -1, count: 1 << 16)
        for (i, r) in SystemRegisterCatalogue.all.enumerated() { t[Int(r.encoding.packed)] = Int16(i) }
        return t
    }()
    static let kinds: [SystemRegisterKind] = SystemRegisterCatalogue.all.map(\.kind)
}

/// How an instruction finished.
/// How an instruction finished. `notModelled`: it did not run (nothing changed; see
/// `StopReason.notModelled`).
enum ExecStatus: UInt8 { case normal, exception, selfLoop, notModelled }

/// One AArch64 CPU at EL2 (no EL3, EL1/EL0 not run) with its physical memory.
///
/// State lives in one flat buffer (`Slot`): X0...X30, SP_EL0, SP_EL2, PC, PSTATE, the local
/// exclusive monitor; system
/// registers in a second buffer indexed by catalogue index. PSTATE is kept in SPSR_EL2 layout:
/// NZCV 31:28, IL 20, DAIF 9:6, M 3:0 (0x9 EL2h, 0x8 EL2t), so SPSel is M[0].
public final class Machine {
    /// Knobs where QEMU and the Arm ARM differ.
    public struct Configuration: Sendable {
        /// Raise SP alignment faults (EC 0x26) when SCTLR_EL2.SA = 1 and SP is not 16-byte
        /// aligned. The architecture requires it; QEMU does NOT implement it (verified: a
        /// misaligned `ldr x1, [sp]` with SA = 1 completes). Default: architectural.
        public var checkSPAlignment = true
        public init(checkSPAlignment: Bool = true) { self.checkSPAlignment = checkSPAlignment }
    }

    let s: UnsafeMutablePointer<UInt64>
    let sys: UnsafeMutablePointer<UInt64>
    public let memory: Memory
    public var configuration: Configuration
    /// Turns a fetched word into an instruction (the a64 decode table). Called once per word per
    /// decoded page; replaceable for tests.
    public var decode: (UInt32) -> Instruction {
        didSet { invalidateDecodedPages() }
    }
    /// Intercepts SMC/HVC (PSCI firmware); nil means architectural behaviour.
    public weak var hook: ExceptionHook?
    /// The last exception taken (by `step` or `run`).
    public internal(set) var lastException: ExceptionTaken?

    // Decoded-page cache: physical page number -> decoded instructions, plus a one-entry fast path.
    var decodedPages: [UInt64: DecodedPage] = [:]
    /// Stage-1 TLB (MMU on): virtual page number -> physical page and permissions. Kept until a
    /// TLBI, an MSR to SCTLR/TTBR0/TCR/MAIR_EL2, or an undo (see `translationChanged`).
    var tlb: [UInt64: TLBEntry] = [:]
    /// Pages invalidated while one of their instructions may still be executing; freed at the
    /// next slow fetch.
    var retiredPages: [DecodedPage] = []
    /// Base of the last fetched page; fetches compare `pc & ~0xffc` with it, so a misaligned PC
    /// never matches. ~0 when empty.
    var lastPageBase: UInt64 {
        @inline(__always) get { s[Slot.pageBase] }
        @inline(__always) set { s[Slot.pageBase] = newValue; s[Slot.runPageBase] = ~0 }
    }
    var lastPage: UnsafeMutablePointer<Instruction>? {
        @inline(__always) get { UnsafeMutablePointer(bitPattern: UInt(s[Slot.pagePtr])) }
        @inline(__always) set { s[Slot.pagePtr] = UInt64(UInt(bitPattern: newValue)) }
    }

    public init(memory: Memory = .virtDefault(), entry: UInt64 = 0x4008_0000, configuration: Configuration = .init()) {
        self.memory = memory
        self.configuration = configuration
        self.decode = Decoder.decode
        s = .allocate(capacity: Slot.count)
        sys = .allocate(capacity: max(Sys.count, 1))
        reset(entry: entry)
    }

    deinit {
        s.deallocate(); sys.deallocate()
    }

    /// Cold reset as QEMU does it for `-kernel prog.elf`: X and SP zero, PC = entry, PSTATE
    /// 0x400003c9 (EL2h, DAIF masked, Z set: from the catalogue's NZCV/DAIF/SPSel resets),
    /// system registers at their catalogue reset values, the exclusive monitor open.
    public func reset(entry: UInt64) {
        s.initialize(repeating: 0, count: Slot.count)
        s[Slot.pageBase] = ~0
        s[Slot.runPageBase] = ~0
        for (i, r) in SystemRegisterCatalogue.all.enumerated() { sys[i] = r.reset }
        translationChanged()
        let cat = SystemRegisterCatalogue.all
        s[Slot.pstate] = (cat[Sys.nzcv].reset & 0xf000_0000) | (cat[Sys.daif].reset & 0x3c0) | 0x8 | (cat[Sys.spsel].reset & 1)
        s[Slot.pc] = entry
        s[Slot.spEL0] = cat[Sys.spEL0].reset
        lastException = nil
    }

    // MARK: State access (for the debugger and tests; not the hot path)

    public var pc: UInt64 {
        get { s[Slot.pc] }
        set { s[Slot.pc] = newValue }
    }
    /// PSTATE in SPSR_EL2 layout.
    public var pstate: UInt64 {
        get { s[Slot.pstate] }
        set { s[Slot.pstate] = newValue }
    }
    public var nzcv: UInt64 { s[Slot.pstate] & 0xf000_0000 }
    public var daif: UInt64 { s[Slot.pstate] & 0x3c0 }
    public var spsel: UInt64 { s[Slot.pstate] & 1 }
    /// CurrentEL register value: always EL2 (0x8).
    public var currentEL: UInt64 { 0x8 }

    /// X0...X30 for 0...30; 31 reads as zero (XZR).
    public func x(_ n: Int) -> UInt64 { n == 31 ? 0 : s[n] }
    public func setX(_ n: Int, _ v: UInt64) { if n != 31 { s[n] = v } }
    /// Register by effects index: 0...30 X, 31 SP_EL0, 32 SP_EL2, and 37...100 the halves of the
    /// SIMD&FP registers (`RegisterWrite.index(vector:high:)`).
    public func register(_ index: Int) -> UInt64 { s[index] }
    public func setRegister(_ index: Int, _ v: UInt64) {
        precondition(index <= 32 || (index >= Slot.vBase && index < Slot.architectural))
        s[index] = v
    }
    /// The stack pointer PSTATE.SPSel selects.
    public var sp: UInt64 {
        get { s[spSlot] }
        set { s[spSlot] = newValue }
    }
    public var spEL0: UInt64 { get { s[Slot.spEL0] } set { s[Slot.spEL0] = newValue } }
    public var spEL2: UInt64 { get { s[Slot.spEL2] } set { s[Slot.spEL2] = newValue } }

    /// A system register by catalogue index, as MRS would read it.
    public func systemRegister(at index: Int) -> UInt64 { readSys(index) }
    public func systemRegister(named name: String) -> UInt64? {
        SystemRegisterCatalogue.index(named: name).map(readSys)
    }
    /// Sets a system register's stored value directly (debugger poke; no masking).
    public func setSystemRegister(named name: String, _ v: UInt64) {
        guard let i = SystemRegisterCatalogue.index(named: name) else { return }
        setSysRaw(i, v)
    }

    /// Copies bytes into RAM and drops decoded instructions they overlap.
    @discardableResult
    public func load(_ bytes: [UInt8], at pa: UInt64) -> Bool {
        let ok = memory.writeBytes(bytes, at: pa)
        invalidateDecodedPages()
        return ok
    }

    /// Loads little-endian instruction words.
    @discardableResult
    public func load(words: [UInt32], at pa: UInt64) -> Bool {
        load(words.flatMap { w in (0..<4).map { UInt8(truncatingIfNeeded: w >> UInt32(8 * $0)) } }, at: pa)
    }

    // MARK: Internal register helpers

    @inline(__always) var spSlot: Int { Slot.spEL0 + Int(s[Slot.pstate] & 1) }

    /// Register read with 31 = XZR.
    @inline(__always) func xr(_ r: UInt8) -> UInt64 { r == 31 ? 0 : s[Int(r)] }
    /// Register read with 31 = current SP.
    @inline(__always) func xsp(_ r: UInt8) -> UInt64 { s[r == 31 ? spSlot : Int(r)] }

    /// Register write with 31 = XZR (discarded); the 32-bit form zeroes the top half.
    @inline(__always) func wx<R: Recorder>(_ r: UInt8, _ v: UInt64, _ sf: Bool, _ rec: inout R) {
        if r == 31 { return }
        let i = Int(r)
        let nv = sf ? v : v & 0xffff_ffff
        if R.records { rec.register(i, s[i], nv) }
        s[i] = nv
    }
    /// Register write with 31 = current SP.
    @inline(__always) func wsp<R: Recorder>(_ r: UInt8, _ v: UInt64, _ sf: Bool, _ rec: inout R) {
        let i = r == 31 ? spSlot : Int(r)
        let nv = sf ? v : v & 0xffff_ffff
        if R.records { rec.register(i, s[i], nv) }
        s[i] = nv
    }

    @inline(__always) func setNZCV(_ f: UInt64) {
        s[Slot.pstate] = (s[Slot.pstate] & ~0xf000_0000) | f
    }

    // MARK: System registers

    func readSys(_ i: Int) -> UInt64 {
        if i == Sys.spEL0 { return s[Slot.spEL0] }
        switch Sys.behaviour[i] {
        case .pstate:
            if i == Sys.spsel { return s[Slot.pstate] & 1 }
            if i == Sys.daif { return s[Slot.pstate] & 0x3c0 }
            if i == Sys.nzcv { return s[Slot.pstate] & 0xf000_0000 }
            return sys[i]
        case .stored, .readOnly:
            return sys[i]
        case .counter:
            return count(virtual: Sys.companion[i] >= 0)
        case .timerValue:
            return (sys[Sys.companion[i]] &- count(virtual: Sys.virtualTimer[i])) & 0xffff_ffff
        case .timerControl:
            let v = sys[i] & 3
            let met = v & 1 != 0 && count(virtual: Sys.virtualTimer[i]) >= sys[Sys.companion[i]]
            return v | (met ? 4 : 0)
        }
    }

    /// The physical count (CNTPCT_EL0), or the virtual one (CNTVCT_EL0 = CNTPCT - CNTVOFF_EL2).
    @inline(__always) func count(virtual: Bool) -> UInt64 {
        virtual ? s[Slot.counter] &- sys[Sys.cntvoff] : s[Slot.counter]
    }

    func setSysRaw(_ i: Int, _ v: UInt64) {
        if i == Sys.spEL0 { s[Slot.spEL0] = v; return }
        switch Sys.behaviour[i] {
        case .pstate:
            let m = SystemRegisterCatalogue.all[i].writeMask
            if i == Sys.spsel { s[Slot.pstate] = (s[Slot.pstate] & ~1) | (v & 1) }
            else if i == Sys.daif || i == Sys.nzcv { s[Slot.pstate] = (s[Slot.pstate] & ~m) | (v & m) }
            return
        case .counter:
            // A debugger poke of a count moves the system counter.
            s[Slot.counter] = Sys.companion[i] >= 0 ? v &+ sys[Sys.cntvoff] : v
            return
        case .timerValue:
            sys[Sys.companion[i]] = timerCompare(for: i, v)
            return
        default:
            break
        }
        sys[i] = v
        if Self.controlsTranslation(i) { translationChanged() }
    }

    /// The CVAL a write of `v` to TVAL register `i` gives: the count + SignExtend(v[31:0]).
    @inline(__always) func timerCompare(for i: Int, _ v: UInt64) -> UInt64 {
        count(virtual: Sys.virtualTimer[i]) &+ UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: v)))
    }

    // MARK: The system counter and the SIMD&FP registers

    /// The system counter: instructions executed since reset (an exception entry counts as one;
    /// an instruction that is not modelled does not). CNTPCT_EL0 reads it; undo takes it back.
    public var counter: UInt64 {
        get { s[Slot.counter] }
        set { s[Slot.counter] = newValue }
    }

    /// SIMD&FP register V`n` (0...31) as its low and high 64 bits.
    public func vector(_ n: Int) -> (low: UInt64, high: UInt64) {
        (s[Slot.vector(n)], s[Slot.vector(n, high: true)])
    }
    public func setVector(_ n: Int, low: UInt64, high: UInt64) {
        s[Slot.vector(n)] = low
        s[Slot.vector(n, high: true)] = high
    }

    /// Stored-register write that records old/new.
    @inline(__always) func writeSys<R: Recorder>(_ i: Int, _ v: UInt64, _ rec: inout R) {
        if R.records { rec.systemRegister(i, sys[i], v) }
        sys[i] = v
    }

    /// A copy of all architectural state (for tests and the debugger's compare).
    public struct Snapshot: Equatable, Sendable {
        public var registers: [UInt64]
        public var systemRegisters: [UInt64]
    }
    public func snapshot() -> Snapshot {
        Snapshot(registers: (0..<Slot.architectural).map { s[$0] }, systemRegisters: (0..<Sys.count).map { sys[$0] })
    }

    /// Puts back a snapshot exactly (registers, PSTATE, PC, system registers) and drops the
    /// fetch fast path, since translation may differ. Used by the platform to undo a power-down.
    public func restore(_ snapshot: Snapshot) {
        guard snapshot.registers.count == Slot.architectural, snapshot.systemRegisters.count == Sys.count else { return }
        for i in 0..<Slot.architectural { s[i] = snapshot.registers[i] }
        for i in 0..<Sys.count { sys[i] = snapshot.systemRegisters[i] }
        lastPageBase = ~0; lastPage = nil
    }
}
