/// An ELF64 little-endian AArch64 executable (`ET_EXEC`, `EM_AARCH64`) as `ld` lays one out:
/// the program's sections loaded by one `PT_LOAD` each (virtual address = link address,
/// physical address = where the image is loaded), then non-allocated sections (DWARF), the
/// symbol table, its string table and the section-name table, then the section headers.
///
/// Only what debuggers and binutils read: no relocations, no dynamic section, no notes.
public struct ELFFile: Sendable {
    public struct Section: Sendable {
        public var name: String
        /// SHT_PROGBITS (1) or SHT_NOBITS (8).
        public var type: UInt32
        /// SHF_WRITE 1, SHF_ALLOC 2, SHF_EXECINSTR 4.
        public var flags: UInt64
        /// Link (virtual) address; 0 for non-allocated sections.
        public var address: UInt64
        /// Load (physical) address of an allocated section.
        public var loadAddress: UInt64
        /// Contents (empty for NOBITS).
        public var bytes: [UInt8]
        /// Memory size (the byte count except for NOBITS).
        public var size: UInt64
        public var alignment: UInt64

        public init(name: String, type: UInt32, flags: UInt64, address: UInt64 = 0, loadAddress: UInt64 = 0,
                    bytes: [UInt8], size: UInt64? = nil, alignment: UInt64 = 1) {
            self.name = name; self.type = type; self.flags = flags; self.address = address
            self.loadAddress = loadAddress; self.bytes = bytes; self.size = size ?? UInt64(bytes.count)
            self.alignment = alignment
        }

        public var isAllocated: Bool { flags & ELFFile.shfAlloc != 0 }
    }

    public struct Symbol: Sendable {
        public var name: String
        public var value: UInt64
        public var size: UInt64
        /// STT_NOTYPE 0, STT_OBJECT 1, STT_FUNC 2, STT_FILE 4.
        public var type: UInt8
        /// STB_LOCAL 0, STB_GLOBAL 1.
        public var binding: UInt8
        /// Name of the section it is in; nil: absolute (SHN_ABS).
        public var section: String?

        public init(name: String, value: UInt64, size: UInt64 = 0, type: UInt8, binding: UInt8, section: String?) {
            self.name = name; self.value = value; self.size = size; self.type = type
            self.binding = binding; self.section = section
        }
    }

    public static let shtProgbits: UInt32 = 1, shtSymtab: UInt32 = 2, shtStrtab: UInt32 = 3, shtNobits: UInt32 = 8
    public static let shfWrite: UInt64 = 1, shfAlloc: UInt64 = 2, shfExec: UInt64 = 4
    public static let sttNotype: UInt8 = 0, sttObject: UInt8 = 1, sttFunc: UInt8 = 2, sttFile: UInt8 = 4
    public static let stbLocal: UInt8 = 0, stbGlobal: UInt8 = 1
    static let pageSize: UInt64 = 0x1000

    public var entry: UInt64
    public var sections: [Section]
    public var symbols: [Symbol]

    public init(entry: UInt64, sections: [Section], symbols: [Symbol]) {
        self.entry = entry; self.sections = sections; self.symbols = symbols
    }

