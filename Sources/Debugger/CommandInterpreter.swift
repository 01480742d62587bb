import A64
import Foundation
import Assembler
import Machine
import Platform
import SafeIO

/// The gdb-style command language over a `DebugSession`: one command line in, its output out.
/// A command that is malformed (or cannot be carried out) returns an error naming what was
/// wrong and the column, and changes nothing. Used by `suspendscope debug --commands` and the TUI.
public final class CommandInterpreter {
    /// The session commands act on (`load` replaces it).
    public internal(set) var session: DebugSession
    /// Set by `quit`: the caller stops reading commands.
    public internal(set) var quitRequested = false

    /// `display` expressions, shown after every command that moves the program.
    public internal(set) var displays: [Display] = []
    var nextDisplayID = 1
    /// Where `list` goes on when repeated: the file and the next line.
    var listPosition: (file: String, line: Int, step: Int)?
    /// The themes `theme NAME` accepts (the TUI and the executable give the real list: shipped,
    /// user and ./themes files).
    public var availableThemes: () -> [String] = { CommandInterpreter.builtinThemes }

    /// An interpreter over `session`.
    public init(session: DebugSession) { self.session = session }

    /// The result of one command: its output lines, or the error.
    public struct Result: Sendable {
        public var output: String
        public var error: CommandError?
        public var ok: Bool { error == nil }
    }

    /// Runs one command line. Blank lines and `#` comments do nothing.
    public func execute(_ line: String) -> Result {
        do {
            var out = try dispatch(line)
            let notices = session.takeNotices()
            if !notices.isEmpty { out += (out.isEmpty ? "" : "\n") + notices.map { "notice: " + $0 }.joined(separator: "\n") }
            return Result(output: out, error: nil)
        } catch let e as CommandError {
            return Result(output: "", error: e)
        } catch {
            return Result(output: "", error: CommandError(column: 0, "\(error)"))
        }
    }

    /// A word of the command line and the column where it starts.
    public struct Word { public var text: String; public var column: Int }

    static func words(_ s: Substring, from column: Int) -> [Word] {
        var out: [Word] = []
        var cur = ""
        var start = 0
        var col = column
        for ch in s {
            if ch == " " || ch == "\t" {
                if !cur.isEmpty { out.append(Word(text: cur, column: start)); cur = "" }
            } else {
                if cur.isEmpty { start = col }
                cur.append(ch)
            }
            col += 1
        }
        if !cur.isEmpty { out.append(Word(text: cur, column: start)) }
        return out
    }

    func dispatch(_ raw: String) throws -> String {
        for ch in raw.unicodeScalars where TerminalText.isControl(ch) && ch != "\t" {
            let col = raw.unicodeScalars.distance(from: raw.unicodeScalars.startIndex, to: raw.unicodeScalars.firstIndex(of: ch)!) + 1
            throw CommandError(column: col, "control character \(TerminalText.escape(ch)) in the command")
        }
        let line = Substring(raw)
        let lead = line.prefix { $0 == " " || $0 == "\t" }.count
        let body = line.dropFirst(lead)
        if body.isEmpty || body.hasPrefix("#") { return "" }
        // The command word ends at a space or a '/' (p/x, x/4gx).
        let cmdEnd = body.firstIndex { $0 == " " || $0 == "\t" || $0 == "/" } ?? body.endIndex
        let cmd = String(body[..<cmdEnd])
        let cmdCol = lead + 1
        var rest = body[cmdEnd...]
        var restCol = cmdCol + cmd.count
        var format: Word?
        if rest.hasPrefix("/") {
            let fEnd = rest.firstIndex { $0 == " " || $0 == "\t" } ?? rest.endIndex
            format = Word(text: String(rest[rest.index(after: rest.startIndex)..<fEnd]), column: restCol + 1)
            restCol += rest.distance(from: rest.startIndex, to: fEnd)
            rest = rest[fEnd...]
        }
        // Trim the argument text, keeping its column.
        let argLead = rest.prefix { $0 == " " || $0 == "\t" }.count
        let arg = String(rest.dropFirst(argLead)).trimmingTrailingSpaces()
        let argCol = restCol + argLead
        guard let command = CommandTable.lookup(cmd) else {
            let c = CommandTable.candidates(cmd)
            if c.count > 1 { throw CommandError(column: cmdCol, "'\(cmd)' is ambiguous: \(c.joined(separator: ", "))") }
            throw CommandError(column: cmdCol, "unknown command '\(cmd)' (try help, or apropos WORD)")
        }
        if let format, !command.takesFormat {
            throw CommandError(column: format.column - 1, "'\(cmd)' takes no /FORMAT")
        }
        let invocation = CommandInvocation(word: cmd, wordColumn: cmdCol, format: format, argument: arg, argumentColumn: argCol)
        var out = try command.handler(self, invocation)
        if command.resumes && !displays.isEmpty {
            let shown = showDisplays()
            if !shown.isEmpty { out += (out.isEmpty ? "" : "\n") + shown }
        }
        return out
    }

