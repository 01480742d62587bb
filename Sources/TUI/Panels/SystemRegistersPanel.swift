import A64
import Machine
import Platform

/// The EL2 system registers with change and unknown styles, and the selected register's
/// bitfields decoded: name, bits, value, one-line meaning (ESR_EL2 also names its EC).
public struct SystemRegistersPanel: Panel {
    public var title: String { "EL2 system registers" }
    public var keyHelp: [KeyHelp] { [KeyHelp("↑ ↓  wheel", "select a register: its bitfields are decoded below")] }
    public var focused = false
    public init(focused: Bool = false) { self.focused = focused }

    /// The registers listed, in catalogue order (EL2 ones and the PSTATE views).
    public static let shown: [Int] = SystemRegisterCatalogue.all.indices.filter { SystemRegisterCatalogue.all[$0].name.hasSuffix("_EL2") }

    /// "▸NAME" / " NAME" padded, for each register of the catalogue (selected, not selected).
    static let labels: [(selected: CellText, other: CellText)] = SystemRegisterCatalogue.all.map {
        let n = pad($0.name, 12)
        return (CellText("▸" + n), CellText(" " + n))
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let body = titled(&frame, region, focused: focused)
        let m = state.run.board.machine
        let unknowns = state.run.board.unknowns
        let anyUnknown = !unknowns.isEmpty
        // Catalogue indices as bits: written by the last step, and since the last boundary.
        var last = IndexBits()
        if let e = state.lastEffects { for i in 0..<Int(e.systemRegisterCount) { last.insert(Int(e.systemRegisterWrite(i).index)) } }
        let earlier = IndexBits(state.changedEarlierSysregs)
        let list = Self.shown
        let listRows = min(list.count, max(0, body.height - 6))
        let selectedPos = list.firstIndex(of: state.selectedSysreg) ?? 0
        let first = max(0, min(selectedPos - listRows / 2, list.count - listRows))
        for r in 0..<listRows {
            let i = list[first + r]
            let unknown = anyUnknown && unknowns.origin(of: .systemRegister(i)) != nil
            let role: StyleRole = unknown ? .unknown : last.contains(i) ? .changed : earlier.contains(i) ? .changedEarlier : .normal
            let label = Self.labels[i]
            frame.write(i == state.selectedSysreg ? label.selected : label.other, in: body, row: r, role: i == state.selectedSysreg ? .heading : .muted)
            if unknown { frame.write(literal: "unknown", in: body, row: r, col: 13, role: role) } else { frame.writeHex(m.systemRegister(at: i), in: body, row: r, col: 13, role: role) }
        }
        // Bitfields of the selected register.
        let reg = SystemRegisterCatalogue.all[state.selectedSysreg]
        let v = m.systemRegister(at: state.selectedSysreg)
        var row = listRows
        guard row < body.height else { return }
        let origin = anyUnknown ? unknowns.origin(of: .systemRegister(state.selectedSysreg)) : nil
        var col = frame.write(reg.name, in: body, row: row, role: origin == nil ? .heading : .unknown)
        if let origin {
            // "NAME = unknown (lost at EVENT, step N; holds 0x...)"
            col = frame.write(literal: " = unknown (lost at ", in: body, row: row, col: col, role: .unknown)
            col = frame.write(origin.event, in: body, row: row, col: col, role: .unknown)
            col = frame.write(literal: ", step ", in: body, row: row, col: col, role: .unknown)
            col = frame.writeDecimal(origin.step, in: body, row: row, col: col, role: .unknown)
            col = frame.write(literal: "; holds ", in: body, row: row, col: col, role: .unknown)
            col = frame.writeHex(v, in: body, row: row, col: col, role: .unknown)
            frame.write(literal: ")", in: body, row: row, col: col, role: .unknown)
        } else {
            // "NAME = 0x...: summary"
            col = frame.write(literal: " = ", in: body, row: row, col: col, role: .heading)
            col = frame.writeHex(v, in: body, row: row, col: col, role: .heading)
            col = frame.write(literal: ": ", in: body, row: row, col: col, role: .heading)
            frame.write(reg.summary, in: body, row: row, col: col, role: .heading)
        }
        row += 1
        if reg.name == "ESR_EL2" {
            let ec = (v >> 26) & 0x3f
            frame.write("EC 0x\(String(ec, radix: 16)): \(Self.exceptionClass(ec))", in: body, row: row)
            row += 1
        }
        let lines = state.cache.bitfields(index: state.selectedSysreg, value: v) {
            reg.fields.map { f in
                let width = f.width
                let fv = width >= 64 ? v : (v >> UInt64(f.lsb)) & ((1 << UInt64(width)) - 1)
                let bits = width == 1 ? "\(f.lsb)" : "\(f.lsb + width - 1):\(f.lsb)"
                return (CellText(pad("  " + pad(f.name, 8) + " " + pad(bits, 6) + " 0x" + String(fv, radix: 16), 28) + f.meaning), fv != 0 ? .normal : .muted)
            }
        }
        for (text, role) in lines where row < body.height {
            frame.write(text, in: body, row: row, role: role)
            row += 1
        }
    }

    static func exceptionClass(_ ec: UInt64) -> String {
        switch ec {
        case 0x00: "unknown reason (UNDEFINED instruction)"
        case 0x15: "SVC from AArch64"
        case 0x16: "HVC from AArch64"
        case 0x17: "SMC from AArch64"
        case 0x18: "MSR/MRS/system instruction trapped"
        case 0x20: "instruction abort from a lower EL"
        case 0x21: "instruction abort from the same EL"
        case 0x22: "PC alignment fault"
        case 0x24: "data abort from a lower EL"
        case 0x25: "data abort from the same EL"
        case 0x26: "SP alignment fault"
        case 0x3c: "BRK instruction"
        default: "exception class 0x" + String(ec, radix: 16)
        }
    }
}
