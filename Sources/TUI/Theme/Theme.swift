import Foundation
import Platform
import SafeIO

/// A colour as a theme names it: a name (black, red, ..., bright-white, default), an index
/// 0...255, or #rrggbb; terminals map it to the nearest colour they have.
public enum ThemeColor: Equatable, Sendable {
    case terminalDefault
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white"]

    public init?(_ text: String) {
        let t = text.lowercased()
        if t == "default" || t == "none" { self = .terminalDefault; return }
        if let i = Self.names.firstIndex(of: t) { self = .indexed(UInt8(i)); return }
        if let n = UInt8(t) { self = .indexed(n); return }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16), UInt8((v >> 8) & 0xff), UInt8(v & 0xff)); return
        }
        return nil
    }

    /// The nearest of `count` terminal colours (8, 16 or 256), or -1 for the default.
    public func index(available count: Int) -> Int {
        switch self {
        case .terminalDefault: return -1
        case .indexed(let i): return Int(i) < count ? Int(i) : Self.nearest(Self.rgbOf(Int(i)), count)
        case .rgb(let r, let g, let b): return Self.nearest((Int(r), Int(g), Int(b)), count)
        }
    }

    static func rgbOf(_ i: Int) -> (Int, Int, Int) {
        let base = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                    (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if i < 16 { return base[i] }
        if i < 232 {
            let c = i - 16, steps = [0, 95, 135, 175, 215, 255]
            return (steps[c / 36], steps[(c / 6) % 6], steps[c % 6])
        }
        let g = 8 + 10 * (i - 232)
        return (g, g, g)
    }

    static func nearest(_ c: (Int, Int, Int), _ count: Int) -> Int {
        var best = 0, bestD = Int.max
        for i in 0..<min(max(count, 8), 256) {
            let p = rgbOf(i)
            let d = (p.0 - c.0) * (p.0 - c.0) + (p.1 - c.1) * (p.1 - c.1) + (p.2 - c.2) * (p.2 - c.2)
            if d < bestD { bestD = d; best = i }
        }
        return best
    }
}

/// How one role looks.
public struct Style: Equatable, Sendable {
    public var foreground: ThemeColor = .terminalDefault
    public var background: ThemeColor = .terminalDefault
    public var bold = false, reverse = false, underline = false, dim = false
    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false) {
        self.foreground = foreground; self.background = background
        self.bold = bold; self.reverse = reverse; self.underline = underline; self.dim = dim
    }
}

/// Styles by role, read from `themes/NAME.toml`:
///
/// ```toml
/// name = "default"
/// [roles]
/// pc-line = { fg = "black", bg = "yellow", bold = true }
/// changed = { fg = "#ff8700" }
/// ```
/// A bad theme file gives an error naming file, line and column of the key; callers then use
/// `.default`.
public struct Theme: Equatable, Sendable {
    public var name: String
    public var styles: [StyleRole: Style]

    public func style(_ role: StyleRole) -> Style { styles[role] ?? Style() }

