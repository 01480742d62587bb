/// Splitting a path into its folder and its last name, as `NSString`'s
/// `deletingLastPathComponent` and `lastPathComponent` do. Written out because
/// swift-corelibs-foundation's `deletingLastPathComponent` traps (an illegal instruction, Swift
/// 6.3) on a one-character name such as `a`: `trace t` or `-o x` ended the process.
public enum PathText {
    /// The folder part of `path`: `""` for a bare name (`a`), `/` for a name at the root (`/a`),
    /// `a/b` for `a/b/c` (trailing and repeated slashes ignored, as NSString does).
    public static func folder(of path: String) -> String {
        let s = withoutTrailingSlashes(Substring(path))
        if s == "/" { return "/" }
        guard let slash = s.lastIndex(of: "/") else { return "" }
        let head = withoutTrailingSlashes(s[..<slash])
        return head.isEmpty ? "/" : String(head)
    }

    /// The last name of `path` (`c` for `a/b/c` and `a/b/c/`; `/` for `/`).
    public static func name(of path: String) -> String {
        let s = withoutTrailingSlashes(Substring(path))
        guard s != "/", let slash = s.lastIndex(of: "/") else { return String(s) }
        return String(s[s.index(after: slash)...])
    }

    /// `name` in `folder` (`folder/name`; `name` when the folder is `""`).
    public static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// `s` without the slashes it ends in, keeping a lone `/`.
    /// (One pass: counting the characters on every dropped slash made a long run quadratic.)
    static func withoutTrailingSlashes(_ s: Substring) -> Substring {
        guard let last = s.lastIndex(where: { $0 != "/" }) else { return s.prefix(1) }
        return s[...last]
    }
}
