import Foundation

/// A file that cannot be read as input: the message names the file and says why in words.
public struct InputFileError: Error, CustomStringConvertible, LocalizedError, Equatable, Sendable {
    public let path: String
    public let reason: String
    /// Where in the file, when the problem is at a place (a byte that is not UTF-8).
    public var line: Int?
    public var column: Int?
    public init(_ path: String, _ reason: String, line: Int? = nil, column: Int? = nil) {
        self.path = path; self.reason = reason; self.line = line; self.column = column
    }
    public var description: String {
        if let line, let column { return "\(path):\(line):\(column): error: \(reason)" }
        return "\(path): \(reason)"
    }
    public var errorDescription: String? { description }
}

/// Reading the files a user names (sources, manifests, themes, tours, sessions, command files,
/// images): only regular files (a FIFO or device would block or never end), at most `limit`
/// bytes (the README's limits), and every failure a sentence naming the file.
public enum InputFile {
    /// The largest text input (a source, header, manifest, theme, tour, session, script):
    /// 16 MiB, hundreds of times Xen's largest head.S.
    public static let maxTextBytes = 16 << 20

    /// The bytes of `path`, at most `limit`.
    public static func read(_ path: String, limit: Int = maxTextBytes) throws -> [UInt8] {
        var st = stat()
        guard stat(path, &st) == 0 else { throw InputFileError(path, reason(errno, creating: false)) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw InputFileError(path, "is a folder, expected a file")
        default: throw InputFileError(path, "is \(kind(st.st_mode)), expected a regular file")
        }
        if Int(st.st_size) > limit { throw InputFileError(path, "is \(st.st_size) bytes, more than the \(sizeText(limit)) this input may have") }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputFileError(path, reason(errno, creating: false)) }
        defer { close(fd) }
        // Read to the end even if the file grew since stat, but never past the limit.
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size))
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputFileError(path, reason(errno, creating: false))
            }
            if n == 0 { break }
            out += buffer[0..<n]
            if out.count > limit { throw InputFileError(path, "is more than the \(sizeText(limit)) this input may have") }
        }
        return out
    }

    /// The text of `path`; invalid UTF-8 is an error naming the line and column of the first
    /// bad byte.
    public static func readText(_ path: String, limit: Int = maxTextBytes) throws -> String {
        try text(try read(path, limit: limit), path: path)
    }

    /// `bytes` as UTF-8 text, or an error at the line and column (in bytes) of the first byte
    /// that is not UTF-8.
    public static func text(_ bytes: [UInt8], path: String) throws -> String {
        let s = String(decoding: bytes, as: UTF8.self)
        if s.utf8.elementsEqual(bytes) { return s }
        // Find the first bad byte: decode scalar by scalar.
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0, line = 1, lineStart = 0
        loop: while true {
            let before = offset
            switch decoder.decode(&it) {
            case .scalarValue(let u):
                offset += UTF8.width(u)
                if u == "\n" { line += 1; lineStart = offset }
            case .emptyInput: break loop
            case .error:
                throw InputFileError(path, "byte 0x\(String(bytes[min(before, bytes.count - 1)], radix: 16)) is not UTF-8 text (expected a UTF-8 file)",
                                     line: line, column: before - lineStart + 1)
            }
        }
        throw InputFileError(path, "is not UTF-8 text")
    }

    /// "a character device", "a FIFO", ... for an `st_mode`.
    public static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFDIR: return "a folder"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// errno in words, as a reason to put after the path.
    public static func reason(_ code: Int32, creating: Bool) -> String {
        switch code {
        case ENOENT: return creating ? "its folder does not exist" : "no such file"
        case EACCES, EPERM: return "permission denied"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "the disk quota is exhausted"
        case EROFS: return "the file system is read-only"
        case EISDIR: return "is a folder"
        case ENOTDIR: return "a component of the path is not a folder"
        case ELOOP: return "too many levels of symbolic links"
        case ENAMETOOLONG: return "the name is too long"
        case EIO: return "an input/output error"
        case EFBIG: return "the file would be too large"
        default: return String(cString: strerror(code))
        }
    }

    /// "16 MiB", "512 KiB", "100 bytes".
    public static func sizeText(_ n: Int) -> String {
        if n >= 1 << 20 && n % (1 << 20) == 0 { return "\(n >> 20) MiB" }
        if n >= 1 << 10 && n % (1 << 10) == 0 { return "\(n >> 10) KiB" }
        return "\(n) bytes"
    }
}
