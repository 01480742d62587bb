import A64
import Assembler
import Machine
import Platform

/// Something an expression names that can be read, set or watched.
public enum LValue: Equatable, Sendable {
    /// Effects numbering 0...32, or 33 for PSTATE.
    case register(Int, width: Int)
    case systemRegister(Int)
    case bitfield(systemRegister: Int, BitField)
    /// `size` bytes at a virtual (link) address.
    case memory(address: UInt64, size: Int)
}

extension DebugSession {
    /// General register names: x0..x30, w0..w30, sp, lr, fp, pc handled apart, sp_el0, sp_el2, pstate.
    static func generalRegister(_ name: String) -> (index: Int, width: Int)? {
        let n = name.lowercased()
        switch n {
        case "sp": return nil   // the SP that PSTATE.SPSel selects; resolved by the caller
        case "lr": return (30, 64)
        case "fp": return (29, 64)
        case "sp_el0": return (31, 64)
        case "sp_el2": return (32, 64)
        case "pstate", "cpsr": return (33, 64)
        default: break
        }
        if let first = n.first, first == "x" || first == "w", let k = Int(n.dropFirst()), k >= 0, k <= 30,
           String(k) == String(n.dropFirst()) {
            return (k, first == "x" ? 64 : 32)
        }
        return nil
    }

    /// SIMD&FP register names: `$b0`..`$b31`, `$h`, `$s`, `$d` (the low 8, 16, 32, 64 bits of V0..V31,
    /// as effects index them), and `$q0`/`$v0` (all 128 bits: `wide`).
    static func vectorRegister(_ name: String) -> (n: Int, width: Int)? {
        let n = name.lowercased()
        guard let first = n.first, let w = ["b": 8, "h": 16, "s": 32, "d": 64, "q": 128, "v": 128][first],
              let k = Int(n.dropFirst()), k >= 0, k <= 31, String(k) == String(n.dropFirst()) else { return nil }
        return (k, w)
    }

    /// Whether `index` (effects numbering) is the low half of a SIMD&FP register.
    static func isVectorIndex(_ index: Int) -> Bool {
        index >= RegisterWrite.firstVector && index < RegisterWrite.firstVector + 64
    }

    /// Resolves what an expression names as an lvalue, or nil if it is a plain value.
    public func lvalue(_ e: Expr) throws -> LValue? {
        switch e {
        case .register(let name, let col):
            let n = name.lowercased()
            if n == "pc" { return nil }
            if n == "sp" { return .register(machine.spsel == 1 ? 32 : 31, width: 64) }
            if let g = Self.generalRegister(name) { return .register(g.index, width: g.width) }
            if let v = Self.vectorRegister(name) {
                guard v.width <= 64 else {
                    throw CommandError(column: col, "$\(name) is 128 bits: print it on its own (p $\(name)), or use $d\(v.n) for its low 64 bits")
                }
                return .register(RegisterWrite.index(vector: v.n, high: false), width: v.width)
            }
            if let i = SystemRegisterCatalogue.index(named: name) { return .systemRegister(i) }
            throw CommandError(column: col, "no register '$\(name)' (expected $x0..$x30, $w0..$w30, $sp, $pc, $lr, $fp, $pstate, $v0..$v31 (also $q, $d, $s, $h, $b) or a system register such as $VBAR_EL2)")
        case .bitfield(let reg, let field, let col, let fcol):
            guard let i = SystemRegisterCatalogue.index(named: reg) else {
                throw CommandError(column: col, "no system register '\(reg)' (bitfields are for system registers, like $HCR_EL2.RW)")
            }
            let r = SystemRegisterCatalogue.all[i]
            guard let f = r.fields.first(where: { $0.name.uppercased() == field.uppercased() }) else {
                let names = r.fields.map(\.name)
                throw CommandError(column: fcol, "\(r.name) has no field '\(field)'" + (names.isEmpty ? " (the catalogue names none)" : " (fields: \(names.joined(separator: ", ")))"))
            }
            return .bitfield(systemRegister: i, f)
        case .path(let name, let selectors, let col):
            return try memoryPath(name, selectors, col)
        case .unary("*", let inner, _):
            return .memory(address: try evaluate(inner), size: 8)
        default:
            return nil
        }
    }

    func memoryPath(_ name: String, _ selectors: [PathSelector], _ col: Int) throws -> LValue {
        guard let base = built.symbol(name) else {
            throw CommandError(column: col, "no symbol '\(name)' in \(built.manifest.name)")
        }
        let isContext = name == built.manifest.contextSymbol
        guard !selectors.isEmpty else {
            return .memory(address: base, size: isContext ? built.layout.size : 8)
        }
        guard isContext else {
            throw CommandError(column: col, "'\(name)' is a label, not a struct: only \(built.manifest.contextSymbol) has fields")
        }
        guard case .field(let fname, let fcol) = selectors[0] else {
            throw CommandError(column: col, "\(name) is a struct: expected .field, not [index]")
        }
        guard let f = built.layout.field(named: fname) else {
            throw CommandError(column: fcol, "struct \(built.layout.name) has no field '\(fname)' (fields: \(built.layout.fields.map(\.name).joined(separator: ", ")))")
        }
        var address = base &+ UInt64(f.offset)
        var size = f.size
        if selectors.count > 1 {
            guard case .index(let ie, let icol) = selectors[1] else {
                throw CommandError(column: fcol, "\(fname) is a \(f.type), which has no fields")
            }
            guard f.count > 1 else { throw CommandError(column: icol, "\(fname) is not an array") }
            let k = try evaluate(ie)
            guard k < UInt64(f.count) else {
                throw CommandError(column: icol, "index \(k) is out of range: \(fname) has \(f.count) elements (0...\(f.count - 1))")
            }
            address = address &+ k &* UInt64(f.elementSize)
            size = f.elementSize
            if selectors.count > 2 {
                throw CommandError(column: Self.column(of: selectors[2]), "\(fname)[\(k)] is a \(f.type), which has no fields or elements")
            }
        } else if f.count > 1 {
            // The whole array: its first element's address, all of it for watch.
            size = f.size
        }
        return .memory(address: address, size: size)
    }

