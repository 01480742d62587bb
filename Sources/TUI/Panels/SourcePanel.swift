import A64
import Assembler
import Machine
import Platform

/// The code around the PC: address, encoding, decoded text, and the source line it came from;
/// the PC line highlighted, boundary and breakpoint markers in the gutter. Follows the PC
/// whether it runs at the physical load address (MMU off) or the virtual link address.
public struct SourcePanel: Panel {
    public var title: String { "source" }
    public var keyHelp: [KeyHelp] { [KeyHelp("↑ ↓ PgUp PgDn", "scroll (stepping returns to the pc)"), KeyHelp("d", "toggle source / disassembly")] }
    public var focused = false
    public var breakpoints: Set<UInt64> = []
    /// Rows scrolled away from the pc (negative: up).
    public var scroll = 0
    public init(focused: Bool = false, breakpoints: Set<UInt64> = [], scroll: Int = 0) {
        self.focused = focused; self.breakpoints = breakpoints; self.scroll = scroll
    }

    /// The address shown on body row `row` (row 0 is the first line under the title).
    public static func address(row: Int, rows: Int, pc: UInt64, scroll: Int) -> UInt64 {
        pc &- UInt64(bitPattern: Int64(4 * (rows / 2))) &+ UInt64(bitPattern: Int64(4 * (scroll + row)))
    }

    public func render(_ state: ViewState, into frame: inout Frame, region: Region) {
        let run = state.run
        let program = run.built.program
        let pc = run.linkAddress(of: run.board.machine.pc)
        let here = program.lineMap.location(at: pc)
        let body = titled(&frame, region, focused: focused) { frame, col, role in
            let col = frame.write(literal: " · ", in: region, row: 0, col: col, role: role)
            guard let here else { return frame.write("0x" + String(pc, radix: 16), in: region, row: 0, col: col, role: role) }
            let c = frame.write(here.file, in: region, row: 0, col: col, role: role)
            return frame.writeDecimal(here.line, in: region, row: 0, col: frame.write(literal: ":", in: region, row: 0, col: c, role: role), role: role)
        }
        let boundaryPCs = run.detector.passed.map { run.linkAddress(of: $0.pc) }
        let rows = body.height
        let wide = body.width >= 100
        let cache = state.cache
        for r in 0..<rows {
            let a = Self.address(row: r, rows: rows, pc: pc, scroll: scroll)
            guard let w = program.word(at: a) else { continue }
            let isPC = a == pc
            let isBreak = !breakpoints.isEmpty && breakpoints.contains(a)
            let role: StyleRole = isPC ? .pcLine : isBreak ? .breakpoint : .normal
            // The gutter: breakpoint, boundary passed here, pc; then the cached rest of the row.
            let gutter = (isBreak ? 4 : 0) + (boundaryPCs.contains(a) ? 2 : 0) + (isPC ? 1 : 0)
            let col = frame.write(Self.gutters[gutter], in: body, row: r, role: role)
            let rest = cache.sourceRow(run, address: a, word: w, wide: wide, disassemblyOnly: state.disassemblyOnly)
            frame.write(rest, in: body, row: r, col: col, role: role)
        }
    }

    /// The gutter's three columns, by breakpoint (4), boundary passed (2) and pc (1).
    static let gutters: [CellText] = (0..<8).map {
        CellText(($0 & 4 != 0 ? "●" : " ") + ($0 & 2 != 0 ? "◆" : " ") + ($0 & 1 != 0 ? "▶" : " "))
    }
}
