import Foundation
import Debugger
import Platform

/// Where a key is pressed: the main screen, the pager (long output, compare, findings), or the
/// `:` command line.
public enum KeyMode: String, CaseIterable, Sendable {
    case main, pager, prompt

    /// The keys.toml table for the mode.
    public var table: String {
        switch self { case .main: "keys"; case .pager: "pager"; case .prompt: "prompt" }
    }

    public var title: String {
        switch self {
        case .main: "Main screen"
        case .pager: "Pager (long output, compare, findings)"
        case .prompt: "The : command line"
        }
    }
}

public struct KeyBinding: Equatable, Sendable {
    public var mode: KeyMode
    public var key: Key
    public var action: KeyAction
    public init(_ mode: KeyMode, _ key: Key, _ action: KeyAction) { self.mode = mode; self.key = key; self.action = action }
}

/// The one table of keys: key -> debugger command or view action, per mode. The event loop
/// asks it what a key does, the `?` overlay lists it, and the README's key list is made from
/// it. Two presets ship (`default`, `vim`); `$XDG_CONFIG_HOME/suspendscope/keys.toml` changes
/// keys on top of one.
public struct KeyMap: Equatable, Sendable {
    public var name: String
    public private(set) var bindings: [KeyBinding]

    public init(name: String, bindings: [KeyBinding]) {
        self.name = name
        self.bindings = []
        for b in bindings { bind(b) }
    }

    /// Binds (replacing what the key did in that mode); `.view(.none)` unbinds.
    public mutating func bind(_ b: KeyBinding) {
        bindings.removeAll { $0.mode == b.mode && $0.key == b.key }
        if b.action != .view(.none) { bindings.append(b) }
    }

    /// What `key` does in `mode`, if anything.
    public func action(for key: Key, in mode: KeyMode) -> KeyAction? {
        bindings.first { $0.mode == mode && $0.key == key }?.action
    }

    /// The keys bound to `action` in `mode`, in table order.
    public func keys(for action: KeyAction, in mode: KeyMode) -> [Key] {
        bindings.filter { $0.mode == mode && $0.action == action }.map(\.key)
    }

    /// The bindings of a mode grouped by action, in the order first bound: (key names, action).
    public func groups(_ mode: KeyMode) -> [(keys: [String], action: KeyAction)] {
        var out: [(keys: [String], action: KeyAction)] = []
        for b in bindings where b.mode == mode {
            if let i = out.firstIndex(where: { $0.action == b.action }) { out[i].keys.append(KeyName.name(b.key)) } else {
                out.append(([KeyName.name(b.key)], b.action))
            }
        }
        return out
    }

    // MARK: The presets

    public static let presets: [KeyMap] = [.standard, .vim]

    public static func preset(named name: String) -> KeyMap? { presets.first { $0.name == name } }

    /// gdb-like letters and function keys (SPEC §4).
    public static let standard: KeyMap = {
        func m(_ k: String, _ a: ViewAction) -> KeyBinding { KeyBinding(.main, KeyName.parse(k)!, .view(a)) }
        func c(_ k: String, _ command: String) -> KeyBinding { KeyBinding(.main, KeyName.parse(k)!, .command(command)) }
        let main: [KeyBinding] = [
            c("s", "si"), c("F7", "si"), c("n", "ni"), c("F8", "ni"), c("c", "continue"), c("F9", "continue"),
            c("f", "finish"), c("r", "rs"), c("S-F7", "rs"), c("R", "rc"),
            m("]", .nextBoundary), m("[", .previousBoundary), m("F2", .toggleBreakpoint),
            m("Tab", .focusNext), m("S-Tab", .focusPrevious),
            m("Up", .up), m("Down", .down), m("Left", .focusPrevious), m("Right", .focusNext),
            m("PgUp", .pageUp), m("PgDn", .pageDown), m("Home", .top), m("End", .bottom),
            m("Enter", .open), m("e", .expand),
            m(":", .commandLine), m("?", .help), m("F1", .help),
            m("!", .findings), m("v", .compare), m("t", .tour),
            m("h", .hexdump), m("d", .disassembly), m("C-l", .redraw), m("q", .quit),
        ]
        return KeyMap(name: "default", bindings: main + pagerKeys + promptKeys)
    }()

