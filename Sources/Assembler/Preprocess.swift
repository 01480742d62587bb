import Foundation

extension Assembler {
    /// The preprocessor alone (what `gcc -E` would give, comments removed and lines joined):
    /// each output line's text, in order. For tools and fuzzing; `assemble` runs it itself.
    public static func preprocess(bytes: [UInt8], fileName: String, defines: [String: String] = [:]) throws -> [String] {
        var pp = try Preprocessor(defines: [:], includeSearch: [])
        try pp.define(commandLine: defines)
        try pp.process(unit: bytes, file: fileName, directory: nil, preincludes: [])
        return pp.output.map { String(decoding: $0.text, as: UTF8.self) }
    }
}
