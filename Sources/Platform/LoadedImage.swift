/// A program image ready to load into the machine: bytes at a physical base, an entry point and
/// the symbols the command line can name (`--until done`, `--dump buffer:64`).
public struct LoadedImage: Sendable {
    public var base: UInt64
    public var bytes: [UInt8]
    public var entry: UInt64
    /// Symbol name -> address.
    public var symbols: [String: UInt64]

    public init(base: UInt64, bytes: [UInt8], entry: UInt64, symbols: [String: UInt64] = [:]) {
        self.base = base; self.bytes = bytes; self.entry = entry; self.symbols = symbols
    }

    /// A symbol's address, or a literal address (`0x40080010`, decimal).
    public func address(of target: String) -> UInt64? {
        if let a = symbols[target] { return a }
        let t = target.lowercased()
        if t.hasPrefix("0x") { return UInt64(t.dropFirst(2), radix: 16) }
        return UInt64(t)
    }
}
