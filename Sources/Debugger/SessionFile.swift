import Foundation
import Platform

/// A session file that cannot be loaded or saved: the message says which file, what was wrong
/// and that nothing changed.
public struct SessionError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// Saved debugger sessions (SPEC §3): versioned JSON holding the scenario (its name or folder
/// and the SHA-256 of its files), the configuration, breakpoints, watchpoints, the current
/// step, every user edit with its step, the view state and notes. Writes are atomic (a
/// temporary file renamed over the target). Loading rebuilds the scenario, checks the hash,
/// replays to the saved step applying the edits at their steps, then restores breakpoints and
/// watchpoints; any problem gives a `SessionError` and nothing changes.
public enum SessionFile {
    /// The `"format"` value of every session file, and the version this build writes and reads.
    public static let format = "suspendscope-session"
    public static let version = 1
    /// Files larger than this are refused (a session is a few kilobytes).
    public static let maxBytes = 16 << 20
    /// The furthest step a session may ask to replay to.
    public static let maxStep = 10_000_000

    /// SHA-256 over the scenario's files, sorted by name ("name NUL text NUL" each).
    public static func programHash(_ built: BuiltScenario) -> String {
        var bytes: [UInt8] = []
        for (name, text) in built.scenario.files.sorted(by: { $0.key < $1.key }) {
            bytes += Array(name.utf8); bytes.append(0)
            bytes += Array(text.utf8); bytes.append(0)
        }
        return SHA256.hex(bytes)
    }

    /// The session as JSON.
    public static func encode(_ s: DebugSession) -> JSONValue {
        .object([
            ("format", .string(format)),
            ("version", .int(Int64(version))),
            ("scenario", .object([
                ("name", .string(s.built.manifest.name)),
                ("source", .string(s.scenarioArgument)),
                ("sha256", .string(programHash(s.built))),
                ("image", ImageFingerprint(s.built).json),
            ])),
            ("config", .object([
                ("maxSteps", .int(Int64(s.maxStepsPerCommand))),
                ("historyLimit", .int(Int64(s.historyLimit))),
                ("unknown", .string(s.board.policy.description)),
            ])),
            ("step", .int(Int64(s.step))),
            ("breakpoints", .array(s.breakpoints.map { b in
                .object([("id", .int(Int64(b.id))), ("location", .string(b.spec)),
                         ("condition", b.conditionText.map { .string($0) } ?? .null),
                         ("enabled", .bool(b.enabled)), ("hits", .int(Int64(b.hits))), ("ignore", .int(Int64(b.ignoreCount)))])
            })),
            ("watchpoints", .array(s.watchpoints.map { w in
                .object([("id", .int(Int64(w.id))), ("target", .string(w.spec)), ("enabled", .bool(w.enabled)), ("hits", .int(Int64(w.hits)))])
            })),
            ("edits", .array(s.edits.map { e in
                .object([("step", .int(Int64(e.step))), ("target", .string(e.target)), ("value", .hex(e.value))])
            })),
            ("view", .object([
                ("focusedPanel", .string(s.view.focusedPanel)),
                ("selections", .object(s.view.selections.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
                ("scroll", .object(s.view.scroll.sorted { $0.key < $1.key }.map { ($0.key, .int(Int64($0.value))) })),
                ("theme", .string(s.view.theme)),
            ])),
            ("notes", .array(s.notes.map { .object([("step", .int(Int64($0.step))), ("text", .string($0.text))]) })),
        ])
    }

    /// Writes the session to `path` atomically.
    public static func save(_ s: DebugSession, to path: String) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try ProgramLoader.writeAtomically(Data((encode(s).serialized(pretty: true) + "\n").utf8), to: path)
        } catch {
            throw SessionError("\(path): cannot write the session: \(error.localizedDescription)")
        }
    }

