import Foundation

/// Writes a `TOMLTable` back as TOML text that `TOML.parse` reads to the same values (used to
/// export a scenario's merged manifest). Integers of 4096 and up are written in hex.
public enum TOMLWriter {
    public static func write(_ t: TOMLTable, header: String = "") -> String {
        var out = header
        for k in t.keys {
            let v = t[k]!
            if case .table = v.kind { continue }
            if isArrayOfTables(v) { continue }
            out += "\(key(k)) = \(value(v))\n"
        }
        for k in t.keys {
            let v = t[k]!
            if case .table(let sub) = v.kind {
                out += "\n[\(key(k))]\n"
                for sk in sub.keys { out += "\(key(sk)) = \(value(sub[sk]!))\n" }
            } else if isArrayOfTables(v), case .array(let items) = v.kind {
                for item in items {
                    guard case .table(let sub) = item.kind else { continue }
                    out += "\n[[\(key(k))]]\n"
                    for sk in sub.keys { out += "\(key(sk)) = \(value(sub[sk]!))\n" }
                }
            }
        }
        return out
    }

    static func isArrayOfTables(_ v: TOMLValue) -> Bool {
        guard case .array(let items) = v.kind, !items.isEmpty else { return false }
        return items.allSatisfy { if case .table = $0.kind { true } else { false } }
    }

    static func key(_ k: String) -> String {
        !k.isEmpty && k.utf8.allSatisfy(TOMLParser.isBareKey) ? k : quote(k)
    }

    static func value(_ v: TOMLValue) -> String {
        switch v.kind {
        case .bool(let b): return b ? "true" : "false"
        case .integer(let n):
            return n >= 0 && n < 4096 ? String(n) : "0x" + String(UInt64(bitPattern: n), radix: 16)
        case .string(let s):
            return s.contains("\n") ? multiline(s) : quote(s)
        case .array(let items):
            let parts = items.map(value)
            let oneLine = "[" + parts.joined(separator: ", ") + "]"
            return oneLine.count <= 100 && !oneLine.contains("\n") ? oneLine : "[\n" + parts.map { "    " + $0 + ",\n" }.joined() + "]"
        case .table(let t):
            return "{ " + t.keys.map { "\(key($0)) = \(value(t[$0]!))" }.joined(separator: ", ") + " }"
        }
    }

    static func escape(_ s: String, multiline: Bool) -> String {
        var o = ""
        for u in s.unicodeScalars {
            switch u {
            case "\"": o += "\\\""
            case "\\": o += "\\\\"
            case "\n": o += multiline ? "\n" : "\\n"
            case "\t": o += "\\t"
            case "\r": o += "\\r"
            default:
                if u.value < 0x20 || u.value == 0x7f { o += String(format: "\\u%04x", u.value) } else { o.unicodeScalars.append(u) }
            }
        }
        return o
    }

    static func quote(_ s: String) -> String { "\"" + escape(s, multiline: false) + "\"" }
    static func multiline(_ s: String) -> String { "\"\"\"\n" + escape(s, multiline: true) + "\"\"\"" }
}
