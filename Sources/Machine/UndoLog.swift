import A64

/// Compact per-step undo records: what reverse execution needs to put one step back, and no
/// more. A step that changes one register costs 11 bytes, a branch 10, a store about 20 (an
/// `StepEffects` is 600+ bytes).
///
/// Records are bytes in fixed-size chunks. Each entry is its payload followed by a tag byte, so
/// the newest record is read backward from the end; a step ends with `Tag.step` (or
/// `Tag.side`: a step or edit the owner keeps in full elsewhere, because it did something
/// these entries cannot express, such as a PSCI call or a power-off). New values are not kept:
/// when a record is undone they are what the machine holds.
///
/// The oldest history is dropped a whole chunk at a time (`dropOldestChunk`), so a memory cap
/// costs nothing per step.
public final class UndoLog {
    enum Tag: UInt8 {
        /// [index u8][old u64]: X0...X30, SP_EL0, SP_EL2 (effects numbering).
        case register = 1
        /// [index u16][old u64]: a system register (catalogue index).
        case systemRegister = 2
        /// [pa u64][old bytes][count u8]: a store of 1...16 bytes.
        case memory = 3
        /// [old u64]: PSTATE changed (SPSR_EL2 layout).
        case pstate = 4
        /// [old u64]: the step did not fall through to pc + 4.
        case pc = 5
        /// [pa u64][old bytes][count u16]: a block write (DC ZVA, the second half of a split store).
        case block = 6
        /// [old u64]: the exclusive monitor changed (`Slot.exclusive`).
        case monitor = 7
        /// The end of a step.
        case step = 0x80
        /// A record kept in full by the owner (`appendSide`).
        case side = 0x81
        /// The end of a step with an attachment the owner keeps (`append(_:attached:)`): the
        /// owner's bookkeeping the machine's entries do not cover (unknown-value shadows, UART
        /// output).
        case stepAttached = 0x82
    }

    /// Room one step's record may need: 6 registers, 4 system registers, two 16-byte stores, a
    /// 64-byte block, PSTATE, PC, the exclusive monitor and the step tag.
    static let maxRecord = 6 * 10 + 4 * 11 + 2 * 26 + 75 + 9 + 9 + 9 + 1

    final class Chunk {
        let base: UnsafeMutableRawPointer
        let capacity: Int
        var used = 0
        /// Step records (`.step` and `.side`) in the chunk, how many of them are sides and how
        /// many steps have attachments.
        var records = 0
        var sides = 0
        var attached = 0
        init(capacity: Int) {
            self.capacity = capacity
            base = .allocate(byteCount: capacity, alignment: 16)
        }
        deinit { base.deallocate() }
    }

    var chunks: [Chunk] = []
    var firstChunk = 0
    /// The size of chunks allocated from now on (at least 512 bytes): what the oldest history
    /// is dropped by.
    public var chunkSize: Int { didSet { chunkSize = max(chunkSize, 512) } }

    public init(chunkSize: Int = 1 << 20) {
        self.chunkSize = max(chunkSize, 512)
    }

    /// Step records held (steps and sides).
    public internal(set) var records = 0
    /// Bytes the records use (excluding a chunk's unused tail).
    public var byteCount: Int { chunks[firstChunk...].reduce(0) { $0 + $1.used } }
    /// Bytes allocated for chunks (kept as chunks come and go: the cap asks every step).
    public private(set) var allocatedBytes = 0

    // MARK: Writing

    /// The chunk being written, with room for one more record (a new chunk when needed).
    func writable() -> Chunk {
        if let c = chunks.last, chunks.count > firstChunk, c.capacity - c.used >= Self.maxRecord { return c }
        let c = Chunk(capacity: chunkSize)
        chunks.append(c)
        allocatedBytes += c.capacity
        return c
    }

    /// A cursor on the writable chunk, for a run of steps (`LogWriter.close` gives it back).
    func openWriter() -> LogWriter {
        let c = writable()
        return LogWriter(log: self, chunk: c, cursor: c.base + c.used, limit: c.base + (c.capacity - Self.maxRecord))
    }

    /// Records one step from its full effects (the single-step path); `attached` marks a step
    /// whose owner keeps an attachment for it.
    public func append(_ e: StepEffects, attached: Bool = false) {
        var w = openWriter()
        w.encode(e, attached: attached)
        w.close()
    }

