/// Links assembled units as `ld -Ttext=BASE` with the default aarch64 script links their
/// objects, in the order given, then `objcopy -O binary` extracts the image:
///
/// - input sections go to output sections by the script's patterns: `.text` takes
///   `.text.unlikely*`, `.text.exit*`, `.text.startup*`, `.text.hot*`, `SORT(.text.sorted.*)`, then
///   `.text`, `.stub` and `.text.*` — each pattern over every file in order; `.rodata*`,
///   `.data.rel.ro*`, `.data*`, `.bss*` likewise; other sections are orphans, merged by name and
///   placed after the output section of their kind;
/// - each input section is aligned to its own alignment; padding inside `.text` is the NOP
///   pattern (`=0x1f2003d5`), elsewhere zeros; `DATA_SEGMENT_ALIGN` before the data;
/// - `"aMS"` string sections are merged as ld merges them: each distinct string is kept once,
///   in the input section where it first occurs, and a string that is the tail of another
///   points into it;
/// - global symbols (`.globl`) resolve across units, the rest stay in their unit; a symbol
///   defined globally twice, or used and defined nowhere, is a link error naming both places.
final class Linker {
    let units: [Assembly]
    let base: UInt64
    /// The layout to follow instead of ld's default script (`AssemblerOptions.script`).
    let script: LinkerScript?
    /// Global definitions by name: the unit that defines each.
    private(set) var globals: [String: Assembly] = [:]
    /// Symbols the default script assigns (`_edata = .;`, `__bss_start = .;`, `_end = .;`, ...):
    /// they replace a global of the same name, as in ld.
    var scriptSymbols: [String: UInt64] = [:]
    /// Symbols the script PROVIDEs (`end`, `edata`, `etext`, `__data_start`): used only when no
    /// unit defines them.
    private(set) var providedSymbols: [String: UInt64] = [:]

    init(units: [Assembly], base: UInt64, script: LinkerScript? = nil) {
        self.units = units
        self.base = base
        self.script = script
    }

    struct OutputSection {
        let name: String
        let group: Int
        var inputs: [SectionBuffer]
        var address: UInt64 = 0
        var size: UInt64 = 0
        /// A script's fill pattern between input sections (nil: the default script's).
        var fill: [UInt8]? = nil
        /// The bytes between input sections: the script's fill pattern, or `.text`'s NOPs.
        var gapFill: [UInt8] { fill ?? (name == ".text" ? [0x1f, 0x20, 0x03, 0xd5] : []) }
        var nobits: Bool { inputs.allSatisfy { $0.nobits } }
        var exec: Bool { inputs.contains { $0.exec } }
        var isEmpty: Bool { inputs.allSatisfy { $0.bytes.isEmpty } }
    }

    // MARK: Symbols

    func resolveGlobals() throws {
        for u in units {
            for (name, def) in u.symbols where def.global && def.isDefined {
                if let other = globals[name] {
                    let o = other.symbols[name]!
                    if o.weak && !def.weak { globals[name] = u; continue }
                    if def.weak { continue }
                    throw AssemblyError(def.location, "multiple definition of '\(name)'",
                                        notes: [DiagnosticNote(o.location, "'\(name)' is first defined here")])
                }
                globals[name] = u
            }
        }
        for u in units { u.linker = self }
    }

    // MARK: Output sections

    /// The output section an input section goes to (by the script, else the default script).
    func outputName(of s: SectionBuffer) -> String {
        if let script { return scriptOutputName(s, script) }
        return Self.placement(s).output
    }