    // MARK: Arguments

    func noArgument(_ cmd: String, _ arg: String, _ col: Int) throws {
        if !arg.isEmpty { throw CommandError(column: col, "\(cmd) takes no argument") }
    }

    /// A repeat count: empty is 1; else an expression from 1 to the runaway guard.
    func count(_ arg: String, _ col: Int) throws -> Int {
        guard !arg.isEmpty else { return 1 }
        let v = try session.evaluate(try ExpressionParser.parse(arg, columnOffset: col - 1))
        guard v >= 1, v <= UInt64(session.maxStepsPerCommand) else {
            throw CommandError(column: col, "expected a count from 1 to \(session.maxStepsPerCommand) (the max-steps guard), not \(v)")
        }
        return Int(v)
    }

    func idList(_ arg: String, _ col: Int, allowEmpty: Bool) throws -> [Int] {
        let w = Self.words(Substring(arg), from: col)
        if w.isEmpty && !allowEmpty { throw CommandError(column: col, "expected breakpoint numbers") }
        return try w.map(breakpointID)
    }

    func breakpointID(_ w: Word) throws -> Int {
        guard let n = Int(w.text), n > 0 else { throw CommandError(column: w.column, "expected a breakpoint number, not '\(w.text)'") }
        guard session.exists(n) else { throw CommandError(column: w.column, "no breakpoint or watchpoint number \(n)") }
        return n
    }

    /// Parses a condition and checks it names only things that exist (it is evaluated now; an
    /// error that only the current state causes, like unreadable memory, is accepted).
    func checkedCondition(_ text: String, _ col: Int) throws -> Expr {
        let e = try ExpressionParser.parse(text, columnOffset: col - 1)
        do { _ = try session.evaluate(e) } catch let err as CommandError {
            if !err.message.hasPrefix("cannot read memory") && !err.message.contains("by zero") { throw err }
        }
        return e
    }

    /// Splits "TARGET if COND" at a top-level `if` word.
    static func splitIf(_ arg: String) -> (target: String, cond: String?, condOffset: Int) {
        let w = words(Substring(arg), from: 0)
        guard let i = w.firstIndex(where: { $0.text == "if" }) else { return (arg, nil, 0) }
        let at = w[i].column
        let target = String(arg.prefix(at)).trimmingTrailingSpaces()
        let after = String(arg.dropFirst(at + 2))
        let lead = after.prefix { $0 == " " || $0 == "\t" }.count
        return (target, String(after.dropFirst(lead)).trimmingTrailingSpaces(), at + 2 + lead)
    }

    // MARK: Locations

