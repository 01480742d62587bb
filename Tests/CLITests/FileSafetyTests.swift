import Foundation
import Testing
import TestSupport

/// The user's files are never lost or changed by surprise (issue 16).
@Suite struct FileSafetyTests {
    /// `scenarios export v9 DIR` into a folder holding an edited head.S overwrote it without a
    /// word; now it refuses (naming the file), and `--force` overwrites.
    @Test func exportRefusesToOverwriteEditedFiles() throws {
        let dir = try TemporaryDirectory(prefix: "export")
        let folder = dir.url.appendingPathComponent("my-v9").path
        #expect(try CLI.run(["scenarios", "export", "v9", folder]).status == 0)
        // The same export again changes nothing and is fine.
        #expect(try CLI.run(["scenarios", "export", "v9", folder]).status == 0)
        let head = folder + "/head.S"
        let edited = try String(contentsOfFile: head, encoding: .utf8) + "\n// my edit\n"
        try edited.write(toFile: head, atomically: false, encoding: .utf8)
        let r = try CLI.run(["scenarios", "export", "v9", folder])
        #expect(r.status == 2)
        #expect(r.stderr.contains("head.S differs from v9's and would be overwritten; nothing was written (--force overwrites it)"), "\(r.stderr)")
        #expect(try String(contentsOfFile: head, encoding: .utf8) == edited)
        // Exporting another scenario over it names every file that would change.
        let v8 = try CLI.run(["scenarios", "export", "v8", folder])
        #expect(v8.status == 2 && v8.stderr.contains("scenario.toml"), "\(v8.stderr)")
        let f = try CLI.run(["scenarios", "export", "v9", folder, "--force"])
        #expect(f.status == 0, "\(f.stderr)")
        #expect(try String(contentsOfFile: head, encoding: .utf8) != edited)
    }

    /// Exporting a folder onto itself (to rewrite its ELF) keeps the user's scenario.toml as
    /// written, comments and all, since it says what the export would write; a manifest that
    /// says something else is still refused.
    @Test func exportOntoItselfKeepsTheManifestAsWritten() throws {
        let dir = try TemporaryDirectory(prefix: "export-self")
        let folder = dir.url.appendingPathComponent("v9").path
        #expect(try CLI.run(["scenarios", "export", "v9", folder]).status == 0)
        let manifest = folder + "/scenario.toml"
        let commented = "# my notes on this scenario\n" + (try String(contentsOfFile: manifest, encoding: .utf8))
        try commented.write(toFile: manifest, atomically: false, encoding: .utf8)
        let again = try CLI.run(["scenarios", "export", folder, folder])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == commented)
        // Exporting v9 over it now: the manifest's header names another origin, same content.
        #expect(try CLI.run(["scenarios", "export", "v9", folder]).status == 0)
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == commented)
        // v8's manifest says other things: refused, the file untouched.
        let v8 = try CLI.run(["scenarios", "export", "v8", folder])
        #expect(v8.status == 2 && v8.stderr.contains("scenario.toml"), "\(v8.stderr)")
        #expect(try String(contentsOfFile: manifest, encoding: .utf8) == commented)
    }

    /// `save` into a path created every missing folder silently; now only `sessions/`.
    @Test func saveCreatesAtMostTheSessionsFolder() throws {
        let dir = try TemporaryDirectory(prefix: "save")
        let r = try SuspendScopeBinary.run(["debug", "v9", "--commands", "-"],
                                           input: Data("s 2\nsave deep/er/place.json\nsave mine\nsave ./here.json\n".utf8), in: dir.url)
        #expect(r.status == 2)
        #expect(r.stdout.contains("the folder deep/er does not exist (save creates only sessions/)"), "\(r.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("deep").path))
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("sessions/mine.json").path))
        #expect(FileManager.default.fileExists(atPath: dir.url.appendingPathComponent("here.json").path))
    }

    /// `run --trace` kept the whole trace in memory (10 M steps took 2.3 GB; 30 M aborted): it
    /// streams now, so the file grows while the program runs, in flat memory.
    @Test func aTraceIsWrittenWhileTheProgramRuns() throws {
        let dir = try TemporaryDirectory(prefix: "trace")
        let source = try CLI.write("_start:\n1:  add x0, x0, #1\n    b 1b\n", as: "loop.S", in: dir)
        let p = Process()
        p.executableURL = try #require(SuspendScopeBinary.url)
        p.arguments = ["run", source, "--max-steps", "100000000", "--trace", dir.url.appendingPathComponent("t.jsonl").path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() } }
        var streamed = 0
        for _ in 0..<600 where streamed < 1 << 20 {
            Thread.sleep(forTimeInterval: 0.1)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.url.path)) ?? []
            for n in names where n.hasPrefix(".t.jsonl.tmp-") {
                let size = (try? FileManager.default.attributesOfItem(atPath: dir.url.appendingPathComponent(n).path)[.size] as? Int) ?? 0
                streamed = max(streamed, size ?? 0)
            }
        }
        #expect(p.isRunning, "still running: the trace is written as it goes")
        #expect(streamed >= 1 << 20, "a megabyte of trace is on disk before the run ends")
    }

    /// `-o /dev/stdout` (a device, through a link) is refused, never replaced.
    @Test func outputToADeviceIsRefused() throws {
        let dir = try TemporaryDirectory(prefix: "dev")
        let source = try CLI.write("_start:\n    nop\n", as: "p.S", in: dir)
        let r = try CLI.run(["assemble", source, "-o", "/dev/null"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("/dev/null: cannot write the file: it is a character device, not a regular file; refusing to replace it"), "\(r.stderr)")
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
    }
}
