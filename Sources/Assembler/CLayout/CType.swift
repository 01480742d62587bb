/// A C type as far as its layout goes, on AArch64 Linux (LP64, AAPCS64, as GCC lays it out).
indirect enum CType {
    /// A scalar of this size and alignment (`unsigned long`, `uint32_t`, an enum).
    case scalar(String, size: Int, align: Int)
    case pointer
    /// An array; the element count is an expression (tokens) evaluated when the layout is
    /// needed, nil for `[]` (a flexible array member).
    case array(CType, count: Range<Int>?)
    /// A struct or union by its definition (an index into `CTranslationUnit.records`).
    case record(Int)
    /// `struct TAG` / `union TAG` not defined at this point: looked up by tag when laid out.
    case tag(String)
    case function
    case void
    /// Raised alignment (`__attribute__((aligned(N)))` on a typedef).
    case aligned(CType, Int)
    /// A typedef SuspendScope refuses to lay out (nested too deeply), and why.
    case refused(String)

    /// How many types are nested in this one (arrays of arrays, aligned typedefs), counted
    /// without recursion.
    var nesting: Int {
        var n = 0
        var t = self
        while true {
            switch t {
            case .array(let u, _), .aligned(let u, _): t = u; n += 1
            default: return n
            }
        }
    }

    var isRecordLike: Bool {
        switch self {
        case .record, .tag: true
        case .aligned(let t, _): t.isRecordLike
        default: false
        }
    }
}

/// A struct or union laid out: each member's offset (bit-fields: the byte of their storage unit).
struct CRecordLayout {
    struct Member {
        /// nil: an anonymous struct or union member, whose members are reached through it.
        var name: String?
        var offset: Int
        var type: CType
        var size: Int
        var bitField: Bool
    }
    var name: String
    var isUnion: Bool
    var size: Int
    var alignment: Int
    var members: [Member]
}
