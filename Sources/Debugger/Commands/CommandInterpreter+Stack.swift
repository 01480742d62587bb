import A64
import Assembler
import Machine
import Platform

/// `backtrace` and `info frame`: the call chain worked out from the pc, lr and the frame records
/// x29 points at (AArch64's `stp x29, x30, [sp, #-N]!; mov x29, sp`), across the power-off:
/// after the warm boot the chain is whatever the restore put back, and a return address that
/// came back through the context is said to.
extension CommandInterpreter {
    /// One frame of the chain.
    public struct Frame: Equatable, Sendable {
        /// The pc (frame 0) or the return address (callers).
        public var pc: UInt64
        /// "system_suspend+40", or nil outside the image.
        public var function: String?
        /// file:line of the pc, or of the call for a caller.
        public var place: String
        /// How this frame was found, or why the chain ends here.
        public var note: String?
    }

    /// The frames, innermost first (at most 32); and, when the chain stops early, why.
    public func frames() -> (frames: [Frame], end: String?) {
        let s = session
        guard s.board.power == .on else { return ([], "the core is powered down: no registers, no stack") }
        let m = s.machine
        let unknowns = s.board.unknowns
        var out = [Frame(pc: m.pc, function: s.symbolize(m.pc), place: s.run.place(s.run.linkAddress(of: m.pc)), note: nil)]
        // Frame 0: does its function hold a frame record yet?
        var fp = m.x(29)
        var fpKnown = unknowns.origin(of: .register(29)) == nil
        var ret: UInt64
        if let framed = hasFrameRecord(at: m.pc), framed {
            guard fpKnown else { return (out, "x29 is unknown (\(unknowns.origin(of: .register(29)).map { "\($0)" } ?? "lost")): no frame record to follow") }
            guard let r = readWord(fp &+ 8), let next = readWord(fp) else { return (out, "the frame record at x29 = 0x\(hex(fp)) cannot be read") }
            ret = r; fp = next
        } else {
            if let o = unknowns.origin(of: .register(30)) {
                return (out, "lr is unknown (\(o)): the caller is known again once the restore loads lr from \(s.built.manifest.contextSymbol)")
            }
            ret = m.x(30)
        }
        var note = returnNote(ret, lrDirect: out.count == 1)
        while out.count < 32 {
            guard ret != 0, s.symbolize(ret &- 4) != nil, let function = s.symbolize(ret) else {
                return (out, ret == 0 ? "the return address is 0" : "the return address 0x\(hex(ret)) is outside the program")
            }
            let link = s.run.linkAddress(of: ret &- 4)
            out.append(Frame(pc: ret, function: function, place: s.run.place(link), note: note))
            note = nil
            // The caller's own caller: through its frame record, if it keeps one.
            guard hasPrologue(at: ret &- 4) else {
                let name = s.built.program.symbols.symbol(containing: link)?.name ?? "it"
                return (out, "\(name) keeps no frame record (no stp x29, x30 at its start): the chain ends here")
            }
            guard fpKnown, fp != 0 else { return (out, fp == 0 ? nil : "x29 is unknown: the chain ends here") }
            guard let r = readWord(fp &+ 8), let next = readWord(fp) else {
                return (out, "the frame record at 0x\(hex(fp)) cannot be read")
            }
            ret = r
            if next == fp { return (out, "the frame record at 0x\(hex(fp)) points at itself") }
            fp = next
            fpKnown = true
        }
        return (out, "stopped after 32 frames")
    }

    /// "lr restored from resume_cpu_context.callee_regs[11] at step 622: prepare_resume_ctx
    /// returns here a second time", when the return address came back through the context.
    func returnNote(_ ret: UInt64, lrDirect: Bool) -> String? {
        let run = session.run
        guard lrDirect, let w = run.registerWriters[30], let wake = run.detector.boundary(.warmBoot), w.step > wake.step,
              w.step <= session.step, let from = w.loadedFrom, let f = run.field(atPhysical: from) else { return nil }
        var note = "lr restored from \(session.built.manifest.contextSymbol).\(f.name) at step \(w.step)"
        if let r = run.detector.returnAddress, ret == r {
            note += ": \(session.built.manifest.saveSymbol) returns here a second time"
        }
        return note
    }