    /// The file's bytes.
    public func bytes() -> [UInt8] {
        let loaded = sections.filter(\.isAllocated)
        let headerSize = 64, phSize = 56, shSize = 64
        var out = ByteWriter()
        out.append([UInt8](repeating: 0, count: headerSize + phSize * loaded.count))

        // Section contents: allocated ones at file offsets congruent to their address modulo the
        // page size (as ld does, so p_align can be a page), the rest packed after them.
        var offsets: [Int] = []
        for s in sections {
            if s.isAllocated {
                let want = Int(s.address % Self.pageSize)
                while out.count % Int(Self.pageSize) != want { out.u8(0) }
            } else {
                out.align(Int(max(1, s.alignment)))
            }
            offsets.append(out.count)
            if s.type != Self.shtNobits { out.append(s.bytes) }
        }

        // Symbol table: locals first (sh_info = the first global), names in .strtab.
        let sectionIndex = Dictionary(sections.enumerated().map { ($0.element.name, $0.offset + 1) }, uniquingKeysWith: { a, _ in a })
        var strtab = ByteWriter()
        strtab.u8(0)
        var symtab = ByteWriter()
        symtab.append([UInt8](repeating: 0, count: 24))
        let ordered = symbols.filter { $0.binding == Self.stbLocal } + symbols.filter { $0.binding != Self.stbLocal }
        let firstGlobal = 1 + symbols.filter { $0.binding == Self.stbLocal }.count
        for sym in ordered {
            symtab.u32(UInt32(strtab.count))
            strtab.cString(sym.name)
            symtab.u8(sym.binding << 4 | sym.type)
            symtab.u8(0)
            let shndx: UInt16 = sym.type == Self.sttFile ? 0xfff1 : sym.section.flatMap { sectionIndex[$0] }.map { UInt16($0) } ?? 0xfff1
            symtab.u16(shndx)
            symtab.u64(sym.value)
            symtab.u64(sym.size)
        }
        out.align(8)
        let symtabOffset = out.count
        out.append(symtab.bytes)
        let strtabOffset = out.count
        out.append(strtab.bytes)

        var shstrtab = ByteWriter()
        shstrtab.u8(0)
        var nameOffsets: [UInt32] = []
        for s in sections { nameOffsets.append(UInt32(shstrtab.count)); shstrtab.cString(s.name) }
        let symtabName = UInt32(shstrtab.count); shstrtab.cString(".symtab")
        let strtabName = UInt32(shstrtab.count); shstrtab.cString(".strtab")
        let shstrtabName = UInt32(shstrtab.count); shstrtab.cString(".shstrtab")
        let shstrtabOffset = out.count
        out.append(shstrtab.bytes)

        out.align(8)
        let shOffset = out.count
        out.append([UInt8](repeating: 0, count: shSize))   // SHN_UNDEF
        func sectionHeader(name: UInt32, type: UInt32, flags: UInt64, address: UInt64, offset: Int, size: UInt64,
                           link: UInt32 = 0, info: UInt32 = 0, align: UInt64, entsize: UInt64 = 0) {
            out.u32(name); out.u32(type); out.u64(flags); out.u64(address); out.u64(UInt64(offset)); out.u64(size)
            out.u32(link); out.u32(info); out.u64(align); out.u64(entsize)
        }
        for (i, s) in sections.enumerated() {
            sectionHeader(name: nameOffsets[i], type: s.type, flags: s.flags, address: s.address, offset: offsets[i],
                          size: s.size, align: max(1, s.alignment))
        }
        let strtabIndex = UInt32(sections.count + 2)
        sectionHeader(name: symtabName, type: Self.shtSymtab, flags: 0, address: 0, offset: symtabOffset,
                      size: UInt64(symtab.count), link: strtabIndex, info: UInt32(firstGlobal), align: 8, entsize: 24)
        sectionHeader(name: strtabName, type: Self.shtStrtab, flags: 0, address: 0, offset: strtabOffset,
                      size: UInt64(strtab.count), align: 1)
        sectionHeader(name: shstrtabName, type: Self.shtStrtab, flags: 0, address: 0, offset: shstrtabOffset,
                      size: UInt64(shstrtab.count), align: 1)
        let sectionCount = sections.count + 4

        // ELF header.
        var h = ByteWriter()
        h.append([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0])   // ELFCLASS64, ELFDATA2LSB, EV_CURRENT, System V
        h.append([UInt8](repeating: 0, count: 8))
        h.u16(2)            // ET_EXEC
        h.u16(183)          // EM_AARCH64
        h.u32(1)
        h.u64(entry)
        h.u64(loaded.isEmpty ? 0 : UInt64(headerSize))
        h.u64(UInt64(shOffset))
        h.u32(0)            // flags
        h.u16(UInt16(headerSize)); h.u16(UInt16(phSize)); h.u16(UInt16(loaded.count))
        h.u16(UInt16(shSize)); h.u16(UInt16(sectionCount)); h.u16(UInt16(sectionCount - 1))
        // Program headers: one PT_LOAD per allocated section.
        for (i, s) in sections.enumerated() where s.isAllocated {
            h.u32(1)        // PT_LOAD
            var pf: UInt32 = 4
            if s.flags & Self.shfWrite != 0 { pf |= 2 }
            if s.flags & Self.shfExec != 0 { pf |= 1 }
            h.u32(pf)
            h.u64(UInt64(offsets[i]))
            h.u64(s.address)
            h.u64(s.loadAddress)
            h.u64(s.type == Self.shtNobits ? 0 : UInt64(s.bytes.count))
            h.u64(s.size)
            h.u64(Self.pageSize)
        }
        var file = out.bytes
        file.replaceSubrange(0..<h.count, with: h.bytes)
        return file
    }
}
