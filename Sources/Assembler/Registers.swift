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
        let s = name.lowercased()
        switch s {
        case "sp": return Register(number: 31, is64: true, isSP: true)
        case "wsp": return Register(number: 31, is64: false, isSP: true)
        case "xzr": return Register(number: 31, is64: true, isSP: false)
        case "wzr": return Register(number: 31, is64: false, isSP: false)
        case "lr": return Register(number: 30, is64: true, isSP: false)
        case "fp": return Register(number: 29, is64: true, isSP: false)
        case "ip0": return Register(number: 16, is64: true, isSP: false)
        case "ip1": return Register(number: 17, is64: true, isSP: false)
        default: break
        }
        guard let f = s.first, f == "x" || f == "w" else { return nil }
        let digits = s.dropFirst()
        guard !digits.isEmpty, digits.count <= 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              !(digits.count == 2 && digits.first == "0"), let n = UInt8(digits), n <= 30 else { return nil }
        return Register(number: n, is64: f == "x", isSP: false)
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
