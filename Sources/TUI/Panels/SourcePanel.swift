import A64
import Assembler
import Machine
import Platform

/// The code around the pc as people read it: a header row per function label, a divider where
/// one file gives way to the next, one row per source line (a macro use that made several
/// instructions is one row, its instructions shown under it on demand, and always for the
/// pc's line), the address the pc holds (physical while the code runs at its load address,
/// virtual once the MMU maps it), the encoding when there is room, breakpoints drawn in the
/// gutter (● enabled, ◉ conditional, ○ disabled, w a watched word), boundaries passed (◆), the
/// pc (▶) and the cursor (▸, the middle row when scrolled away from the pc). The disassembly
/// view shows every instruction with the symbols of branch targets.
public struct SourcePanel: Panel {
    public var title: String { "source" }
    public var keyHelp: [PanelKeys] { [PanelKeys([.up, .down, .pageUp, .pageDown, .top], "move the cursor line (▸); stepping returns to the pc"), PanelKeys([.bottom], "back to the pc"), PanelKeys([.toggleBreakpoint], "toggle a breakpoint on the cursor line"), PanelKeys([.expand], "show or hide the instructions of the cursor line (a macro use)"), PanelKeys([.disassembly], "source / pure disassembly")] }
    public var focused = false
    public init(focused: Bool = false) { self.focused = focused }

    /// What the row under the cursor is: the source line (all its instructions) or one
    /// instruction, as link addresses; nil on a header, divider or outside the program.
    public struct Target: Equatable {
        public var addresses: [UInt64]
        public var file: String?
        public var line: Int?
        /// The first address of a line with several instructions (expand/collapse).
        public var group: UInt64?
    }

    /// The body rows of a region (under the title).
    static func bodyRows(_ region: Region) -> Int { max(0, region.height - 1) }

    /// The line the body row `row` shows (0: the first under the title).
    public static func target(_ state: ViewState, row: Int, rows: Int) -> Target? {
        let run = state.run
        let link = run.linkAddress(of: run.board.machine.pc)
        let model = state.cache.sourceModel(run, grouped: !state.disassemblyOnly)
        guard let anchor = model.row(containing: link) else {
            let a = address(row: row, rows: rows, pc: link, scroll: state.sourceScroll)
            return run.built.program.isInstruction(at: a) ? Target(addresses: [a], file: nil, line: nil, group: nil) : nil
        }
        guard let line = model.window(anchorRow: anchor, pc: link, expanded: state.expanded, offset: state.sourceScroll - rows / 2 + row, count: 1)[0] else { return nil }
        let r = model.rows[line.row]
        guard r.kind == .line, r.isInstruction else { return nil }
        if let sub = line.sub { return Target(addresses: [r.address &+ UInt64(4 * sub)], file: r.file, line: r.line, group: r.address) }
        return Target(addresses: (0..<max(1, r.words)).map { r.address &+ UInt64(4 * $0) }, file: r.file.isEmpty ? nil : r.file,
                      line: r.file.isEmpty ? nil : r.line, group: r.words > 1 ? r.address : nil)
    }

