/// ld's merging of `"aMS"` sections (bfd/merge.c): the input sections of one output section
/// with the same entry size and alignment form a group; every distinct NUL-terminated string of
/// the group is kept once, in the input section where it first occurs, in order of first
/// occurrence; a string that is the tail of another kept string is dropped and points into it
/// (`"lo"` into `"hello"`). Labels move with their strings.
///
/// SuspendScope merges sections of 1-byte strings with alignment 1 (what `.section
/// .rodata.str, "aMS", %progbits, 1` gives) whose bytes end in a NUL and hold only strings.
/// Other merge sections (`"aM"` entries, wider strings, raised alignment, code or relocated data
/// inside) are refused with an error: ld would merge them by rules SuspendScope does not model.
struct StringMerger {
    let units: [Assembly]
    /// The output section of an input section (merging happens within one).
    let outputName: (SectionBuffer) -> String

    private struct Entry {
        let bytes: [UInt8]         // without the terminator
        let section: SectionBuffer // first occurrence
        var keptIn: Int? = nil     // index of the entry whose bytes hold it (self or a longer string)
        var offset = 0             // in its section after merging (kept entries)
    }

    func merge() throws {
        // Groups in link order: output section, entry size, alignment.
        var groups: [String: [SectionBuffer]] = [:]
        var order: [String] = []
        for u in units {
            for s in u.sections where s.alloc && s.merge && !s.nobits && !s.bytes.isEmpty {
                guard s.strings, s.entrySize == 1, s.alignment == 1, s.fixups.isEmpty, s.codeOffsets.isEmpty, s.bytes.last == 0 else {
                    let loc = s.lineEntries.first?.2 ?? SourceLocation(file: "<link>", line: 0, column: 0)
                    let why = !s.strings ? "mergeable entries of \(s.entrySize) bytes (\"aM\" without S)"
                        : s.entrySize != 1 ? "strings of \(s.entrySize)-byte characters"
                        : s.alignment != 1 ? "an alignment of \(s.alignment) (raised by .balign or an instruction)"
                        : !s.fixups.isEmpty || !s.codeOffsets.isEmpty ? "code or relocated data" : "bytes after the last NUL"
                    throw AssemblyError(loc, "section \(s.name) is a merge section with \(why): SuspendScope links only \"aMS\" sections of NUL-terminated 1-byte strings, as ld would merge this differently")
                }
                let key = "\(outputName(s))\u{0}\(s.entrySize)\u{0}\(s.alignment)"
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(s)
            }
        }
        for key in order { mergeGroup(groups[key]!) }
    }

    private func mergeGroup(_ sections: [SectionBuffer]) {
        var entries: [Entry] = []
        var index: [[UInt8]: Int] = [:]
        // Per section: (original start offset, entry index) of each string.
        var starts: [ObjectIdentifier: [(Int, Int)]] = [:]
        for s in sections {
            var list: [(Int, Int)] = []
            var i = 0
            while i < s.bytes.count {
                var e = i
                while s.bytes[e] != 0 { e += 1 }
                let str = Array(s.bytes[i..<e])
                let k: Int
                if let found = index[str] { k = found } else {
                    k = entries.count
                    index[str] = k
                    entries.append(Entry(bytes: str, section: s))
                }
                list.append((i, k))
                i = e + 1
            }
            starts[ObjectIdentifier(s)] = list
        }
        // Tail merging, as merge_strings: sort by the reversed string (a tail before the
        // strings it ends), then each string points into the next one it is a tail of.
        let sorted = entries.indices.sorted { a, b in
            let x = entries[a].bytes, y = entries[b].bytes
            var i = x.count - 1, j = y.count - 1
            while i >= 0 && j >= 0 {
                if x[i] != y[j] { return x[i] < y[j] }
                i -= 1; j -= 1
            }
            return x.count < y.count
        }
        if var e = sorted.last {
            entries[e].keptIn = e
            for k in sorted.dropLast().reversed() {
                let longer = entries[e].bytes, candidate = entries[k].bytes
                if candidate.count <= longer.count && Array(longer.suffix(candidate.count)) == candidate {
                    entries[k].keptIn = e
                } else {
                    entries[k].keptIn = k
                    e = k
                }
            }
        }
        // Kept strings are laid out in first-occurrence order in their sections.
        var sizes: [ObjectIdentifier: Int] = [:]
        for k in entries.indices where entries[k].keptIn == k {
            let id = ObjectIdentifier(entries[k].section)
            entries[k].offset = sizes[id, default: 0]
            sizes[id, default: 0] += entries[k].bytes.count + 1
        }
        let final = entries
        for s in sections {
            let list = starts[ObjectIdentifier(s)] ?? []
            var bytes: [UInt8] = []
            for k in final.indices where final[k].keptIn == k && final[k].section === s {
                bytes += final[k].bytes + [0]
            }
            let oldLines = s.lineEntries
            var lines: [(Int, Int, SourceLocation, Bool)] = []
            var expansions: [Int: Int] = [:]
            for (o, size, loc, instr) in oldLines {
                // A directive's line entry stays where its first string stayed.
                if let (_, k) = list.last(where: { $0.0 <= o }), final[k].keptIn == k, final[k].section === s {
                    let start = list.last(where: { $0.0 <= o })!.0
                    let n = final[k].offset + (o - start)
                    lines.append((n, min(size, bytes.count - n), loc, instr))
                    if let x = s.expansionAt[o] { expansions[n] = x }
                }
            }
            s.bytes = bytes
            s.lineEntries = lines
            s.expansionAt = expansions
            s.codeOffsets = []
            let originalSize = list.last.map { $0.0 + final[$0.1].bytes.count + 1 } ?? 0
            s.relocate = { [unowned s] offset in
                // The string holding `offset` (or the end of the section).
                guard let (start, k) = list.last(where: { Int64($0.0) <= offset }), offset < Int64(originalSize) else {
                    return s.address &+ UInt64(bytes.count)
                }
                let holder = final[k].keptIn ?? k
                let h = final[holder]
                let tail = h.bytes.count - final[k].bytes.count
                return h.section.address &+ UInt64(h.offset + tail) &+ UInt64(offset - Int64(start))
            }
        }
    }
}
