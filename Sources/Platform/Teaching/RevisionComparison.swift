import A64
import Assembler

/// Two revisions of the patch side by side: their save and restore code aligned instruction by
/// instruction through the struct field each one touches, the struct layouts, what changed, and
/// (with a review email) the reviewer's remarks next to the lines they quote.
public struct RevisionComparison {
    public let left: BuiltScenario
    public let right: BuiltScenario
    public let review: ReviewEmail?

    public init(_ left: BuiltScenario, _ right: BuiltScenario, review: ReviewEmail? = nil) {
        self.left = left; self.right = right; self.review = review
    }

    /// One aligned row: the register (or field) and each side's access.
    public struct Row: Sendable {
        public var register: String
        public var left: ContextAccess?
        public var right: ContextAccess?
    }

    /// Rows of the save (`restoring == false`) or restore code, ordered by the right side's
    /// offsets (then the left's), so a field moved or added shows where it lands.
    public func rows(restoring: Bool) -> [Row] {
        let l = StaticCheck(left), r = StaticCheck(right)
        let la = restoring ? l.restores : l.saves, ra = restoring ? r.restores : r.saves
        var keys: [String] = []
        for a in ra.sorted(by: { $0.offset < $1.offset }) + la.sorted(by: { $0.offset < $1.offset }) where !keys.contains(a.register) {
            keys.append(a.register)
        }
        return keys.map { k in Row(register: k, left: la.first { $0.register == k }, right: ra.first { $0.register == k }) }
    }

    /// The source line of an access ("stp x19, x20, [x0], #16"), whitespace collapsed.
    func source(_ b: BuiltScenario, _ a: ContextAccess) -> (text: String, place: String, context: String?) {
        func line(_ pc: UInt64) -> String? {
            guard let loc = b.program.lineMap.location(at: pc), let file = b.scenario.files[loc.file] else { return nil }
            let lines = file.split(separator: "\n", omittingEmptySubsequences: false)
            return loc.line >= 1 && loc.line <= lines.count ? ReviewEmail.collapse(String(lines[loc.line - 1])) : nil
        }
        guard let loc = b.program.lineMap.location(at: a.pc), let text = line(a.pc) else { return ("?", "?", nil) }
        // The instruction that moves the value between the register and the store or load:
        // `mrs x2, VBAR_EL2` before a save, `msr VBAR_EL2, x2` / `mov sp, x2` after a restore.
        var context: String?
        if a.register.hasSuffix("_EL2") || a.register == "sp" {
            let neighbour = StaticCheck.isRestore(b, a) ? a.pc &+ 4 : a.pc &- 4
            if let w = b.program.word(at: neighbour), b.program.isInstruction(at: neighbour) {
                let op = A64.Decoder.decode(w).op
                if op == .mrs || op == .msr || op == .addImm { context = line(neighbour) }
            }
        }
        return (text, "\(loc.file):\(loc.line)", context)
    }

    /// What changed between the revisions, in words.
    public var changes: [String] {
        var out: [String] = []
        let lm = left.manifest, rm = right.manifest
        if left.layout.name != right.layout.name { out.append("struct renamed: \(left.layout.name) -> \(right.layout.name)") }
        if lm.contextSymbol != rm.contextSymbol { out.append("global renamed: \(lm.contextSymbol) -> \(rm.contextSymbol)") }
        let lPost = StaticCheck(left).saves.contains(where: \.postIncrement), rPost = StaticCheck(right).saves.contains(where: \.postIncrement)
        if lPost != rPost {
            out.append("addressing: \(lPost ? "post-increment (the instruction order is the layout)" : "fixed offsets") -> \(rPost ? "post-increment" : "fixed offsets from asm-offsets (\(right.offsets.prefix(2).map(\.name).joined(separator: ", ")), ...)")")
        }
        let lArg = lm.config.contains { $0.0 == "PREPARE_RESUME_CTX_TAKES_PTR" }, rArg = rm.config.contains { $0.0 == "PREPARE_RESUME_CTX_TAKES_PTR" }
        if lArg != rArg { out.append("prepare_resume_ctx: \(lArg ? "(struct \(left.layout.name) *ptr)" : "(void)") -> \(rArg ? "(struct \(right.layout.name) *ptr)" : "(void), loading the address itself")") }
        let lf = Set(left.layout.fields.map(\.name)), rf = Set(right.layout.fields.map(\.name))
        let rs = StaticCheck(right)
        for f in right.layout.fields where !lf.contains(f.name) {
            let saved = rs.saves.contains { $0.offset == f.offset && $0.register.lowercased() == f.name }
            let restored = rs.restores.contains { $0.offset == f.offset && $0.register.lowercased() == f.name }
            out.append("new field \(f.name) at offset \(f.offset), " + (saved && restored ? "saved and restored like the others"
                : "but the assembly does not \(saved ? "restore" : restored ? "save" : "save or restore") it: \(right.layout.name)'s fields from offset \(f.offset) on no longer match the code (\(rs.findings.filter { $0.kind == "offset-disagrees-with-struct" }.count) offsets disagree)"))
        }
        for f in left.layout.fields where !rf.contains(f.name) { out.append("field \(f.name) removed") }
        if left.layout.size != right.layout.size { out.append("size: \(left.layout.size) -> \(right.layout.size) bytes") }
        // Where each register is saved and restored from, and in which order.
        for (what, restoring) in [("saved", false), ("restored", true)] {
            let rows = self.rows(restoring: restoring)
            var moved: [String] = []
            for r in rows { if let l = r.left, let rr = r.right, l.offset != rr.offset { moved.append("\(r.register) \(what) at offset \(l.offset) -> \(rr.offset)") } }
            if !moved.isEmpty { out.append(moved.joined(separator: "; ")) }
            let l = StaticCheck(left), rc = StaticCheck(right)
            let lo = (restoring ? l.restores : l.saves).map(\.register), ro = (restoring ? rc.restores : rc.saves).map(\.register)
            let common = Set(lo).intersection(ro)
            let lOrder = lo.filter(common.contains), rOrder = ro.filter(common.contains)
            if lOrder != rOrder {
                var swapped: [String] = []
                for (a, b) in zip(lOrder, rOrder) where a != b && !swapped.contains("\(b) / \(a)") { swapped.append("\(a) / \(b)") }
                out.append("\(restoring ? "restore" : "save") order changed: " + swapped.joined(separator: ", ") + " now come in another order")
            }
            // The same offsets, but the registers exchanged between them (the restore-order bug).
            let lMap = Dictionary((restoring ? l.restores : l.saves).map { ($0.register, $0.offset) }, uniquingKeysWith: { a, _ in a })
            let rMap = Dictionary((restoring ? rc.restores : rc.saves).map { ($0.register, $0.offset) }, uniquingKeysWith: { a, _ in a })
            var pairs: [String] = []
            for (reg, off) in rMap.sorted(by: { $0.key < $1.key }) {
                if let lOff = lMap[reg], lOff != off, let other = lMap.first(where: { $0.value == off })?.key, rMap[other] == lOff, reg < other {
                    pairs.append("\(reg) and \(other) exchanged their offsets (\(lOff) <-> \(off))")
                }
            }
            if !pairs.isEmpty { out.append("\(restoring ? "restore" : "save"): " + pairs.joined(separator: "; ")) }
        }
        if out.isEmpty { out.append("no difference in the context save/restore") }
        return out
    }

