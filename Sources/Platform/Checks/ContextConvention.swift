import A64
import Assembler

/// Which register a context struct field holds, by the patch's convention: `callee_regs[k]`
/// is x(19+k) (x29 = fp, x30 = lr), `sp` is the stack pointer, and a field named after an
/// EL2 system register (`vbar_el2`) holds that register.
public enum ContextConvention {
    public enum Owner: Equatable, Sendable {
        /// Effects numbering (x0..x30).
        case register(Int)
        case sp
        /// Catalogue index.
        case sysreg(Int)

        public var name: String {
            switch self {
            case .register(let r): "x\(r)"
            case .sp: "sp"
            case .sysreg(let i): SystemRegisterCatalogue.all[i].name
            }
        }
    }

    public struct Field: Equatable, Sendable {
        public var name: String
        public var offset: Int
        public var owner: Owner
    }

    /// Every 8-byte field (array elements one by one) whose owner the convention knows.
    public static func owners(of layout: CStructLayout) -> [Field] {
        var out: [Field] = []
        for f in layout.fields where f.elementSize == 8 {
            if f.name == "callee_regs" {
                for k in 0..<min(f.count, 12) { out.append(Field(name: "callee_regs[\(k)]", offset: f.offset + 8 * k, owner: .register(19 + k))) }
            } else if f.name == "sp" {
                out.append(Field(name: "sp", offset: f.offset, owner: .sp))
            } else if f.count == 1, let i = SystemRegisterCatalogue.index(named: f.name.uppercased()) {
                out.append(Field(name: f.name, offset: f.offset, owner: .sysreg(i)))
            }
        }
        return out
    }
}
