import Assembler
import Foundation

/// DWARF 4 debug information for an assembled program, the way GNU as writes it for a `.S`
/// file (`as -g`: a compile unit in language Mips_Assembler with a line table), plus a second
/// compile unit, in C, for what the C header declares: the context struct's type and the
/// variable, as a C compiler would describe them, so that a debugger prints
/// `resume_cpu_context` field by field and watches `resume_cpu_context.sp` (lldb evaluates
/// expressions only in a language it knows, which assembler is not).
///
/// Sections produced: `.debug_abbrev`, `.debug_info`, `.debug_line`, `.debug_aranges`.
public struct DWARFWriter {
    /// One row of the line table: an instruction's address and where it came from.
    public struct Row: Sendable, Equatable {
        public var address: UInt64
        public var file: String
        public var line: Int
        public init(address: UInt64, file: String, line: Int) { self.address = address; self.file = file; self.line = line }
    }

    /// A global variable of struct type (the context struct).
    public struct StructVariable: Sendable {
        public var name: String
        public var address: UInt64
        public var layout: CStructLayout
        public init(name: String, address: UInt64, layout: CStructLayout) { self.name = name; self.address = address; self.layout = layout }
    }

    public var producer: String
    /// The compile unit's name (the main source) and the directory source names are relative to.
    public var name: String
    public var compilationDirectory: String
    /// Rows in ascending address order; a gap (the next row not 4 bytes on) ends a sequence.
    public var rows: [Row]
    /// The address range the compile unit covers.
    public var lowPC: UInt64
    public var highPC: UInt64
    public var variables: [StructVariable]
    /// The name of the C compile unit holding `variables` (the struct's header).
    public var declarationFile: String

    public init(producer: String, name: String, compilationDirectory: String, rows: [Row], lowPC: UInt64, highPC: UInt64,
                variables: [StructVariable] = [], declarationFile: String = "") {
        self.producer = producer; self.name = name; self.compilationDirectory = compilationDirectory
        self.rows = rows; self.lowPC = lowPC; self.highPC = highPC; self.variables = variables
        self.declarationFile = declarationFile
    }

    static let instructionSize: UInt64 = 4

    /// The source files named by the rows, in order of first use (file 1 is the first).
    public var files: [String] {
        var seen = Set<String>()
        return rows.compactMap { seen.insert($0.file).inserted ? $0.file : nil }
    }

    /// Section name -> contents.
    public func sections() -> [(String, [UInt8])] {
        [(".debug_aranges", aranges()), (".debug_info", info()), (".debug_abbrev", abbrev()), (".debug_line", line())]
    }

    // MARK: .debug_line

    func line() -> [UInt8] {
        var w = ByteWriter()
        let lengthAt = w.placeholder32()
        w.u16(4)                                  // version
        let headerLengthAt = w.placeholder32()
        let headerStart = w.count
        w.u8(1)                                   // minimum_instruction_length
        w.u8(1)                                   // maximum_operations_per_instruction
        w.u8(1)                                   // default_is_stmt
        w.u8(UInt8(bitPattern: -5))               // line_base
        w.u8(14)                                  // line_range
        w.u8(13)                                  // opcode_base
        w.append([0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1])
        w.u8(0)                                   // include_directories: none (all in comp_dir)
        let files = self.files
        for f in files { w.cString(f); w.uleb(0); w.uleb(0); w.uleb(0) }
        w.u8(0)
        w.patch32(at: headerLengthAt, UInt32(w.count - headerStart))

        let fileIndex = Dictionary(uniqueKeysWithValues: files.enumerated().map { ($0.element, $0.offset + 1) })
        var i = 0
        while i < rows.count {
            // One sequence: rows 4 bytes apart.
            var j = i + 1
            while j < rows.count && rows[j].address == rows[j - 1].address &+ Self.instructionSize { j += 1 }
            var address = rows[i].address
            var file = 1, line = 1
            w.u8(0); w.uleb(9); w.u8(2); w.u64(address)          // DW_LNE_set_address
            for r in rows[i..<j] {
                let f = fileIndex[r.file] ?? 1
                if f != file { w.u8(4); w.uleb(UInt64(f)); file = f }            // DW_LNS_set_file
                if r.line != line { w.u8(3); w.sleb(Int64(r.line - line)); line = r.line }   // DW_LNS_advance_line
                if r.address != address { w.u8(2); w.uleb(r.address &- address); address = r.address }   // DW_LNS_advance_pc
                w.u8(1)                                                          // DW_LNS_copy
            }
            w.u8(2); w.uleb(rows[j - 1].address &+ Self.instructionSize &- address)
            w.u8(0); w.uleb(1); w.u8(1)                            // DW_LNE_end_sequence
            i = j
        }
        w.patch32(at: lengthAt, UInt32(w.count - 4))
        return w.bytes
    }

