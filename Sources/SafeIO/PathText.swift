/// Splitting a path into its folder and its last name, as `NSString`'s
/// `deletingLastPathComponent` and `lastPathComponent` do. Written out because
/// swift-corelibs-foundation's `deletingLastPathComponent` traps (an illegal instruction, Swift
/// 6.3) on a one-character name such as `a`: `trace t` or `-o x` ended the process.
public enum PathText {
    /// The folder part of `path`: `""` for a bare name (`a`), `/` for a name at the root (`/a`),
    /// `a/b` for `a/b/c` (trailing and repeated slashes ignored, as NSString does).
    public static func folder(of path: String) -> String {
        var s = Substring(path)
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        if s == "/" { return "/" }
        guard let slash = s.lastIndex(of: "/") else { return "" }
        var head = s[..<slash]
        while head.count > 1 && head.hasSuffix("/") { head = head.dropLast() }
        return head.isEmpty ? "/" : String(head)
    }

    /// The last name of `path` (`c` for `a/b/c` and `a/b/c/`; `/` for `/`).
    public static func name(of path: String) -> String {
        var s = Substring(path)
        while s.count > 1 && s.hasSuffix("/") { s = s.dropLast() }
        guard s != "/", let slash = s.lastIndex(of: "/") else { return String(s) }
        return String(s[s.index(after: slash)...])
    }

    /// `name` in `folder` (`folder/name`; `name` when the folder is `""`).
    public static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }
}