    /// The default keys plus vim's: j/k down/up, h/l the previous/next panel, g/G top/bottom,
    /// C-d/C-u half pages; the hexdump toggle moves from h to x.
    public static let vim: KeyMap = {
        var k = standard
        k.name = "vim"
        for (key, a) in [("j", ViewAction.down), ("k", .up), ("h", .focusPrevious), ("l", .focusNext), ("g", .top), ("G", .bottom),
                         ("C-d", .pageDown), ("C-u", .pageUp), ("x", .hexdump)] {
            k.bind(KeyBinding(.main, KeyName.parse(key)!, .view(a)))
        }
        return k
    }()

    static let pagerKeys: [KeyBinding] = {
        func p(_ k: String, _ a: ViewAction) -> KeyBinding { KeyBinding(.pager, KeyName.parse(k)!, .view(a)) }
        return [
            p("q", .close), p("Esc", .close), p("/", .search), p("n", .searchNext), p("N", .searchPrevious),
            p("Up", .up), p("k", .up), p("Down", .down), p("j", .down), p("PgUp", .pageUp), p("b", .pageUp),
            p("PgDn", .pageDown), p("Space", .pageDown), p("Home", .top), p("g", .top), p("End", .bottom), p("G", .bottom),
            p("Left", .left), p("Right", .right), p("Enter", .open),
        ]
    }()

    static let promptKeys: [KeyBinding] = {
        func p(_ k: String, _ a: ViewAction) -> KeyBinding { KeyBinding(.prompt, KeyName.parse(k)!, .view(a)) }
        return [
            p("Enter", .run), p("Esc", .cancel), p("Tab", .complete), p("Up", .historyPrevious), p("Down", .historyNext),
            p("C-r", .historySearch), p("Left", .cursorLeft), p("C-b", .cursorLeft), p("Right", .cursorRight), p("C-f", .cursorRight),
            p("M-b", .wordLeft), p("M-f", .wordRight), p("Home", .lineStart), p("C-a", .lineStart), p("End", .lineEnd), p("C-e", .lineEnd),
            p("Backspace", .deleteBackward), p("Del", .deleteForward), p("C-d", .deleteForward),
            p("C-u", .killToStart), p("C-k", .killToEnd), p("C-w", .killWord), p("C-y", .yank),
        ]
    }()

    // MARK: keys.toml