    static func column(of s: PathSelector) -> Int {
        switch s { case .field(_, let c), .index(_, let c): return c }
    }

    /// Reads an lvalue's value now.
    public func value(of lv: LValue, column: Int) throws -> UInt64 {
        switch lv {
        case .register(let r, let w):
            let v = r == 33 ? machine.pstate : machine.register(r)
            return w >= 64 ? v : v & ((1 << UInt64(w)) - 1)
        case .systemRegister(let i): return machine.systemRegister(at: i)
        case .bitfield(let i, let f): return f.extract(machine.systemRegister(at: i))
        case .memory(let a, let n):
            let bytes = try readMemory(virtual: a, count: min(n, 8), column: column)
            var v: UInt64 = 0
            for (k, b) in bytes.enumerated() { v |= UInt64(b) << UInt64(8 * k) }
            return v
        }
    }

    /// Evaluates an expression at the current state. Arithmetic wraps at 64 bits; comparisons,
    /// `!`, `&&` and `||` give 0 or 1 and compare unsigned.
    public func evaluate(_ e: Expr) throws -> UInt64 {
        switch e {
        case .number(let v, _): return v
        case .register(let name, _) where name.lowercased() == "pc":
            return machine.pc
        case .register(_, let col), .bitfield(_, _, let col, _), .path(_, _, let col):
            guard let lv = try lvalue(e) else { return 0 }
            if case .path(let name, let sel, _) = e {
                // A bare symbol is its address; a struct field (or a whole array) is read.
                if sel.isEmpty { return built.symbol(name) ?? 0 }
            }
            return try value(of: lv, column: col)
        case .unary(let op, let inner, let col):
            switch op {
            case "-": return 0 &- (try evaluate(inner))
            case "~": return ~(try evaluate(inner))
            case "!": return try evaluate(inner) == 0 ? 1 : 0
            case "*":
                return try value(of: .memory(address: try evaluate(inner), size: 8), column: col)
            case "&":
                switch inner {
                case .path(let name, let sel, let c):
                    guard case .memory(let a, _) = try memoryPath(name, sel, c) else { return 0 }
                    return a
                default:
                    throw CommandError(column: inner.column, "'&' needs a symbol or struct field (registers have no address)")
                }
            default: throw CommandError(column: col, "unknown operator '\(op)'")
            }
        case .binary(let op, let l, let r, let col):
            if op == "&&" { return try evaluate(l) != 0 && evaluate(r) != 0 ? 1 : 0 }
            if op == "||" { return try evaluate(l) != 0 || evaluate(r) != 0 ? 1 : 0 }
            let a = try evaluate(l), b = try evaluate(r)
            switch op {
            case "+": return a &+ b
            case "-": return a &- b
            case "*": return a &* b
            case "/":
                guard b != 0 else { throw CommandError(column: col, "division by zero") }
                return a / b
            case "%":
                guard b != 0 else { throw CommandError(column: col, "remainder by zero") }
                return a % b
            case "<<": return b >= 64 ? 0 : a << b
            case ">>": return b >= 64 ? 0 : a >> b
            case "&": return a & b
            case "|": return a | b
            case "^": return a ^ b
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            default: throw CommandError(column: col, "unknown operator '\(op)'")
            }
        case .range(_, _, let col):
            throw CommandError(column: col, "'@' makes a memory range, which only watch takes")
        }
    }

    /// Parses and evaluates `text`.
    public func evaluate(_ text: String) throws -> UInt64 { try evaluate(try ExpressionParser.parse(text)) }

    // MARK: Memory as the core sees it

    /// The end of the image including .bss (link addresses).
    var imageEnd: UInt64 { built.program.sections.map { $0.address &+ $0.size }.max() ?? built.program.end }

    /// The physical address of virtual address `va` now: through the MMU when it is on; a link
    /// address of the image that the MMU does not map (or with the MMU off) is its load address;
    /// with the MMU off any other address is physical.
    public func physicalAddress(of va: UInt64) -> UInt64? {
        if machine.mmuEnabled, case .mapped(let pa, _, _, _) = machine.translate(virtual: va) { return pa }
        let link = built.manifest.linkAddress
        if va &- link < imageEnd &- link { return built.physical(va) }
        return machine.mmuEnabled ? nil : va
    }

    /// Reads `count` bytes at virtual address `va` (translated per byte page).
    public func readMemory(virtual va: UInt64, count: Int, column: Int = 0) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        var a = va
        var left = count
        while left > 0 {
            let inPage = min(left, Int(4096 - (a & 0xfff)))
            guard let pa = physicalAddress(of: a), let bytes = machine.memory.readBytes(at: pa, count: inPage) else {
                throw CommandError(column: column, "cannot read memory at 0x\(hex(a))" + (machine.mmuEnabled ? " (not mapped by the MMU, or not RAM)" : " (not RAM)"))
            }
            out += bytes
            a = a &+ UInt64(inPage)
            left -= inPage
        }
        return out
    }

    /// "hyp_resume+8" for an address of the image (link or load address), or nil.
    public func symbolize(_ address: UInt64) -> String? {
        built.symbolize(link: run.linkAddress(of: address))
    }
}
