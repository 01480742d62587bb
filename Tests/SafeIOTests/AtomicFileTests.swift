import Foundation
import SafeIO
import Testing
import TestSupport

/// The atomic writer never costs the user a file (issue 16): it wrote a regular file over a
/// symlink, made a 0600 file 0644, replaced `/dev/stdout`, and left `.NAME.tmp-PID` behind
/// with "(NSCocoaErrorDomain error 512.)" when a write failed part-way.
@Suite struct AtomicFileTests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        _ = stat(path, &st)
        return st.st_mode & 0o7777
    }

    func leftovers(_ dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.contains(".tmp-") }
    }

    @Test func aSymlinkIsWrittenThroughAndStaysALink() throws {
        let dir = try TemporaryDirectory(prefix: "atomic")
        let target = dir.url.appendingPathComponent("real.txt").path
        let link = dir.url.appendingPathComponent("link.txt").path
        try "old".write(toFile: target, atomically: false, encoding: .utf8)
        #expect(symlink("real.txt", link) == 0)
        try AtomicFile.write("new", to: link)
        var st = stat()
        #expect(lstat(link, &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")
        // A chain of links, and a dangling one whose target is created.
        let link2 = dir.url.appendingPathComponent("link2.txt").path
        #expect(symlink(link, link2) == 0)
        try AtomicFile.write("newer", to: link2)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "newer")
        let dangling = dir.url.appendingPathComponent("dangling").path
        #expect(symlink("made.txt", dangling) == 0)
        try AtomicFile.write("made", to: dangling)
        #expect(try String(contentsOfFile: dir.url.appendingPathComponent("made.txt").path, encoding: .utf8) == "made")
        #expect(try leftovers(dir).isEmpty)
    }

    @Test func theTargetKeepsItsMode() throws {
        let dir = try TemporaryDirectory(prefix: "atomic")
        let path = dir.url.appendingPathComponent("secret").path
        try "x".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(chmod(path, 0o600) == 0)
        try AtomicFile.write("y", to: path)
        #expect(mode(path) == 0o600)
        #expect(chmod(path, 0o751) == 0)
        try AtomicFile.write("z", to: path)
        #expect(mode(path) == 0o751)
        let fresh = dir.url.appendingPathComponent("fresh").path
        try AtomicFile.write("n", to: fresh)
        let mask = umask(0); umask(mask)
        #expect(mode(fresh) == 0o666 & ~mask)
    }

    @Test func devicesFIFOsAndFoldersAreRefusedNotReplaced() throws {
        let dir = try TemporaryDirectory(prefix: "atomic")
        let fifo = dir.url.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [("/dev/null", "a character device"), (fifo, "a FIFO"), (dir.url.path, "a folder")] {
            do {
                try AtomicFile.write("x", to: path)
                Issue.record("\(path) was written")
            } catch let e as FileWriteError {
                #expect(e.description.contains("it is \(kind)"), "\(e)")
                #expect(e.description.contains("refusing to replace it"))
            }
        }
        var st = stat()
        #expect(stat("/dev/null", &st) == 0 && st.st_mode & S_IFMT == S_IFCHR)
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        // /dev/stdout is a link to the process's stdout (here a pipe or a terminal): refused.
        #expect(throws: FileWriteError.self) { try AtomicFile.write("x", to: "/dev/stdout") }
        #expect(try leftovers(dir).isEmpty)
    }

    @Test func aFailureLeavesTheTargetAndNoTemporaryFile() throws {
        let dir = try TemporaryDirectory(prefix: "atomic")
        let path = dir.url.appendingPathComponent("data.bin").path
        try "precious".write(toFile: path, atomically: false, encoding: .utf8)
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try AtomicFile.write(to: path) { sink in
                try sink.write([UInt8](repeating: 7, count: 200_000))
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        #expect(try leftovers(dir).isEmpty)
        // A folder that does not exist: words, not a Cocoa error number.
        do { try AtomicFile.write("x", to: dir.url.appendingPathComponent("no/such/f").path) } catch {
            #expect("\(error)".hasSuffix("cannot write the file: its folder does not exist"), "\(error)")
        }
    }

    /// A write that fails part-way (the file-size limit stands in for a full disk): the message
    /// says why in words and nothing is left behind. Run in a child process, whose limit is its
    /// own.
    @Test func aWriteFailingPartWaySaysWhy() throws {
        let dir = try TemporaryDirectory(prefix: "atomic")
        let source = dir.url.appendingPathComponent("big.S").path
        try "_start:\n    .skip 200000\n".write(toFile: source, atomically: false, encoding: .utf8)
        let out = dir.url.appendingPathComponent("out.bin").path
        try "keep me".write(toFile: out, atomically: false, encoding: .utf8)
        let binary = try #require(SuspendScopeBinary.url)
        let r = try ProcessRunner.run("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" assemble \"$1\" -o \"$2\"", binary.path, source, out])
        #expect(r.status == 2)
        #expect(r.stderr.contains("out.bin: cannot write the file: the file would be too large"), "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        #expect(try leftovers(dir).isEmpty)
    }
}
