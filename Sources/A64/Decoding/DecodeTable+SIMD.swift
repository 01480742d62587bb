/// How a not-modelled SIMD&FP, AdvSIMD or crypto instruction is printed and which field values
/// it allows: plain values (an index into `SIMDForm.mnemonics` and two bytes), so that table
/// entries stay trivially copyable.
public struct SIMDForm: Sendable, Equatable {
    /// Index into `SIMDForm.mnemonics`.
    public let mnemonic: UInt16
    public let layout: SIMDLayout
    /// Which element sizes / arrangements the entry allows (meaning depends on `layout`).
    public let allowed: UInt8

    public var name: String { SIMDForm.mnemonics[Int(mnemonic)] }

    /// Interned mnemonics, in table order of first use.
    public static let mnemonics: [String] = DecodeTable.simdMnemonics
}

/// Operand layouts of the not-modelled instructions (see Disassembler+SIMD.swift).
public enum SIMDLayout: UInt8, Sendable {
    case placeholder
}

extension DecodeTable {
    static let simdMnemonics: [String] = []
    static var notModelledSIMD: [(pattern: String, op: Op, format: Format)] { [] }
}
