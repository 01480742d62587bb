/// Field-by-field comparison of QEMU's state and ours at each stop, in a fixed order:
/// x0...x30, sp, pc, cpsr, system registers (catalogue order, those gdb reads), memory words.
public struct Divergence: Sendable, CustomStringConvertible {
    public var stopIndex: Int
    public var stop: String
    /// `x5`, `sp`, `pc`, `cpsr`, a catalogue name, or `mem SYM+OFF` (OFF in bytes).
    public var field: String
    public var qemu: String
    public var ours: String
    public var description: String { "at stop #\(stopIndex) (\(stop)): \(field): QEMU \(qemu), SuspendScope \(ours)" }
}

public enum Comparison {
    static func h(_ v: UInt64) -> String { "0x" + String(v, radix: 16) }

    /// The first differing field of one stop, or nil when they agree.
    public static func firstDifference(qemu q: ObservedState, ours o: ObservedState, stopIndex: Int,
                                       systemRegisterOrder: [String]) -> Divergence? {
        func d(_ f: String, _ a: String, _ b: String) -> Divergence {
            Divergence(stopIndex: stopIndex, stop: q.stop, field: f, qemu: a, ours: b)
        }
        for i in 0...30 where q.x[i] != o.x[i] { return d("x\(i)", h(q.x[i]), h(o.x[i])) }
        if q.sp != o.sp { return d("sp", h(q.sp), h(o.sp)) }
        if q.pc != o.pc { return d("pc", h(q.pc), h(o.pc)) }
        if q.cpsr != o.cpsr { return d("cpsr", h(q.cpsr), h(o.cpsr)) }
        for name in systemRegisterOrder {
            guard let qv = q.systemRegisters[name] else { continue }
            let ov = o.systemRegisters[name]
            if ov != qv { return d(name, h(qv), ov.map(h) ?? "(not catalogued)") }
        }
        for (sym, qw) in q.memory.sorted(by: { $0.key < $1.key }) {
            let ow = o.memory[sym] ?? []
            for k in 0..<max(qw.count, ow.count) {
                let a = k < qw.count ? h(qw[k]) : "(missing)", b = k < ow.count ? h(ow[k]) : "(missing)"
                if a != b { return d("mem \(sym)+\(k * 8)", a, b) }
            }
        }
        return nil
    }
}