    /// Whether the newest record is a step with an attachment.
    public var topIsAttached: Bool {
        guard let c = lastNonEmpty() else { return false }
        return c.base.load(fromByteOffset: c.used - 1, as: UInt8.self) == Tag.stepAttached.rawValue
    }

    /// Records that the newest step (or user edit) is kept in full by the owner.
    public func appendSide() {
        var w = openWriter()
        w.tag(.side)
        w.chunk.sides += 1
        w.endRecord()
        w.close()
    }

    // MARK: Reading back

    public enum Top: Equatable { case none, step, side }

    /// What the newest record is.
    public var top: Top {
        guard let c = lastNonEmpty() else { return .none }
        return c.base.load(fromByteOffset: c.used - 1, as: UInt8.self) == Tag.side.rawValue ? .side : .step
    }

    func lastNonEmpty() -> Chunk? {
        while chunks.count > firstChunk, let c = chunks.last, c.used == 0 { allocatedBytes -= c.capacity; chunks.removeLast() }
        return chunks.count > firstChunk ? chunks.last : nil
    }

    /// Removes the newest record, a side (the owner undoes it from what it kept).
    public func popSide() {
        guard let c = lastNonEmpty(), top == .side else { return }
        c.used -= 1
        c.records -= 1
        c.sides -= 1
        records -= 1
    }

    /// Undoes the newest record, a step, on `machine` (which must be in the state right after
    /// that step) and removes it.
    public func undoLast(_ machine: Machine) {
        guard let c = lastNonEmpty(), top == .step else { return }
        if topIsAttached { c.attached -= 1 }
        var p = c.used - 1
        var pcOld: UInt64?
        var translation = false
        let s = machine.s
        walk(c, &p) { entry in
            switch entry {
            case .register(let i, let old): s[i] = old
            case .systemRegister(let i, let old): machine.sys[i] = old; translation = true
            case .pstate(let old): s[Slot.pstate] = old
            case .pc(let old): pcOld = old
            case .monitor(let old): s[Slot.exclusive] = old
            case .memory(let pa, let bytes):
                _ = machine.memory.writeBytes(bytes, at: pa)
                machine.invalidateStore(pa, bytes.count)
            }
        }
        s[Slot.pc] = pcOld ?? s[Slot.pc] &- 4
        s[Slot.counter] &-= 1      // every step record is one count of the system counter
        if translation { machine.translationChanged() } else { machine.lastPageBase = ~0; machine.lastPage = nil }
        c.used = p
        c.records -= 1
        records -= 1
    }

    /// Undoes plain step records (no side, no attachment) newest first: at most `max`, and
    /// stopping after one that leaves the PC in `stopAt`. Returns how many were undone.
    public func undoRun(_ machine: Machine, max: Int, stopAt: Set<UInt64>) -> Int {
        var n = 0
        while n < max, top == .step, !topIsAttached {
            undoLast(machine)
            n += 1
            if !stopAt.isEmpty && stopAt.contains(machine.pc) { break }
        }
        return n
    }

    /// The newest step's effects (with new values as the machine holds them now), without
    /// undoing it. The instruction is decoded from memory at the step's PC.
    public func peekLast(_ machine: Machine) -> StepEffects? {
        guard let c = lastNonEmpty(), top == .step else { return nil }
        var p = c.used - 1
        var e = StepEffects()
        var regs: [(Int, UInt64)] = [], sysregs: [(Int, UInt64)] = []
        var stores: [(UInt64, [UInt8])] = []
        var pcOld: UInt64?
        e.pstateOld = machine.pstate
        e.pstateNew = machine.pstate
        walk(c, &p) { entry in
            switch entry {
            case .register(let i, let old): regs.append((i, old))
            case .systemRegister(let i, let old): sysregs.append((i, old))
            case .pstate(let old): e.pstateOld = old
            case .pc(let old): pcOld = old
            case .monitor(let old): e.monitor(old, machine.s[Slot.exclusive])
            case .memory(let pa, let bytes):
                stores.append((pa, bytes))
            }
        }
        for (pa, bytes) in stores.reversed() {
            let now = machine.memory.readBytes(at: pa, count: bytes.count) ?? bytes
            if bytes.count <= 16 {
                let (ol, oh) = Machine.words(bytes), (nl, nh) = Machine.words(now)
                e.memory(pa, bytes.count, ol, oh, nl, nh)
            } else {
                e.block(pa, bytes)
            }
        }
        for (i, old) in regs.reversed() { e.register(i, old, machine.s[i]) }
        for (i, old) in sysregs.reversed() { e.systemRegister(i, old, machine.sys[i]) }
        e.pcNew = machine.pc
        e.pcOld = pcOld ?? machine.pc &- 4
        if case .mapped(let pa, _, _, _) = machine.translate(virtual: e.pcOld, fetch: true),
           let w = machine.memory.readRAM(pa, 4) {
            e.instruction = machine.decode(UInt32(truncatingIfNeeded: w))
        }
        return e
    }

