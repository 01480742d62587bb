import A64

// TEMPORARY: stands in for the a64 branch's `Decoder.decode` until it is merged; delete this
// file after `git merge a64`. Every word decodes as UNDEFINED, so until then programs are run
// with an injected `Machine.decode` (the tests do this).
enum Decoder {
    static func decode(_ word: UInt32) -> Instruction {
        Instruction(op: .undefined, imm: Int64(word))
    }
}
