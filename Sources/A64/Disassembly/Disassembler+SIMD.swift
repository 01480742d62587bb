/// Text of the SIMD&FP, AdvSIMD and crypto instructions SuspendScope does not model, exactly
/// as objdump 2.40 prints them, and which field values each allows (the decoder's check).
public enum SIMDText {
    /// Whether `w` is a valid encoding of `form` (reserved size/arrangement combinations are not).
    static func isValid(_ form: SIMDForm, _ w: UInt32) -> Bool {
        switch form.layout {
        case .placeholder: return false
        }
    }

    /// objdump's text of a not-modelled word (`.inst` when it is not one).
    public static func text(word w: UInt32, at pc: UInt64) -> String {
        guard let e = DecodeTable.matchEntry(w), case let .simd(form) = e.format, isValid(form, w) else {
            return ".inst 0x\(Disassembler.hex(UInt64(w), width: 8)) ; undefined"
        }
        switch form.layout {
        case .placeholder: return form.name
        }
    }
}