    /// The output section an input section goes to, and its rank inside it.
    static func placement(_ s: SectionBuffer) -> (output: String, rank: Int) {
        let n = s.name
        func matches(_ exact: String, _ prefix: String? = nil) -> Bool {
            n == exact || (prefix.map { n.hasPrefix($0) } ?? false)
        }
        if matches(".text.unlikely", ".text.unlikely.") || (n.hasPrefix(".text.") && n.hasSuffix("_unlikely")) { return (".text", 0) }
        if matches(".text.exit", ".text.exit.") { return (".text", 1) }
        if matches(".text.startup", ".text.startup.") { return (".text", 2) }
        if matches(".text.hot", ".text.hot.") { return (".text", 3) }
        if n.hasPrefix(".text.sorted.") { return (".text", 4) }
        if n == ".text" || n == ".stub" || n.hasPrefix(".text.") || n.hasPrefix(".gnu.linkonce.t.") { return (".text", 5) }
        if n == ".rodata" || n.hasPrefix(".rodata.") || n.hasPrefix(".gnu.linkonce.r.") { return (".rodata", 0) }
        if n.hasPrefix(".data.rel.ro.local") || n.hasPrefix(".gnu.linkonce.d.rel.ro.local.") { return (".data.rel.ro", 0) }
        if n == ".data.rel.ro" || n.hasPrefix(".data.rel.ro.") || n.hasPrefix(".gnu.linkonce.d.rel.ro.") { return (".data.rel.ro", 1) }
        if n == ".data" || n.hasPrefix(".data.") || n.hasPrefix(".gnu.linkonce.d.") { return (".data", 0) }
        if n == ".bss" || n.hasPrefix(".bss.") || n.hasPrefix(".gnu.linkonce.b.") { return (".bss", 0) }
        return (n, 0)
    }

    /// ld's order of output sections: `.text`, code orphans, `.rodata`, read-only orphans,
    /// (DATA_SEGMENT_ALIGN) `.data.rel.ro`, `.data`, writable orphans, `.bss`, nobits orphans.
    static func outputGroup(_ name: String, _ first: SectionBuffer) -> Int {
        switch name {
        case ".text": return 0
        case ".rodata": return 2
        case ".data.rel.ro", ".data": return 4
        case ".bss": return 6
        default:
            if first.nobits { return 6 }
            if first.exec { return 1 }
            if !first.write { return 3 }
            return 5
        }
    }

    func outputSections() -> [OutputSection] {
        var byName: [String: Int] = [:]
        var outs: [OutputSection] = []
        var keys: [ObjectIdentifier: (Int, Int, Int, Int, String)] = [:]
        for (ui, u) in units.enumerated() {
            for s in u.sections where s.alloc {
                let (name, rank) = Self.placement(s)
                if byName[name] == nil {
                    byName[name] = outs.count
                    outs.append(OutputSection(name: name, group: Self.outputGroup(name, s), inputs: []))
                }
                outs[byName[name]!].inputs.append(s)
                keys[ObjectIdentifier(s)] = (rank, rank == 4 ? 0 : ui, s.index, ui, rank == 4 ? s.name : "")
            }
        }
        for k in outs.indices {
            outs[k].inputs.sort {
                let a = keys[ObjectIdentifier($0)]!, b = keys[ObjectIdentifier($1)]!
                // SORT(.text.sorted.*) orders by name, then file.
                return (a.0, a.4, a.1, a.3, a.2) < (b.0, b.4, b.1, b.3, b.2)
            }
        }
        let order: [String: Int] = [".data.rel.ro": 0, ".data": 1]
        return outs.enumerated().sorted {
            ($0.element.group, order[$0.element.name] ?? 2, $0.offset) < ($1.element.group, order[$1.element.name] ?? 2, $1.offset)
        }.map(\.element)
    }

    /// `ld` refuses a section whose addresses wrap around the address space (a --base too close
    /// to 2^64); every later address computation relies on that.
    func wrapError(_ name: String, _ size: UInt64, _ s: SectionBuffer?) -> AssemblyError {
        let loc = s?.lineEntries.first?.2 ?? SourceLocation(file: "<link>", line: 0, column: 0)
        return AssemblyError(loc, "section \(name) (\(size) bytes) wraps around the 64-bit address space from base 0x\(String(base, radix: 16)): expected a lower base")
    }

