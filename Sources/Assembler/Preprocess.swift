import Foundation

extension Assembler {
    /// The preprocessor alone (what `gcc -E` would give, comments removed and lines joined):
    /// each output line's text, in order. For tools and fuzzing; `assemble` runs it itself.
    public static func preprocess(bytes: [UInt8], fileName: String, defines: [String: String] = [:]) throws -> [String] {
        var pp = try Preprocessor(defines: defines, includeSearch: [])
        try pp.process(bytes: bytes, file: fileName, directory: nil, depth: 0)
        return pp.output.map { String(decoding: $0.text, as: UTF8.self) }
    }
}
