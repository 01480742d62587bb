/// One message of the input with its text parts decoded: the headers a patch needs (subject,
/// author) and every text part as lines, whatever the transfer encoding.
struct MailMessage: Sendable {
    var subject: String?
    var from: String?
    var place: PatchPlace
    /// The decoded text parts, in order (one for a plain patch or a non-MIME email).
    var parts: [[PlacedLine]]
}

/// Reads what `git format-patch`, `git send-email`, mail clients and list archives produce: a
/// bare diff, one email (RFC 5322 headers, MIME multipart, quoted-printable, base64, CRLF), or
/// an mbox of several. Pure: bytes in, messages or a located error out; nesting is bounded.
enum MailReader {
    /// MIME parts inside parts, at most this deep.
    static let maxDepth = 8

    struct RawLine { var bytes: ArraySlice<UInt8>; var line: Int }

    struct Header { var name: String; var value: String; var line: Int }

    static func messages(_ bytes: [UInt8], file: String) throws -> [MailMessage] {
        let lines = rawLines(bytes)
        var out: [MailMessage] = []
        for m in splitMbox(lines) {
            out.append(try message(m, file: file))
        }
        return out
    }

    static func rawLines(_ bytes: [UInt8]) -> [RawLine] {
        var out: [RawLine] = []
        var start = 0, n = 1
        for i in bytes.indices where bytes[i] == 0x0a {
            let end = i > start && bytes[i - 1] == 0x0d ? i - 1 : i
            out.append(RawLine(bytes: bytes[start..<end], line: n))
            start = i + 1; n += 1
        }
        if start < bytes.count {
            let end = bytes.last == 0x0d ? bytes.count - 1 : bytes.count
            out.append(RawLine(bytes: bytes[start..<end], line: n))
        }
        return out
    }

    static func text(_ l: RawLine) -> String { String(decoding: l.bytes, as: UTF8.self) }

    static func startsWith(_ l: RawLine, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        return l.bytes.count >= p.count && l.bytes.prefix(p.count).elementsEqual(p)
    }

    /// An mbox ("From " lines, each after a blank line or at the start, begin messages) is
    /// split into messages; anything else is one message.
    static func splitMbox(_ lines: [RawLine]) -> [ArraySlice<RawLine>] {
        guard let first = lines.first, startsWith(first, "From ") else { return [lines[...]] }
        var out: [ArraySlice<RawLine>] = []
        var start = 1
        for i in 1..<max(1, lines.count) where startsWith(lines[i], "From ") && lines[i - 1].bytes.isEmpty {
            out.append(lines[start..<i])
            start = i + 1
        }
        out.append(lines[min(start, lines.count)...])
        return out
    }

    // MARK: Headers

    /// Whether `lines` begin with a header block: `Name: value` lines (and folded
    /// continuations) up to a blank line.
    static func hasHeaders(_ lines: ArraySlice<RawLine>) -> Bool {
        guard let first = lines.first, headerName(first) != nil else { return false }
        for l in lines {
            if l.bytes.isEmpty { return true }
            if l.bytes.first == 0x20 || l.bytes.first == 0x09 { continue }
            if headerName(l) == nil { return false }
        }
        return true
    }

