import A64

extension BuiltScenario {
    /// "hyp_resume+8" for a link address inside the image (code or data), or nil.
    public func symbolize(link address: UInt64) -> String? {
        let p = program
        let end = p.sections.map { $0.address &+ $0.size }.max() ?? p.end
        guard address >= p.base, address < max(end, p.end), let s = p.symbols.symbol(containing: address) else { return nil }
        let off = address &- s.address
        return off == 0 ? s.name : "\(s.name)+\(off)"
    }

    /// The instruction at link address `link` as objdump prints it, with `<symbol>` after a
    /// branch or adr target inside the image (`bl 20000200270 <cpu_init>`).
    public func symbolicText(word w: UInt32, at link: UInt64) -> String {
        let text = Disassembler.text(word: w, at: link)
        let i = Decoder.decode(w)
        switch i.op {
        case .b, .bl, .bcond, .cbz, .cbnz, .tbz, .tbnz, .adr:
            if let s = symbolize(link: link &+ UInt64(bitPattern: i.imm)) { return text + " <\(s)>" }
        default: break
        }
        return text
    }
}
