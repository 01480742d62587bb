/// `alias .req register` and `.unreq alias` (tc-aarch64.c's register aliases).
extension Assembly {
    /// `alias .req register`: the alias may stand for the register in any operand. As in gas it
    /// is also known in upper and lower case.
    func registerAlias(_ name: String, _ line: SourceLine, at: Int, from: Int) throws {
        let t = line.text
        let k = MacroText.skipWhite(t, from)
        var e = k
        while e < t.count && Lexer.isIdentChar(t[e]) { e += 1 }
        guard e > k else { throw AssemblyError(line.location(at: k), "expected a register name after .req") }
        try expectNothing(line, after: e, what: ".req")
        let target = String(decoding: t[k..<e], as: UTF8.self)
        let resolved = macro.aliases[target] ?? target
        guard Registers.isBuiltinName(resolved) else {
            // GNU as warns and ignores the alias (a later use of it is then an error).
            messages.append(AssemblerMessage(.warning, line.location(at: k), "unknown register \(quoted(target)) -- .req ignored"))
            return
        }
        if Registers.isBuiltinName(name) {
            // `lr .req x30` (Xen's macros.h) names the same register: silent, as in GNU as.
            if Registers.canonicalName(name) != Registers.canonicalName(resolved) {
                messages.append(AssemblerMessage(.warning, line.location(at: at), "ignoring attempt to redefine built-in register '\(name)'"))
            }
            return
        }
        if let old = macro.aliases[name], Registers.canonicalName(old) != Registers.canonicalName(resolved) {
            messages.append(AssemblerMessage(.warning, line.location(at: at), "ignoring redefinition of register alias '\(name)'"))
            return
        }
        for variant in Set([name, name.uppercased(), name.lowercased()]) where macro.aliases[variant] == nil {
            macro.aliases[variant] = resolved
        }
    }

    /// Operand tokens with register aliases replaced by the registers they name.
    func resolvingAliases(_ tokens: [Token]) -> [Token] {
        guard !macro.aliases.isEmpty else { return tokens }
        var out = tokens
        for k in out.indices {
            if case .identifier(let n) = out[k].kind, let r = macro.aliases[n] { out[k].kind = .identifier(r) }
        }
        return out
    }
}

extension Registers {
    /// The register a built-in name stands for (`lr` is `x30`, `fp` `x29`, `ip0`/`ip1` `x16`/`x17`).
    static func canonicalName(_ name: String) -> String {
        switch name.lowercased() {
        case "lr": return "x30"
        case "fp": return "x29"
        case "ip0": return "x16"
        case "ip1": return "x17"
        case let n: return n
        }
    }

    /// Whether `name` is one of GNU as's built-in AArch64 register names (general, FP/SIMD,
    /// SVE and the `Cn` names of SYS), in lower or upper case: what `.req` may alias.
    static func isBuiltinName(_ name: String) -> Bool {
        guard name == name.lowercased() || name == name.uppercased() else { return false }
        let n = name.lowercased()
        if ["sp", "wsp", "xzr", "wzr", "lr", "fp", "ip0", "ip1"].contains(n) { return true }
        guard let first = n.first, n.count >= 2, n.count <= 3, let number = Int(n.dropFirst()),
              String(number) == String(n.dropFirst()) else { return false }
        switch first {
        case "x", "w": return number <= 30
        case "v", "b", "h", "s", "d", "q", "z": return number <= 31
        case "p", "c": return number <= 15
        default: return false
        }
    }
}