    /// Gives every output and input section its address.
    func place(_ outs: inout [OutputSection]) throws {
        // DATA_SEGMENT_ALIGN(MAXPAGESIZE = 64 KiB, COMMONPAGESIZE = 4 KiB) of ld's default aarch64
        // script. Its first form keeps the offset within the 64 KiB page; ld switches to the
        // second form (the next 4 KiB page) when that makes the data segment span one page
        // fewer (binutils' lang_size_segment), so both are laid out and compared.
        let maxPage: UInt64 = 0x1_0000, commonPage: UInt64 = 0x1000
        func layout(secondForm: Bool) throws -> (dataBase: UInt64?, end: UInt64) {
            var addr = base
            var dataBase: UInt64?
            var script: [String: UInt64] = [:]
            var provided: [String: UInt64] = [:]
            defer {
                // The default script's assignments around .bss (see `ld --verbose`).
                let edata = script["_edata"] ?? addr
                script["_edata"] = edata
                script["__bss_start"] = edata
                script["__bss_start__"] = edata
                script["_bss_end__"] = addr
                script["__bss_end__"] = addr
                let end = (addr &+ 7) & ~7
                script["__end__"] = end
                script["_end"] = end
                provided["edata"] = edata
                provided["end"] = end
                scriptSymbols = script
                providedSymbols = provided
            }
            for k in outs.indices {
                let out = outs[k]
                if out.group == 6 && script["_edata"] == nil { script["_edata"] = addr }
                if out.group >= 4 && dataBase == nil {
                    let aligned64K = (addr &+ (maxPage - 1)) & ~(maxPage - 1)
                    let moved = aligned64K &+ (secondForm ? (addr &+ (commonPage - 1)) & (maxPage - commonPage)
                                                          : addr & (maxPage - 1))
                    if moved < addr || aligned64K < addr {
                        // Only a section with contents must fit; empty ones take no addresses.
                        if out.isEmpty {
                            outs[k].address = addr
                            for s in out.inputs { s.address = addr }
                            continue
                        }
                        throw wrapError(out.name, UInt64(out.inputs.reduce(0) { $0 + $1.bytes.count }), out.inputs.first)
                    }
                    addr = moved
                    dataBase = moved
                }
                if out.isEmpty && out.group != 0 {
                    outs[k].address = addr
                    outs[k].size = 0
                    for s in out.inputs { s.address = addr }
                    continue
                }
                let align = UInt64(out.inputs.filter { !$0.bytes.isEmpty || out.group == 0 }.map(\.alignment).max() ?? 1)
                let start = (addr &+ align &- 1) / align &* align
                guard start >= addr else { throw wrapError(out.name, 0, out.inputs.first) }
                var a = start
                for s in out.inputs {
                    let sa = UInt64(s.alignment)
                    let aligned = (a &+ sa &- 1) / sa &* sa
                    let (end, wraps) = aligned.addingReportingOverflow(UInt64(s.bytes.count))
                    guard aligned >= a, !wraps else { throw wrapError(out.name, UInt64(s.bytes.count), s) }
                    s.address = aligned
                    a = end
                }
                // `.bss : { ... . = ALIGN(. != 0 ? 64 / 8 : 1); }`
                if out.name == ".bss" && a > start { a = (a &+ 7) & ~7 }
                outs[k].address = start
                outs[k].size = a - start
                addr = a
                if out.name == ".text" { for n in ["etext", "_etext", "__etext"] { provided[n] = a } }
                if out.name == ".data" { provided["__data_start"] = start }
            }
            return (dataBase, addr)
        }
        let first = try layout(secondForm: false)
        if let dataBase = first.dataBase {
            let head = (0 &- dataBase) & (commonPage - 1)     // bytes before the first page boundary
            let tail = first.end & (commonPage - 1)          // bytes used of the last page
            if head != 0, tail != 0, dataBase & ~(commonPage - 1) != first.end & ~(commonPage - 1),
               head + tail <= commonPage {
                _ = try layout(secondForm: true)
            }
        }
        for u in units { for s in u.sections where !s.alloc { s.address = 0 } }
    }

    // MARK: Linking