    /// The address shown on body row `row` when the pc is outside the program (row 0 is the
    /// first line under the title).
    public static func address(row: Int, rows: Int, pc: UInt64, scroll: Int) -> UInt64 {
        pc &- UInt64(bitPattern: Int64(4 * (rows / 2))) &+ UInt64(bitPattern: Int64(4 * (scroll + row)))
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let run = state.run
        let program = run.built.program
        let pc = run.board.machine.pc
        let link = run.linkAddress(of: pc)
        // The code runs at its physical load address while the MMU is off.
        let physical = link != pc
        let here = program.lineMap.location(at: link)
        let body = titled(&frame, region, focused: focused) { frame, col, role in
            var col = frame.write(literal: " · ", in: region, row: 0, col: col, role: role)
            if let here {
                col = frame.write(here.file, in: region, row: 0, col: col, role: role)
                col = frame.writeDecimal(here.line, in: region, row: 0, col: frame.write(literal: ":", in: region, row: 0, col: col, role: role), role: role)
            } else {
                col = frame.write("0x" + String(pc, radix: 16), in: region, row: 0, col: col, role: role)
            }
            if physical { col = frame.write(literal: " · physical addresses (MMU off)", in: region, row: 0, col: col, role: role) }
            if state.sourceScroll != 0 { col = frame.write(literal: " · End: back to the pc", in: region, row: 0, col: col, role: role) }
            return col
        }
        let rows = body.height
        let wide = body.width >= 100
        let cache = state.cache
        let boundaryPCs = run.detector.passed.map { run.linkAddress(of: $0.pc) }
        let model = cache.sourceModel(run, grouped: !state.disassemblyOnly)
        guard let anchor = model.row(containing: link) else {
            renderOutside(state, into: &frame, body: body, pc: link, wide: wide)
            return
        }
        let window = model.window(anchorRow: anchor, pc: link, expanded: state.expanded, offset: state.sourceScroll - rows / 2, count: rows)
        let cursorRow = state.sourceScroll != 0 ? rows / 2 : -1
        for (r, line) in window.enumerated() {
            guard let line else { continue }
            let row = model.rows[line.row]
            switch row.kind {
            case .divider:
                frame.write(cache.divider(row.file, width: body.width), in: body, row: r, role: .muted)
            case .header:
                frame.writeMarked(cache.headerText(run, model: model, row: line.row, physical: physical), in: body, row: r, role: .heading)
            case .line:
                let addresses: Range<UInt64>
                if let sub = line.sub { let a = row.address &+ UInt64(4 * sub); addresses = a..<(a &+ 4) } else { addresses = row.address..<(row.address &+ row.size) }
                let isPC = addresses.contains(link) && (line.sub != nil || !model.isExpanded(line.row, pc: link, expanded: state.expanded))
                var mark: GutterMark?
                if !state.marks.isEmpty { for a in stride(from: addresses.lowerBound, to: addresses.upperBound, by: 4) { if let m = state.marks[a], mark == nil || m > mark! { mark = m } } }
                let passed = boundaryPCs.contains { addresses.contains($0) && (line.sub != nil || !model.isExpanded(line.row, pc: link, expanded: state.expanded)) }
                let role: StyleRole = isPC ? .pcLine : mark == .enabled || mark == .conditional ? .breakpoint : .normal
                var col = frame.write(scalar: mark?.glyph ?? " ", in: body, row: r, role: mark == .disabled ? .muted : role)
                col = frame.write(scalar: passed ? "◆" : " ", in: body, row: r, col: col, role: role)
                col = frame.write(scalar: isPC ? "▶" : r == cursorRow ? "▸" : " ", in: body, row: r, col: col, role: role)
                let text = cache.lineText(run, model: model, row: line.row, sub: line.sub, physical: physical, wide: wide,
                                          expanded: line.sub == nil && model.isExpanded(line.row, pc: link, expanded: state.expanded),
                                          disassemblyOnly: state.disassemblyOnly)
                frame.writeMarked(text, in: body, row: r, col: col, role: role)
            }
        }
    }

    /// The word at virtual address `a` as the core would fetch it now (through the MMU when it is on).
    static func wordInMemory(_ m: Machine, at a: UInt64) -> UInt32? {
        var pa = a
        if m.mmuEnabled {
            guard case .mapped(let p, _, _, _) = m.translate(virtual: a) else { return nil }
            pa = p
        }
        return m.memory.readRAM(pa, 4).map { UInt32(truncatingIfNeeded: $0) }
    }

    /// The pc outside the program (a vector, address 0): the words around it, disassembled.
    func renderOutside(_ state: ViewState, into frame: inout Frame, body: Region, pc: UInt64, wide: Bool) {
        let run = state.run
        for r in 0..<body.height {
            let a = Self.address(row: r, rows: body.height, pc: pc, scroll: state.sourceScroll)
            guard let w = run.built.program.word(at: a) ?? Self.wordInMemory(run.board.machine, at: a) else { continue }
            let isPC = a == pc
            let role: StyleRole = isPC ? .pcLine : .normal
            let col = frame.write(isPC ? "  ▶ " : "    ", in: body, row: r, role: role)
            frame.writeMarked(String(a, radix: 16) + " " + (wide ? hex32(w) + " " : "") + Disassembler.text(word: w, at: a), in: body, row: r, col: col, role: role)
        }
    }
}