    /// The field name of a `Name: value` line (RFC 5322 field names are printable ASCII
    /// without ':' or spaces).
    static func headerName(_ l: RawLine) -> String? {
        guard let colon = l.bytes.firstIndex(of: UInt8(ascii: ":")), colon > l.bytes.startIndex else { return nil }
        let name = l.bytes[l.bytes.startIndex..<colon]
        guard name.count <= 76, name.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    /// The header block (unfolded) and the index of the body's first line.
    static func headers(_ lines: ArraySlice<RawLine>) -> ([Header], Int) {
        var out: [Header] = []
        var i = lines.startIndex
        while i < lines.endIndex, !lines[i].bytes.isEmpty {
            let l = lines[i]
            if (l.bytes.first == 0x20 || l.bytes.first == 0x09), !out.isEmpty {
                out[out.count - 1].value += " " + text(l).trimmingWhitespace
            } else if let name = headerName(l) {
                let value = String(decoding: l.bytes[(l.bytes.firstIndex(of: UInt8(ascii: ":"))! + 1)...], as: UTF8.self)
                out.append(Header(name: name.lowercased(), value: value.trimmingWhitespace, line: l.line))
            }
            i += 1
        }
        return (out, min(i + 1, lines.endIndex))
    }

    /// `type/subtype; key=value; key="quoted value"` -> (lowercased type, parameters by
    /// lowercased key).
    static func contentType(_ value: String) -> (String, [String: String]) {
        var parts = splitParameters(value)
        let type = parts.isEmpty ? "" : parts.removeFirst().trimmingWhitespace.lowercased()
        var params: [String: String] = [:]
        for p in parts {
            guard let eq = p.firstIndex(of: "=") else { continue }
            let k = p[..<eq].trimmingWhitespace.lowercased()
            var v = p[p.index(after: eq)...].trimmingWhitespace
            if v.count >= 2, v.hasPrefix("\""), v.hasSuffix("\"") { v = String(v.dropFirst().dropLast()) }
            params[k] = v
        }
        return (type, params)
    }

    /// Splits at ';' outside double quotes.
    static func splitParameters(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quoted = false
        for ch in s {
            if ch == "\"" { quoted.toggle() }
            if ch == ";" && !quoted { out.append(cur); cur = "" } else { cur.append(ch) }
        }
        out.append(cur)
        return out
    }

    // MARK: Entities

    static func message(_ lines: ArraySlice<RawLine>, file: String) throws -> MailMessage {
        let place = PatchPlace(file: file, line: lines.first?.line ?? 1)
        guard hasHeaders(lines) else {
            // A bare diff, or a reply pasted from an archive page: all of it is text.
            return MailMessage(subject: nil, from: nil, place: place, parts: [decodePlain(lines, charset: nil, file: file)])
        }
        let (hs, body) = headers(lines)
        let subject = hs.first { $0.name == "subject" }.map { EncodedWords.decode($0.value) }
        let from = hs.first { $0.name == "from" }.map { EncodedWords.decode($0.value) }
        let parts = try entity(headers: hs, body: lines[body...], file: file, depth: 0)
        return MailMessage(subject: subject, from: from, place: place, parts: parts)
    }

    /// The text parts of one MIME entity.
    static func entity(headers hs: [Header], body: ArraySlice<RawLine>, file: String, depth: Int) throws -> [[PlacedLine]] {
        let ctHeader = hs.first { $0.name == "content-type" }
        let (type, params) = contentType(ctHeader?.value ?? "text/plain")
        let encoding = (hs.first { $0.name == "content-transfer-encoding" }?.value ?? "7bit").lowercased().trimmingWhitespace
        let line = ctHeader?.line ?? body.first?.line ?? 1
        if type.hasPrefix("multipart/") {
            guard depth < maxDepth else {
                throw PatchError(PatchPlace(file: file, line: line), "MIME parts nested more than \(maxDepth) deep: expected an email whose patch is at most \(maxDepth) multipart levels down")
            }
            guard let boundary = params["boundary"], !boundary.isEmpty else {
                throw PatchError(PatchPlace(file: file, line: line), "\(type) without a boundary= parameter: expected Content-Type: \(type); boundary=\"...\"")
            }
            var out: [[PlacedLine]] = []
            for part in split(body, boundary: boundary) {
                if hasHeaders(part) {
                    let (phs, pbody) = headers(part)
                    out += try entity(headers: phs, body: part[pbody...], file: file, depth: depth + 1)
                } else {
                    // No headers: text/plain, after the blank line that ends the (empty) header block.
                    let b = part.first.map { $0.bytes.isEmpty } == true ? part.dropFirst() : part
                    out += try entity(headers: [], body: b, file: file, depth: depth + 1)
                }
            }
            return out
        }
        if type == "message/rfc822" {
            guard depth < maxDepth else {
                throw PatchError(PatchPlace(file: file, line: line), "messages nested more than \(maxDepth) deep")
            }
            guard hasHeaders(body) else { return [decodePlain(body, charset: params["charset"], file: file)] }
            let (phs, pbody) = headers(body)
            return try entity(headers: phs, body: body[pbody...], file: file, depth: depth + 1)
        }
        let disposition = hs.first { $0.name == "content-disposition" }.map { contentType($0.value).1 } ?? [:]
        let name = (disposition["filename"] ?? params["name"] ?? "").lowercased()
        let patchLike = name.hasSuffix(".patch") || name.hasSuffix(".diff")
        let isText = type.hasPrefix("text/") || type.isEmpty || type == "application/x-patch" || type == "application/x-diff"
            || type == "application/mbox" || (type == "application/octet-stream" && patchLike)
        guard isText else { return [] }
        let charset = params["charset"]
        switch encoding {
        case "base64":
            let decoded = try Base64Body.decode(body, file: file)
            // A binary attachment (an image, a tarball) is not text: it holds no patch.
            guard PatchText.binaryEvidence(decoded) == nil else { return [] }
            return [PatchText.lines(decoded[...], charset: charset, file: file, firstLine: body.first?.line ?? 1, decoded: true)]
        case "quoted-printable":
            return [QuotedPrintable.decode(body, charset: charset, file: file)]
        default:
            return [decodePlain(body, charset: charset, file: file)]
        }
    }

    static func decodePlain(_ lines: ArraySlice<RawLine>, charset: String?, file: String) -> [PlacedLine] {
        lines.map { PlacedLine(text: PatchText.string($0.bytes, charset: charset), place: PatchPlace(file: file, line: $0.line)) }
    }

    /// The parts between `--boundary` lines, up to `--boundary--` (or the end).
    static func split(_ body: ArraySlice<RawLine>, boundary: String) -> [ArraySlice<RawLine>] {
        let open = Array(("--" + boundary).utf8)
        var out: [ArraySlice<RawLine>] = []
        var start: Int?
        for i in body.indices {
            let b = body[i].bytes
            guard b.count >= open.count, b.prefix(open.count).elementsEqual(open) else { continue }
            let rest = b.dropFirst(open.count)
            let closing = rest.starts(with: [0x2d, 0x2d])
            guard closing || rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
            if let s = start { out.append(body[s..<i]) }
            if closing { return out }
            start = i + 1
        }
        if let s = start { out.append(body[s...]) }
        return out
    }
}

/// Quoted-printable (RFC 2045): `=XX` bytes and `=` soft line breaks. A decoded line keeps the
/// place of the first encoded line it came from.
enum QuotedPrintable {
    static func decode(_ lines: ArraySlice<MailReader.RawLine>, charset: String?, file: String) -> [PlacedLine] {
        var out: [PlacedLine] = []
        var pending: [UInt8] = []
        var pendingLine: Int?
        func hexValue(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            case 0x61...0x66: return b - 0x61 + 10
            default: return nil
            }
        }
        for l in lines {
            if pendingLine == nil { pendingLine = l.line }
            var b = l.bytes
            // Trailing whitespace of an encoded line is padding added in transport.
            while let last = b.last, last == 0x20 || last == 0x09 { b = b.dropLast() }
            var soft = false
            var i = b.startIndex
            while i < b.endIndex {
                let c = b[i]
                if c == UInt8(ascii: "=") {
                    if i + 1 == b.endIndex { soft = true; break }
                    if i + 2 < b.endIndex, let hi = hexValue(b[i + 1]), let lo = hexValue(b[i + 2]) {
                        pending.append(hi << 4 | lo)
                        i += 3
                        continue
                    }
                }
                pending.append(c)
                i += 1
            }
            if !soft {
                for piece in pending.split(separator: 0x0a, omittingEmptySubsequences: false) {
                    var p = piece
                    if p.last == 0x0d { p = p.dropLast() }
                    out.append(PlacedLine(text: PatchText.string(p, charset: charset), place: PatchPlace(file: file, line: pendingLine!)))
                }
                pending = []
                pendingLine = nil
            }
        }
        if !pending.isEmpty, let l = pendingLine {
            out.append(PlacedLine(text: PatchText.string(pending[...], charset: charset), place: PatchPlace(file: file, line: l)))
        }
        return out
    }
}

