/// Bytes and pending work of one input section while assembling.
final class SectionBuffer {
    let name: String
    let index: Int
    var alloc: Bool
    var write: Bool
    var exec: Bool
    var nobits: Bool
    var bytes: [UInt8] = []
    var alignment = 1
    var fixups: [Fixup] = []
    var pool = LiteralPool()
    /// (offset, size, location, isInstruction)
    var lineEntries: [(Int, Int, SourceLocation, Bool)] = []
    /// Offsets of instruction words (including alignment NOPs).
    var codeOffsets: [Int] = []
    /// Offset of a line entry -> index of its expansion record (the unit's `expansionRecords`).
    var expansionAt: [Int: Int] = [:]
    /// The unit the section belongs to.
    weak var unit: Assembly?
    /// `"M"` (mergeable entries of `entrySize` bytes) and `"S"` (NUL-terminated strings).
    var merge = false
    var strings = false
    var entrySize = 0
    /// After string merging: the final address of each original offset (nil: not merged).
    var relocate: ((Int64) -> UInt64)?

    /// The final address of `offset` in this section (through string merging).
    func finalAddress(_ offset: Int64) -> UInt64 {
        if let relocate { return relocate(offset) }
        return address &+ UInt64(bitPattern: offset)
    }
    var address: UInt64 = 0
    /// Whether the last thing emitted was data (GNU as's `$d` mapping state): an instruction
    /// after data in a code section is word-aligned with zeros; after `.org` or at the start it
    /// is not.
    var lastWasData = false

    init(name: String, index: Int, alloc: Bool, write: Bool, exec: Bool, nobits: Bool) {
        self.name = name; self.index = index; self.alloc = alloc; self.write = write; self.exec = exec; self.nobits = nobits
    }

    func raiseAlignment(_ a: Int) { if a > alignment { alignment = a } }

    func alignZero(_ a: Int) {
        raiseAlignment(a)
        while bytes.count % a != 0 { bytes.append(0) }
    }

    /// `.balign` without an explicit fill: in code, zeros up to a word boundary then NOPs
    /// (as GNU as's aarch64 alignment frags); elsewhere zeros.
    func alignDefault(_ a: Int, maxSkip: Int?) {
        let pad = (a - bytes.count % a) % a
        if let maxSkip, pad > maxSkip { return }
        raiseAlignment(a)
        if exec {
            while bytes.count % 4 != 0 && bytes.count % a != 0 { bytes.append(0) }
            while bytes.count % a != 0 {
                codeOffsets.append(bytes.count)
                bytes.append(contentsOf: [0x1f, 0x20, 0x03, 0xd5])
            }
        } else {
            bytes.append(contentsOf: repeatElement(0, count: pad))
        }
    }

    /// Where `ld`'s default script puts the section: 0 `.text`/`.text.*`, 1 other code,
    /// 2 `.rodata*`, 3 other read-only, 4 `.data*`, 5 other writable, 6 `.bss*`/nobits.
    var group: Int {
        if nobits { return 6 }
        if name == ".text" || name.hasPrefix(".text.") { return 0 }
        if exec { return 1 }
        if name == ".rodata" || name.hasPrefix(".rodata.") { return 2 }
        if !write { return 3 }
        if name == ".data" || name.hasPrefix(".data.") { return 4 }
        return 5
    }
}

enum Fixup {
    case instruction(offset: Int, statement: Statement)
    case data(offset: Int, size: Int, expression: Expression, location: SourceLocation)
}

/// One instruction statement kept for the second pass.
struct Statement {
    var mnemonic: String
    var mnemonicToken: Token
    var operands: [Token]
    var line: SourceLine
    var literalSymbol: String?
    var section: Int
    var offset: Int
    /// The macro expansion it came out of (for the notes of an error in the second pass).
    var expansion: ExpansionFrame? = nil
}