    func link() throws -> Program {
        try resolveGlobals()
        try StringMerger(units: units, outputName: { [unowned self] in self.outputName(of: $0) }).merge()
        var outs: [OutputSection]
        if let script {
            outs = try scriptedLayout(script)
        } else {
            outs = outputSections()
            try place(&outs)
        }

        // Second pass: instructions and data values, with every address known.
        for u in units {
            for s in u.sections {
                for f in s.fixups {
                    switch f {
                    case .data(let offset, let size, let expression, _):
                        let ctx = u.finalContext(dot: s.address &+ UInt64(offset))
                        let v = try expression.evaluate(ctx)
                        for k in 0..<size { s.bytes[offset + k] = UInt8(truncatingIfNeeded: UInt64(bitPattern: v) >> UInt64(8 * k)) }
                    case .instruction(let offset, let statement):
                        let pc = s.address &+ UInt64(offset)
                        let word: UInt32
                        do {
                            word = try u.encodeInstruction(statement, pc: pc)
                        } catch var e as AssemblyError {
                            if e.notes.isEmpty { e.notes = SourceStatement(line: statement.line, expansion: statement.expansion).notes }
                            throw e
                        }
                        for k in 0..<4 { s.bytes[offset + k] = UInt8(truncatingIfNeeded: word >> UInt32(8 * k)) }
                    }
                }
            }
        }

        // Image: from base to the end of the last section with bytes. Padding inside `.text`
        // is the NOP pattern, as the script's `=0x1f2003d5` fill.
        var image: [UInt8] = []
        var lineEntries: [LineMap.Entry] = []
        var expansions: [LineMap.Expansion] = []
        var outSections: [Program.Section] = []
        var expansionBase: [ObjectIdentifier: Int] = [:]
        for u in units {
            expansionBase[ObjectIdentifier(u)] = expansions.count
            expansions += u.expansionRecords
        }
        for out in outs {
            let fill = out.gapFill
            outSections.append(Program.Section(name: out.name, address: out.address, size: out.size, isCode: out.exec, inImage: !out.nobits))
            var fillFrom: UInt64? = nil
            for s in out.inputs {
                let eb = expansionBase[ObjectIdentifier(s.unit!)]!
                for (o, size, loc, isInstr) in s.lineEntries {
                    lineEntries.append(LineMap.Entry(address: s.address &+ UInt64(o), size: UInt64(size), location: loc,
                                                     isInstruction: isInstr, expansionIndex: s.expansionAt[o].map { $0 + eb }))
                }
                guard !s.nobits, !s.bytes.isEmpty, s.address >= base else { continue }
                guard s.address - base <= 1 << 30 else {
                    let loc = s.lineEntries.first?.2 ?? SourceLocation(file: "<link>", line: 0, column: 0)
                    throw AssemblyError(loc, "section \(s.name) would put the image beyond 1 GiB from the base")
                }
                let start = Int(s.address - base)
                if image.count < start {
                    let gapStart = image.count
                    image.append(contentsOf: repeatElement(0, count: start - image.count))
                    // A gap inside the output section (not before its first input) gets its fill.
                    if !fill.isEmpty, let f = fillFrom, f >= base, Int(f - base) <= gapStart {
                        for k in gapStart..<start { image[k] = fill[(k - gapStart) % fill.count] }
                    }
                }
                image.replaceSubrange(start..<min(image.count, start + s.bytes.count), with: s.bytes)
                fillFrom = s.address &+ UInt64(s.bytes.count)
            }
            // Padding a script's `. = ALIGN(N)` leaves after the last input is the section's too.
            if script != nil, !out.nobits, let f = fillFrom, f >= base, out.address &+ out.size > f {
                let gapStart = Int(f - base), end = Int(out.address &+ out.size - base)
                if image.count < end { image.append(contentsOf: repeatElement(0, count: end - image.count)) }
                if !fill.isEmpty { for k in gapStart..<end { image[k] = fill[(k - gapStart) % fill.count] } }
            }
        }
        var kinds = Array(repeating: Program.WordKind.data, count: (image.count + 3) / 4)
        var firstInstruction: UInt64?
        for out in outs {
            for s in out.inputs where !s.nobits && s.address >= base {
                for o in s.codeOffsets {
                    let a = s.address + UInt64(o)
                    if firstInstruction == nil || a < firstInstruction! { firstInstruction = a }
                    let w = Int((a - base) / 4)
                    if w < kinds.count { kinds[w] = .instruction }
                }
            }
        }

        var table: [Symbol] = []
        for u in units { table += try u.symbolList() }
        if script != nil {
            // What a linker script assigns is a symbol of the program too (nm lists `_end`).
            let defined = Set(table.filter(\.isGlobal).map(\.name))
            for (name, value) in scriptSymbols.sorted(by: { $0.key < $1.key }) where !defined.contains(name) {
                table.append(Symbol(name: name, address: value, isGlobal: true, size: nil, kind: .label,
                                    section: outs.last { $0.address <= value && value <= $0.address &+ $0.size }?.name,
                                    location: SourceLocation(file: "<linker script>", line: 0, column: 0)))
            }
        }
        let symbolTable = SymbolTable(table)
        let entry = symbolTable["_start"]?.address ?? firstInstruction ?? base
        return Program(base: base, image: image, symbols: symbolTable,
                       lineMap: LineMap(entries: lineEntries, expansions: expansions),
                       entry: entry, sections: outSections, wordKinds: kinds,
                       messages: units.flatMap(\.messages))
    }
}

