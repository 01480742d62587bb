import Foundation
import Testing
import Conformance
import TestSupport

/// The three tools the conformance suite needs; skip (or fail with SUSPENDSCOPE_REQUIRE_TOOLS=1).
let toolsPresent = ExternalTool.qemu.shouldRun && ExternalTool.gdb.shouldRun && ExternalTool.binutils.shouldRun
let toolsComment = Comment(rawValue: [ExternalTool.qemu, .gdb, .binutils].first { !$0.isAvailable }?.skipReason
                           ?? "QEMU, gdb-multiarch and binutils present")

enum Corpus {
    static var directory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Corpus")
    }
    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".S") }.sorted()
    }
    static func load(_ name: String) throws -> ConformanceCase {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return ConformanceCase(name: name, source: text)
    }
}
