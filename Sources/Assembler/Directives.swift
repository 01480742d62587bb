extension Assembly {
    static let dataSizes: [String: Int] = [
        ".byte": 1, ".hword": 2, ".short": 2, ".2byte": 2, ".half": 2,
        ".word": 4, ".long": 4, ".int": 4, ".4byte": 4,
        ".quad": 8, ".8byte": 8, ".xword": 8, ".dword": 8,
    ]
    static let ignored: Set<String> = [".arch", ".arch_extension", ".cpu", ".file", ".ident", ".hidden",
                                       ".protected", ".internal", ".loc", ".cfi_startproc", ".cfi_endproc",
                                       ".cfi_sections", ".eabi_attribute", ".variant_pcs"]
    /// Every directive `directive(_:)` knows (a macro of the same name does not replace it).
    static let knownDirectives: Set<String> = Set(dataSizes.keys).union(ignored).union([
        ".text", ".data", ".bss", ".section", ".pushsection", ".popsection", ".previous", ".global", ".globl",
        ".weak", ".local", ".type", ".size", ".equ", ".set", ".equiv", ".eqv", ".balign", ".p2align", ".align",
        ".skip", ".space", ".zero", ".fill", ".ascii", ".asciz", ".string", ".ltorg", ".pool", ".inst", ".org", ".end",
    ]).union(macroLanguageDirectives)
    /// The macro language's own directives (read before macros are looked up).
    static let macroLanguageDirectives: Set<String> = repeatOpeners.union(conditionalOpeners).union([
        ".macro", ".endm", ".endr", ".exitm", ".purgem", ".else", ".elseif", ".endif", ".err", ".error",
        ".warning", ".print", ".req", ".unreq",
    ])

    func endOf(_ t: Token) -> SourceLocation { currentLine?.location(at: t.end) ?? t.location.with(column: t.location.column + max(1, t.end - t.start)) }

    func directive(_ name: String, _ token: Token, _ args: [Token], _ line: SourceLine) throws {
        let ops = args.isEmpty ? [] : splitOperands(args)
        func noArgs() throws {
            if let a = args.first { throw AssemblyError(a.location, "unexpected \(a.text) after \(token.text)") }
        }
        func symbolName(_ group: [Token]) throws -> (String, Token) {
            guard group.count == 1, let n = group[0].identifier else {
                throw AssemblyError(group.first?.location ?? endOf(token), "expected a symbol name after \(token.text) but found \(group.first?.text ?? "end of line")")
            }
            return (n, group[0])
        }
        func emitLine(_ start: Int) {
            if current.bytes.count > start { current.lineEntries.append((start, current.bytes.count - start, mapped(token.location, at: start), false)) }
        }
        func checkData() throws {
            if current.nobits { throw AssemblyError(token.location, "\(token.text) in a section with no contents (\(current.name)); use .skip/.zero") }
        }

        if let size = Self.dataSizes[name] {
            try checkData()
            // Nothing to emit, as in GNU as (a macro whose argument is empty writes `.word \\a`).
            guard !args.isEmpty else { return }
            let start = current.bytes.count
            var after = token
            for group in ops {
                // GNU as assumes zero for a missing expression (`.word 1,`), with a warning.
                var e = group.isEmpty ? Expression.number(0) : try parseExpression(group, line, after: after)
                // Constants are taken at this point of the source (so a later `.set` of the same
                // symbol does not change them), as GNU as does.
                if let v = try? e.value(firstPassContext(), depth: 0), v.section == nil { e = .number(v.offset) }
                after = group.last ?? after
                current.fixups.append(.data(offset: current.bytes.count, size: size, expression: e, location: group.first?.location ?? token.location))
                current.bytes.append(contentsOf: repeatElement(0, count: size))
                if current.bytes.count > 1 << 28 { throw AssemblyError(token.location, "section too large") }
            }
            current.lastWasData = true
            emitLine(start)
            return
        }
        if try architectureDirective(name, token, args, line) { return }
        if Self.ignored.contains(name) { return }

        switch name {
        case ".text", ".data", ".bss":
            try noArgs()
            switch_(to: sections.first { $0.name == name }!)
        case ".section", ".pushsection":
            guard let g = ops.first, !g.isEmpty else { throw AssemblyError(endOf(token), "expected a section name after \(token.text)") }
            let secName = g.map { $0.identifier ?? $0.text.replacingOccurrences(of: "'", with: "") }.joined()
            var flags: String? = nil
            var nobits = false
            if ops.count > 1 {
                guard ops[1].count == 1, case .string(let f) = ops[1][0].kind else {
                    throw AssemblyError(ops[1].first?.location ?? endOf(token), "expected a flags string such as \"ax\" after the section name")
                }
                flags = String(decoding: f, as: UTF8.self)
                for c in flags! where !"awxMSGTR?od".contains(c) {
                    throw AssemblyError(ops[1][0].location, "unknown section flag '\(c)'")
                }
            }
            if ops.count > 2 {
                let type = ops[2].compactMap { $0.identifier }.joined()
                switch type {
                case "progbits": break
                case "nobits": nobits = true
                default: throw AssemblyError(ops[2].first?.location ?? endOf(token), "expected %progbits or %nobits")
                }
            }
            // "M": the entry size follows the type (`"aMS", %progbits, 1`).
            var entrySize: Int64? = nil
            if flags?.contains("M") == true {
                if ops.count <= 3 || ops[3].isEmpty {
                    // GNU as warns and makes an ordinary section.
                    messages.append(AssemblerMessage(.warning, ops.count > 2 ? endOf(ops[2].last ?? token) : endOf(token),
                                                     "entity size for SHF_MERGE not specified (expected '\"aMS\", %progbits, SIZE'): not merged"))
                } else {
                let v = try constant(ops[3], line, after: ops[2].last ?? token)
                guard v >= 1 && v <= 1 << 16 else { throw AssemblyError(ops[3][0].location, "entity size \(v) out of range 1...65536") }
                entrySize = v
                }
            }
            guard ops.count <= (flags?.contains("M") == true ? 4 : 3) else {
                throw AssemblyError(ops[entrySize == nil ? 3 : 4].first?.location ?? endOf(token), "too many operands for \(token.text) (group sections and unique ids are not supported)")
            }
            if name == ".pushsection" { sectionStack.append((current, previous)) }
            let target = section(named: secName, flags: flags, nobits: nobits)
            if let entrySize, target.bytes.isEmpty && !target.merge {
                target.merge = true
                target.strings = flags!.contains("S")
                target.entrySize = Int(entrySize)
            }
            switch_(to: target)
        case ".popsection":
            guard let (s, p) = sectionStack.popLast() else { throw AssemblyError(token.location, ".popsection without .pushsection") }
            current = s; previous = p
        case ".previous":
            if let p = previous { switch_(to: p) }
        case ".global", ".globl", ".weak", ".local":
            guard !args.isEmpty else { throw AssemblyError(endOf(token), "expected a symbol name after \(token.text)") }
            for g in ops {
                let (n, t) = try symbolName(g)
                var def = symbols[n] ?? SymbolDefinition(value: .undefined, location: t.location)
                def.global = name != ".local"
                if name == ".weak" { def.weak = true }
                symbols[n] = def
            }
        case ".type":
            guard ops.count == 2 else { throw AssemblyError(args.first?.location ?? endOf(token), "expected 'name, %function' or 'name, %object' after .type") }
            let (n, t) = try symbolName(ops[0])
            let kind = ops[1].compactMap { $0.identifier }.joined().lowercased()
            var def = symbols[n] ?? SymbolDefinition(value: .undefined, location: t.location)
            switch kind {
            case "function", "stt_func": def.type = .function
            case "object", "stt_object", "tls_object": def.type = .object
            case "notype", "stt_notype": def.type = nil
            default: throw AssemblyError(ops[1].first?.location ?? t.location, "expected %function, %object or %notype")
            }
            symbols[n] = def
        case ".size":
            guard ops.count == 2 else { throw AssemblyError(args.first?.location ?? endOf(token), "expected 'name, expression' after .size") }
            let (n, t) = try symbolName(ops[0])
            let e = try parseExpression(ops[1], line, after: args[ops[0].count])
            var def = symbols[n] ?? SymbolDefinition(value: .undefined, location: t.location)
            def.size = (e, current.index, current.bytes.count)
            symbols[n] = def
        case ".equ", ".set", ".equiv", ".eqv":
            guard ops.count == 2 else { throw AssemblyError(args.first?.location ?? endOf(token), "expected 'name, expression' after \(token.text)") }
            let (n, t) = try symbolName(ops[0])
            try defineConstant(n, t.location, ops[1], line, at: args[ops[0].count], redefine: name == ".set" || name == ".equ")
        case ".balign", ".p2align", ".align":
            guard let g = ops.first, !g.isEmpty else {
                if args.isEmpty { return }   // `.balign` alone aligns nothing, as in GNU as
                throw AssemblyError(endOf(token), "expected an alignment after \(token.text)")
            }
            let v = try constant(g, line, after: token)
            var bytes: Int64
            // GNU as clamps huge alignments with a warning; we stop at 2^24 (16 MiB) with an error.
            if name == ".balign" {
                guard v >= 0, v & (v - 1) == 0 else { throw AssemblyError(g[0].location, "alignment \(v) is not a power of 2") }
                guard v <= 1 << 24 else { throw AssemblyError(g[0].location, "alignment \(v) too large (at most 16777216)") }
                bytes = max(v, 1)   // `.balign 0` does nothing, as in GNU as
            } else {
                guard v >= 0, v <= 24 else { throw AssemblyError(g[0].location, "alignment 2^\(v) out of range (\(token.text) takes a power of two, 0...24)") }
                bytes = 1 << v
            }
            var fill: Int64? = nil
            var maxSkip: Int? = nil
            if ops.count > 1, !ops[1].isEmpty { fill = try constant(ops[1], line, after: args[g.count]) }
            if ops.count > 2 {
                let m = try constant(ops[2], line, after: token)
                // GNU as: a maximum of 0 means no maximum.
                maxSkip = m == 0 ? nil : Int(clamping: m)
            }
            guard ops.count <= 3 else { throw AssemblyError(ops[3].first?.location ?? token.location, "too many operands for \(token.text)") }
            let start = current.bytes.count
            if let fill {
                let pad = (Int(bytes) - current.bytes.count % Int(bytes)) % Int(bytes)
                if maxSkip == nil || pad <= maxSkip! {
                    current.raiseAlignment(Int(bytes))
                    current.bytes.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: fill), count: pad))
                }
            } else {
                current.alignDefault(Int(bytes), maxSkip: maxSkip)
            }
            // Padding (NOPs in code) maps to the alignment directive.
            emitLine(start)
        case ".skip", ".space", ".zero":
            guard let g = ops.first, !g.isEmpty else {
                if args.isEmpty { return }   // `.skip` alone is `.skip 0`, as in GNU as
                throw AssemblyError(endOf(token), "expected a size after \(token.text)")
            }
            let n = try constant(g, line, after: token)
            guard n >= 0, n <= 1 << 26 else { throw AssemblyError(g[0].location, "size \(n) out of range 0...\(1 << 26)") }
            var fill: Int64 = 0
            if ops.count > 1 {
                fill = try constant(ops[1], line, after: token)
            }
            let start = current.bytes.count
            current.bytes.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: fill), count: Int(n)))
            current.lastWasData = true
            emitLine(start)
        case ".fill":
            guard let g = ops.first, !g.isEmpty else {
                if args.isEmpty { return }   // `.fill` alone fills nothing, as in GNU as
                throw AssemblyError(endOf(token), "expected a repeat count after .fill")
            }
            let count = try constant(g, line, after: token)
            let size = ops.count > 1 ? try constant(ops[1], line, after: token) : 1
            let value = ops.count > 2 ? try constant(ops[2], line, after: token) : 0
            guard count >= 0, count <= 1 << 26, size >= 0, size <= 8, count * max(size, 1) <= 1 << 26 else {
                throw AssemblyError(g[0].location, ".fill repeat \(count) × size \(size) out of range")
            }
            try checkData()
            let start = current.bytes.count
            for _ in 0..<count {
                for k in 0..<Int(size) {
                    current.bytes.append(k < 4 ? UInt8(truncatingIfNeeded: UInt64(bitPattern: value) >> UInt64(8 * k)) : 0)
                }
            }
            current.lastWasData = true
            emitLine(start)
        case ".ascii", ".asciz", ".string":
            try checkData()
            guard !args.isEmpty else { throw AssemblyError(endOf(token), "expected a string after \(token.text)") }
            let start = current.bytes.count
            for g in ops {
                guard !g.isEmpty else { throw AssemblyError(endOf(token), "expected a string in double quotes") }
                // Adjacent strings are concatenated, as GNU as does.
                for t in g {
                    guard case .string(let s) = t.kind else {
                        throw AssemblyError(t.location, "expected a string in double quotes but found \(t.text)")
                    }
                    current.bytes.append(contentsOf: s)
                }
                if name != ".ascii" { current.bytes.append(0) }
            }
            current.lastWasData = true
            emitLine(start)
        case ".ltorg", ".pool":
            try noArgs()
            dumpPool(current)
        case ".inst":
            try checkData()
            guard !args.isEmpty else { return }   // nothing, as in GNU as
            if current.exec {
                if current.bytes.count % 4 != 0 && current.lastWasData { current.alignZero(4) }
                current.raiseAlignment(4)
            }
            current.lastWasData = false
            var after = token
            for g in ops {
                let e = try parseExpression(g, line, after: after)
                after = g.last ?? after
                current.lineEntries.append((current.bytes.count, 4, mapped(g.first?.location ?? token.location, at: current.bytes.count), true))
                current.codeOffsets.append(current.bytes.count)
                current.fixups.append(.data(offset: current.bytes.count, size: 4, expression: e, location: g.first?.location ?? token.location))
                current.bytes.append(contentsOf: [0, 0, 0, 0])
            }
        case ".org":
            guard let g = ops.first, !g.isEmpty else { throw AssemblyError(endOf(token), "expected an address after .org") }
            let e = try parseExpression(g, line, after: token)
            let v = try e.value(firstPassContext(), depth: 0)
            guard v.section == nil || v.section == current.index else {
                throw AssemblyError(g[0].location, ".org target must be in the current section")
            }
            guard v.offset >= Int64(current.bytes.count) else {
                throw AssemblyError(g[0].location, ".org cannot move backwards (to \(v.offset) from \(current.bytes.count))")
            }
            guard v.offset <= 1 << 26 else { throw AssemblyError(g[0].location, ".org target \(v.offset) too large") }
            let fill = ops.count > 1 ? try constant(ops[1], line, after: token) : 0
            current.bytes.append(contentsOf: repeatElement(UInt8(truncatingIfNeeded: fill), count: Int(v.offset) - current.bytes.count))
        case ".end":
            stopped = true
        default:
            throw AssemblyError(token.location, "unknown directive '\(token.identifier ?? name)'")
        }
    }

    func switch_(to s: SectionBuffer) {
        if s !== current { previous = current }
        current = s
    }

    func section(named name: String, flags: String?, nobits: Bool) -> SectionBuffer {
        if let s = sections.first(where: { $0.name == name }) { return s }
        var alloc = false, write = false, exec = false, nb = nobits
        if let flags {
            alloc = flags.contains("a"); write = flags.contains("w"); exec = flags.contains("x")
        } else if name.hasPrefix(".text") {
            alloc = true; exec = true
        } else if name.hasPrefix(".data") || name.hasPrefix(".bss") {
            alloc = true; write = true; nb = nb || name.hasPrefix(".bss")
        } else if name.hasPrefix(".rodata") {
            alloc = true
        }
        let s = SectionBuffer(name: name, index: sections.count, alloc: alloc, write: write, exec: exec, nobits: nb)
        s.unit = self
        sections.append(s)
        return s
    }
}
