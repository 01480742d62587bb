import A64
import Assembler
import Machine
import Platform

/// Our side of the comparison: the program assembled by our `Assembler`, run in-process on
/// `Machine` through Platform's `BatchRun` with `--until LABEL` semantics, stopping at each stop
/// label in turn.
public struct SuspendScopeSide {
    public let program: Program
    public var maxSteps: Int

    public init(program: Program, maxSteps: Int = 2_000_000) {
        self.program = program; self.maxSteps = maxSteps
    }

    /// A fresh machine as `suspendscope run` builds it, configured like QEMU.
    public func makeRun() throws -> BatchRun {
        let run = try BatchRun(image: program.loadedImage)
        // QEMU does not check SP alignment (verified).
        run.machine.configuration.checkSPAlignment = false
        return run
    }

    public func address(of label: String) throws -> UInt64 {
        guard let a = program.loadedImage.address(of: label) else { throw HarnessError("no label \(label) in the program") }
        return a
    }

    /// The states at the stops that were reached, and why the run ended early if it did.
    public func run(stops: [StopPoint]) throws -> (states: [ObservedState], problem: String?) {
        let run = try makeRun()
        let targets = try Array(Set(stops.map { try address(of: $0.label) }))
        var states: [ObservedState] = []
        var budget = maxSteps
        for st in stops {
            let want = try address(of: st.label)
            let o = run.run(until: targets, maxSteps: budget)
            budget -= o.steps
            switch o.stop {
            case .until:
                states.append(try observe(run.machine, stop: st))
                if run.machine.pc != want {
                    return (states, "stopped at 0x\(String(run.machine.pc, radix: 16)) instead of \(st.label)")
                }
            case .fault:
                let f = o.fault.map { "EC 0x\(String($0.ec, radix: 16)) at 0x\(String($0.elr, radix: 16))" } ?? "?"
                return (states, "faulted (\(f)) before reaching \(st.label)")
            case .halt where run.machine.pc == want:
                // `want: b want` right after a stop at the same address: gdb sees it hit again.
                states.append(try observe(run.machine, stop: st))
            case .halt, .breakpoint:
                return (states, "halted at 0x\(String(run.machine.pc, radix: 16)) before reaching \(st.label)")
            case .maxSteps:
                return (states, "did not reach \(st.label) within \(maxSteps) steps")
            case .notModelled:
                let pc = o.notModelledPC ?? run.machine.pc
                return (states, "stopped at 0x\(String(pc, radix: 16)) before reaching \(st.label): \(Machine.notModelledMessage(run.machine.instructionText(at: pc)))")
            }
        }
        return (states, nil)
    }

    func observe(_ m: Machine, stop: StopPoint) throws -> ObservedState {
        var sysregs: [String: UInt64] = [:]
        for (i, r) in SystemRegisterCatalogue.all.enumerated() { sysregs[r.name] = m.systemRegister(at: i) }
        var mem: [String: [UInt64]] = [:]
        for r in stop.memory {
            let a = try address(of: r.symbol)
            mem[r.symbol] = (0..<r.words).map { m.memory.readRAM(a &+ UInt64($0 * 8), 8) ?? 0xdead_beef_dead_beef }
        }
        return ObservedState(stop: m.pc == (try? address(of: stop.label)) ? stop.label : "0x" + String(m.pc, radix: 16),
                             x: (0...30).map { m.x($0) }, sp: m.sp, pc: m.pc, cpsr: m.pstate & 0xffff_ffff,
                             systemRegisters: sysregs, memory: mem)
    }

    /// Re-runs with `step()` up to the `stopIndex`-th stop and returns the last instruction that
    /// wrote `field` (a `Comparison` field name), as text with its source line.
    public func lastWriter(of field: String, stops: [StopPoint], stopIndex: Int) -> String? {
        guard let run = try? makeRun(), let targets = try? Set(stops.map { try address(of: $0.label) }) else { return nil }
        let m = run.machine
        var hits = 0
        var last: StepEffects?
        var lastPC: UInt64 = 0
        var memAddress: UInt64?
        if field.hasPrefix("mem ") {
            // "mem SYM[+OFF]": OFF in bytes.
            let rest = field.dropFirst(4)
            let parts = rest.split(separator: "+")
            if let base = program.loadedImage.address(of: String(parts[0])) {
                memAddress = base &+ (parts.count > 1 ? UInt64(parts[1]) ?? 0 : 0)
            }
        }
        var steps = 0
        while steps < maxSteps {
            if targets.contains(m.pc) && steps > 0 {
                if hits == stopIndex { break }
                hits += 1
            }
            let e = m.step()
            steps += 1
            if writes(e, field, memAddress, m) { last = e; lastPC = e.pcOld }
        }
        guard let e = last else { return nil }
        let word = UInt32(truncatingIfNeeded: m.memory.readRAM(lastPC, 4) ?? 0)
        var text = "0x\(String(lastPC, radix: 16)): \(Disassembler.text(word: word, at: lastPC))"
        if let ex = e.exception { text += " (took exception EC 0x\(String(ex.ec, radix: 16)))" }
        if let loc = program.lineMap.location(at: lastPC) { text += "  [line \(loc.line)]" }
        return text
    }

    func writes(_ e: StepEffects, _ field: String, _ memAddress: UInt64?, _ m: Machine) -> Bool {
        if let a = memAddress {
            if let b = e.blockWrite, b.address < a &+ 8 && a < b.address &+ UInt64(b.oldBytes.count) { return true }
            guard let w = e.memoryWrite else { return false }
            return w.address < a &+ 8 && a < w.address &+ UInt64(w.count)
        }
        if field.hasPrefix("x"), let n = Int(field.dropFirst()) {
            return e.registerWrites.contains { Int($0.index) == n }
        }
        switch field {
        case "sp": return e.registerWrites.contains { $0.index == 31 || $0.index == 32 } || e.pstateOld & 1 != e.pstateNew & 1
        case "cpsr": return e.pstateOld != e.pstateNew
        case "pc": return true
        case "SP_EL0": return e.registerWrites.contains { $0.index == 31 }
        default:
            guard let i = SystemRegisterCatalogue.index(named: field) else { return false }
            return e.systemRegisterWrites.contains { Int($0.index) == i }
        }
    }
}
