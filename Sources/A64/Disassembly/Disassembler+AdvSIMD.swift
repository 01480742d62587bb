/// Text of the AdvSIMD and crypto instructions (`DecodeTable.advSIMDSpecs`), exactly as objdump
/// 2.40 prints them, and the field checks that make reserved combinations UNDEFINED.
enum AdvSIMDText {
    static let arrangements = ["8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"]
    static let elements = ["b", "h", "s", "d"]

    @inline(__always) static func q(_ w: UInt32) -> UInt32 { (w >> 30) & 1 }
    @inline(__always) static func size(_ w: UInt32) -> UInt32 { (w >> 22) & 3 }
    /// size:Q index into `arrangements` (bits 11:10 for the structure loads and stores).
    @inline(__always) static func sizeQ(_ w: UInt32, structure: Bool = false) -> UInt32 {
        (structure ? (w >> 10) & 3 : size(w)) << 1 | q(w)
    }

    /// The element size of a copy's imm5 (lowest set bit), nil when imm5<3:0> is zero.
    static func imm5Size(_ w: UInt32) -> UInt32? {
        let imm5 = (w >> 16) & 31
        for s in 0..<4 where imm5 >> s & 1 == 1 { return UInt32(s) }
        return nil
    }

    /// Register count and element size of a single-structure load/store, nil when reserved.
    static func single(_ w: UInt32) -> (count: UInt32, esize: UInt32, index: UInt32)? {
        let opcode = (w >> 13) & 7, s = (w >> 12) & 1, sz = (w >> 10) & 3, qq = q(w)
        let count = ((opcode & 1) << 1 | (w >> 21) & 1) + 1
        switch opcode >> 1 {
        case 0: return (count, 0, qq << 3 | s << 2 | sz)
        case 1: return sz & 1 == 0 ? (count, 1, qq << 2 | s << 1 | sz >> 1) : nil
        case 2:
            if sz == 0 { return (count, 2, qq << 1 | s) }
            if sz == 1 && s == 0 { return (count, 3, qq) }
            return nil
        default: return nil
        }
    }

    static func isValid(_ form: SIMDForm, _ w: UInt32) -> Bool {
        switch form.layout {
        case .ldstMultiple, .ldstReplicate: return form.allowed >> sizeQ(w, structure: true) & 1 == 1
        case .ldstSingle: return single(w) != nil
        case .dupElement:
            guard let s = imm5Size(w) else { return false }
            return s < 3 || q(w) == 1
        case .dupGeneral:
            guard let s = imm5Size(w) else { return false }
            return s < 3 || q(w) == 1
        case .smov:
            guard let s = imm5Size(w) else { return false }
            return q(w) == 1 ? s < 3 : s < 2
        case .umov:
            guard let s = imm5Size(w) else { return false }
            return q(w) == 1 ? s == 3 : s < 3
        case .insGeneral, .insElement, .dupScalar:
            return imm5Size(w) != nil
        case .ext: return q(w) == 1 || (w >> 14) & 1 == 0
        case .immFMOVD, .immShift32, .immShift16, .immMSL, .imm8, .imm64, .immFMOVS:
            return form.allowed >> q(w) & 1 == 1
        case .same3, .same3Logic: return form.allowed >> sizeQ(w) & 1 == 1
        case .same3FP: return form.allowed >> ((w >> 21) & 2 | q(w)) & 1 == 1
        case .shiftRight, .shiftLeft, .shiftNarrow, .shiftLong, .shiftFixed: return form.allowed >> q(w) & 1 == 1
        case .diffLong, .diffWide, .diffNarrow, .sSame3: return form.allowed >> size(w) & 1 == 1
        case .idxSame, .idxLong, .sIdxSame, .sIdxLong: return form.allowed >> size(w) & 1 == 1
        case .misc, .miscPairLong, .miscZero, .miscNarrow, .miscSHLL, .across, .acrossLong:
            return form.allowed >> sizeQ(w) & 1 == 1
        case .miscFP, .miscFPZero: return form.allowed >> ((w >> 21) & 2 | q(w)) & 1 == 1
        case .miscFCVTN, .miscFCVTL: return form.allowed >> ((w >> 22) & 1) & 1 == 1
        case .sMisc, .sMiscZero, .sMiscNarrow, .sDiff: return form.allowed >> size(w) & 1 == 1
        case .idxFP, .sIdxFP:
            // A D element: index H only (L = 0), and the vector form needs Q = 1.
            guard (w >> 22) & 1 == 1 else { return true }
            return (w >> 21) & 1 == 0 && (form.layout == .sIdxFP || q(w) == 1)
        default: return true
        }
    }

