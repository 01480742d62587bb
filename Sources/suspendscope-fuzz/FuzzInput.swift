import Debugger
import Foundation
import Platform

/// Helpers every target uses: the input as text (invalid UTF-8 is replaced, as a file read
/// by the tools would be) or bytes, and things built once per process.
enum FuzzInput {
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    /// v9, built once (targets that need a scenario run on it).
    static let v9: BuiltScenario = {
        do { return try BuiltinScenarios.resolve("v9").build() } catch { fatalError("the built-in v9 does not build: \(error)") }
    }()
}
