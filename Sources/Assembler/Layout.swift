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
}

extension Assembly {
    /// `ld` refuses a section whose addresses wrap around the address space (a --base too close
    /// to 2^64); every later address computation relies on that.
    private func wrapError(_ s: SectionBuffer, _ base: UInt64) -> AssemblyError {
        let loc = s.lineEntries.first?.2 ?? SourceLocation(file: "<link>", line: 0, column: 0)
        return AssemblyError(loc, "section \(s.name) (\(s.bytes.count) bytes) wraps around the 64-bit address space from base 0x\(String(base, radix: 16)): expected a lower base")
    }

    /// Places the sections like `ld -Ttext=BASE` with the default aarch64 script, resolves every
    /// fixup and builds the image.
    func link() throws -> Program {
        let base = options.base
        // Output order: by ld group, then creation order.
        let ordered = sections.filter { $0.alloc }.sorted { ($0.group, $0.index) < ($1.group, $1.index) }
        // DATA_SEGMENT_ALIGN(MAXPAGESIZE = 64 KiB, COMMONPAGESIZE = 4 KiB) of ld's default aarch64
        // script. Its first form keeps the offset within the 64 KiB page; ld switches to the
        // second form (the next 4 KiB page) when that makes the data segment span one page
        // fewer (binutils' lang_size_segment), so both are laid out and compared.
        let maxPage: UInt64 = 0x1_0000, commonPage: UInt64 = 0x1000
        func place(secondForm: Bool) throws -> (dataBase: UInt64?, end: UInt64) {
            var addr = base
            var dataBase: UInt64?
            for s in ordered {
                if s.group >= 4 && dataBase == nil {
                    let aligned64K = (addr &+ (maxPage - 1)) & ~(maxPage - 1)
                    let moved = aligned64K &+ (secondForm ? (addr &+ (commonPage - 1)) & (maxPage - commonPage)
                                                          : addr & (maxPage - 1))
                    if moved < addr || aligned64K < addr {
                        // Only a section with contents must fit; empty ones take no addresses.
                        if s.bytes.isEmpty { s.address = addr; continue }
                        throw wrapError(s, base)
                    }
                    addr = moved
                    dataBase = moved
                }
                if s.bytes.isEmpty && s.group != 0 { s.address = addr; continue }
                let a = UInt64(s.alignment)
                let aligned = (addr &+ a &- 1) / a &* a
                let (end, wraps) = aligned.addingReportingOverflow(UInt64(s.bytes.count))
                // As `ld` refuses a section whose addresses wrap around the address space (a
                // --base too close to 2^64): every later address computation relies on this.
                guard aligned >= addr, !wraps else { throw wrapError(s, base) }
                s.address = aligned
                addr = end
            }
            return (dataBase, addr)
        }
        let first = try place(secondForm: false)
        if let dataBase = first.dataBase {
            let head = (0 &- dataBase) & (commonPage - 1)     // bytes before the first page boundary
            let tail = first.end & (commonPage - 1)          // bytes used of the last page
            if head != 0, tail != 0, dataBase & ~(commonPage - 1) != first.end & ~(commonPage - 1),
               head + tail <= commonPage {
                _ = try place(secondForm: true)
            }
        }
        for s in sections where !s.alloc { s.address = 0 }

        // Second pass: instructions and data values.
        for s in sections {
            for f in s.fixups {
                switch f {
                case .data(let offset, let size, let expression, _):
                    let ctx = finalContext(dot: s.address + UInt64(offset))
                    let v = try expression.evaluate(ctx)
                    for k in 0..<size { s.bytes[offset + k] = UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> UInt64(8 * k)) }
                case .instruction(let offset, let statement):
                    let pc = s.address + UInt64(offset)
                    let word = try encodeInstruction(statement, pc: pc)
                    for k in 0..<4 { s.bytes[offset + k] = UInt8(truncatingIfNeeded: word >> UInt32(8 * k)) }
                }
            }
        }

