/// The result of translating a virtual address through the EL2 stage-1 regime (E2H = 0).
public enum Translation: Equatable, Sendable {
    /// The address maps to `physical`. `writable` and `executable` are the page's permissions
    /// after AP[2], APTable, XN, XNTable and SCTLR_EL2.WXN; `level` is the level of the block or
    /// page descriptor (1: 1 GiB block, 2: 2 MiB block, 3: 4 KiB page). With the MMU off the
    /// mapping is the identity, writable and executable, reported at level 0.
    case mapped(physical: UInt64, writable: Bool, executable: Bool, level: Int)
    /// The access faults. `status` is the DFSC/IFSC (address size 0x00+level, translation
    /// 0x04+level, access flag 0x08+level, permission 0x0C+level, external abort on the walk
    /// 0x14+level); `description` says the same in plain words.
    case fault(status: UInt8, level: Int, description: String)
}

/// One cached stage-1 translation: a 4 KiB virtual page to a 4 KiB physical page (blocks are
/// cached per 4 KiB page they are used through).
struct TLBEntry {
    var physicalPage: UInt64
    var writable: Bool
    var executable: Bool
    var level: Int8
}

/// How a translation is used: decides which permission is checked.
enum AccessKind { case read, write, fetch }