/// Base64 (RFC 2045) of a MIME part: whitespace between characters is ignored; anything else
/// outside the alphabet is an error naming the line.
enum Base64Body {
    static func decode(_ lines: ArraySlice<MailReader.RawLine>, file: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var acc: UInt32 = 0
        var bits = 0
        var ended = false
        for l in lines {
            for (k, c) in l.bytes.enumerated() {
                let v: UInt32
                switch c {
                case 0x41...0x5a: v = UInt32(c - 0x41)
                case 0x61...0x7a: v = UInt32(c - 0x61 + 26)
                case 0x30...0x39: v = UInt32(c - 0x30 + 52)
                case UInt8(ascii: "+"): v = 62
                case UInt8(ascii: "/"): v = 63
                case UInt8(ascii: "="): ended = true; continue
                case 0x20, 0x09: continue
                default:
                    throw PatchError(PatchPlace(file: file, line: l.line), "column \(k + 1): '\(Unicode.Scalar(c).escaped(asASCII: true))' is not base64: expected A-Z, a-z, 0-9, '+', '/' or '=' in a base64 part")
                }
                guard !ended else {
                    throw PatchError(PatchPlace(file: file, line: l.line), "column \(k + 1): base64 data after the '=' padding")
                }
                acc = acc << 6 | v
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
                    acc &= (1 << UInt32(bits)) - 1
                }
            }
        }
        return out
    }
}

