import Machine
import Platform

/// Who wrote and who read each 8-byte slot of the context struct: offset -> step.
public struct ContextProvenance: Equatable, Sendable {
    /// Offset -> the step of the last store into it.
    public var saved: [Int: Int] = [:]
    /// Offset -> the step of the last load from it after the warm boot.
    public var restored: [Int: Int] = [:]
    public init(saved: [Int: Int] = [:], restored: [Int: Int] = [:]) { self.saved = saved; self.restored = restored }
}

/// What the views asked last, with the history state it was computed for.
struct ViewCache {
    var lastStep: (key: HistoryKey, value: BoardStep?)?
    var provenance: (key: HistoryKey, value: ContextProvenance)?
    /// What the provenance was last computed from: the accesses counted (a prefix of
    /// `contextAccesses`, which only grows and shrinks at its end), the removals so far (so a
    /// prefix of the same length made again after going back is not taken for the old one),
    /// and the warm boot's step.
    var provenanceBasis: (accesses: Int, removals: Int, warm: Int, value: ContextProvenance)?
}

struct HistoryKey: Equatable {
    var step, records, sides, edits, accesses, boundaries: Int
}

/// One load or store that touched the context struct (kept by the engine as it steps, so a
/// view never scans the whole history).
struct ContextAccess {
    var step: Int
    var offset: Int
    var count: Int
    var isWrite: Bool
}

extension DebugSession {
    /// The newest step in the history: what the last step did (nil when there is none).
    /// Rebuilt from the log once per history state (a view asks every frame).
    public var lastStep: BoardStep? {
        let key = historyKey
        if let c = viewCache.lastStep, c.key == key { return c.value }
        let s = newestStep()
        viewCache.lastStep = (key, s)
        return s
    }

    /// Identifies the history's state: the step and how many records, sides, edits and context
    /// accesses there are (the views' caches are good while it is the same).
    var historyKey: HistoryKey {
        HistoryKey(step: step, records: log.records, sides: sides.count, edits: edits.count,
                   accesses: contextAccesses.count, boundaries: run.detector.passed.count)
    }

    /// Registers (effects numbering) and system registers (catalogue index) written by the
    /// steps after step `oldest`, up to now (as far back as the history reaches).
    public func writes(after oldest: Int) -> (registers: Set<Int>, systemRegisters: Set<Int>) {
        var regs = Set<Int>(), sys = Set<Int>()
        var sideIndex = sides.count - 1
        var stepIndex = step
        var extraRegs: [Int] = [], extraSys: [Int] = []
        log.collectWrites(registers: &regs, systemRegisters: &sys) { kind in
            if stepIndex <= oldest { return false }
            if kind == .side {
                guard sideIndex >= sidesStart else { return false }
                let entry = sides[sideIndex]
                sideIndex -= 1
                guard case .step(let s) = entry else { return true }   // an edit: not a step
                extraRegs += (s.effects?.registerWrites ?? []).map { Int($0.index) }
                extraSys += (s.effects?.systemRegisterWrites ?? []).map { Int($0.index) }
            }
            stepIndex -= 1
            return true
        }
        return (regs.union(extraRegs), sys.union(extraSys))
    }

    /// For each 8-byte slot of the context struct: the step of the last store into it, and
    /// of the last load from it after the warm boot.
    public var contextProvenance: ContextProvenance {
        let key = historyKey
        if let c = viewCache.provenance, c.key == key { return c.value }
        // Most steps touch no context slot: the provenance then stays what it was.
        var counted = contextAccesses.count
        while counted > 0 && contextAccesses[counted - 1].step > step { counted -= 1 }
        let warm = run.detector.boundary(.warmBoot)?.step ?? Int.max
        let p: ContextProvenance
        if let b = viewCache.provenanceBasis, b.accesses == counted, b.removals == contextAccessRemovals, b.warm == warm {
            p = b.value
        } else {
            p = computeProvenance()
            viewCache.provenanceBasis = (counted, contextAccessRemovals, warm, p)
        }
        viewCache.provenance = (key, p)
        return p
    }

    func computeProvenance() -> ContextProvenance {
        var p = ContextProvenance()
        let warm = run.detector.boundary(.warmBoot)?.step ?? Int.max
        for a in contextAccesses where a.step <= step {
            for b in 0..<a.count {
                let off = a.offset + b
                guard off % 8 == 0 else { continue }
                if a.isWrite { p.saved[off] = a.step } else if a.step > warm { p.restored[off] = a.step }
            }
        }
        return p
    }

    /// Notes the loads and stores of step `s` that touch the context struct.
    func noteContextAccess(_ s: BoardStep) {
        guard let e = s.effects else { return }
        let base = contextBase, size = UInt64(contextSize)
        func add(_ address: UInt64, _ count: Int, _ write: Bool) {
            guard address &+ UInt64(count) > base, address < base &+ size else { return }
            let lo = max(address, base), hi = min(address &+ UInt64(count), base &+ size)
            contextAccesses.append(ContextAccess(step: s.index, offset: Int(lo &- base), count: Int(hi &- lo), isWrite: write))
        }
        if let w = e.memoryWrite { add(w.address, Int(w.count), true) }
        if let b = e.blockWrite { add(b.address, b.oldBytes.count, true) }
        if let r = e.memoryRead { add(r.address, Int(r.count), false) }
    }

    /// Forgets the context accesses of steps after the current one (after going back).
    func forgetContextAccesses() {
        let now = step
        while let last = contextAccesses.last, last.step > now { contextAccesses.removeLast(); contextAccessRemovals += 1 }
    }
}
