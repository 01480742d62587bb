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

    /// System instruction aliases: (op1, CRn, CRm, op2, takes a register).
    static let tlbi: [String: (UInt8, UInt8, UInt8, UInt8, Bool)] = [
        "alle2": (4, 8, 7, 0, false), "alle2is": (4, 8, 3, 0, false), "alle2os": (4, 8, 1, 0, false),
        "alle1": (4, 8, 7, 4, false), "alle1is": (4, 8, 3, 4, false),
        "vmalle1": (0, 8, 7, 0, false), "vmalle1is": (0, 8, 3, 0, false),
        "vmalls12e1": (4, 8, 7, 6, false), "vmalls12e1is": (4, 8, 3, 6, false),
        "vae2": (4, 8, 7, 1, true), "vae2is": (4, 8, 3, 1, true), "vale2": (4, 8, 7, 5, true), "vale2is": (4, 8, 3, 5, true),
        "vae1": (0, 8, 7, 1, true), "vae1is": (0, 8, 3, 1, true), "vaae1": (0, 8, 7, 3, true), "vaae1is": (0, 8, 3, 3, true),
        "aside1": (0, 8, 7, 2, true), "aside1is": (0, 8, 3, 2, true),
        "ipas2e1": (4, 8, 4, 1, true), "ipas2e1is": (4, 8, 0, 1, true), "ipas2le1": (4, 8, 4, 5, true),
    ]
    static let dc: [String: (UInt8, UInt8, UInt8, UInt8, Bool)] = [
        "civac": (3, 7, 14, 1, true), "cvac": (3, 7, 10, 1, true), "cvau": (3, 7, 11, 1, true),
        "cvap": (3, 7, 12, 1, true), "ivac": (0, 7, 6, 1, true), "zva": (3, 7, 4, 1, true),
        "isw": (0, 7, 6, 2, true), "csw": (0, 7, 10, 2, true), "cisw": (0, 7, 14, 2, true),
    ]
    static let ic: [String: (UInt8, UInt8, UInt8, UInt8, Bool)] = [
        "iallu": (0, 7, 5, 0, false), "ialluis": (0, 7, 1, 0, false), "ivau": (3, 7, 5, 1, true),
    ]
    static let at: [String: (UInt8, UInt8, UInt8, UInt8, Bool)] = [
        "s1e2r": (4, 7, 8, 0, true), "s1e2w": (4, 7, 8, 1, true), "s1e1r": (0, 7, 8, 0, true),
        "s1e1w": (0, 7, 8, 1, true), "s12e1r": (4, 7, 8, 4, true), "s12e1w": (4, 7, 8, 5, true),
    ]
}
