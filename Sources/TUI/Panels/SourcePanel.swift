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
        let body = titled(&frame, region, focused: focused, suffix: here.map { "\($0.file):\($0.line)" } ?? "0x" + String(pc, radix: 16))
        let boundaryPCs = Set(run.detector.passed.map { run.linkAddress(of: $0.pc) })
        let rows = body.height
        for r in 0..<rows {
            let a = Self.address(row: r, rows: rows, pc: pc, scroll: scroll)
            guard let w = program.word(at: a) else { continue }
            let isPC = a == pc
            let gutter = (breakpoints.contains(a) ? "●" : " ") + (boundaryPCs.contains(a) ? "◆" : " ") + (isPC ? "▶" : " ")
            let text = program.isInstruction(at: a) ? Disassembler.text(word: w, at: a) : ".word 0x" + String(w, radix: 16)
            var line = gutter + " " + String(a, radix: 16).suffix(8) + " "
            if body.width >= 100 || state.disassemblyOnly { line += String(format: "%08x", w) + " " }
            if !state.disassemblyOnly, let loc = program.lineMap.location(at: a), let src = run.built.scenario.files[loc.file] {
                let lines = src.split(separator: "\n", omittingEmptySubsequences: false)
                if loc.line >= 1 && loc.line <= lines.count {
                    line += String(loc.line).padding(toLength: 4, withPad: " ", startingAt: 0) + " " + lines[loc.line - 1].trimmingCharacters(in: .whitespaces)
                }
            } else {
                line += text
            }
            frame.write(line, in: body, row: r, role: isPC ? .pcLine : breakpoints.contains(a) ? .breakpoint : .normal)
        }
    }
}