/// RFC 2047 encoded words in headers (`=?UTF-8?q?xen/arm=3A_Save?=`, `=?utf-8?b?...?=`).
enum EncodedWords {
    static func decode(_ s: String) -> String {
        guard s.contains("=?") else { return s }
        var out = ""
        var rest = Substring(s)
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            // charset ? encoding ? text ?=
            let fields = after.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard fields.count == 4, fields[3].hasPrefix("="), let decoded = word(charset: String(fields[0]), encoding: String(fields[1]), text: String(fields[2])) else {
                out += before + "=?"
                rest = after
                lastWasEncoded = false
                continue
            }
            // Whitespace between two encoded words is not part of the text.
            if !(lastWasEncoded && before.allSatisfy({ $0 == " " || $0 == "\t" })) { out += before }
            out += decoded
            rest = fields[3].dropFirst()
            lastWasEncoded = true
        }
        return out + rest
    }

    static func word(charset: String, encoding: String, text: String) -> String? {
        var bytes: [UInt8] = []
        switch encoding.lowercased() {
        case "q":
            var u = Array(text.utf8)[...]
            while let c = u.first {
                u = u.dropFirst()
                if c == UInt8(ascii: "_") { bytes.append(0x20) } else if c == UInt8(ascii: "="), u.count >= 2,
                    let v = UInt8(String(decoding: u.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(v); u = u.dropFirst(2)
                } else { bytes.append(c) }
            }
        case "b":
            guard let d = try? Base64Body.decode([MailReader.RawLine(bytes: Array(text.utf8)[...], line: 0)][...], file: "") else { return nil }
            bytes = d
        default:
            return nil
        }
        return PatchText.string(bytes[...], charset: charset)
    }
}

extension StringProtocol {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