    /// Walks the records newest first: `visit` sees each record's kind before its writes are
    /// added to `registers` / `systemRegisters` (step records only), and returns false to stop.
    public func collectWrites(registers: inout Set<Int>, systemRegisters: inout Set<Int>, _ visit: (Top) -> Bool) {
        var k = chunks.count - 1
        while k >= firstChunk {
            let c = chunks[k]
            var p = c.used
            while p > 0 {
                let side = c.base.load(fromByteOffset: p - 1, as: UInt8.self) == Tag.side.rawValue
                guard visit(side ? .side : .step) else { return }
                p -= 1
                if side { continue }
                walk(c, &p) { entry in
                    switch entry {
                    case .register(let i, _): registers.insert(i)
                    case .systemRegister(let i, _): systemRegisters.insert(i)
                    default: break
                    }
                }
            }
            k -= 1
        }
    }

    enum Entry {
        case register(Int, UInt64)
        case systemRegister(Int, UInt64)
        case pstate(UInt64)
        case pc(UInt64)
        case monitor(UInt64)
        case memory(UInt64, [UInt8])
    }

    /// Reads the entries of the step record ending at `p` (its tag), newest first; leaves `p`
    /// at the record's start.
    func walk(_ c: Chunk, _ p: inout Int, _ body: (Entry) -> Void) {
        let b = c.base
        func u64(_ at: Int) -> UInt64 { b.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
        while p > 0 {
            let t = b.load(fromByteOffset: p - 1, as: UInt8.self)
            if t >= Tag.step.rawValue { return }
            switch Tag(rawValue: t) {
            case .register:
                body(.register(Int(b.load(fromByteOffset: p - 10, as: UInt8.self)), u64(p - 9)))
                p -= 10
            case .systemRegister:
                body(.systemRegister(Int(b.loadUnaligned(fromByteOffset: p - 11, as: UInt16.self)), u64(p - 9)))
                p -= 11
            case .pstate: body(.pstate(u64(p - 9))); p -= 9
            case .pc: body(.pc(u64(p - 9))); p -= 9
            case .monitor: body(.monitor(u64(p - 9))); p -= 9
            case .memory:
                let n = Int(b.load(fromByteOffset: p - 2, as: UInt8.self))
                let start = p - 2 - n - 8
                body(.memory(u64(start), [UInt8](UnsafeRawBufferPointer(start: b + start + 8, count: n))))
                p = start
            case .block:
                let n = Int(b.loadUnaligned(fromByteOffset: p - 3, as: UInt16.self))
                let start = p - 3 - n - 8
                body(.memory(u64(start), [UInt8](UnsafeRawBufferPointer(start: b + start + 8, count: n))))
                p = start
            default:
                preconditionFailure("undo log corrupt: tag \(t)")
            }
        }
    }

    // MARK: Dropping

    /// Drops the oldest chunk (never the one being written, nor the newest holding records, so
    /// a log that had records keeps some: reverse execution always has a step to take back);
    /// returns how many step records and sides it held, or nil when no chunk may go.
    public func dropOldestChunk() -> (records: Int, sides: Int, attached: Int)? {
        guard chunks.count - firstChunk > 1, chunks[(firstChunk + 1)...].contains(where: { $0.used > 0 }) else { return nil }
        let c = chunks[firstChunk]
        firstChunk += 1
        allocatedBytes -= c.capacity
        if firstChunk > 64 { chunks.removeFirst(firstChunk); firstChunk = 0 }
        records -= c.records
        return (c.records, c.sides, c.attached)
    }

    /// Forgets everything.
    public func removeAll() {
        chunks.removeAll()
        firstChunk = 0
        records = 0
        allocatedBytes = 0
    }
}

/// A write cursor on the log's current chunk; `close` hands the position back. Kept in a
/// local by the recording run loop, so a step's record costs a few stores.
struct LogWriter {
    unowned let log: UndoLog
    var chunk: UndoLog.Chunk
    var cursor: UnsafeMutableRawPointer
    /// Past this, the next record may not fit: a new chunk.
    var limit: UnsafeMutableRawPointer
    /// Records and attached steps written since the last `close` (counted here, not in the
    /// chunk and the log, so that a record costs no class-property access).
    var pendingRecords = 0
    var pendingAttached = 0