    /// Reads a theme file's text with the project's TOML reader (the one every file kind
    /// uses: bounded, and every value and key located); `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> Theme {
        do { return try parse(TOML.parse(text, file: file), file: file) } catch let e as TOMLError {
            throw ThemeError(file: e.location.file, line: e.location.line, column: e.location.column, message: e.message)
        }
    }

    static func parse(_ doc: TOMLTable, file: String) throws -> Theme {
        func string(_ table: TOMLTable, _ key: String, _ name: String) throws -> String {
            guard case .string(let s)? = table[key]?.kind else { throw TOMLError(table.keyLocation(key), "\(name) must be a string") }
            return s
        }
        for k in doc.keys where !["name", "description", "roles"].contains(k) {
            throw TOMLError(doc.keyLocation(k), "unknown key '\(k)': expected name, description or [roles]")
        }
        var theme = Theme(name: try doc["name"].map { _ in try string(doc, "name", "name") } ?? (file as NSString).lastPathComponent, styles: [:])
        if doc["description"] != nil { _ = try string(doc, "description", "description") }
        guard let rolesValue = doc["roles"] else { return theme }
        guard case .table(let roles) = rolesValue.kind else { throw TOMLError(doc.keyLocation("roles"), "roles must be a table: [roles]") }
        for key in roles.keys {
            guard let role = StyleRole(rawValue: key) else {
                throw TOMLError(roles.keyLocation(key), "unknown role '\(key)': expected one of \(StyleRole.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard case .table(let st)? = roles[key]?.kind else {
                throw TOMLError(roles.keyLocation(key), "\(key) must be a table, such as { fg = \"red\", bold = true }")
            }
            var s = Style()
            for k in st.keys {
                switch k {
                case "fg", "bg":
                    let c = try string(st, k, "\(key).\(k)")
                    guard let color = ThemeColor(c) else {
                        throw TOMLError(st.keyLocation(k), "\(key).\(k) = \"\(c)\": expected a colour name, 0-255 or #rrggbb")
                    }
                    if k == "fg" { s.foreground = color } else { s.background = color }
                case "bold", "reverse", "underline", "dim":
                    guard case .bool(let b)? = st[k]?.kind else { throw TOMLError(st.keyLocation(k), "\(key).\(k) must be true or false") }
                    switch k {
                    case "bold": s.bold = b
                    case "reverse": s.reverse = b
                    case "underline": s.underline = b
                    default: s.dim = b
                    }
                default:
                    throw TOMLError(st.keyLocation(k), "unknown key '\(k)' in \(key): expected fg, bg, bold, reverse, underline or dim")
                }
            }
            theme.styles[role] = s
        }
        return theme
    }

    /// Built in, and what `themes/default.toml` says: dark background.
    public static let `default` = Theme(name: "default", styles: [
        .panelTitle: Style(foreground: .indexed(15), background: .indexed(4), bold: true),
        .focus: Style(foreground: .indexed(0), background: .indexed(6), bold: true),
        .pcLine: Style(foreground: .indexed(0), background: .indexed(3), bold: true),
        .changed: Style(foreground: .indexed(9), bold: true),
        .changedEarlier: Style(foreground: .indexed(3)),
        .unknown: Style(foreground: .indexed(13)),
        .breakpoint: Style(foreground: .indexed(1), bold: true),
        .boundary: Style(foreground: .indexed(2)),
        .muted: Style(foreground: .indexed(8)),
        .error: Style(foreground: .indexed(15), background: .indexed(1), bold: true),
        .mismatch: Style(foreground: .indexed(9), underline: true),
        .heading: Style(bold: true),
    ])

    /// No colour at all, only attributes (NO_COLOR, `mono`).
    public static let mono = Theme(name: "mono", styles: [
        .panelTitle: Style(reverse: true), .focus: Style(bold: true, reverse: true), .pcLine: Style(reverse: true),
        .changed: Style(bold: true), .changedEarlier: Style(underline: true), .unknown: Style(dim: true),
        .breakpoint: Style(bold: true), .boundary: Style(underline: true), .muted: Style(dim: true),
        .error: Style(bold: true, reverse: true), .mismatch: Style(bold: true, underline: true), .heading: Style(bold: true),
    ])

    /// Loads `themes/NAME.toml` from the search directories (the package's `themes/` and the
    /// current directory's); `NO_COLOR` set means mono. Returns the theme and, if the file was
    /// bad, the error to show (the default theme is used then).
    public static func load(named name: String, searching dirs: [URL],
                            environment: [String: String] = ProcessInfo.processInfo.environment) -> (Theme, String?) {
        if environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return (.mono, nil) }
        for d in dirs {
            let url = d.appendingPathComponent(name + ".toml")
            var isFile = stat()
            guard stat(url.path, &isFile) == 0 else { continue }
            do { return (try parse(try InputFile.readText(url.path, limit: TOML.maxBytes), file: url.path), nil) } catch {
                return (.default, "\(error)")
            }
        }
        if name == "default" { return (.default, nil) }
        if name == "mono" { return (.mono, nil) }
        return (.default, "theme '\(name)' not found in \(dirs.map(\.path).joined(separator: ", ")); using the default theme")
    }
}

/// What is wrong with a theme file, and where: `file:line:column: error: message`.
public struct ThemeError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}
