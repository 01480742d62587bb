import A64
import Assembler
import Platform

/// `list` and `disassemble`.
extension CommandInterpreter {
    /// The source line a location names: FILE:LINE as given, else the line of its address (a
    /// label, *ADDR, a boundary passed).
    func sourceLine(of text: String, _ col: Int) throws -> (file: String, line: Int) {
        let map = session.built.program.lineMap
        if let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) {
            let file = String(text[..<colon])
            guard session.built.scenario.files[file] != nil || map.entries.contains(where: { $0.location.file == file }) else {
                let files = Set(map.entries.map(\.location.file)).sorted()
                throw CommandError(column: col, "no source file '\(file)' in \(session.built.manifest.name) (files: \(files.joined(separator: ", ")))")
            }
            return (file, max(1, line))
        }
        if let b = BoundaryName(rawValue: text) {
            guard let p = session.run.detector.boundary(b), let loc = map.location(at: session.run.linkAddress(of: p.pc)) else {
                throw CommandError(column: col, "boundary \(b.rawValue) has not been passed yet: list a label or FILE:LINE")
            }
            return (loc.file, loc.line)
        }
        let (loc, _) = try resolveLocation(text, col)
        guard case .addresses(let list) = loc, let a = list.first, let l = map.location(at: a) else {
            throw CommandError(column: col, "'\(text)' has no source line")
        }
        return (l.file, l.line)
    }

    func listCommand(_ a: CommandInvocation) throws -> String {
        let center: (file: String, line: Int)
        var first: Int
        if !a.argument.isEmpty {
            center = try sourceLine(of: a.argument, a.argumentColumn)
            first = max(1, center.line - 5)
        } else if let p = listPosition, p.step == session.step {
            center = (p.file, p.line)
            first = p.line
        } else {
            guard session.board.power == .on, let l = session.built.program.lineMap.location(at: session.run.linkAddress(of: session.machine.pc)) else {
                throw CommandError(column: a.argumentColumn, "the pc has no source line here: list FILE:LINE or a label")
            }
            center = (l.file, l.line)
            first = max(1, l.line - 5)
        }
        guard let text = session.built.scenario.files[center.file] else {
            throw CommandError(column: a.argumentColumn, "no text for \(center.file)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first <= lines.count else { throw CommandError(column: a.argumentColumn, "line \(first) is past the end of \(center.file) (\(lines.count) lines)") }
        let last = min(lines.count, first + 9)
        let pcLine = session.board.power == .on ? session.built.program.lineMap.location(at: session.run.linkAddress(of: session.machine.pc)) : nil
        var out: [String] = []
        for n in first...last {
            let mark = pcLine?.file == center.file && pcLine?.line == n ? "=>" : "  "
            out.append("\(mark)\(String(n).padding(to: 5)) \(Self.escaped(String(lines[n - 1])))")
        }
        listPosition = (center.file, last + 1, session.step)
        return "\(center.file):\n" + out.joined(separator: "\n")
    }

    func disassembleCommand(_ a: CommandInvocation) throws -> String {
        let s = session
        let program = s.built.program
        let link: UInt64
        if a.argument.isEmpty {
            guard s.board.power == .on else { throw CommandError(column: a.argumentColumn, "the core is powered down: disassemble FUNCTION") }
            link = s.run.linkAddress(of: s.machine.pc)
        } else {
            let (loc, _) = try resolveLocation(a.argument, a.argumentColumn)
            guard case .addresses(let list) = loc, let first = list.first else {
                throw CommandError(column: a.argumentColumn, "a boundary is not a function: disassemble a label or *ADDR")
            }
            link = first
        }
        guard let f = program.symbols.symbol(containing: link), link < program.end else {
            throw CommandError(column: a.argumentColumn, "no function at 0x\(hex(link)) (outside the program)")
        }
        // The function's end: its .size, else the next label, at most 512 instructions.
        let next = program.symbols.all.first { $0.address > f.address && $0.kind != .constant }?.address ?? program.end
        let end = min(f.size.map { f.address &+ $0 } ?? next, program.end, f.address &+ 2048)
        // Shown in the address space the core runs the code in now.
        let pc = s.board.power == .on ? s.machine.pc : nil
        let physical = pc.map { $0 != s.run.linkAddress(of: $0) } ?? false
        var lines = ["Dump of assembler code for function \(f.name) (\(f.location.file):\(f.location.line))" + (physical ? ", at its physical addresses (the MMU is off):" : ":")]
        var at = f.address
        while at < end {
            defer { at &+= 4 }
            guard let w = program.word(at: at) else { break }
            let shown = physical ? s.built.physical(at) : at
            let mark = pc.map { s.run.linkAddress(of: $0) == at } == true ? "=> " : "   "
            let body = program.isInstruction(at: at) ? symbolicText(word: w, at: at) : ".word 0x" + String(w, radix: 16)
            lines.append("\(mark)0x\(hex(shown)) <+\(at - f.address)>:\t\(body)")
        }
        lines.append("End of assembler dump.")
        return lines.joined(separator: "\n")
    }
}
