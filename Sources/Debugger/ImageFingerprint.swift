import Platform

/// What a session remembers of the assembled image it was saved with: the SHA-256 of the
/// bytes, and a 32-bit FNV-1a hash of every `chunkSize` bytes, so that when a scenario folder's
/// files change a session can tell a change that leaves the image alone (a comment) from one
/// that does not, and find the first step that runs or reads a changed byte.
public struct ImageFingerprint: Equatable, Sendable {
    public static let chunkSize = 64
    public var sha256: String
    /// The link address of the image's first byte.
    public var base: UInt64
    public var chunks: [UInt32]

    public init(_ built: BuiltScenario) {
        let image = built.program.image
        sha256 = SHA256.hex(image)
        base = built.program.base
        chunks = stride(from: 0, to: image.count, by: Self.chunkSize).map { Self.fnv(image[$0..<min(image.count, $0 + Self.chunkSize)]) }
    }

    init(sha256: String, base: UInt64, chunks: [UInt32]) { self.sha256 = sha256; self.base = base; self.chunks = chunks }

    static func fnv(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var h: UInt32 = 0x811c_9dc5
        for b in bytes { h = (h ^ UInt32(b)) &* 0x0100_0193 }
        return h
    }

    var json: JSONValue {
        .object([("sha256", .string(sha256)), ("base", .hex(base)),
                 ("chunks", .string(chunks.map { h in let s = String(h, radix: 16); return String(repeating: "0", count: 8 - s.count) + s }.joined()))])
    }

    /// From a session file's `scenario.image` object; nil if it is malformed.
    init?(json o: [String: Any]) {
        guard let sha = o["sha256"] as? String, sha.count == 64, sha.allSatisfy(\.isHexDigit),
              let b = o["base"] as? String, b.hasPrefix("0x"), let base = UInt64(b.dropFirst(2), radix: 16),
              let c = o["chunks"] as? String, c.count % 8 == 0, c.count <= 8 * (1 << 20), c.allSatisfy(\.isHexDigit) else { return nil }
        var chunks: [UInt32] = []
        var i = c.startIndex
        while i < c.endIndex {
            let j = c.index(i, offsetBy: 8)
            guard let v = UInt32(c[i..<j], radix: 16) else { return nil }
            chunks.append(v)
            i = j
        }
        self.init(sha256: sha, base: base, chunks: chunks)
    }

    /// The link-address ranges of `built`'s image whose bytes differ from this fingerprint's.
    func changedRanges(_ built: BuiltScenario) -> [Range<UInt64>] {
        let now = ImageFingerprint(built)
        guard now.base == base else { return [0..<UInt64.max] }
        var out: [Range<UInt64>] = []
        for i in 0..<max(chunks.count, now.chunks.count) where i >= chunks.count || i >= now.chunks.count || chunks[i] != now.chunks[i] {
            let lo = base &+ UInt64(i * Self.chunkSize)
            if let last = out.last, last.upperBound == lo { out[out.count - 1] = last.lowerBound..<(lo + UInt64(Self.chunkSize)) } else {
                out.append(lo..<(lo + UInt64(Self.chunkSize)))
            }
        }
        // Past the end of the shorter image: everything after it changed.
        if now.chunks.count != chunks.count, let last = out.last { out[out.count - 1] = last.lowerBound..<UInt64.max }
        return out
    }

    /// The first step (1-based: the step that executes it) of a fresh run of `built`, at most
    /// `limit`, whose instruction or memory read lies in a changed chunk; with where it is.
    func firstDifferingStep(of built: BuiltScenario, upTo limit: Int) -> (step: Int, place: String)? {
        let ranges = changedRanges(built)
        guard !ranges.isEmpty else { return nil }
        let run = ScenarioRun(built: built)
        func changed(_ physicalOrLink: UInt64) -> Bool {
            let link = run.linkAddress(of: physicalOrLink)
            return ranges.contains { $0.contains(link) }
        }
        while run.board.stepCount < limit && run.board.power != .off {
            let (s, _) = run.advance()
            guard let e = s.effects else { continue }
            if changed(e.pcOld) || e.memoryRead.map({ changed($0.address) }) == true {
                return (s.index, run.place(run.linkAddress(of: e.pcOld)))
            }
        }
        return nil
    }
}
