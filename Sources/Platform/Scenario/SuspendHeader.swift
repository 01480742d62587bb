import Foundation
import Assembler

/// What a scenario's `suspend.h` declares about the context the suspend path saves, read as the
/// C code would see it (comments do not count): the context is the global of an
/// `extern struct T name;` whose struct the header defines, and the save function takes the
/// struct's address exactly when its prototype's parameters include a pointer.
enum SuspendHeader {
    /// (struct tag, global) of the header's context, if it declares one.
    static func context(in text: String, layouts: [CStructLayout]) -> (structName: String, symbol: String)? {
        let externs = PatchImport.matches(of: #"extern\s+struct\s+([A-Za-z_][A-Za-z0-9_]*)\s+([A-Za-z_][A-Za-z0-9_]*)\s*;"#,
                                          in: PatchImport.stripComments(text))
        return externs.first { e in layouts.contains { $0.name == e[0] } }.map { ($0[0], $0[1]) }
    }

    /// The parameter list of the save function's prototype (`struct cpu_context *ptr`, `void`),
    /// or nil when the header has none.
    static func saveParameters(in text: String, save: String) -> String? {
        let name = NSRegularExpression.escapedPattern(for: save)
        return PatchImport.matches(of: #"\b"# + name + #"\s*\(([^)]*)\)\s*;"#, in: PatchImport.stripComments(text))
            .first?[0].trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