    init(log: UndoLog, chunk: UndoLog.Chunk, cursor: UnsafeMutableRawPointer, limit: UnsafeMutableRawPointer) {
        self.log = log; self.chunk = chunk; self.cursor = cursor; self.limit = limit
    }

    @inline(__always) mutating func u8(_ v: UInt8) { cursor.storeBytes(of: v, as: UInt8.self); cursor += 1 }
    @inline(__always) mutating func u16(_ v: UInt16) { cursor.storeBytes(of: v, as: UInt16.self); cursor += 2 }
    @inline(__always) mutating func u64(_ v: UInt64) { cursor.storeBytes(of: v, as: UInt64.self); cursor += 8 }
    @inline(__always) mutating func tag(_ t: UndoLog.Tag) { u8(t.rawValue) }

    @inline(__always) mutating func register(_ i: Int, _ old: UInt64) { u8(UInt8(truncatingIfNeeded: i)); u64(old); tag(.register) }
    @inline(__always) mutating func systemRegister(_ i: Int, _ old: UInt64) { u16(UInt16(truncatingIfNeeded: i)); u64(old); tag(.systemRegister) }
    @inline(__always) mutating func memory(_ pa: UInt64, _ n: Int, _ oldLo: UInt64, _ oldHi: UInt64) {
        u64(pa)
        var k = 0
        while k < n { u8(UInt8(truncatingIfNeeded: (k < 8 ? oldLo : oldHi) >> UInt64((k & 7) * 8))); k += 1 }
        u8(UInt8(n))
        tag(.memory)
    }
    mutating func block(_ pa: UInt64, _ old: [UInt8]) {
        u64(pa)
        for b in old { u8(b) }
        u16(UInt16(old.count))
        tag(.block)
    }
    mutating func monitor(_ old: UInt64) { u64(old); tag(.monitor) }

    /// Ends a step whose PC and PSTATE went from `pcOld`/`pstateOld` to `pcNew`/`pstateNew`.
    @inline(__always) mutating func endStep(pcOld: UInt64, pcNew: UInt64, pstateOld: UInt64, pstateNew: UInt64, attached: Bool = false) {
        if pstateOld != pstateNew { u64(pstateOld); tag(.pstate) }
        if pcNew != pcOld &+ 4 { u64(pcOld); tag(.pc) }
        if attached { tag(.stepAttached); pendingAttached += 1 } else { tag(.step) }
        endRecord()
    }

    /// Counts the record just ended and moves to a new chunk when the next may not fit.
    @inline(__always) mutating func endRecord() {
        pendingRecords &+= 1
        if cursor > limit { newChunk() }
    }

    @inline(never) mutating func newChunk() {
        close()
        self = log.openWriter()
    }

    /// Records a step from its full effects.
    mutating func encode(_ e: StepEffects, attached: Bool) {
        for k in 0..<Int(e.registerCount) { let w = e.registerWrite(k); register(Int(w.index), w.old) }
        for k in 0..<Int(e.systemRegisterCount) { let w = e.systemRegisterWrite(k); systemRegister(Int(w.index), w.old) }
        if let m = e.memoryWrite { memory(m.address, Int(m.count), m.oldLow, m.oldHigh) }
        if let m = e.memoryWrite2 { memory(m.address, Int(m.count), m.oldLow, m.oldHigh) }
        if let b = e.blockWrite { block(b.address, b.oldBytes) }
        if let m = e.monitorWrite { monitor(m.old) }
        endStep(pcOld: e.pcOld, pcNew: e.pcNew, pstateOld: e.pstateOld, pstateNew: e.pstateNew, attached: attached)
    }

    /// Gives the position and the counts back to the chunk and the log.
    mutating func close() {
        chunk.used = cursor - chunk.base
        chunk.records += pendingRecords
        chunk.attached += pendingAttached
        log.records += pendingRecords
        pendingRecords = 0
        pendingAttached = 0
    }
}
