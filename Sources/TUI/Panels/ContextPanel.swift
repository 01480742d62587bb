import A64
import Assembler
import Machine
import Platform

/// The context struct as C lays it out: field, offset, value, the step (and instruction) that
/// saved it and the one that restored from it; a field that differs from the live register it
/// belongs to (after the restore) is marked. A toggle shows the same bytes as an annotated
/// hexdump. For v8 the struct is named cpu_context.
public struct ContextPanel: Panel {
    public var title: String { "context" }
    public var keyHelp: [KeyHelp] { [KeyHelp("h", "toggle typed fields / hexdump")] }
    public var focused = false
    public init(focused: Bool = false) { self.focused = focused }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let run = state.run
        let layout = run.built.layout
        let body = titled(&frame, region, focused: focused, suffix: "struct \(layout.name) @ 0x\(String(run.contextAddress, radix: 16))")
        let bytes = run.readContext()
        guard bytes.count == layout.size else {
            frame.write("(the context is not in RAM)", in: body, row: 0, role: .error)
            return
        }
        if state.contextHexdump {
            for row in 0..<min(body.height, (bytes.count + 15) / 16) {
                let chunk = bytes[(row * 16)..<min(bytes.count, row * 16 + 16)]
                let hexText = chunk.map { String(format: "%02x", $0) }.joined(separator: " ")
                let field = layout.fields.first { $0.offset <= row * 16 && row * 16 < $0.offset + $0.size }?.name ?? ""
                frame.write(String(format: "+%03d  ", row * 16) + hexText.padding(toLength: 48, withPad: " ", startingAt: 0) + " " + field,
                            in: body, row: row)
            }
            return
        }
        let owners = Dictionary(uniqueKeysWithValues: ContextConvention.owners(of: layout).map { ($0.offset, $0) })
        let saves = state.provenance.saved
        let restores = state.provenance.restored
        frame.write("field              off  value               saved     restored", in: body, row: 0, role: .muted)
        var row = 1
        let m = run.board.machine
        for f in layout.fields {
            for k in 0..<f.count where row < body.height {
                let off = f.offset + k * f.elementSize
                let name = f.count > 1 ? "\(f.name)[\(k)]" : f.name
                var v: UInt64 = 0
                for b in 0..<min(8, f.elementSize) { v |= UInt64(bytes[off + b]) << UInt64(8 * b) }
                var role: StyleRole = .normal
                if let o = owners[off], run.detector.has(.contextRestored) || run.detector.has(.contextSaved) && !run.detector.has(.powerOff) {
                    let live: UInt64
                    switch o.owner {
                    case .register(let r): live = m.register(r)
                    case .sp: live = m.spEL2
                    case .sysreg(let i): live = m.systemRegister(at: i)
                    }
                    if live != v { role = .mismatch }
                }
                let saved = saves[off].map { "step \($0)" } ?? "-"
                let restored = restores[off].map { "step \($0)" } ?? "-"
                let line = name.padding(toLength: 18, withPad: " ", startingAt: 0) + " " + String(off).padding(toLength: 4, withPad: " ", startingAt: 0)
                    + " " + hex16(v) + "  " + saved.padding(toLength: 9, withPad: " ", startingAt: 0) + " " + restored
                frame.write(line, in: body, row: row, role: role)
                if role == .mismatch { frame.write(" ≠ live", in: body, row: row, col: line.count, role: .mismatch) }
                row += 1
            }
        }
    }
}
