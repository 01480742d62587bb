import A64
import Assembler
import Machine
import Platform

/// `display`, `ptype`, and the string and instruction forms of `x`.
extension CommandInterpreter {
    /// One `display` expression: shown after every command that moves the program.
    public struct Display: Equatable, Sendable {
        public var id: Int
        public var expression: String
        public var format: String?
    }

    func displayCommand(_ a: CommandInvocation) throws -> String {
        if a.argument.isEmpty {
            guard a.format == nil else { throw CommandError(column: a.argumentColumn, "display/FMT needs an expression") }
            return displays.isEmpty ? "no displays (display EXPR adds one)" : showDisplays()
        }
        // Checked now, so a typo is reported at once rather than after every stop.
        let line = try printCommand(a.argument, a.argumentColumn, a.format)
        let d = Display(id: nextDisplayID, expression: a.argument, format: a.format?.text)
        nextDisplayID += 1
        displays.append(d)
        return "\(d.id): \(d.expression) = \(line)"
    }

    func undisplayCommand(_ a: CommandInvocation) throws -> String {
        let w = Self.words(Substring(a.argument), from: a.argumentColumn)
        if w.isEmpty {
            let n = displays.count
            displays.removeAll()
            return n == 0 ? "no displays" : "removed \(n) display\(n == 1 ? "" : "s")"
        }
        var ids: [Int] = []
        for word in w {
            guard let n = Int(word.text), displays.contains(where: { $0.id == n }) else {
                throw CommandError(column: word.column, "no display number '\(word.text)' (info display lists them)")
            }
            ids.append(n)
        }
        displays.removeAll { ids.contains($0.id) }
        return "removed display\(ids.count == 1 ? "" : "s") \(ids.map(String.init).joined(separator: ", "))"
    }

    /// Every display's current value, one per line ("1: $x0 = 0x1"); an expression that cannot
    /// be evaluated now says why.
    public func showDisplays() -> String {
        displays.map { d in
            let format = d.format.map { Word(text: $0, column: 0) }
            let value: String
            do { value = try printCommand(d.expression, 1, format) } catch let e as CommandError {
                value = "<\(e.message)>"
            } catch { value = "<\(error)>" }
            return "\(d.id): \(d.expression) = \(value)"
        }.joined(separator: "\n")
    }

    // MARK: ptype

    func ptypeCommand(_ a: CommandInvocation) throws -> String {
        var text = a.argument
        guard !text.isEmpty else { throw CommandError(column: a.argumentColumn, "ptype needs an expression or a struct name") }
        let layout = session.built.layout
        if text.hasPrefix("struct ") { text = String(text.dropFirst(7)).trimmingCharacters(in: " \t") }
        if text == layout.name || text == session.built.manifest.contextSymbol {
            return structType(layout)
        }
        let e = try ExpressionParser.parse(a.argument, columnOffset: a.argumentColumn - 1)
        switch try session.lvalue(e) {
        case .register(let r, let width)?:
            return r == 33 ? "type = uint64_t (PSTATE: N Z C V, DAIF, SPSel, EL)" : "type = uint\(width)_t"
        case .systemRegister(let i)?:
            let reg = SystemRegisterCatalogue.all[i]
            let fields = reg.fields.map { f in f.width == 1 ? "\(f.name)[\(f.lsb)]" : "\(f.name)[\(f.msb):\(f.lsb)]" }
            return "type = uint64_t (\(reg.name): \(reg.summary))" + (fields.isEmpty ? "" : "\nfields: " + fields.joined(separator: " "))
        case .bitfield(let i, let f)?:
            return "type = unsigned \(f.width)-bit field \(SystemRegisterCatalogue.all[i].name).\(f.name) (bits \(f.width == 1 ? "\(f.lsb)" : "\(f.msb):\(f.lsb)"))"
        case .memory(_, let size)?:
            if case .path(_, let sel, _) = e, case .field(let name, _)? = sel.first, let f = layout.field(named: name) {
                if sel.count == 1 && f.count > 1 { return "type = \(f.type) [\(f.count)]  (offset \(f.offset), \(f.size) bytes)" }
                return "type = \(f.type)  (offset \(f.offset + (sel.count > 1 ? 0 : 0)), \(f.elementSize) bytes)"
            }
            if case .path = e { return "type = code or data label (its value is its address)" }
            return "type = uint\(8 * min(size, 8))_t (memory)"
        case nil:
            return "type = uint64_t"
        }
    }

    /// gdb's `ptype struct`: each field with its offset and size.
    func structType(_ layout: CStructLayout) -> String {
        var lines = ["type = struct \(layout.name) {"]
        for f in layout.fields {
            let decl = "    \(f.type) \(f.name)\(f.count > 1 ? "[\(f.count)]" : "");"
            lines.append(decl.padding(to: 36) + "/* offset \(f.offset), \(f.size) bytes */")
        }
        lines.append("}  /* \(layout.size) bytes, \(layout.fields.count) fields; \(session.built.manifest.contextSymbol) is one */")
        return lines.joined(separator: "\n")
    }

    // MARK: x/s and x/i

    /// `x/Ns ADDR`: N NUL-terminated strings (at most 256 bytes each), control characters escaped.
    func examineStrings(_ count: Int, at start: UInt64, column: Int) throws -> String {
        var lines: [String] = []
        var a = start
        for _ in 0..<count {
            var bytes: [UInt8] = []
            var at = a
            while bytes.count < 256 {
                let b = try session.readMemory(virtual: at, count: 1, column: column)[0]
                at &+= 1
                if b == 0 { break }
                bytes.append(b)
            }
            let text = Self.cString(bytes)
            lines.append("0x\(hex(a))" + (session.symbolize(a).map { " <\($0)>" } ?? "") + ":\t\"\(text)\"" + (bytes.count == 256 ? "..." : ""))
            a = at
        }
        return lines.joined(separator: "\n")
    }

    /// Bytes as gdb prints a C string: `\r \n \t \" \\` escaped, other controls and bytes
    /// above 0x7e as `\xNN`.
    static func cString(_ bytes: [UInt8]) -> String {
        var out = ""
        for b in bytes {
            switch b {
            case 0x0d: out += "\\r"
            case 0x0a: out += "\\n"
            case 0x09: out += "\\t"
            case 0x22: out += "\\\""
            case 0x5c: out += "\\\\"
            case 0x20..<0x7f: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
            }
        }
        return out
    }

    /// `x/Ni ADDR`: N instructions from ADDR, with `=>` at the pc and symbols for branch targets.
    func examineInstructions(_ count: Int, at start: UInt64, column: Int) throws -> String {
        var lines: [String] = []
        let pc = session.board.power == .on ? session.machine.pc : nil
        for k in 0..<count {
            let a = start &+ UInt64(4 * k)
            let bytes = try session.readMemory(virtual: a, count: 4, column: column)
            let w = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24
            let link = session.run.linkAddress(of: a)
            let marker = a == pc ? "=> " : "   "
            lines.append(marker + "0x\(hex(a))" + (session.symbolize(a).map { " <\($0)>" } ?? "") + ":\t" + symbolicText(word: w, at: link))
        }
        return lines.joined(separator: "\n")
    }

    /// The instruction as objdump prints it, with `<symbol>` after a branch target.
    public func symbolicText(word w: UInt32, at link: UInt64) -> String { session.built.symbolicText(word: w, at: link) }
}

extension String {
    /// Pads with spaces to `n` characters (never cuts).
    func padding(to n: Int) -> String {
        count >= n ? self : self + String(repeating: " ", count: n - count)
    }
}
