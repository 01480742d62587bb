import A64
import Assembler
import Machine
import Platform

/// The context struct as C lays it out: field (with the register each slot holds,
/// `callee_regs[0] (x19)`), offset, value, the step that saved it and the one that restored
/// from it; a row written by the last step is drawn `changed`, and a field that differs from
/// the live register it belongs to (after the save, and after the restore) is marked. A toggle
/// shows the same bytes as an annotated hexdump. For v8 the struct is named cpu_context.
public struct ContextPanel: ScrollablePanel {
    public var title: String { "context" }
    public var keyHelp: [PanelKeys] { [PanelKeys([.hexdump], "typed fields / hexdump"), scrollKeyHelp] }
    public var focused = false
    /// The first field (or hexdump line) shown; the column header stays.
    public var scroll = 0
    public init(focused: Bool = false, scroll: Int = 0) { self.focused = focused; self.scroll = scroll }

    /// Fields under the header, or hexdump lines.
    public func scrollExtent(_ state: ViewState, region: Region) -> (content: Int, visible: Int) {
        let body = max(0, region.height - 1)
        if state.contextHexdump { return ((state.run.built.layout.size + 15) / 16, body) }
        return (state.cache.contextRows(state.run).count, max(0, body - 1))
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let run = state.run
        let layout = run.built.layout
        // " · struct NAME @ 0xADDR", shortened to " · NAME @ 0xADDR" or " · NAME" when the
        // scroll mark would cover it.
        var at = ByteLine(" @ 0x")
        at.append(hex: run.contextAddress)
        let room = region.width - (scrollMark(state, region: region).mark?.unicodeScalars.count ?? 0) - title.count - 2
        let name = layout.name.unicodeScalars.count
        let withAddress = " · ".count + name + at.count <= room
        let withStruct = withAddress && " · struct ".count + name + at.count <= room
        let hasContext = run.built.manifest.hasContext
        let body = titled(&frame, region, focused: focused) { frame, col, role in
            guard hasContext else { return col }
            var col = withStruct ? frame.write(literal: " · struct ", in: region, row: 0, col: col, role: role)
                : frame.write(literal: " · ", in: region, row: 0, col: col, role: role)
            col = frame.write(layout.name, in: region, row: 0, col: col, role: role)
            return withAddress ? frame.write(at, in: region, row: 0, col: col, role: role) : col
        }
        guard hasContext else {
            // v8-base, the code before patch 11/13: nothing is saved, so nothing comes back.
            frame.write("no context struct: this code saves nothing before suspend", in: body, row: 0, role: .muted)
            return
        }
        let bytes = run.readContext()
        guard bytes.count == layout.size else {
            frame.write("(the context is not in RAM)", in: body, row: 0, role: .error)
            return
        }
        let top = scrollWindow(&frame, state, region: region)
        if state.contextHexdump {
            for row in 0..<min(body.height, (bytes.count + 15) / 16 - top) {
                let line = top + row
                let chunk = bytes[(line * 16)..<min(bytes.count, line * 16 + 16)]
                let hexText = chunk.map { hex8($0) }.joined(separator: " ")
                let field = layout.fields.first { $0.offset <= line * 16 && line * 16 < $0.offset + $0.size }?.name ?? ""
                frame.write("+" + pad3(line * 16) + "  " + pad(hexText, 48) + " " + field, in: body, row: row)
            }
            return
        }
        let saves = state.provenance.saved
        let restores = state.provenance.restored
        let narrow = body.width < RenderCache.contextNarrowBelow
        frame.writeMarked(narrow ? Self.narrowHeader : Self.header, in: body, row: 0, role: .muted)
        // The bytes the last step stored into the context (offsets from its start).
        var written: Range<Int>?
        if let e = state.lastEffects, let w = e.memoryWrite.map({ ($0.address, Int($0.count)) }) ?? e.blockWrite.map({ ($0.address, $0.oldBytes.count) }) {
            let base = run.built.physical(run.contextAddress)
            let lo = max(w.0, base), hi = min(w.0 &+ UInt64(w.1), base &+ UInt64(layout.size))
            if lo < hi { written = Int(lo &- base)..<Int(hi &- base) }
        }
        let m = run.board.machine
        let checkLive = run.detector.has(.contextRestored) || run.detector.has(.contextSaved) && !run.detector.has(.powerOff)
        for (i, r) in state.cache.contextRows(run, narrow: narrow).enumerated() where i >= top && 1 + i - top < body.height {
            let row = 1 + i - top
            let off = r.offset
            var v: UInt64 = 0
            for b in 0..<min(8, r.elementSize) { v |= UInt64(bytes[off + b]) << UInt64(8 * b) }
            var role: StyleRole = written.map { $0.overlaps(off..<(off + r.elementSize)) } == true ? .changed : .normal
            if let o = r.owner, checkLive {
                let live: UInt64
                switch o {
                case .register(let r): live = m.register(r)
                case .sp: live = m.spEL2
                case .sysreg(let i): live = m.systemRegister(at: i)
                }
                if live != v { role = .mismatch }
            }
            // The same cells as one padded line, written piece by piece (all ASCII).
            var col = frame.write(r.prefix, in: body, row: row, role: role)
            if state.hidden.contains(.field(off)) {
                frame.write(literal: "? (the tour asks)", in: body, row: row, col: col, role: .heading)
                continue
            }
            col = frame.writeHex(v, in: body, row: row, col: col, role: role)
            var rest = ByteLine("  ")
            if let s = saves[off] { rest.append("step "); rest.append(decimal: s); rest.pad(to: 11) } else { rest.append("-        ") }
            rest.append(" ")
            if let s = restores[off] { rest.append("step "); rest.append(decimal: s) } else { rest.append("-") }
            col = frame.write(rest, in: body, row: row, col: col, role: role)
            if role == .mismatch { col = frame.write(literal: " ≠ live", in: body, row: row, col: col, role: .mismatch) }
            if r.prefix.columns + 18 + rest.count + (role == .mismatch ? 7 : 0) > body.width { frame.markCut(in: body, row: row) }
        }
    }

    static let header = "field" + String(repeating: " ", count: RenderCache.contextNameWidth - 4) + "off  value               saved     restored"
    static let narrowHeader = "field" + String(repeating: " ", count: RenderCache.contextNameWidthNarrow - 4) + "off  value               saved     restored"
}

/// `%03d` for the hexdump's offsets (0...999).
private func pad3(_ n: Int) -> String {
    let s = String(n)
    return s.count >= 3 ? s : String(repeating: "0", count: 3 - s.count) + s
}
