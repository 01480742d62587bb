import A64
import Machine
import Platform

/// x0..x30 (x29 and x30 named fp and lr), sp, pc and PSTATE. A register changed by the last
/// step is drawn `changed`; changed since the last boundary, `changed-earlier`; a register
/// whose value is unknown (lost at power-off, never restored) shows "unknown" and where it
/// was lost. Once the context is saved (and again after the restore), a register that differs
/// from its slot in the context is marked `≠`. A value a tour question asks about shows `?`.
/// Below PSTATE, once any SIMD&FP register holds a known non-zero value (FP state loaded or
/// restored; not the UNKNOWN values a power-off leaves), V0..V31 follow as 128-bit values, the
/// ones the last step wrote drawn `changed`, unknown ones as "unknown".
public struct RegistersPanel: ScrollablePanel {
    public var title: String { "registers" }
    public var keyHelp: [PanelKeys] { [scrollKeyHelp] }
    public var focused = false
    /// The first row shown (rows of registers, then the PSTATE line).
    public var scroll = 0
    public init(focused: Bool = false, scroll: Int = 0) { self.focused = focused; self.scroll = scroll }

    static let colWidth = 24

    /// Rows of registers (as many columns as fit) plus the PSTATE line; rows under the title.
    public func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int) {
        let columns = max(1, region.width / Self.colWidth)
        let vectors = Self.vectorRows(state, width: max(0, region.width - 2))
        return ((Self.names.count + columns - 1) / columns + 1 + vectors, max(0, region.height - 1))
    }

    static let vectorColWidth = 40

    static func vectorUnknown(_ state: ViewState, _ n: Int) -> Bool {
        let u = state.run.board.unknowns
        return !u.isEmpty && (u.origin(of: .register(RegisterWrite.index(vector: n, high: false))) != nil
            || u.origin(of: .register(RegisterWrite.index(vector: n, high: true))) != nil)
    }

    /// Rows the V registers take at this width: none while all 32 are zero or unknown.
    static func vectorRows(_ state: ViewState, width: Int) -> Int {
        let m = state.run.board.machine
        guard (0..<32).contains(where: { m.vector($0) != (0, 0) && !vectorUnknown(state, $0) }) else { return 0 }
        let columns = max(1, width / vectorColWidth)
        return (32 + columns - 1) / columns
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let body = titled(&frame, region, focused: focused)
        let m = state.run.board.machine
        let unknowns = state.run.board.unknowns
        let anyUnknown = !unknowns.isEmpty
        // Registers (effects numbering, 0...32) as bits: written by the last step, and since
        // the last boundary.
        var last = IndexBits()
        if let e = state.lastEffects { for i in 0..<Int(e.registerCount) { last.insert(Int(e.registerWrite(i).index)) } }
        let earlier = IndexBits(state.changedEarlierRegisters)
        func role(_ i: Int) -> StyleRole {
            if anyUnknown && unknowns.origin(of: .register(i)) != nil { return .unknown }
            if last.contains(i) { return .changed }
            if earlier.contains(i) { return .changedEarlier }
            return .normal
        }
        let spIndex = 31 + Int(m.spsel)
        // Registers against their context slots: after the save (before the power-off) and
        // after the restore, as the context panel compares them.
        let run = state.run
        let compare = run.detector.has(.contextRestored) || run.detector.has(.contextSaved) && !run.detector.has(.powerOff)
        let slots = compare ? state.cache.registerSlots(run) : [:]
        let context = compare && !slots.isEmpty ? run.readContext() : []
        func mismatch(_ r: Int, _ v: UInt64) -> Bool {
            guard let off = slots[r], off + 8 <= context.count else { return false }
            var saved: UInt64 = 0
            for b in 0..<8 { saved |= UInt64(context[off + b]) << UInt64(8 * b) }
            return saved != v
        }
        let pcChanged = state.lastEffects.map { $0.pcNew != $0.pcOld &+ 4 } ?? false
        let colWidth = Self.colWidth
        let columns = max(1, body.width / colWidth)
        let count = Self.names.count
        let rows = (count + columns - 1) / columns
        let top = scrollWindow(&frame, state, region: region)
        for k in 0..<count {
            let row = k / columns - top, col = (k % columns) * colWidth
            guard row >= 0 else { continue }
            guard row < body.height else { break }
            let value: UInt64, r: StyleRole
            let hidden: Bool
            switch k {
            case 31: value = m.sp; r = role(spIndex); hidden = state.hidden.contains(.register(spIndex))
            case 32: value = m.pc; r = pcChanged ? .changed : .normal; hidden = state.hidden.contains(.pc)
            default: value = m.x(k); r = role(k); hidden = state.hidden.contains(.register(k))
            }
            frame.write(Self.names[k], in: body, row: row, col: col, role: .muted)
            if hidden {
                frame.write(literal: "? (the tour asks)  ", in: body, row: row, col: col + 4, role: .heading)
            } else if r == .unknown {
                frame.write(literal: "unknown           ", in: body, row: row, col: col + 4, role: r)
            } else {
                let reg = k == 31 ? 32 : k
                let off = k < 31 || k == 31 ? mismatch(reg, value) : false
                frame.writeHex(value, in: body, row: row, col: col + 4, role: off ? .mismatch : r)
                if off { frame.write(scalar: "≠", in: body, row: row, col: col + 22, role: .mismatch) }
            }
        }
        // NZCV  DAIF  EL2h  SPSel 1
        let p = m.pstate
        let flagsUnknown = anyUnknown && unknowns.origin(of: .flags) != nil
        var line = ByteLine("NZCV ")
        for (ch, bit) in [(UInt8(ascii: "N"), 31), (UInt8(ascii: "Z"), 30), (UInt8(ascii: "C"), 29), (UInt8(ascii: "V"), 28)] {
            line.append(byte: flagsUnknown ? UInt8(ascii: "?") : p >> UInt64(bit) & 1 == 1 ? ch : UInt8(ascii: "-"))
        }
        line.append("  DAIF ")
        for (ch, bit) in [(UInt8(ascii: "D"), 9), (UInt8(ascii: "A"), 8), (UInt8(ascii: "I"), 7), (UInt8(ascii: "F"), 6)] {
            line.append(byte: p >> UInt64(bit) & 1 == 1 ? ch : UInt8(ascii: "-"))
        }
        line.append(m.spsel == 1 ? "  EL2h  SPSel " : "  EL2t  SPSel ")
        line.append(decimal: Int(m.spsel))
        if rows - top >= 0 && rows - top < body.height { frame.write(line, in: body, row: rows - top, role: flagsUnknown ? .unknown : .normal) }
        // v0  0x<high 16 digits><low 16 digits>, as many columns as fit.
        guard Self.vectorRows(state, width: body.width) > 0 else { return }
        let vColumns = max(1, body.width / Self.vectorColWidth)
        for n in 0..<32 {
            let row = rows + 1 + n / vColumns - top, col = (n % vColumns) * Self.vectorColWidth
            guard row >= 0 else { continue }
            guard row < body.height else { break }
            let (lo, hi) = m.vector(n)
            let written = last.contains(RegisterWrite.index(vector: n, high: false)) || last.contains(RegisterWrite.index(vector: n, high: true))
            frame.write(Self.vectorNames[n], in: body, row: row, col: col, role: .muted)
            if Self.vectorUnknown(state, n) {
                frame.write(literal: "unknown", in: body, row: row, col: col + 4, role: .unknown)
                continue
            }
            frame.writeHex(hi, in: body, row: row, col: col + 4, role: written ? .changed : .normal)
            frame.write(String(hex16(lo).dropFirst(2)), in: body, row: row, col: col + 22, role: written ? .changed : .normal)
        }
    }

    static let vectorNames: [CellText] = (0...31).map { CellText(pad("v\($0)", 4)) }

    /// x0..x28, fp, lr, sp, pc, padded to their column.
    static let names: [CellText] = ((0...28).map { pad("x\($0)", 4) } + ["fp  ", "lr  ", "sp  ", "pc  "]).map(CellText.init)
}