    /// The comparison as text. Cells are never cut: the columns are as wide as their widest
    /// cell (a terminal view scrolls sideways).
    public func text() -> String {
        func content(_ b: BuiltScenario, _ a: ContextAccess?) -> String {
            guard let a else { return "—" }
            let s = source(b, a)
            let code = s.context.map { StaticCheck.isRestore(b, a) ? "\(s.text); \($0)" : "\($0); \(s.text)" } ?? s.text
            var t = "\(code)  \(s.place)"
            if let marks = review?.remarks(for: s.text), !marks.isEmpty { t += " " + marks.map { "[R\($0.number)]" }.joined() }
            return t
        }
        var col = 30
        for restoring in [false, true] {
            for r in rows(restoring: restoring) { col = max(col, content(left, r.left).count + 1, content(right, r.right).count + 1) }
        }
        func cell(_ b: BuiltScenario, _ a: ContextAccess?) -> String {
            content(b, a).padding(toLength: col, withPad: " ", startingAt: 0)
        }
        func fieldName(_ b: BuiltScenario, _ a: ContextAccess?) -> String {
            guard let a else { return "" }
            return b.layout.fields.first { a.offset >= $0.offset && a.offset < $0.offset + $0.size }.map { f in
                f.count > 1 ? "\(f.name)[\((a.offset - f.offset) / f.elementSize)]" : f.name
            } ?? "?"
        }
        var out: [String] = []
        let ln = left.manifest.name, rn = right.manifest.name
        out.append("compare \(ln) (\(left.contextSummary))  <->  \(rn) (\(right.contextSummary))")
        for (title, restoring) in [("save: \(left.manifest.saveSymbol)", false), ("restore: \(right.manifest.resumeSymbol) / \(right.manifest.restoreSymbol)", true)] {
            out.append("")
            out.append(title)
            out.append("reg          field (off)           │ " + ln.padding(toLength: col, withPad: " ", startingAt: 0) + "│ " + rn)
            for r in rows(restoring: restoring) {
                let a = r.right ?? r.left!
                let b = r.right != nil ? right : left
                let f = "\(fieldName(b, a)) (\(a.offset))"
                var line = r.register.padding(toLength: 12, withPad: " ", startingAt: 0) + " " + f.padding(toLength: 21, withPad: " ", startingAt: 0) + " │ "
                line += cell(left, r.left) + "│ " + cell(right, r.right)
                if let l = r.left, let rr = r.right, l.offset != rr.offset { line += "  offset \(l.offset) -> \(rr.offset)" }
                out.append(line)
            }
        }
        out.append("")
        out.append("struct layout          \(ln.padding(toLength: 8, withPad: " ", startingAt: 0)) \(rn)")
        var names: [String] = right.layout.fields.map(\.name)
        for f in left.layout.fields where !names.contains(f.name) { names.append(f.name) }
        for n in names {
            let l = left.layout.field(named: n).map { String($0.offset) } ?? "—"
            let r = right.layout.field(named: n).map { String($0.offset) } ?? "—"
            out.append("  " + n.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + l.padding(toLength: 8, withPad: " ", startingAt: 0) + " " + r)
        }
        out.append("")
        out.append("what changed")
        for c in changes { out.append("  - " + c) }
        if let review, !review.remarks.isEmpty {
            out.append("")
            out.append("review")
            for m in review.remarks {
                out.append("  [R\(m.number)] on `\(m.quotedLine)`\(m.codeLine.map { $0 != m.quotedLine ? " (applies to `\($0)`)" : "" } ?? ""):")
                out.append("       \(m.text)")
                if let reply = m.reply { out.append("       reply: \(reply)") }
            }
        }
        return out.joined(separator: "\n")
    }
}