    /// `$XDG_CONFIG_HOME/suspendscope/keys.toml` (XDG_CONFIG_HOME defaults to ~/.config).
    public static func userFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        UserConfig.directory(environment: environment).appendingPathComponent("keys.toml")
    }

    /// The keys: the user's keys.toml over its preset, or the default table when there is no
    /// file; a file with a mistake is reported (file:line:column) and the default table used.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) -> (KeyMap, String?) {
        let url = userFile(environment: environment)
        guard let data = FileManager.default.contents(atPath: url.path) else { return (.standard, nil) }
        do {
            return (try parse(String(decoding: data, as: UTF8.self), file: url.path), nil)
        } catch {
            return (.standard, "\(UserConfig.shortened(CommandInterpreter.escaped("\(error)"), environment: environment)); using the default keys")
        }
    }

    /// Reads a keys.toml:
    ///
    /// ```toml
    /// preset = "vim"            # the table to start from: default or vim
    /// [keys]                    # the main screen
    /// "x" = "toggle-breakpoint" # a view action
    /// "F5" = ":continue"        # a debugger command, as typed after ':'
    /// "q" = "none"              # unbound
    /// [pager]                   # and [prompt]: the same for those modes
    /// ```
    public static func parse(_ text: String, file: String) throws -> KeyMap {
        let doc = try TOML.parse(text, file: file)
        let r = TOMLReader(doc)
        try r.onlyKeys(["preset"] + KeyMode.allCases.map(\.table))
        var map = KeyMap.standard
        if let p = try r.string("preset") {
            guard let preset = Self.preset(named: p) else {
                throw TOMLError(doc["preset"]!.location, "preset = \"\(CommandInterpreter.escaped(p))\": expected one of \(presets.map(\.name).joined(separator: ", "))")
            }
            map = preset
        }
        map.name = (file as NSString).lastPathComponent
        for mode in KeyMode.allCases {
            guard let t = try r.table(mode.table) else { continue }
            for keyText in t.table.keys {
                let value = t.table[keyText]!
                guard let key = KeyName.parse(keyText) else {
                    throw TOMLError(value.location, "[\(mode.table)] '\(CommandInterpreter.escaped(keyText))' is not a key: expected a character, Enter, Esc, Tab, S-Tab, Up, Down, Left, Right, PgUp, PgDn, Home, End, Ins, Del, Space, Backspace, F1-F12, S-F1-S-F12, C-a..C-z or M-x")
                }
                guard case .string(let s) = value.kind else {
                    throw TOMLError(value.location, "[\(mode.table)] \(keyText): expected a string (an action such as \"toggle-breakpoint\", or \":COMMAND\"), found \(value.typeName)")
                }
                if s.hasPrefix(":") {
                    let command = String(s.dropFirst()).trimmingCharacters(in: .whitespaces)
                    let word = command.split(separator: " ").first.map(String.init) ?? ""
                    guard mode == .main else {
                        throw TOMLError(value.location, "[\(mode.table)] \(keyText) = \"\(CommandInterpreter.escaped(s))\": debugger commands can be bound on the main screen only ([keys])")
                    }
                    guard CommandTable.lookup(word) != nil else {
                        throw TOMLError(value.location, "[\(mode.table)] \(keyText) = \"\(CommandInterpreter.escaped(s))\": no debugger command '\(CommandInterpreter.escaped(word))' (help lists them)")
                    }
                    map.bind(KeyBinding(mode, key, .command(command)))
                } else {
                    guard let a = ViewAction(rawValue: s), Self.actions(for: mode).contains(a) else {
                        let close = Self.actions(for: mode).map(\.rawValue).filter { $0.hasPrefix(String(s.prefix(3))) }
                        throw TOMLError(value.location, "[\(mode.table)] \(keyText) = \"\(CommandInterpreter.escaped(s))\": no such action here"
                                        + (close.isEmpty ? "" : " (did you mean \(close.joined(separator: " or "))?)")
                                        + "; expected \":COMMAND\" or an action the README lists for [\(mode.table)]")
                    }
                    map.bind(KeyBinding(mode, key, .view(a)))
                }
            }
        }
        return map
    }

    /// The view actions a mode has.
    public static func actions(for mode: KeyMode) -> [ViewAction] {
        switch mode {
        case .main: [.nextBoundary, .previousBoundary, .toggleBreakpoint, .focusNext, .focusPrevious, .up, .down,
                     .pageUp, .pageDown, .top, .bottom, .open, .expand, .commandLine, .help, .quit, .compare, .tour, .findings,
                     .hexdump, .disassembly, .redraw, .none]
        case .pager: [.close, .search, .searchNext, .searchPrevious, .up, .down, .left, .right, .pageUp, .pageDown, .top, .bottom,
                      .open, .none]
        case .prompt: [.run, .cancel, .complete, .historyPrevious, .historyNext, .historySearch, .cursorLeft, .cursorRight,
                       .wordLeft, .wordRight, .lineStart, .lineEnd, .deleteBackward, .deleteForward, .killToStart, .killToEnd,
                       .killWord, .yank, .none]
        }
    }

    /// The key list as a Markdown table per mode (the README's key list is this text).
    public var markdown: String {
        var out: [String] = []
        for mode in KeyMode.allCases {
            out.append("\(mode.title):")
            out.append("")
            out.append("| keys | what they do |")
            out.append("| --- | --- |")
            for g in groups(mode) {
                out.append("| " + g.keys.map { "`\($0 == "|" ? "\\|" : $0)`" }.joined(separator: " ") + " | " + g.action.summary(in: mode).replacingOccurrences(of: "|", with: "\\|") + " |")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }
}

/// The user's configuration folder: `$XDG_CONFIG_HOME/suspendscope`, or
/// `~/.config/suspendscope` when XDG_CONFIG_HOME is unset or empty.
public enum UserConfig {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let x = environment["XDG_CONFIG_HOME"], !x.isEmpty, x.hasPrefix("/") {
            return URL(fileURLWithPath: x).appendingPathComponent("suspendscope")
        }
        return URL(fileURLWithPath: home(environment)).appendingPathComponent(".config/suspendscope")
    }

    static func home(_ environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// A message with the home folder written `~` (paths under ~/.config are long).
    public static func shortened(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let h = home(environment)
        guard h.count > 1 else { return text }
        return text.replacingOccurrences(of: h.hasSuffix("/") ? h : h + "/", with: "~/")
    }
}
