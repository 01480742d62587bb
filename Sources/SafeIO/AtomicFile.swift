import Foundation

/// A file that could not be written: which file and why, in words. The user's file is as it
/// was, and no temporary file is left behind.
public struct FileWriteError: Error, CustomStringConvertible, LocalizedError, Equatable, Sendable {
    public let path: String
    public let reason: String
    public init(_ path: String, _ reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(path): cannot write the file: \(reason)" }
    public var errorDescription: String? { description }
}

/// Writes files so that the user never loses one: the new content goes to a temporary file
/// beside the target, which is renamed over it only once complete (a reader sees the old file
/// or the new one, never half of one).
///
/// - A symbolic link is followed: its target is replaced and the link stays a link.
/// - An existing file keeps its permission bits (and, when allowed, its owner).
/// - Only regular files are replaced: a device (`/dev/stdout`), FIFO, socket or folder is
///   refused with a message, never replaced.
/// - Any failure (a full disk, a write error part-way, a failed rename) removes the temporary
///   file and says what went wrong in words.
/// - Content can be streamed (`write(to:_:)` with a `Sink`), so a large output (a trace of
///   millions of steps) never has to be held in memory.
public enum AtomicFile {
    /// Writes `bytes` to `path`.
    public static func write<C: Collection>(_ bytes: C, to path: String) throws where C.Element == UInt8 {
        try write(to: path) { sink in try sink.write(bytes) }
    }

    /// Writes `text` (UTF-8) to `path`.
    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    /// Streams the content `produce` writes into `sink`; the file appears at `path` only when
    /// `produce` returns. An error `produce` throws is passed on (after cleaning up).
    public static func write(to path: String, _ produce: (inout Sink) throws -> Void) throws {
        let target = try resolve(path)
        let dir = PathText.folder(of: target)
        let name = PathText.name(of: target)
        var existing = stat()
        let exists = stat(target, &existing) == 0
        if exists && existing.st_mode & S_IFMT != S_IFREG {
            throw FileWriteError(path, "it is \(InputFile.kind(existing.st_mode)), not a regular file; refusing to replace it")
        }
        let tmp = PathText.join(dir, ".\(name).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileWriteError(path, InputFile.reason(errno, creating: true)) }
        var sink = Sink(fd: fd, path: path)
        var closed = false
        do {
            try produce(&sink)
            try sink.flush()
            // Keep the permission bits of the file replaced; a new file gets the usual 0666 less
            // the umask.
            let mode: mode_t
            if exists {
                mode = existing.st_mode & 0o7777
                if getuid() == 0 { _ = fchown(fd, existing.st_uid, existing.st_gid) }
            } else {
                let mask = umask(0); umask(mask)
                mode = 0o666 & ~mask
            }
            guard fchmod(fd, mode) == 0 else { throw FileWriteError(path, InputFile.reason(errno, creating: true)) }
            guard fsync(fd) == 0 || errno == EINVAL else { throw FileWriteError(path, InputFile.reason(errno, creating: true)) }
            closed = true
            guard close(fd) == 0 else { throw FileWriteError(path, InputFile.reason(errno, creating: true)) }
            guard rename(tmp, target) == 0 else { throw FileWriteError(path, InputFile.reason(errno, creating: true)) }
        } catch {
            if !closed { close(fd) }
            unlink(tmp)
            throw error
        }
    }

    /// Creates the folder `path` (and, with `intermediates`, the folders above it that are
    /// missing); an existing folder is fine. Failures say why in words.
    public static func createFolder(_ path: String, intermediates: Bool) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw FileWriteError(path, "it exists and is not a folder") }
            return
        }
        let parent = PathText.folder(of: path)
        if intermediates && !parent.isEmpty && parent != path { try createFolder(parent, intermediates: true) }
        guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
            throw FileWriteError(path, errno == ENOENT ? "the folder above it does not exist" : InputFile.reason(errno, creating: true))
        }
    }

    /// The file a write to `path` replaces: symbolic links followed (a dangling link's target
    /// is created).
    static func resolve(_ path: String) throws -> String {
        var p = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(p, &st) == 0, st.st_mode & S_IFMT == S_IFLNK else { return p }
            var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(p, &buf, buf.count - 1)
            guard n >= 0 else { throw FileWriteError(path, InputFile.reason(errno, creating: true)) }
            let link = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            p = link.hasPrefix("/") ? link : PathText.join(PathText.folder(of: p), link)
        }
        throw FileWriteError(path, "too many levels of symbolic links")
    }

    /// Where content goes, buffered.
    public struct Sink {
        let fd: Int32
        let path: String
        var buffer: [UInt8] = []
        /// Bytes written so far.
        public private(set) var count = 0

        init(fd: Int32, path: String) {
            self.fd = fd
            self.path = path
            buffer.reserveCapacity(1 << 16)
        }

        public mutating func write<C: Collection>(_ bytes: C) throws where C.Element == UInt8 {
            buffer.append(contentsOf: bytes)
            count += bytes.count
            if buffer.count >= 1 << 16 { try flush() }
        }

        public mutating func write(_ text: String) throws {
            var t = text
            try t.withUTF8 { try write($0) }
        }

        mutating func flush() throws {
            var done = 0
            while done < buffer.count {
                let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + done, $0.count - done) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileWriteError(path, InputFile.reason(errno, creating: true))
                }
                done += n
            }
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
