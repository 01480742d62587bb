/// A general-purpose register operand as written.
struct Register: Equatable {
    var number: UInt8
    var is64: Bool
    /// `sp`/`wsp` (number 31 meaning the stack pointer).
    var isSP: Bool
    var isZR: Bool { number == 31 && !isSP }
}

enum Registers {
    static func parse(_ name: String) -> Register? {
        // Byte-level fast path: this runs for every operand.
        var u = name.utf8.makeIterator()
        guard let f0 = u.next() else { return nil }
        let f = f0 | 0x20   // ASCII lower case
        if f == UInt8(ascii: "x") || f == UInt8(ascii: "w") {
            var n = 0, digits = 0, first: UInt8 = 0
            while let c = u.next() {
                guard c >= 48 && c <= 57 else { return special(name) }
                if digits == 0 { first = c }
                n = n * 10 + Int(c - 48); digits += 1
                if digits > 2 { return nil }
            }
            if digits == 0 || (digits == 2 && first == 48) { return special(name) }
            guard n <= 30 else { return nil }
            return Register(number: UInt8(n), is64: f == UInt8(ascii: "x"), isSP: false)
        }
        return special(name)
    }

    private static func special(_ name: String) -> Register? {
        guard name.utf8.count <= 3 else { return nil }
        switch name.lowercased() {
        case "sp": return Register(number: 31, is64: true, isSP: true)
        case "wsp": return Register(number: 31, is64: false, isSP: true)
        case "xzr": return Register(number: 31, is64: true, isSP: false)
        case "wzr": return Register(number: 31, is64: false, isSP: false)
        case "lr": return Register(number: 30, is64: true, isSP: false)
        case "fp": return Register(number: 29, is64: true, isSP: false)
        case "ip0": return Register(number: 16, is64: true, isSP: false)
        case "ip1": return Register(number: 17, is64: true, isSP: false)
        default: return nil
        }
    }

    /// PSTATE fields for MSR (immediate): op1, op2.
    static let pstateFields: [String: (UInt8, UInt8)] = ["spsel": (0, 5), "daifset": (3, 6), "daifclr": (3, 7)]
}

/// A SIMD&FP register operand: `b0`...`q31` (a scalar view of 2^size bytes), or `v0`...`v31`
/// with an arrangement or element (`v1.d`, `v1.16b`: `size` nil).
struct VectorRegister: Equatable {
    var number: UInt8
    /// log2 of the bytes of a scalar view (b 0 ... q 4); nil for a `v` register.
    var size: UInt8?
    /// The text after `vN.` (`d`, `16b`), for `v` registers.
    var arrangement: String?

    static func parse(_ name: String) -> VectorRegister? {
        let lower = name.lowercased()
        guard let f = lower.first, let kind = "bhsdqv".firstIndex(of: f) else { return nil }
        let rest = lower.dropFirst()
        let digits = rest.prefix { $0.isNumber }
        guard !digits.isEmpty, digits.count <= 2, !(digits.count == 2 && digits.first == "0"),
              let n = UInt8(digits), n <= 31 else { return nil }
        let tail = rest.dropFirst(digits.count)
        if f == "v" {
            if tail.isEmpty { return VectorRegister(number: n, size: nil, arrangement: nil) }
            guard tail.first == "." else { return nil }
            return VectorRegister(number: n, size: nil, arrangement: String(tail.dropFirst()))
        }
        guard tail.isEmpty else { return nil }
        return VectorRegister(number: n, size: UInt8("bhsdqv".distance(from: "bhsdqv".startIndex, to: kind)), arrangement: nil)
    }
}