    static func v(_ r: UInt32, _ arrangement: String) -> String { "v\(r & 31).\(arrangement)" }
    static func hex(_ v: UInt64) -> String { "#0x" + String(v, radix: 16) }

    /// A register list as objdump prints it: `{v0.16b-v3.16b}` for more than two registers
    /// numbered upwards without wrapping, else each register.
    static func list(_ first: UInt32, _ count: UInt32, _ suffix: String) -> String {
        if count > 2 && first + count - 1 <= 31 {
            return "{v\(first).\(suffix)-v\(first + count - 1).\(suffix)}"
        }
        return "{" + (0..<count).map { "v\((first + $0) & 31).\(suffix)" }.joined(separator: ", ") + "}"
    }

    static func text(_ form: SIMDForm, _ w: UInt32) -> String {
        let d = w & 31, n = (w >> 5) & 31, m = (w >> 16) & 31
        let base = "[" + RegisterName.x(UInt8(n), sp: true) + "]"
        func post(_ bytes: UInt32) -> String {
            guard (w >> 23) & 1 == 1 else { return "" }
            return m == 31 ? ", #\(bytes)" : ", " + RegisterName.x(UInt8(m))
        }
        let ops: String
        switch form.layout {
        case .ldstMultiple:
            let opcode = (w >> 12) & 15
            let count: UInt32 = [0: 4, 2: 4, 4: 3, 6: 3, 7: 1, 8: 2, 10: 2][opcode] ?? 1
            ops = list(d, count, arrangements[Int(sizeQ(w, structure: true))]) + ", " + base + post(count * (q(w) == 1 ? 16 : 8))
        case .ldstSingle:
            let s = single(w)!
            ops = list(d, s.count, elements[Int(s.esize)]) + "[\(s.index)], " + base + post(s.count << s.esize)
        case .ldstReplicate:
            let count = (((w >> 13) & 1) << 1 | (w >> 21) & 1) + 1
            ops = list(d, count, arrangements[Int(sizeQ(w, structure: true))]) + ", " + base + post(count << ((w >> 10) & 3))
        case .dupElement, .dupGeneral, .smov, .umov, .insGeneral, .insElement, .dupScalar:
            let s = imm5Size(w)!, index = ((w >> 16) & 31) >> (s + 1)
            let element = "v\(n).\(elements[Int(s)])[\(index)]"
            switch form.layout {
            case .dupElement: ops = v(d, arrangements[Int(s << 1 | q(w))]) + ", " + element
            case .dupGeneral: ops = v(d, arrangements[Int(s << 1 | q(w))]) + ", " + RegisterName.general(UInt8(n), sf: s == 3)
            case .smov: ops = RegisterName.general(UInt8(d), sf: q(w) == 1) + ", " + element
            case .umov:
                let r = RegisterName.general(UInt8(d), sf: q(w) == 1) + ", " + element
                return (s >= 2 ? "mov " : "umov ") + r
            case .insGeneral: ops = "v\(d).\(elements[Int(s)])[\(index)], " + RegisterName.general(UInt8(n), sf: s == 3)
            case .insElement:
                ops = "v\(d).\(elements[Int(s)])[\(index)], v\(n).\(elements[Int(s)])[\(((w >> 11) & 15) >> s)]"
            default: ops = "\(elements[Int(s)])\(d), " + element
            }
        case .immShift32, .immShift16, .immMSL, .imm8, .imm64, .immFMOVS, .immFMOVD:
            let imm8 = (w >> 11) & 0xe0 | (w >> 5) & 0x1f
            let cmode = (w >> 12) & 15
            switch form.layout {
            case .immShift32:
                let amount = (cmode >> 1 & 3) * 8
                ops = v(d, q(w) == 1 ? "4s" : "2s") + ", " + hex(UInt64(imm8)) + (amount == 0 ? "" : ", lsl #\(amount)")
            case .immShift16:
                let amount = (cmode >> 1 & 1) * 8
                ops = v(d, q(w) == 1 ? "8h" : "4h") + ", " + hex(UInt64(imm8)) + (amount == 0 ? "" : ", lsl #\(amount)")
            case .immMSL:
                ops = v(d, q(w) == 1 ? "4s" : "2s") + ", " + hex(UInt64(imm8)) + ", msl #\((cmode & 1) == 1 ? 16 : 8)"
            case .imm8: ops = v(d, q(w) == 1 ? "16b" : "8b") + ", " + hex(UInt64(imm8))
            case .imm64:
                var value: UInt64 = 0
                for b in 0..<8 where imm8 >> b & 1 == 1 { value |= 0xff << (8 * UInt64(b)) }
                ops = (q(w) == 1 ? v(d, "2d") : "d\(d)") + ", " + hex(value)
            case .immFMOVS: ops = v(d, q(w) == 1 ? "4s" : "2s") + ", #" + SIMDText.fpImmediate(UInt8(imm8))
            default: ops = v(d, "2d") + ", #" + SIMDText.fpImmediate(UInt8(imm8))
            }
        case .same3:
            let a = arrangements[Int(sizeQ(w))]
            ops = v(d, a) + ", " + v(n, a) + ", " + v(m, a)
        case .same3Logic:
            let a = q(w) == 1 ? "16b" : "8b"
            if form.name == "orr" && m == n { return "mov " + v(d, a) + ", " + v(n, a) }
            ops = v(d, a) + ", " + v(n, a) + ", " + v(m, a)
        case .same3FP:
            let a = arrangements[Int(4 + ((w >> 21) & 2) | q(w))]
            ops = v(d, a) + ", " + v(n, a) + ", " + v(m, a)
        case .ext:
            let a = q(w) == 1 ? "16b" : "8b"
            ops = v(d, a) + ", " + v(n, a) + ", " + v(m, a) + ", #\((w >> 11) & 15)"
        case .tbl:
            let a = q(w) == 1 ? "16b" : "8b"
            ops = v(d, a) + ", " + list(n, ((w >> 13) & 3) + 1, "16b") + ", " + v(m, a)
        case .aes: ops = v(d, "16b") + ", " + v(n, "16b")
        case .shaQSV: ops = "q\(d), s\(n), " + v(m, "4s")
        case .shaQQV: ops = "q\(d), q\(n), " + v(m, "4s")
        case .shaVVV: ops = v(d, "4s") + ", " + v(n, "4s") + ", " + v(m, "4s")
        case .shaVV: ops = v(d, "4s") + ", " + v(n, "4s")
        case .shaSS: ops = "s\(d), s\(n)"
        case .shiftRight, .shiftLeft, .shiftNarrow, .shiftLong, .shiftFixed, .sShiftRight, .sShiftLeft, .sShiftNarrow, .sShiftFixed:
            let immhb = (w >> 16) & 127
            let es: UInt32 = immhb >= 64 ? 3 : immhb >= 32 ? 2 : immhb >= 16 ? 1 : 0
            let right = (16 << es) - immhb, left = immhb - (8 << es)
            let same = arrangements[Int(es << 1 | q(w))]
            let wide = es < 3 ? arrangements[Int((es + 1) << 1 | 1)] : ""
            let hi = q(w) == 1 ? "2" : ""
            let r = elements[Int(es)]
            switch form.layout {
            case .shiftRight, .shiftFixed: ops = v(d, same) + ", " + v(n, same) + ", #\(right)"
            case .shiftLeft: ops = v(d, same) + ", " + v(n, same) + ", #\(left)"
            case .shiftNarrow: return form.name + hi + " " + v(d, same) + ", " + v(n, wide) + ", #\(right)"
            case .shiftLong:
                if left == 0 { return (form.name == "sshll" ? "sxtl" : "uxtl") + hi + " " + v(d, wide) + ", " + v(n, same) }
                return form.name + hi + " " + v(d, wide) + ", " + v(n, same) + ", #\(left)"
            case .sShiftRight, .sShiftFixed: ops = "\(r)\(d), \(r)\(n), #\(right)"
            case .sShiftLeft: ops = "\(r)\(d), \(r)\(n), #\(left)"
            default: ops = "\(r)\(d), \(elements[Int(es + 1)])\(n), #\(right)"
            }
        case .diffLong, .diffWide, .diffNarrow:
            let sz = size(w), hi = q(w) == 1 ? "2" : ""
            let narrow = arrangements[Int(sz << 1 | q(w))]
            let wide = sz == 3 ? "1q" : arrangements[Int((sz + 1) << 1 | 1)]
            switch form.layout {
            case .diffLong: return form.name + hi + " " + v(d, wide) + ", " + v(n, narrow) + ", " + v(m, narrow)
            case .diffWide: return form.name + hi + " " + v(d, wide) + ", " + v(n, wide) + ", " + v(m, narrow)
            default: return form.name + hi + " " + v(d, narrow) + ", " + v(n, wide) + ", " + v(m, wide)
            }
        case .idxSame, .idxLong, .idxFP, .sIdxSame, .sIdxLong, .sIdxFP:
            let sz = size(w), h = (w >> 11) & 1, l = (w >> 21) & 1
            let index = sz == 1 ? h << 2 | l << 1 | (w >> 20) & 1 : sz == 2 ? h << 1 | l : h
            let rm = sz == 1 ? m & 15 : m
            let e = elements[Int(sz)], element = "v\(rm).\(e)[\(index)]"
            let same = arrangements[Int(sz << 1 | q(w))]
            switch form.layout {
            case .idxSame, .idxFP: ops = v(d, same) + ", " + v(n, same) + ", " + element
            case .idxLong:
                return form.name + (q(w) == 1 ? "2 " : " ") + v(d, arrangements[Int((sz + 1) << 1 | 1)]) + ", " + v(n, same) + ", " + element
            case .sIdxLong: ops = "\(elements[Int(sz + 1)])\(d), \(e)\(n), " + element
            default: ops = "\(e)\(d), \(e)\(n), " + element
            }
        case .misc, .miscPairLong, .miscZero, .miscNarrow, .miscSHLL, .miscFP, .miscFPZero, .miscFCVTN, .miscFCVTL:
            let sz = size(w), hi = q(w) == 1 ? "2" : ""
            let same = arrangements[Int(sz << 1 | q(w))]
            let fpSame = arrangements[Int(4 + ((w >> 21) & 2) | q(w))]
            switch form.layout {
            case .misc:
                // RBIT's size field is 01, its lanes bytes.
                let a = form.name == "rbit" ? arrangements[Int(q(w))] : same
                ops = v(d, a) + ", " + v(n, a)
            case .miscPairLong: ops = v(d, arrangements[Int((sz + 1) << 1 | q(w))]) + ", " + v(n, same)
            case .miscZero: ops = v(d, same) + ", " + v(n, same) + ", #0"
            case .miscNarrow: return form.name + hi + " " + v(d, same) + ", " + v(n, arrangements[Int((sz + 1) << 1 | 1)])
            case .miscSHLL:
                return form.name + hi + " " + v(d, arrangements[Int((sz + 1) << 1 | 1)]) + ", " + v(n, same) + ", #\(8 << sz)"
            case .miscFP: ops = v(d, fpSame) + ", " + v(n, fpSame)
            case .miscFPZero: ops = v(d, fpSame) + ", " + v(n, fpSame) + ", #0.0"
            case .miscFCVTN:
                let s1 = (w >> 22) & 1
                return form.name + hi + " " + v(d, arrangements[Int((1 + s1) << 1 | q(w))]) + ", " + v(n, arrangements[Int((2 + s1) << 1 | 1)])
            default:
                let s1 = (w >> 22) & 1
                return form.name + hi + " " + v(d, arrangements[Int((2 + s1) << 1 | 1)]) + ", " + v(n, arrangements[Int((1 + s1) << 1 | q(w))])
            }
        case .across: ops = "\(elements[Int(size(w))])\(d), " + v(n, arrangements[Int(sizeQ(w))])
        case .acrossLong: ops = "\(elements[Int(size(w) + 1)])\(d), " + v(n, arrangements[Int(sizeQ(w))])
        case .acrossFP: ops = "s\(d), " + v(n, "4s")
        case .sMisc, .sMiscZero, .sMiscNarrow, .sMiscFP, .sMiscFPZero, .sFCVTXN, .sPairAdd, .sPairFP, .sDiff:
            let e = elements[Int(size(w))], f = (w >> 22) & 1 == 1 ? "d" : "s"
            switch form.layout {
            case .sMisc: ops = "\(e)\(d), \(e)\(n)"
            case .sMiscZero: ops = "\(e)\(d), \(e)\(n), #0"
            case .sMiscNarrow: ops = "\(e)\(d), \(elements[Int(size(w) + 1)])\(n)"
            case .sMiscFP: ops = "\(f)\(d), \(f)\(n)"
            case .sMiscFPZero: ops = "\(f)\(d), \(f)\(n), #0.0"
            case .sFCVTXN: ops = "s\(d), d\(n)"
            case .sPairAdd: ops = "d\(d), " + v(n, "2d")
            case .sPairFP: ops = "\(f)\(d), " + v(n, f == "d" ? "2d" : "2s")
            default: ops = "\(elements[Int(size(w) + 1)])\(d), \(e)\(n), \(e)\(m)"
            }
        case .sSame3:
            let r = elements[Int(size(w))]
            ops = "\(r)\(d), \(r)\(n), \(r)\(m)"
        case .sSame3FP:
            let r = (w >> 22) & 1 == 1 ? "d" : "s"
            ops = "\(r)\(d), \(r)\(n), \(r)\(m)"
        default: ops = ""
        }
        return form.name + " " + ops
    }
}