        // Image: from base to the end of the last section with bytes.
        var image: [UInt8] = []
        var kinds: [Program.WordKind] = []
        var lineEntries: [LineMap.Entry] = []
        var outSections: [Program.Section] = []
        for s in ordered {
            let inImage = !s.nobits && !s.bytes.isEmpty
            outSections.append(Program.Section(name: s.name, address: s.address, size: UInt64(s.bytes.count), isCode: s.exec, inImage: !s.nobits))
            for (o, size, loc, isInstr) in s.lineEntries {
                lineEntries.append(LineMap.Entry(address: s.address + UInt64(o), size: UInt64(size), location: loc, isInstruction: isInstr))
            }
            guard inImage, s.address >= base else { continue }
            guard s.address - base <= 1 << 30 else {
                let loc = s.lineEntries.first?.2 ?? SourceLocation(file: "<link>", line: 0, column: 0)
                throw AssemblyError(loc, "section \(s.name) would put the image beyond 1 GiB from the base")
            }
            let start = Int(s.address - base)
            if image.count < start { image.append(contentsOf: repeatElement(0, count: start - image.count)) }
            image.replaceSubrange(start..<min(image.count, start + s.bytes.count), with: s.bytes)
        }
        kinds = Array(repeating: .data, count: (image.count + 3) / 4)
        var firstInstruction: UInt64?
        for s in ordered where !s.nobits && s.address >= base {
            for o in s.codeOffsets {
                let a = s.address + UInt64(o)
                if firstInstruction == nil || a < firstInstruction! { firstInstruction = a }
                let w = Int((a - base) / 4)
                if w < kinds.count { kinds[w] = .instruction }
            }
        }

        var table: [Symbol] = []
        for (name, def) in symbols where !name.hasPrefix("\u{1}") && !name.hasPrefix(".L") {
            let value: UInt64
            var section: String? = nil
            var kind: SymbolKind = def.type ?? .label
            switch def.value {
            case .label(let si, let off):
                value = sections[si].address &+ UInt64(bitPattern: off)
                section = sections[si].name
            case .expression(let e, _):
                let v = try e.value(finalContext(dot: nil), depth: 0)
                value = UInt64(bitPattern: v.offset)
                if def.type == nil { kind = .constant }
            case .undefined:
                continue   // declared (.globl/.type) but never defined: not in the image
            }
            var size: UInt64? = nil
            if let (e, dotSection, dotOffset) = def.size {
                let dot = sections[dotSection].address + UInt64(dotOffset)
                size = UInt64(bitPattern: try e.evaluate(finalContext(dot: dot)))
            }
            table.append(Symbol(name: name, address: value, isGlobal: def.global, size: size, kind: kind, section: section, location: def.location))
        }
        let symbolTable = SymbolTable(table)
        let entry = symbolTable["_start"]?.address ?? firstInstruction ?? base
        return Program(base: base, image: image, symbols: symbolTable, lineMap: LineMap(entries: lineEntries),
                       entry: entry, sections: outSections, wordKinds: kinds)
    }

    func finalContext(dot: UInt64?) -> ExpressionContext {
        ExpressionContext(dot: dot.map { Value(section: nil, offset: Int64(bitPattern: $0)) }) { [unowned self] name, loc, depth in
            guard let def = self.symbols[name] else { throw self.undefined(name, loc) }
            switch def.value {
            case .label(let si, let off):
                return Value(section: nil, offset: Int64(bitPattern: self.sections[si].address) &+ off)
            case .expression(let e, let dot):
                let d = dot.map { Value(section: nil, offset: Int64(bitPattern: self.sections[$0.0].address) &+ $0.1) }
                let ctx = self.finalContext(dot: d.map { UInt64(bitPattern: $0.offset) })
                return try e.value(ctx, depth: depth + 1)
            case .undefined:
                throw self.undefined(name, loc)
            }
        }
    }

    func undefined(_ name: String, _ loc: SourceLocation) -> AssemblyError {
        if name.hasPrefix("\u{1}L") {
            let n = name.dropFirst(2).prefix { $0 != "^" }
            return AssemblyError(loc, "undefined local label '\(n)' (no matching '\(n):' in that direction)")
        }
        return AssemblyError(loc, "undefined symbol '\(name)'")
    }
}