    // MARK: .debug_abbrev / .debug_info

    enum Abbrev: UInt64 {
        case compileUnit = 1, baseType, typedef, structure, member, arrayType, subrange, variable, declarationUnit
    }

    // DW_TAG, DW_AT and DW_FORM values used.
    static let tagCompileUnit: UInt64 = 0x11, tagBaseType: UInt64 = 0x24, tagTypedef: UInt64 = 0x16,
               tagStructure: UInt64 = 0x13, tagMember: UInt64 = 0x0d, tagArray: UInt64 = 0x01,
               tagSubrange: UInt64 = 0x21, tagVariable: UInt64 = 0x34
    static let atName: UInt64 = 0x03, atProducer: UInt64 = 0x25, atLanguage: UInt64 = 0x13, atCompDir: UInt64 = 0x1b,
               atStmtList: UInt64 = 0x10, atLowPC: UInt64 = 0x11, atHighPC: UInt64 = 0x12, atEncoding: UInt64 = 0x3e,
               atByteSize: UInt64 = 0x0b, atType: UInt64 = 0x49, atMemberLocation: UInt64 = 0x38,
               atUpperBound: UInt64 = 0x2f, atExternal: UInt64 = 0x3f, atLocation: UInt64 = 0x02
    static let formAddr: UInt64 = 0x01, formData1: UInt64 = 0x0b, formData2: UInt64 = 0x05, formData8: UInt64 = 0x07,
               formString: UInt64 = 0x08, formRef4: UInt64 = 0x13, formSecOffset: UInt64 = 0x17, formUData: UInt64 = 0x0f,
               formFlagPresent: UInt64 = 0x19, formExprloc: UInt64 = 0x18

    func abbrev() -> [UInt8] {
        var w = ByteWriter()
        func entry(_ a: Abbrev, _ tag: UInt64, children: Bool, _ specs: [(UInt64, UInt64)]) {
            w.uleb(a.rawValue); w.uleb(tag); w.u8(children ? 1 : 0)
            for (at, form) in specs { w.uleb(at); w.uleb(form) }
            w.u8(0); w.u8(0)
        }
        entry(.compileUnit, Self.tagCompileUnit, children: false,
              [(Self.atProducer, Self.formString), (Self.atLanguage, Self.formData2), (Self.atName, Self.formString),
               (Self.atCompDir, Self.formString), (Self.atStmtList, Self.formSecOffset), (Self.atLowPC, Self.formAddr),
               (Self.atHighPC, Self.formData8)])
        entry(.declarationUnit, Self.tagCompileUnit, children: true,
              [(Self.atProducer, Self.formString), (Self.atLanguage, Self.formData2), (Self.atName, Self.formString),
               (Self.atCompDir, Self.formString)])
        entry(.baseType, Self.tagBaseType, children: false,
              [(Self.atName, Self.formString), (Self.atEncoding, Self.formData1), (Self.atByteSize, Self.formData1)])
        entry(.typedef, Self.tagTypedef, children: false, [(Self.atName, Self.formString), (Self.atType, Self.formRef4)])
        entry(.structure, Self.tagStructure, children: true, [(Self.atName, Self.formString), (Self.atByteSize, Self.formUData)])
        entry(.member, Self.tagMember, children: false,
              [(Self.atName, Self.formString), (Self.atType, Self.formRef4), (Self.atMemberLocation, Self.formUData)])
        entry(.arrayType, Self.tagArray, children: true, [(Self.atType, Self.formRef4)])
        entry(.subrange, Self.tagSubrange, children: false, [(Self.atType, Self.formRef4), (Self.atUpperBound, Self.formUData)])
        entry(.variable, Self.tagVariable, children: false,
              [(Self.atName, Self.formString), (Self.atType, Self.formRef4), (Self.atExternal, Self.formFlagPresent),
               (Self.atLocation, Self.formExprloc)])
        w.u8(0)
        return w.bytes
    }

    /// C's view of a field type: its DWARF base type (name, signed) for its size.
    static func baseType(size: Int, signed: Bool) -> String {
        switch (size, signed) {
        case (1, false): return "unsigned char"
        case (1, true): return "signed char"
        case (2, false): return "unsigned short"
        case (2, true): return "short"
        case (4, false): return "unsigned int"
        case (4, true): return "int"
        case (_, false): return "unsigned long"
        case (_, true): return "long"
        }
    }

    /// The signed C types CStructParser understands (everything else is unsigned).
    static let signedTypes: Set<String> = ["int64_t", "int32_t", "int16_t", "int8_t", "s64", "s32", "s16", "s8",
                                           "long", "long long", "int", "short", "signed char"]

    static func isSigned(_ type: String) -> Bool { signedTypes.contains(type.trimmingCharacters(in: .whitespaces)) }

