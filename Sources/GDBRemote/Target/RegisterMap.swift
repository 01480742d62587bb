import A64

/// The registers the server shows gdb and lldb, in their remote numbering: the AArch64 core
/// (`org.gnu.gdb.aarch64.core`: x0..x30 = 0..30, sp = 31, pc = 32, cpsr = 33) and, from 34 on,
/// every register of the system register catalogue in catalogue order, named as QEMU's gdbstub
/// names it. Generated from the catalogue: a register added there appears here.
public enum RegisterMap {
    public enum Register: Equatable, Sendable {
        /// x0..x30
        case general(Int)
        /// The stack pointer PSTATE.SPSel selects.
        case sp
        case pc
        /// PSTATE in SPSR_EL2 layout, 32 bits.
        case cpsr
        /// A catalogue index.
        case system(Int)
    }

    public static let firstSystem = 34

    public static var count: Int { firstSystem + SystemRegisterCatalogue.all.count }

    public static func register(_ number: Int) -> Register? {
        switch number {
        case 0...30: return .general(number)
        case 31: return .sp
        case 32: return .pc
        case 33: return .cpsr
        default:
            let i = number - firstSystem
            return i >= 0 && i < SystemRegisterCatalogue.all.count ? .system(i) : nil
        }
    }

    public static func number(_ r: Register) -> Int {
        switch r {
        case .general(let n): return n
        case .sp: return 31
        case .pc: return 32
        case .cpsr: return 33
        case .system(let i): return firstSystem + i
        }
    }

    /// Bytes in the remote protocol (cpsr is 32 bits, everything else 64).
    public static func size(_ r: Register) -> Int { r == .cpsr ? 4 : 8 }

    public static func name(_ r: Register) -> String {
        switch r {
        case .general(let n): return "x\(n)"
        case .sp: return "sp"
        case .pc: return "pc"
        case .cpsr: return "cpsr"
        case .system(let i): return qemuName(SystemRegisterCatalogue.all[i].name)
        }
    }

    /// QEMU's gdbstub (target/arm/gdbstub.c) names system registers by their `ARMCPRegInfo`
    /// name, which is the architectural name except where QEMU's table spells it otherwise.
    static let qemuSpelling: [String: String] = ["CurrentEL": "CURRENTEL"]

    public static func qemuName(_ catalogueName: String) -> String { qemuSpelling[catalogueName] ?? catalogueName }

    /// The register a name (either spelling, any case) means.
    public static func register(named name: String) -> Register? {
        let n = name.lowercased()
        if n == "sp" { return .sp }
        if n == "pc" { return .pc }
        if n == "cpsr" { return .cpsr }
        if n.hasPrefix("x"), let k = Int(n.dropFirst()), (0...30).contains(k), String(k) == String(n.dropFirst()) { return .general(k) }
        if let i = SystemRegisterCatalogue.index(named: name) { return .system(i) }
        if let i = SystemRegisterCatalogue.all.firstIndex(where: { qemuName($0.name).lowercased() == n }) { return .system(i) }
        return nil
    }
}