    /// A boundary name, `*EXPR`, `FILE:LINE`, a label, or an address expression.
    func resolveLocation(_ text: String, _ col: Int) throws -> (BreakLocation, String) {
        if let b = BoundaryName(rawValue: text) { return (.boundary(b), "boundary \(b.rawValue): \(b.meaning)") }
        if text.hasPrefix("*") {
            let a = try session.evaluate(try ExpressionParser.parse(String(text.dropFirst()), columnOffset: col))
            return (.addresses([session.run.linkAddress(of: a)]), "address 0x\(hex(a))")
        }
        if let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]) {
            let file = String(text[..<colon])
            let map = session.built.program.lineMap
            guard map.entries.contains(where: { $0.location.file == file }) else {
                let files = Set(map.entries.map(\.location.file)).sorted()
                throw CommandError(column: col, "no source file '\(file)' in \(session.built.manifest.name) (files: \(files.joined(separator: ", ")))")
            }
            guard line >= 1 else { throw CommandError(column: col + file.count + 1, "line numbers start at 1, not \(line)") }
            // Checked: a line near Int.max must not overflow the search window.
            let (end, over) = line.addingReportingOverflow(20)
            for l in line..<(over ? Int.max : end) {
                let addrs = map.addresses(file: file, line: l).filter { session.built.program.isInstruction(at: $0) }
                if !addrs.isEmpty {
                    return (.addresses(addrs), "\(file):\(l)" + (l == line ? "" : " (the first line with code after \(file):\(line))") + " at 0x\(hex(addrs[0]))")
                }
            }
            throw CommandError(column: col + file.count + 1, "no instruction at \(file):\(line) or the 20 lines after it")
        }
        if let a = session.built.symbol(text) { return (.addresses([a]), "\(text) at 0x\(hex(a))") }
        let e: Expr
        do { e = try ExpressionParser.parse(text, columnOffset: col - 1) } catch {
            throw CommandError(column: col, "no boundary, label, address or file:line '\(text)' (boundaries: \(BoundaryName.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        if case .path(let name, [], _) = e {
            throw CommandError(column: col, "no boundary or label '\(name)' in \(session.built.manifest.name) (boundaries: \(BoundaryName.allCases.map(\.rawValue).joined(separator: ", ")); or give a label, *ADDR or file:line)")
        }
        let a = try session.evaluate(e)
        return (.addresses([session.run.linkAddress(of: a)]), "address 0x\(hex(a))")
    }

    /// Breakpoints and watchpoints are bounded (`DebugSession.maxBreakpoints`).
    func roomForOneMore(_ col: Int) throws {
        guard session.breakpoints.count + session.watchpoints.count < DebugSession.maxBreakpoints else {
            throw CommandError(column: col, "the session already holds \(DebugSession.maxBreakpoints) breakpoints and watchpoints, the most it keeps (delete some first)")
        }
    }

    func breakCommand(_ arg: String, _ col: Int, temporary: Bool = false) throws -> String {
        guard !arg.isEmpty else { throw CommandError(column: col, "break needs a location: a boundary, label, *ADDR or file:line") }
        let (target, cond, condOffset) = Self.splitIf(arg)
        guard !target.isEmpty else { throw CommandError(column: col, "break needs a location before 'if'") }
        try roomForOneMore(col)
        let (loc, what) = try resolveLocation(target, col)
        var e: Expr?
        if let cond {
            guard !cond.isEmpty else { throw CommandError(column: col + condOffset, "expected a condition after 'if'") }
            e = try checkedCondition(cond, col + condOffset)
        }
        let id = session.addBreakpoint(spec: target, location: loc, conditionText: cond, condition: e, temporary: temporary)
        return "\(temporary ? "Temporary breakpoint" : "Breakpoint") \(id) at \(what)" + (cond.map { " if \($0)" } ?? "")
    }

    func watchCommand(_ arg: String, _ col: Int) throws -> String {
        guard !arg.isEmpty else { throw CommandError(column: col, "watch needs something to watch: $reg, $SYSREG, a struct field, a symbol or *ADDR[@LEN]") }
        try roomForOneMore(col)
        let e = try ExpressionParser.parse(arg, columnOffset: col - 1)
        let target: WatchTarget
        var what: String
        switch e {
        case .range(let base, let len, let rcol):
            let n = try session.evaluate(len)
            guard n >= 1, n <= 4096 else { throw CommandError(column: len.column, "a watched range is 1 to 4096 bytes, not \(n)") }
            var a: UInt64
            if let lv = try session.lvalue(base), case .memory(let addr, _) = lv { a = addr } else { a = try session.evaluate(base) }
            if case .unary("*", let inner, _) = base { a = try session.evaluate(inner) }
            guard let pa = session.physicalAddress(of: a), session.machine.memory.readBytes(at: pa, count: Int(n)) != nil else {
                throw CommandError(column: rcol, "cannot watch 0x\(hex(a))@\(n): not RAM")
            }
            target = .memory(physical: pa, count: Int(n))
            what = "\(n) bytes at 0x\(hex(a)) (physical 0x\(hex(pa)))"
        default:
            if case .register(let r, let c) = e, r.lowercased() == "pc" {
                throw CommandError(column: c, "$pc changes on every step: use break to stop at an address")
            }
            guard let lv = try session.lvalue(e) else {
                throw CommandError(column: col, "cannot watch '\(arg)': it is a value, not something that holds one (watch $reg, $SYSREG, a struct field, a symbol or *ADDR[@LEN])")
            }
            switch lv {
            case .register(let r, _):
                target = .register(r); what = "register"
            case .systemRegister(let i), .bitfield(let i, _):
                target = .systemRegister(i); what = "system register \(SystemRegisterCatalogue.all[i].name)"
            case .memory(let a, let n):
                guard let pa = session.physicalAddress(of: a), session.machine.memory.readBytes(at: pa, count: n) != nil else {
                    throw CommandError(column: col, "cannot watch 0x\(hex(a)): not RAM")
                }
                target = .memory(physical: pa, count: n)
                what = "\(n) bytes at 0x\(hex(a)) (physical 0x\(hex(pa)))"
            }
        }
        let id = session.addWatchpoint(spec: arg, target: target)
        return "Watchpoint \(id): \(arg) (\(what)) = \(show(session.read(target)))"
    }

    // MARK: Stepping over calls

    static func callDepthChange(_ s: BoardStep, _ depth: inout Int) {
        guard let e = s.effects, e.exception == nil else { return }
        switch e.instruction.op {
        case .bl, .blr: depth += 1
        case .ret: depth -= 1
        default: break
        }
    }

    func next(_ n: Int) throws -> String {
        var out: [String] = []
        for _ in 0..<n {
            let i = session.board.power == .on ? session.board.instruction(at: session.machine.pc) : nil
            let stop: Stop
            if let i, i.op == .bl || i.op == .blr {
                var depth = 0
                stop = session.forward(done: { s in Self.callDepthChange(s, &depth); return depth <= 0 })
            } else {
                stop = session.forward(count: 1)
            }
            out.append(describe(stop))
            if stop.reason != .done { break }
        }
        return out.joined(separator: "\n")
    }

    func reverseNextOne() -> Stop {
        var depth = 0
        var first = true
        return session.backward(done: { s in
            guard let e = s.effects, e.exception == nil else { first = false; return depth == 0 }
            defer { first = false }
            switch e.instruction.op {
            case .ret: depth += 1
            case .bl, .blr: depth -= 1
            default: break
            }
            if first { return depth <= 0 }
            return depth <= 0
        })
    }

    // MARK: Printing values

    func printCommand(_ arg: String, _ col: Int, _ format: Word?) throws -> String {
        guard !arg.isEmpty else { throw CommandError(column: col, "print needs an expression") }
        // `p $x19 = 5`: the assignment as `set` does it (a user edit), then the new value.
        if let eq = Self.assignment(in: arg) {
            _ = try setCommand(arg, col)
            let lhs = String(arg.prefix(eq)).trimmingTrailingSpaces()
            return try printCommand(lhs, col, format) + "  (user edit at step \(session.step))"
        }
        var f: Character = " "
        if let format {
            guard format.text.count == 1, let c = format.text.first, "xduta".contains(c) else {
                throw CommandError(column: format.column, "unknown print format '\(format.text)' (expected x, d, u, t or a)")
            }
            f = c
        }
        let e = try ExpressionParser.parse(arg, columnOffset: col - 1)
        // `p $v0` / `p $q0`: all 128 bits, high half first, as one hex number.
        if case .register(let name, _) = e, let vr = DebugSession.vectorRegister(name), vr.width == 128 {
            let (lo, hi) = session.machine.vector(vr.n)
            return BatchRun.vectorHex((lo, hi)) + (f == "x" ? "" : "  {d[1] = 0x\(hex(hi)), d[0] = 0x\(hex(lo))}")
        }
        let v = try session.evaluate(e)
        var unknown = ""
        if let lv = try? session.lvalue(e), let note = unknownNote(lv) { unknown = "  (\(note))" }
        switch f {
        case "x": return "0x\(hex(v))" + unknown
        case "d": return "\(Int64(bitPattern: v))" + unknown
        case "u": return "\(v)" + unknown
        case "t": return String(v, radix: 2) + unknown
        case "a": return address(v) + unknown
        default: return "0x\(hex(v)) (\(v))" + unknown
        }
    }

    /// "unknown since power-off, step 58" for a register or system register the tracker marks.
    func unknownNote(_ lv: LValue) -> String? {
        let loc: StateLocation
        switch lv {
        case .register(let r, _): loc = r == 33 ? .flags : .register(r)
        case .systemRegister(let i), .bitfield(let i, _): loc = .systemRegister(i)
        case .memory: return nil
        }
        return session.board.unknowns.origin(of: loc).map { "unknown since \($0)" }
    }

    func address(_ v: UInt64) -> String {
        "0x\(hex(v))" + (session.symbolize(v).map { " <\($0)>" } ?? "")
    }

    func show(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "(unreadable)" }
        if bytes.count <= 8 {
            var v: UInt64 = 0
            for (k, b) in bytes.enumerated() { v |= UInt64(b) << UInt64(8 * k) }
            return "0x\(hex(v))"
        }
        return bytes.map { String(format2($0)) }.joined(separator: " ")
    }

    func format2(_ b: UInt8) -> String { b < 16 ? "0" + String(b, radix: 16) : String(b, radix: 16) }

    /// `x/NFU ADDR`: N units (b h w g) of memory in format F (x d u a), gdb's layout.
    func examine(_ arg: String, _ col: Int, _ format: Word?) throws -> String {
        var n = 1, f: Character = "x", unit: Character = "w"
        var unitGiven = false
        if let format {
            var digits = ""
            var c = format.column
            for ch in format.text {
                if ch.isASCII && ch.isNumber && unitGiven == false && f == "x" { digits.append(ch) }
                else if "xduasi".contains(ch) { f = ch }
                else if "bhwg".contains(ch) { unit = ch; unitGiven = true }
                else { throw CommandError(column: c, "unknown x format letter '\(ch)' (expected a count, then formats x d u a s i and units b h w g)") }
                c += 1
            }
            if !digits.isEmpty {
                guard digits.count <= 4, let k = Int(digits), k >= 1, k <= 4096 else {
                    throw CommandError(column: format.column, "x count \(digits) is out of range: expected 1 to 4096 units")
                }
                n = k
            }
        }
        if f == "a" && !unitGiven { unit = "g" }
        guard !arg.isEmpty else { throw CommandError(column: col, "x needs an address") }
        let e = try ExpressionParser.parse(arg, columnOffset: col - 1)
        var a = try session.evaluate(e)
        if case .path(_, let sel, _) = e, !sel.isEmpty, let lv = try session.lvalue(e), case .memory(let addr, _) = lv { a = addr }
        if f == "s" { return try examineStrings(n, at: a, column: col) }
        if f == "i" { return try examineInstructions(n, at: a, column: col) }
        let size = unit == "b" ? 1 : unit == "h" ? 2 : unit == "w" ? 4 : 8
        let bytes = try session.readMemory(virtual: a, count: n * size, column: col)
        let perLine = size == 8 ? 2 : size == 4 ? 4 : 8
        var lines: [String] = []
        var i = 0
        while i < n {
            let lineAddr = a &+ UInt64(i * size)
            var parts: [String] = []
            for k in i..<min(n, i + perLine) {
                var v: UInt64 = 0
                for b in 0..<size { v |= UInt64(bytes[k * size + b]) << UInt64(8 * b) }
                switch f {
                case "d":
                    let shift = UInt64(64 - 8 * size)
                    parts.append("\(Int64(bitPattern: v << shift) >> Int64(shift))")
                case "u": parts.append("\(v)")
                case "a": parts.append(address(v))
                default:
                    let h = hex(v)
                    parts.append("0x" + String(repeating: "0", count: max(0, size * 2 - h.count)) + h)
                }
            }
            lines.append("0x\(hex(lineAddr))" + (session.symbolize(lineAddr).map { " <\($0)>" } ?? "") + ":\t" + parts.joined(separator: "\t"))
            i += perLine
        }
        return lines.joined(separator: "\n")
    }

    // MARK: set

    func setCommand(_ arg: String, _ col: Int) throws -> String {
        let w = Self.words(Substring(arg), from: col)
        guard let first = w.first else { throw CommandError(column: col, "set needs $reg = EXPR, FIELD = EXPR, max-steps N or history-limit N") }
        if first.text == "max-steps" || first.text == "history-limit" {
            let most = first.text == "max-steps" ? 1_000_000_000 : DebugSession.maxHistoryLimit
            guard w.count == 2, let n = Int(w[1].text.replacingOccurrences(of: "_", with: "")), n >= 1, n <= most else {
                throw CommandError(column: w.count > 1 ? w[1].column : first.column + first.text.count, "\(first.text) needs a number from 1 to \(most)")
            }
            if first.text == "max-steps" { session.maxStepsPerCommand = n } else { session.historyLimit = n }
            return "\(first.text) = \(n)"
        }
        var body = arg
        var bodyCol = col
        if first.text == "var" || first.text == "variable" {
            body = String(arg.dropFirst(first.column - col + first.text.count))
            let lead = body.prefix { $0 == " " || $0 == "\t" }.count
            bodyCol = first.column + first.text.count + lead
            body = String(body.dropFirst(lead))
        }
        guard let eq = Self.assignment(in: body) else {
            throw CommandError(column: bodyCol, "expected TARGET = EXPR (like set $x19 = 0x1234), or set max-steps N / history-limit N")
        }
        let lhsText = String(body.prefix(eq)).trimmingTrailingSpaces()
        let rhsText = String(body.dropFirst(eq + 1))
        let rhsLead = rhsText.prefix { $0 == " " || $0 == "\t" }.count
        guard !lhsText.isEmpty else { throw CommandError(column: bodyCol, "expected something to set before '='") }
        guard rhsText.count > rhsLead else { throw CommandError(column: bodyCol + eq + 1, "expected a value after '='") }
        let lhs = try ExpressionParser.parse(lhsText, columnOffset: bodyCol - 1)
        let v = try session.evaluate(try ExpressionParser.parse(rhsText, columnOffset: bodyCol + eq))
        guard session.edits.count < session.editLimit else {
            throw CommandError(column: bodyCol, "the session already holds \(session.editLimit) user edits, the most it keeps (go back before some to undo them)")
        }
        if case .register(let r, _) = lhs, r.lowercased() == "pc" {
            session.editPC(v, target: "$pc")
            return "$pc = 0x\(hex(v))"
        }
        guard let lv = try session.lvalue(lhs) else {
            throw CommandError(column: bodyCol, "cannot set '\(lhsText)': expected a register, system register, bitfield or struct field")
        }
        switch lv {
        case .register(let r, let width):
            if r == 33 { session.editPSTATE(v, target: lhsText) }
            else { session.editRegister(r, width >= 64 ? v : v & ((1 << UInt64(width)) - 1), target: lhsText) }
        case .systemRegister(let i):
            let reg = SystemRegisterCatalogue.all[i]
            guard reg.kind != .readOnly else { throw CommandError(column: bodyCol, "\(reg.name) is read-only") }
            session.editSystemRegister(i, v, target: lhsText)
        case .bitfield(let i, let f):
            let reg = SystemRegisterCatalogue.all[i]
            guard reg.kind != .readOnly else { throw CommandError(column: bodyCol, "\(reg.name) is read-only") }
            guard f.width >= 64 || v < (UInt64(1) << UInt64(f.width)) else {
                throw CommandError(column: bodyCol + eq + 1 + rhsLead, "0x\(hex(v)) does not fit in \(reg.name).\(f.name) (\(f.width) bits)")
            }
            let old = session.machine.systemRegister(at: i)
            session.editSystemRegister(i, (old & ~f.mask) | ((v << UInt64(f.lsb)) & f.mask), target: lhsText, recorded: v)
        case .memory(let a, let n):
            guard n <= 8 else { throw CommandError(column: bodyCol, "\(lhsText) is \(n) bytes: set one element or field (at most 8 bytes)") }
            guard n == 8 || v < (UInt64(1) << UInt64(8 * n)) else {
                throw CommandError(column: bodyCol + eq + 1 + rhsLead, "0x\(hex(v)) does not fit in \(n) bytes")
            }
            guard let pa = session.physicalAddress(of: a) else { throw CommandError(column: bodyCol, "cannot write 0x\(hex(a)): not mapped") }
            let bytes = (0..<n).map { UInt8(truncatingIfNeeded: v >> UInt64(8 * $0)) }
            guard session.editMemory(physical: pa, bytes: bytes, value: v, target: lhsText) else {
                throw CommandError(column: bodyCol, "cannot write 0x\(hex(a)): not RAM")
            }
        }
        return "\(lhsText) = 0x\(hex(v)) (user edit at step \(session.step))"
    }

    /// The offset of the assignment '=' (not part of ==, !=, <=, >=).
    static func assignment(in s: String) -> Int? {
        let c = Array(s)
        for i in c.indices where c[i] == "=" {
            let prev: Character = i > 0 ? c[i - 1] : " "
            let next: Character = i + 1 < c.count ? c[i + 1] : " "
            if "=!<>".contains(prev) || next == "=" { continue }
            return i
        }
        return nil
    }

    func hex(_ v: UInt64) -> String { String(v, radix: 16) }

    static let builtinThemes = ["default", "light", "high-contrast", "mono"]

}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