    func info() -> [UInt8] {
        var w = ByteWriter()
        // The assembler's unit: the line table and the code's range.
        var lengthAt = w.placeholder32()
        w.u16(4)                 // version
        w.u32(0)                 // debug_abbrev_offset
        w.u8(8)                  // address_size
        w.uleb(Abbrev.compileUnit.rawValue)
        w.cString(producer)
        w.u16(0x8001)            // DW_LANG_Mips_Assembler, as GNU as writes
        w.cString(name)
        w.cString(compilationDirectory)
        w.u32(0)                 // stmt_list: the one line program
        w.u64(lowPC)
        w.u64(highPC &- lowPC)
        w.patch32(at: lengthAt, UInt32(w.count - 4))
        guard !variables.isEmpty else { return w.bytes }

        // The C unit: the struct and the variable. References (ref4) are from this unit's start.
        let unit = w.count
        lengthAt = w.placeholder32()
        w.u16(4)
        w.u32(0)
        w.u8(8)
        w.uleb(Abbrev.declarationUnit.rawValue)
        w.cString(producer)
        w.u16(0x000c)            // DW_LANG_C99
        w.cString(declarationFile)
        w.cString(compilationDirectory)

        // Types: base types, then a typedef per named field type, arrays, the structs.
        var baseOffsets: [String: Int] = [:]
        var typeOffsets: [String: Int] = [:]
        func base(_ name: String, size: Int, signed: Bool) -> Int {
            if let o = baseOffsets[name] { return o }
            let o = w.count - unit
            w.uleb(Abbrev.baseType.rawValue)
            w.cString(name)
            w.u8(signed ? 0x05 : 0x07)     // DW_ATE_signed / DW_ATE_unsigned
            w.u8(UInt8(size))
            baseOffsets[name] = o
            return o
        }
        func fieldType(_ f: CStructLayout.Field) -> Int {
            let key = "\(f.type)/\(f.elementSize)"
            if let o = typeOffsets[key] { return o }
            let signed = Self.isSigned(f.type)
            let b = base(Self.baseType(size: f.elementSize, signed: signed), size: f.elementSize, signed: signed)
            if Self.baseType(size: f.elementSize, signed: signed) == f.type || f.type.contains("*") { typeOffsets[key] = b; return b }
            let o = w.count - unit
            w.uleb(Abbrev.typedef.rawValue)
            w.cString(f.type)
            w.u32(UInt32(b))
            typeOffsets[key] = o
            return o
        }
        var structOffsets: [Int] = []
        for v in variables {
            let elementTypes = v.layout.fields.map(fieldType)
            let indexType = base("unsigned long", size: 8, signed: false)
            var arrayOffsets: [Int?] = []
            for (k, f) in v.layout.fields.enumerated() {
                guard f.count > 1 else { arrayOffsets.append(nil); continue }
                arrayOffsets.append(w.count - unit)
                w.uleb(Abbrev.arrayType.rawValue)
                w.u32(UInt32(elementTypes[k]))
                w.uleb(Abbrev.subrange.rawValue)
                w.u32(UInt32(indexType))
                w.uleb(UInt64(f.count - 1))
                w.u8(0)
            }
            structOffsets.append(w.count - unit)
            w.uleb(Abbrev.structure.rawValue)
            w.cString(v.layout.name)
            w.uleb(UInt64(v.layout.size))
            for (k, f) in v.layout.fields.enumerated() {
                w.uleb(Abbrev.member.rawValue)
                w.cString(f.name)
                w.u32(UInt32(arrayOffsets[k] ?? elementTypes[k]))
                w.uleb(UInt64(f.offset))
            }
            w.u8(0)
        }
        for (k, v) in variables.enumerated() {
            w.uleb(Abbrev.variable.rawValue)
            w.cString(v.name)
            w.u32(UInt32(structOffsets[k]))
            w.uleb(9)
            w.u8(0x03)           // DW_OP_addr
            w.u64(v.address)
        }
        w.u8(0)                  // end of the C unit's children
        w.patch32(at: lengthAt, UInt32(w.count - lengthAt - 4))
        return w.bytes
    }

    // MARK: .debug_aranges

    /// The address ranges of the line table's sequences, so a debugger finds the unit by PC.
    func aranges() -> [UInt8] {
        var w = ByteWriter()
        let lengthAt = w.placeholder32()
        w.u16(2)                 // version
        w.u32(0)                 // debug_info offset of the unit
        w.u8(8)                  // address size
        w.u8(0)                  // segment selector size
        w.align(16)              // tuples start at a multiple of twice the address size
        w.u64(lowPC)
        w.u64(highPC &- lowPC)
        w.u64(0); w.u64(0)
        w.patch32(at: lengthAt, UInt32(w.count - 4))
        return w.bytes
    }
}
