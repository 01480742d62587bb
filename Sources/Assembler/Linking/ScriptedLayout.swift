/// Laying the units out by a `LinkerScript` instead of ld's default script (see
/// `LinkerScript` for the rules followed).
extension Linker {
    /// The output section and input-statement index each input section goes to, or nil for an
    /// orphan.
    func scriptPlacement(_ s: SectionBuffer, _ script: LinkerScript) -> (section: Int, item: Int)? {
        for (k, st) in script.statements.enumerated() {
            guard case .section(let o) = st else { continue }
            for (j, item) in o.body.enumerated() {
                if case .inputs(let patterns) = item, patterns.contains(where: { LinkerScript.matches($0, s.name) }) {
                    return (k, j)
                }
            }
        }
        return nil
    }

    /// The output section an input section goes to under the script (orphans keep their name).
    func scriptOutputName(_ s: SectionBuffer, _ script: LinkerScript) -> String {
        guard let (k, _) = scriptPlacement(s, script), case .section(let o) = script.statements[k] else { return s.name }
        return o.name
    }

    /// Output sections laid out by the script, with every input section's address set and the
    /// script's symbols assigned.
    func scriptedLayout(_ script: LinkerScript) throws -> [OutputSection] {
        // Orphans first: each gets an output section of its own name after the script's section
        // of its kind, so that the script extended with them takes every section.
        var statements = script.statements
        var seen = Set<String>()
        var lastOrphan: [String: String] = [:]
        func sectionIndex(_ name: String) -> Int? {
            statements.lastIndex { if case .section(let o) = $0 { return o.name == name }; return false }
        }
        for u in units {
            for s in u.sections where s.alloc && scriptPlacement(s, script) == nil && !seen.contains(s.name) {
                seen.insert(s.name)
                let kind = s.nobits ? ".bss" : s.exec ? ".text" : s.write ? ".data" : ".rodata"
                var at = statements.count
                if let after = sectionIndex(lastOrphan[kind] ?? kind) {
                    // ld's insert_os_after: past the symbol assignments that follow, but before the
                    // first assignment to `.` ahead of the next output section.
                    var firstDot: Int? = nil
                    var j = after + 1
                    while j < statements.count {
                        if case .align = statements[j], firstDot == nil { firstDot = j }
                        if case .section = statements[j] { break }
                        j += 1
                    }
                    at = j < statements.count ? (firstDot ?? j) : statements.count
                }
                statements.insert(.section(.init(s.name, [.inputs([s.name])])), at: at)
                lastOrphan[kind] = s.name
            }
        }
        let extended = LinkerScript(statements)
        // Input sections by (statement, item), in link order: file by file, each file's sections
        // in order (one input statement takes every section that matches any of its patterns).
        var taken: [Int: [Int: [SectionBuffer]]] = [:]
        for u in units {
            for s in u.sections where s.alloc {
                let (k, j) = scriptPlacement(s, extended)!
                taken[k, default: [:]][j, default: []].append(s)
            }
        }

        var dot = base
        var symbols: [String: UInt64] = [:]
        var outs: [OutputSection] = []
        func align(_ a: UInt64, _ what: String) throws {
            let aligned = (dot &+ a &- 1) & ~(a &- 1)
            guard aligned >= dot else { throw wrapError(what, 0, nil) }
            dot = aligned
        }
        for (k, st) in statements.enumerated() {
            switch st {
            case .symbol(let n): symbols[n] = dot
            case .align(let a): try align(a, ". = ALIGN(0x\(String(a, radix: 16)))")
            case .section(let o):
                let inputs = taken[k] ?? [:]
                let all = o.body.indices.flatMap { inputs[$0] ?? [] }
                let sectionAlign = UInt64(all.map(\.alignment).max() ?? 1)
                try align(sectionAlign, o.name)
                let start = dot
                var out = OutputSection(name: o.name, group: 0, inputs: all)
                out.fill = o.fill
                for (j, item) in o.body.enumerated() {
                    switch item {
                    case .symbol(let n): symbols[n] = dot
                    case .align(let a): try align(a, o.name)
                    case .inputs:
                        for s in inputs[j] ?? [] {
                            try align(UInt64(s.alignment), o.name)
                            let (end, wraps) = dot.addingReportingOverflow(UInt64(s.bytes.count))
                            guard !wraps else { throw wrapError(o.name, UInt64(s.bytes.count), s) }
                            s.address = dot
                            dot = end
                        }
                    }
                }
                out.address = start
                out.size = dot - start
                if !all.isEmpty || out.size > 0 { outs.append(out) }
            }
        }
        for u in units { for s in u.sections where !s.alloc { s.address = 0 } }
        scriptSymbols = symbols
        return outs
    }
}