    /// A parsed, checked session file (nothing is built or run yet).
    public struct Document: Sendable {
        public var scenarioName: String
        public var source: String
        public var sha256: String
        public var maxSteps: Int
        public var historyLimit: Int
        public var unknown: UnknownPolicy
        public var step: Int
        public var breakpoints: [(id: Int, location: String, condition: String?, enabled: Bool, hits: Int, ignore: Int)]
        public var watchpoints: [(id: Int, target: String, enabled: Bool, hits: Int)]
        public var edits: [UserEdit]
        public var view: SessionView
        public var notes: [SessionNote]
        /// The assembled image when it was saved (absent in older files).
        public var image: ImageFingerprint?
    }

    /// Reads and checks a session file.
    public static func read(_ path: String) throws -> Document {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw SessionError("\(path): no such session file")
        }
        if attrs[.type] as? FileAttributeType == .typeDirectory {
            throw SessionError("\(path): a folder, not a session file")
        }
        if let size = attrs[.size] as? Int, size > maxBytes {
            throw SessionError("\(path): \(size) bytes is too large for a session file (at most \(maxBytes))")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw SessionError("\(path): cannot read the file") }
        return try parse(data, path: path)
    }

    /// Parses and checks session JSON; `path` names the file in messages.
    public static func parse(_ data: Data, path: String) throws -> Document {
        guard !data.isEmpty else { throw SessionError("\(path): the file is empty (expected a suspendscope-session JSON object)") }
        let any: Any
        do { any = try JSONSerialization.jsonObject(with: data) } catch {
            throw SessionError("\(path): not valid JSON (truncated or corrupt?): \(error.localizedDescription)")
        }
        guard let root = any as? [String: Any] else { throw SessionError("\(path): expected a JSON object at the top") }
        func fail(_ field: String, _ what: String) -> SessionError { SessionError("\(path): field '\(field)': \(what)") }
        func string(_ o: [String: Any], _ k: String, _ field: String) throws -> String {
            guard let v = o[k] as? String else { throw fail(field, o[k] == nil ? "missing (expected a string)" : "expected a string") }
            return v
        }
        func int(_ o: [String: Any], _ k: String, _ field: String, _ range: ClosedRange<Int>) throws -> Int {
            guard let x = o[k], !isBoolean(x), let v = x as? Int else {
                throw fail(field, o[k] == nil ? "missing (expected an integer)" : "expected an integer")
            }
            guard range.contains(v) else { throw fail(field, "\(v) is out of range (\(range.lowerBound)...\(range.upperBound))") }
            return v
        }
        func bool(_ o: [String: Any], _ k: String, _ field: String) throws -> Bool {
            guard let x = o[k], isBoolean(x), let b = x as? Bool else {
                throw fail(field, o[k] == nil ? "missing (expected true or false)" : "expected true or false")
            }
            return b
        }
        func object(_ o: [String: Any], _ k: String, _ field: String) throws -> [String: Any] {
            guard let v = o[k] as? [String: Any] else { throw fail(field, o[k] == nil ? "missing (expected an object)" : "expected an object") }
            return v
        }
        func array(_ o: [String: Any], _ k: String, _ field: String) throws -> [[String: Any]] {
            guard let v = o[k] as? [Any] else { throw fail(field, o[k] == nil ? "missing (expected an array)" : "expected an array") }
            return try v.enumerated().map { i, e in
                guard let x = e as? [String: Any] else { throw fail("\(field)[\(i)]", "expected an object") }
                return x
            }
        }
        guard let f = root["format"] as? String, f == format else {
            throw SessionError("\(path): not a SuspendScope session (expected \"format\": \"\(format)\")")
        }
        let v = try int(root, "version", "version", 0...Int(Int32.max))
        guard v <= version else {
            throw SessionError("\(path): session format version \(v) is newer than this SuspendScope reads (version \(version)); nothing was loaded")
        }
        guard v == version else { throw fail("version", "\(v) is not a version this SuspendScope reads (\(version))") }
        let scenario = try object(root, "scenario", "scenario")
        let name = try string(scenario, "name", "scenario.name")
        let source = try string(scenario, "source", "scenario.source")
        let sha = try string(scenario, "sha256", "scenario.sha256")
        guard sha.count == 64, sha.allSatisfy({ $0.isHexDigit }) else { throw fail("scenario.sha256", "expected 64 hex digits") }
        var image: ImageFingerprint?
        if let i = scenario["image"] {
            guard let o = i as? [String: Any], let fp = ImageFingerprint(json: o) else {
                throw fail("scenario.image", "expected {\"sha256\": 64 hex digits, \"chunks\": hex digits, 8 per \(ImageFingerprint.chunkSize) bytes}")
            }
            image = fp
        }
        let config = try object(root, "config", "config")
        let maxSteps = try int(config, "maxSteps", "config.maxSteps", 1...1_000_000_000)
        let historyLimit = try int(config, "historyLimit", "config.historyLimit", 1...DebugSession.maxHistoryLimit)
        let unknownText = try string(config, "unknown", "config.unknown")
        guard let unknown = UnknownPolicy(argument: unknownText) else { throw fail("config.unknown", "expected poison, zero or random:SEED") }
        let step = try int(root, "step", "step", 0...maxStep)
        var bps: [(id: Int, location: String, condition: String?, enabled: Bool, hits: Int, ignore: Int)] = []
        for (i, b) in try array(root, "breakpoints", "breakpoints").enumerated() {
            let p = "breakpoints[\(i)]"
            var cond: String?
            if let c = b["condition"], !(c is NSNull) {
                guard let cs = c as? String else { throw fail("\(p).condition", "expected a string or null") }
                cond = cs
            }
            bps.append((try int(b, "id", "\(p).id", 1...1_000_000), try string(b, "location", "\(p).location"), cond,
                        try bool(b, "enabled", "\(p).enabled"), try int(b, "hits", "\(p).hits", 0...Int(Int32.max)),
                        try int(b, "ignore", "\(p).ignore", 0...Int(Int32.max))))
        }
        var wps: [(id: Int, target: String, enabled: Bool, hits: Int)] = []
        for (i, w) in try array(root, "watchpoints", "watchpoints").enumerated() {
            let p = "watchpoints[\(i)]"
            wps.append((try int(w, "id", "\(p).id", 1...1_000_000), try string(w, "target", "\(p).target"),
                        try bool(w, "enabled", "\(p).enabled"), try int(w, "hits", "\(p).hits", 0...Int(Int32.max))))
        }
        let ids = bps.map(\.id) + wps.map(\.id)
        if Set(ids).count != ids.count { throw fail("breakpoints", "two breakpoints or watchpoints share a number") }
        var edits: [UserEdit] = []
        for (i, e) in try array(root, "edits", "edits").enumerated() {
            let p = "edits[\(i)]"
            let s = try int(e, "step", "\(p).step", 0...step)
            if let last = edits.last, s < last.step { throw fail("\(p).step", "edits must be in step order (\(s) after \(last.step))") }
            let valueText = try string(e, "value", "\(p).value")
            guard valueText.hasPrefix("0x"), let value = UInt64(valueText.dropFirst(2), radix: 16) else {
                throw fail("\(p).value", "expected a hex string like \"0x1234\"")
            }
            edits.append(UserEdit(step: s, target: try string(e, "target", "\(p).target"), value: value))
        }
        let viewObj = try object(root, "view", "view")
        var view = SessionView()
        view.focusedPanel = try string(viewObj, "focusedPanel", "view.focusedPanel")
        view.theme = try string(viewObj, "theme", "view.theme")
        guard let sel = viewObj["selections"] as? [String: Any] else { throw fail("view.selections", "expected an object") }
        for (k, x) in sel {
            guard let s = x as? String else { throw fail("view.selections.\(k)", "expected a string") }
            view.selections[k] = s
        }
        let scroll = try object(viewObj, "scroll", "view.scroll")
        // The source panel's scroll is lines above (negative) or below the pc's line.
        for k in scroll.keys { view.scroll[k] = try int(scroll, k, "view.scroll.\(k)", Int(Int32.min)...Int(Int32.max)) }
        var notes: [SessionNote] = []
        for (i, n) in try array(root, "notes", "notes").enumerated() {
            notes.append(SessionNote(step: try int(n, "step", "notes[\(i)].step", 0...maxStep), text: try string(n, "text", "notes[\(i)].text")))
        }
        return Document(scenarioName: name, source: source, sha256: sha, maxSteps: maxSteps, historyLimit: historyLimit,
                         unknown: unknown, step: step, breakpoints: bps, watchpoints: wps, edits: edits, view: view, notes: notes, image: image)
    }

    /// JSON true/false (Foundation gives them as a boolean NSNumber subclass).
    static func isBoolean(_ x: Any) -> Bool {
        if x is Bool && !(x is NSNumber) { return true }
        return String(describing: type(of: x)).contains("Boolean")
    }

    /// Builds a new session from a document: the scenario (its hash must match), the replay
    /// to the saved step with the edits at their steps, then breakpoints and watchpoints.
    public static func restore(_ d: Document, path: String) throws -> DebugSession { try restore(d, path: path, partial: false).session }

    /// A loaded session, and what the loader has to say about it (a changed scenario).
    public struct Loaded {
        public var session: DebugSession
        public var notes: [String]
    }

    /// `restore`, for a scenario whose files changed since the session was saved: when the
    /// assembled image is the same (a comment, a blank line), it loads and says so; when the
    /// image changed, it names the first step that runs (or reads) changed bytes, and with
    /// `partial` loads up to the step before it.
    public static func restore(_ d: Document, path: String, partial: Bool) throws -> Loaded {
        let built: BuiltScenario
        do { built = try BuiltinScenarios.resolve(d.source).build() } catch {
            throw SessionError("\(path): cannot load its scenario '\(d.source)': \(error)")
        }
        guard built.manifest.name == d.scenarioName else {
            throw SessionError("\(path): the session is for scenario '\(d.scenarioName)' but '\(d.source)' is now '\(built.manifest.name)'")
        }
        let now = programHash(built)
        var target = d.step
        var loaderNotes: [String] = []
        if now != d.sha256 {
            let changed = "the files of '\(d.source)' changed since the session was saved (SHA-256 \(d.sha256.prefix(12))… then, \(now.prefix(12))… now)"
            guard let then = d.image else {
                throw SessionError("\(path): \(changed), and the session is too old to say whether the program did; nothing was loaded")
            }
            let current = ImageFingerprint(built)
            if then.sha256 == current.sha256 {
                loaderNotes.append("note: \(changed), but the assembled image is the same: loaded (FILE:LINE breakpoints are resolved against the new text)")
            } else {
                let first = then.firstDifferingStep(of: built, upTo: d.step)
                guard let first else {
                    loaderNotes.append("note: \(changed) and so did the image, but none of the \(d.step) steps runs or reads changed bytes: loaded")
                    return try finishRestore(d, built: built, path: path, target: target, notes: loaderNotes)
                }
                guard partial else {
                    throw SessionError("\(path): \(changed) and so did the assembled image: step \(first.step) is the first to run or read changed bytes (\(first.place)); nothing was loaded. load --partial loads it up to step \(first.step - 1)")
                }
                target = min(d.step, first.step - 1)
                loaderNotes.append("note: \(changed) and so did the image: loaded up to step \(target), before step \(first.step), the first to run or read changed bytes (\(first.place)); the session was saved at step \(d.step)")
            }
        }
        return try finishRestore(d, built: built, path: path, target: target, notes: loaderNotes)
    }

    static func finishRestore(_ d: Document, built: BuiltScenario, path: String, target: Int, notes loaderNotes: [String]) throws -> Loaded {
        var loaderNotes = loaderNotes
        let partial = target < d.step
        let s = DebugSession(built: built, policy: d.unknown)
        s.scenarioArgument = d.source
        s.maxStepsPerCommand = d.maxSteps
        s.historyLimit = d.historyLimit
        let ci = CommandInterpreter(session: s)
        // Steps the history limit would drop anyway are run without keeping history.
        let keepFrom = max(0, d.step - d.historyLimit)
        func move(to target: Int) {
            if s.step < keepFrom { s.advanceWithoutHistory(to: min(target, keepFrom)) }
            s.replay(to: target)
        }
        for (i, e) in d.edits.enumerated() where e.step <= target {
            move(to: e.step)
            guard s.step == e.step else {
                throw SessionError("\(path): edits[\(i)]: the program stops at step \(s.step), before the edit's step \(e.step)")
            }
            let r = ci.execute("set \(e.target) = 0x\(String(e.value, radix: 16))")
            if let err = r.error { throw SessionError("\(path): edits[\(i)] (\(e.target)): \(err.message)") }
        }
        move(to: target)
        guard s.step == target else {
            throw SessionError("\(path): the program stops at step \(s.step), before the saved step \(target)")
        }
        var entries: [(Int, String)] = d.breakpoints.map { ($0.id, "b") } + d.watchpoints.map { ($0.id, "w") }
        entries.sort { $0.0 < $1.0 }
        for (id, kind) in entries {
            s.nextBreakpointID = id
            if kind == "b", let b = d.breakpoints.first(where: { $0.id == id }) {
                let r = ci.execute("break \(b.location)" + (b.condition.map { " if \($0)" } ?? ""))
                if let err = r.error {
                    if partial { loaderNotes.append("note: breakpoint \(id) '\(b.location)' left out: \(err.message)"); continue }
                    throw SessionError("\(path): breakpoint \(id) '\(b.location)': \(err.message)")
                }
                if let k = s.breakpoints.firstIndex(where: { $0.id == id }) {
                    s.breakpoints[k].enabled = b.enabled; s.breakpoints[k].hits = b.hits; s.breakpoints[k].ignoreCount = b.ignore
                }
            } else if let w = d.watchpoints.first(where: { $0.id == id }) {
                let r = ci.execute("watch \(w.target)")
                if let err = r.error {
                    if partial { loaderNotes.append("note: watchpoint \(id) '\(w.target)' left out: \(err.message)"); continue }
                    throw SessionError("\(path): watchpoint \(id) '\(w.target)': \(err.message)")
                }
                if let k = s.watchpoints.firstIndex(where: { $0.id == id }) {
                    s.watchpoints[k].enabled = w.enabled; s.watchpoints[k].hits = w.hits
                }
            }
        }
        s.nextBreakpointID = (entries.map(\.0).max() ?? 0) + 1
        s.view = d.view
        s.notes = d.notes
        _ = s.takeNotices()
        return Loaded(session: s, notes: loaderNotes)
    }

    /// Reads, checks and replays a session file.
    public static func load(_ path: String) throws -> DebugSession { try restore(try read(path), path: path) }

    /// `load`, telling what changed in the scenario (see `restore(_:path:partial:)`).
    public static func load(_ path: String, partial: Bool) throws -> Loaded { try restore(try read(path), path: path, partial: partial) }

    /// Where `save NAME` / `load NAME` put a session: a name is `sessions/NAME.json` (in the
    /// current directory); anything with a '/' or ending in `.json` is a path.
    public static func path(for nameOrPath: String) -> String? {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".json") { return nameOrPath }
        guard !nameOrPath.isEmpty, nameOrPath.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }),
              !nameOrPath.hasPrefix(".") else { return nil }
        return "sessions/\(nameOrPath).json"
    }
}
