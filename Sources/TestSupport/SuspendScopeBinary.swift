import Foundation

/// Finds and runs the built `suspendscope` executable, for end-to-end CLI tests.
public enum SuspendScopeBinary {
    /// The executable beside the test bundle (SwiftPM puts both in the same products folder).
    public static var url: URL? {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("suspendscope"))
        candidates.append(bundle.appendingPathComponent("suspendscope"))
        if let arg0 = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: arg0).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("suspendscope"))
                dir = dir.deletingLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `suspendscope ARGS` and returns its status and output.
    public static func run(_ arguments: [String], input: Data? = nil, in directory: URL? = nil) throws -> ProcessResult {
        guard let url else { throw ToolError("suspendscope executable not found next to the test bundle; run `swift build` first") }
        return try ProcessRunner.run(url.path, arguments, input: input, currentDirectory: directory)
    }
}