    /// Whether the function holding `pc` has pushed its frame record and not popped it yet
    /// (nil outside the image).
    func hasFrameRecord(at pc: UInt64) -> Bool? {
        let s = session
        let link = s.run.linkAddress(of: pc)
        guard let f = s.built.program.symbols.symbol(containing: link) else { return nil }
        guard hasPrologue(at: link), link >= f.address &+ 8 else { return false }
        // Popped already? (an `ldp x29, x30, [sp], #N` between the prologue and here)
        var a = f.address &+ 8
        while a < link {
            if let w = s.built.program.word(at: a) {
                let i = Decoder.decode(w)
                if i.op == .ldp, i.rd == 29, i.ra == 30, i.rn == 31, i.mode == .post { return false }
            }
            a &+= 4
        }
        return true
    }

    /// Whether the function holding link address `link` starts with `stp x29, x30, [sp, #-N]!`.
    func hasPrologue(at link: UInt64) -> Bool {
        let s = session
        let l = s.run.linkAddress(of: link)
        guard let f = s.built.program.symbols.symbol(containing: l), let w = s.built.program.word(at: f.address) else { return false }
        let i = Decoder.decode(w)
        return i.op == .stp && i.rd == 29 && i.ra == 30 && i.rn == 31 && i.mode == .pre
    }

    func readWord(_ va: UInt64) -> UInt64? {
        guard let b = try? session.readMemory(virtual: va, count: 8) else { return nil }
        var v: UInt64 = 0
        for (k, x) in b.enumerated() { v |= UInt64(x) << UInt64(8 * k) }
        return v
    }

    func backtraceCommand(_ a: CommandInvocation) throws -> String {
        try noArgument(a.word, a.argument, a.argumentColumn)
        let (frames, end) = frames()
        var lines: [String] = []
        for (i, f) in frames.enumerated() {
            let at = i == 0 ? "" : " (returns to)"
            lines.append("#\(i)  0x\(hex(f.pc))\(at) in \(f.function ?? "??") at \(f.place)" + (f.note.map { "  [\($0)]" } ?? ""))
        }
        if frames.isEmpty { lines.append(end ?? "no frames") } else if let end { lines.append("(\(end))") }
        return lines.joined(separator: "\n")
    }

    /// `info frame`: frame 0 in detail.
    func infoFrame() -> String {
        let s = session
        guard s.board.power == .on else { return "the core is powered down: no frame" }
        let m = s.machine
        let (frames, end) = frames()
        var lines = ["Stack level 0: pc = 0x\(hex(m.pc))\(s.symbolize(m.pc).map { " <\($0)>" } ?? "") at \(s.run.place(s.run.linkAddress(of: m.pc)))"]
        lines.append(" sp = 0x\(hex(m.sp)), x29 (fp) = \(valueOrUnknown(29)), lr = \(valueOrUnknown(30))")
        switch hasFrameRecord(at: m.pc) {
        case true?:
            let fp = m.x(29)
            lines.append(" this function's frame record at x29 = 0x\(hex(fp)): saved x29 = \(readWord(fp).map { "0x" + hex($0) } ?? "unreadable"), saved lr = \(readWord(fp &+ 8).map { "0x" + hex($0) } ?? "unreadable")")
        case false?:
            lines.append(" no frame record of its own (a leaf, or before its prologue / after its epilogue): lr holds the return address")
        case nil:
            lines.append(" outside the program: no function, no frame record")
        }
        if frames.count > 1 {
            let c = frames[1]
            lines.append(" called by frame 1: returns to 0x\(hex(c.pc)) <\(c.function ?? "??")> (\(c.place))" + (c.note.map { "; \($0)" } ?? ""))
        } else if let end {
            lines.append(" caller: \(end)")
        }
        return lines.joined(separator: "\n")
    }

    func valueOrUnknown(_ r: Int) -> String {
        if let o = session.board.unknowns.origin(of: .register(r)) { return "unknown (since \(o))" }
        return "0x" + hex(session.machine.x(r))
    }
}