extension Assembly {
    /// The unit's symbols for the program's table (as `nm` lists them: no `.L` or numeric labels).
    func symbolList() throws -> [Symbol] {
        var table: [Symbol] = []
        for (name, def) in symbols where !name.hasPrefix("\u{1}") && !name.hasPrefix(".L") {
            var value: UInt64
            var section: String? = nil
            var kind: SymbolKind = def.type ?? .label
            switch def.value {
            case .label(let si, let off):
                value = sections[si].finalAddress(off)
                section = linker?.outputName(of: sections[si]) ?? sections[si].name   // the output section, as nm places it
            case .expression(let e, _):
                let v = try e.value(finalContext(dot: nil), depth: 0)
                value = UInt64(bitPattern: v.offset)
                if def.type == nil { kind = .constant }
            case .undefined:
                continue   // declared (.globl/.type) or used but never defined here
            }
            // ld's script assignment replaces a global of the same name (`_end`, `__bss_start`).
            if def.global, let v = linker?.scriptSymbols[name] { value = v }
            var size: UInt64? = nil
            if let (e, dotSection, dotOffset) = def.size {
                let dot = sections[dotSection].finalAddress(Int64(dotOffset))
                size = UInt64(bitPattern: try e.evaluate(finalContext(dot: dot)))
            }
            table.append(Symbol(name: name, address: value, isGlobal: def.global, size: size, kind: kind, section: section, location: def.location))
        }
        return table
    }

    /// Symbols with their final addresses: this unit's own first, then the globals of every
    /// unit being linked.
    func finalContext(dot: UInt64?) -> ExpressionContext {
        ExpressionContext(dot: dot.map { Value(section: nil, offset: Int64(bitPattern: $0)) }) { [unowned self] name, loc, depth in
            if let def = self.symbols[name], def.isDefined, !def.global { return try self.finalValue(def, depth: depth) }
            if let v = self.linker?.scriptSymbols[name] { return Value(section: nil, offset: Int64(bitPattern: v)) }
            if let def = self.symbols[name], def.isDefined { return try self.finalValue(def, depth: depth) }
            if let other = self.linker?.globals[name], other !== self, let def = other.symbols[name] {
                return try other.finalValue(def, depth: depth)
            }
            if let v = self.linker?.providedSymbols[name] { return Value(section: nil, offset: Int64(bitPattern: v)) }
            if self.symbols[name]?.weak == true { return Value(section: nil, offset: 0) }   // undefined weak: 0
            throw self.undefined(name, loc)
        }
    }

    func finalValue(_ def: SymbolDefinition, depth: Int) throws -> Value {
        switch def.value {
        case .label(let si, let off):
            return Value(section: nil, offset: Int64(bitPattern: sections[si].finalAddress(off)))
        case .expression(let e, let dot):
            let d = dot.map { sections[$0.0].finalAddress($0.1) }
            return try e.value(finalContext(dot: d), depth: depth + 1)
        case .undefined:
            return Value(section: nil, offset: 0)
        }
    }

    func undefined(_ name: String, _ loc: SourceLocation) -> AssemblyError {
        if name.hasPrefix("\u{1}L") {
            let n = name.dropFirst(2).prefix { $0 != "^" }
            return AssemblyError(loc, "undefined local label '\(n)' (no matching '\(n):' in that direction)")
        }
        if let l = linker, l.units.count > 1 {
            let elsewhere = l.units.first { $0 !== self && $0.symbols[name]?.isDefined == true }
            if let elsewhere, let def = elsewhere.symbols[name] {
                return AssemblyError(loc, "undefined reference to '\(name)': it is defined in another file but not global (add .globl \(name) there)",
                                     notes: [DiagnosticNote(def.location, "the local definition of '\(name)'")])
            }
            return AssemblyError(loc, "undefined reference to '\(name)' (no file defines it)")
        }
        return AssemblyError(loc, "undefined symbol '\(name)'")
    }
}
