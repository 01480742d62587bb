import A64
import Machine
import Platform

/// The EL2 system registers with change and unknown styles, and the selected register's
/// bitfields decoded: name, bits, value, one-line meaning (ESR_EL2 also names its EC). The
/// fields that are set come first (the rest follow, muted); an unknown register shows `?`
/// for every field. The heading wraps; the bitfields scroll (PgUp PgDn) with a "more" mark.
public struct SystemRegistersPanel: ScrollablePanel {
    public var title: String { "EL2 system registers" }
    public var keyHelp: [PanelKeys] { [PanelKeys([.up, .down], "select a register: its bitfields are decoded below"), PanelKeys([.pageUp, .pageDown, .top, .bottom], "scroll the bitfields")] }
    public var focused = false
    /// The first bitfield line shown.
    public var scroll = 0
    public init(focused: Bool = false, scroll: Int = 0) { self.focused = focused; self.scroll = scroll }

    /// The registers listed, in catalogue order (EL2 ones and the PSTATE views).
    public static let shown: [Int] = SystemRegisterCatalogue.all.indices.filter { SystemRegisterCatalogue.all[$0].name.hasSuffix("_EL2") }

    /// "▸NAME" / " NAME" padded, for each register of the catalogue (selected, not selected).
    static let labels: [(selected: CellText, other: CellText)] = SystemRegisterCatalogue.all.map {
        let n = pad($0.name, 12)
        return (CellText("▸" + n), CellText(" " + n))
    }

    /// Rows of the register list for a body of `rows` rows.
    static func listRows(_ rows: Int) -> Int { min(shown.count, max(0, rows - 6)) }

    /// The heading of the selected register, wrapped to the body's width.
    func heading(_ state: ViewState, width: Int) -> (lines: [String], unknown: Bool) {
        let i = state.selectedSysreg
        let origin = state.run.board.unknowns.isEmpty ? nil : state.run.board.unknowns.origin(of: .systemRegister(i))
        let key = RenderCache.HeadingKey(index: i, value: state.run.board.machine.systemRegister(at: i), origin: origin,
                                         hidden: state.hidden.contains(.systemRegister(i)), width: width)
        return state.cache.heading(key) { makeHeading(state, width: width) }
    }

    func makeHeading(_ state: ViewState, width: Int) -> (lines: [String], unknown: Bool) {
        let i = state.selectedSysreg
        let reg = SystemRegisterCatalogue.all[i]
        let m = state.run.board.machine
        let unknowns = state.run.board.unknowns
        let v = m.systemRegister(at: i)
        let text: String
        var unknown = false
        if state.hidden.contains(.systemRegister(i)) {
            text = "\(reg.name) = ? (the tour asks): \(reg.summary)"
        } else if !unknowns.isEmpty, let origin = unknowns.origin(of: .systemRegister(i)) {
            text = "\(reg.name) = unknown (lost at \(origin.event), step \(origin.step); holds \(hex16(v)))"
            unknown = true
        } else {
            text = "\(reg.name) = \(hex16(v)): \(reg.summary)"
        }
        var lines = Frame.wrap(text, width: width)
        if reg.name == "ESR_EL2" && !unknown { lines.append("EC 0x\(String((v >> 26) & 0x3f, radix: 16)): \(Self.exceptionClass((v >> 26) & 0x3f))") }
        return (lines, unknown)
    }

    public func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int) {
        let rows = max(0, region.height - 1)
        let head = heading(state, width: region.width).lines.count
        let fields = SystemRegisterCatalogue.all[state.selectedSysreg].fields.count
        return (fields, max(0, rows - Self.listRows(rows) - head))
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
        let listRows = Self.listRows(body.height)
        let selectedPos = list.firstIndex(of: state.selectedSysreg) ?? 0
        let first = max(0, min(selectedPos - listRows / 2, list.count - listRows))
        for r in 0..<listRows {
            let i = list[first + r]
            let unknown = anyUnknown && unknowns.origin(of: .systemRegister(i)) != nil
            let role: StyleRole = unknown ? .unknown : last.contains(i) ? .changed : earlier.contains(i) ? .changedEarlier : .normal
            let label = Self.labels[i]
            frame.write(i == state.selectedSysreg ? label.selected : label.other, in: body, row: r, role: i == state.selectedSysreg ? .heading : .muted)
            if state.hidden.contains(.systemRegister(i)) {
                frame.write(literal: "? (the tour asks)", in: body, row: r, col: 13, role: .heading)
            } else if unknown { frame.write(literal: "unknown", in: body, row: r, col: 13, role: role) } else { frame.writeHex(m.systemRegister(at: i), in: body, row: r, col: 13, role: role) }
        }
        // The selected register: its heading, then its bitfields.
        let reg = SystemRegisterCatalogue.all[state.selectedSysreg]
        let v = m.systemRegister(at: state.selectedSysreg)
        var row = listRows
        let (head, unknown) = heading(state, width: body.width)
        for l in head where row < body.height {
            frame.write(l, in: body, row: row, role: unknown ? .unknown : .heading)
            row += 1
        }
        guard row < body.height else { return }
        let hidden = state.hidden.contains(.systemRegister(state.selectedSysreg))
        let lines = state.cache.bitfields(index: state.selectedSysreg, value: v, unknown: unknown || hidden) {
            // Set fields first (in bit order from the top), then the clear ones, muted.
            let fields = reg.fields.map { f -> (BitField, UInt64) in (f, f.extract(v)) }
            let ordered = unknown || hidden ? fields : fields.filter { $0.1 != 0 } + fields.filter { $0.1 == 0 }
            return ordered.map { f, fv in
                let bits = f.width == 1 ? "\(f.lsb)" : "\(f.lsb + f.width - 1):\(f.lsb)"
                let value = unknown || hidden ? "?" : "0x" + String(fv, radix: 16)
                return (CellText(pad("  " + pad(f.name, 8) + " " + pad(bits, 6) + " " + value, 28) + f.meaning), unknown ? .unknown : hidden || fv == 0 ? .muted : .normal)
            }
        }
        let top = scrollWindow(&frame, state, region: region)
        for (text, role) in lines.dropFirst(top) where row < body.height {
            frame.writeMarked(text, in: body, row: row, role: role)
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
