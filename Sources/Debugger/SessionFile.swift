import Foundation
import Platform
import SafeIO

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
                var fields: [(String, JSONValue)] = [("id", .int(Int64(w.id))), ("target", .string(w.spec)), ("enabled", .bool(w.enabled)), ("hits", .int(Int64(w.hits)))]
                // A raw address (`*ADDR[@LEN]`) is kept as the physical range it was resolved to
                // when set: read with the MMU off it was physical, and would be read as virtual
                // at a later step. Named targets (symbols, fields) are resolved again on load.
                if w.spec.hasPrefix("*"), case .memory(let pa, let n) = w.target { fields += [("physical", .hex(pa)), ("bytes", .int(Int64(n)))] }
                return .object(fields)
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

    /// Writes the session to `path` atomically. The only folder it creates is `sessions/` (in
    /// the current directory, where `save NAME` goes); any other missing folder is an error, so
    /// a mistyped path does not grow a tree of folders.
    public static func save(_ s: DebugSession, to path: String) throws {
        let dir = PathText.folder(of: path)
        var isDir: ObjCBool = false
        if !dir.isEmpty && !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            guard dir == "sessions" else {
                throw SessionError("\(path): cannot write the session: the folder \(dir) does not exist (save creates only sessions/)")
            }
            guard mkdir(dir, 0o777) == 0 || errno == EEXIST else {
                throw SessionError("\(path): cannot create the folder sessions/: \(InputFile.reason(errno, creating: true))")
            }
        }
        do {
            try AtomicFile.write(encode(s).serialized(pretty: true) + "\n", to: path)
        } catch let e as FileWriteError {
            throw SessionError("\(path): cannot write the session: \(e.reason)")
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
        public var watchpoints: [(id: Int, target: String, enabled: Bool, hits: Int, physical: (address: UInt64, bytes: Int)?)]
        public var edits: [UserEdit]
        public var view: SessionView
        public var notes: [SessionNote]
        /// Where fields were written ("scenario.source", "step", "edits[2]", "breakpoints[0]",
        /// "watchpoints[1]"): line and column, for messages about them after parsing.
        public var places: [String: (line: Int, column: Int)] = [:]

        /// "FILE:LINE:COLUMN: error: " for `field` (just "FILE: " when it has no place).
        func at(_ field: String, in path: String) -> String {
            places[field].map { "\(path):\($0.line):\($0.column): error: " } ?? "\(path): "
        }
        /// The assembled image when it was saved (absent in older files).
        public var image: ImageFingerprint?
    }

    /// Reads and checks a session file.
    public static func read(_ path: String) throws -> Document {
        var st = stat()
        guard stat(path, &st) == 0 else { throw SessionError("\(path): no such session file") }
        if st.st_mode & S_IFMT == S_IFDIR { throw SessionError("\(path): a folder, not a session file") }
        if st.st_size > maxBytes { throw SessionError("\(path): \(st.st_size) bytes is too large for a session file (at most \(maxBytes))") }
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, limit: maxBytes) } catch let e as InputFileError { throw SessionError(e.description) }
        return try parse(Data(bytes), path: path)
    }

    /// Parses and checks session JSON; `path` names the file in messages, each with the line
    /// and column of the value (or object) at fault and the field's name:
    /// `s.json:7:13: error: field 'step': expected an integer, found a string`.
    public static func parse(_ data: Data, path: String) throws -> Document {
        guard !data.isEmpty else { throw SessionError("\(path):1:1: error: the file is empty (expected a suspendscope-session JSON object)") }
        let root: LocatedJSON
        do { root = try LocatedJSON.parse([UInt8](data)) } catch let e as LocatedJSON.Error {
            throw SessionError("\(path):\(e.line):\(e.column): error: not valid JSON (truncated or corrupt?): \(e.message)")
        }
        func at(_ v: LocatedJSON) -> String { "\(path):\(v.line):\(v.column): error: " }
        func fail(_ v: LocatedJSON, _ field: String, _ what: String) -> SessionError { SessionError(at(v) + "field '\(field)': \(what)") }
        func member(_ o: LocatedJSON, _ k: String, _ field: String, _ expected: String) throws -> LocatedJSON {
            guard let v = o[k] else { throw fail(o, field, "missing (expected \(expected))") }
            return v
        }
        func string(_ o: LocatedJSON, _ k: String, _ field: String) throws -> String {
            let v = try member(o, k, field, "a string")
            guard case .string(let s) = v.kind else { throw fail(v, field, "expected a string, found \(v.typeName)") }
            return s
        }
        func int(_ o: LocatedJSON, _ k: String, _ field: String, _ range: ClosedRange<Int>) throws -> Int {
            let v = try member(o, k, field, "an integer")
            guard case .integer(let n) = v.kind else {
                if case .number(let text) = v.kind {
                    // Integral but beyond 64 bits (2^63): out of range, not "not an integer".
                    if !text.contains(where: { ".eE".contains($0) }) { throw fail(v, field, "\(text) is out of range (\(range.lowerBound)...\(range.upperBound))") }
                    throw fail(v, field, "expected an integer, found \(text)")
                }
                throw fail(v, field, "expected an integer, found \(v.typeName)")
            }
            guard n >= Int64(range.lowerBound) && n <= Int64(range.upperBound) else {
                throw fail(v, field, "\(n) is out of range (\(range.lowerBound)...\(range.upperBound))")
            }
            return Int(n)
        }
        func bool(_ o: LocatedJSON, _ k: String, _ field: String) throws -> Bool {
            let v = try member(o, k, field, "true or false")
            guard case .bool(let b) = v.kind else { throw fail(v, field, "expected true or false, found \(v.typeName)") }
            return b
        }
        func object(_ o: LocatedJSON, _ k: String, _ field: String) throws -> LocatedJSON {
            let v = try member(o, k, field, "an object")
            guard case .object = v.kind else { throw fail(v, field, "expected an object, found \(v.typeName)") }
            return v
        }
        func array(_ o: LocatedJSON, _ k: String, _ field: String) throws -> [LocatedJSON] {
            let v = try member(o, k, field, "an array")
            guard case .array(let items) = v.kind else { throw fail(v, field, "expected an array, found \(v.typeName)") }
            return try items.enumerated().map { i, e in
                guard case .object = e.kind else { throw fail(e, "\(field)[\(i)]", "expected an object, found \(e.typeName)") }
                return e
            }
        }
        guard case .object = root.kind else { throw SessionError(at(root) + "expected a JSON object at the top, found \(root.typeName)") }
        guard let f = root["format"], case .string(let fs) = f.kind, fs == format else {
            throw SessionError(at(root["format"] ?? root) + "not a SuspendScope session (expected \"format\": \"\(format)\")")
        }
        let v = try int(root, "version", "version", 0...Int(Int32.max))
        guard v <= version else {
            throw SessionError(at(root["version"]!) + "session format version \(v) is newer than this SuspendScope reads (version \(version)); nothing was loaded")
        }
        guard v == version else { throw fail(root["version"]!, "version", "\(v) is not a version this SuspendScope reads (\(version))") }
        let scenario = try object(root, "scenario", "scenario")
        let name = try string(scenario, "name", "scenario.name")
        let source = try string(scenario, "source", "scenario.source")
        let sha = try string(scenario, "sha256", "scenario.sha256")
        guard sha.utf8.count == 64, sha.allSatisfy({ $0.isHexDigit }) else { throw fail(scenario["sha256"]!, "scenario.sha256", "expected 64 hex digits") }
        var image: ImageFingerprint?
        if let i = scenario["image"] {
            guard case .object = i.kind, let fp = ImageFingerprint(json: i) else {
                throw fail(i, "scenario.image", "expected {\"sha256\": 64 hex digits, \"chunks\": hex digits, 8 per \(ImageFingerprint.chunkSize) bytes}")
            }
            image = fp
        }
        let config = try object(root, "config", "config")
        let maxSteps = try int(config, "maxSteps", "config.maxSteps", 1...1_000_000_000)
        let historyLimit = try int(config, "historyLimit", "config.historyLimit", 1...DebugSession.maxHistoryLimit)
        let unknownText = try string(config, "unknown", "config.unknown")
        guard let unknown = UnknownPolicy(argument: unknownText) else { throw fail(config["unknown"]!, "config.unknown", "expected poison, zero or random:SEED") }
        let step = try int(root, "step", "step", 0...maxStep)
        var bps: [(id: Int, location: String, condition: String?, enabled: Bool, hits: Int, ignore: Int)] = []
        let bpList = try array(root, "breakpoints", "breakpoints")
        for (i, b) in bpList.enumerated() {
            let p = "breakpoints[\(i)]"
            var cond: String?
            let c = try member(b, "condition", "\(p).condition", "a string or null")
            switch c.kind {
            case .null: break
            case .string(let cs): cond = cs
            default: throw fail(c, "\(p).condition", "expected a string or null, found \(c.typeName)")
            }
            bps.append((try int(b, "id", "\(p).id", 1...1_000_000), try string(b, "location", "\(p).location"), cond,
                        try bool(b, "enabled", "\(p).enabled"), try int(b, "hits", "\(p).hits", 0...Int(Int32.max)),
                        try int(b, "ignore", "\(p).ignore", 0...Int(Int32.max))))
        }
        var wps: [(id: Int, target: String, enabled: Bool, hits: Int, physical: (address: UInt64, bytes: Int)?)] = []
        let wpList = try array(root, "watchpoints", "watchpoints")
        for (i, w) in wpList.enumerated() {
            let p = "watchpoints[\(i)]"
            var physical: (UInt64, Int)?
            if w["physical"] != nil || w["bytes"] != nil {
                let text = try string(w, "physical", "\(p).physical")
                guard text.hasPrefix("0x"), let a = UInt64(text.dropFirst(2), radix: 16) else {
                    throw fail(w["physical"]!, "\(p).physical", "expected a hex string like \"0x4021e060\"")
                }
                physical = (a, try int(w, "bytes", "\(p).bytes", 1...4096))
            }
            wps.append((try int(w, "id", "\(p).id", 1...1_000_000), try string(w, "target", "\(p).target"),
                        try bool(w, "enabled", "\(p).enabled"), try int(w, "hits", "\(p).hits", 0...Int(Int32.max)), physical))
        }
        if bps.count + wps.count > DebugSession.maxBreakpoints {
            throw fail(root["breakpoints"]!, "breakpoints", "\(bps.count) breakpoints and \(wps.count) watchpoints: at most \(DebugSession.maxBreakpoints) in all")
        }
        var firstWithID: [Int: LocatedJSON] = [:]
        for (k, entry) in zip(bps.map(\.id) + wps.map(\.id), bpList + wpList) {
            if firstWithID[k] != nil { throw fail(entry["id"]!, "breakpoints", "two breakpoints or watchpoints share a number (\(k))") }
            firstWithID[k] = entry
        }
        var edits: [UserEdit] = []
        for (i, e) in try array(root, "edits", "edits").enumerated() {
            let p = "edits[\(i)]"
            let s = try int(e, "step", "\(p).step", 0...step)
            if let last = edits.last, s < last.step { throw fail(e["step"]!, "\(p).step", "edits must be in step order (\(s) after \(last.step))") }
            let valueText = try string(e, "value", "\(p).value")
            guard valueText.hasPrefix("0x"), let value = UInt64(valueText.dropFirst(2), radix: 16) else {
                throw fail(e["value"]!, "\(p).value", "expected a hex string like \"0x1234\"")
            }
            edits.append(UserEdit(step: s, target: try string(e, "target", "\(p).target"), value: value))
            if edits.count > DebugSession.maxEdits { throw fail(e, p, "more than \(DebugSession.maxEdits) user edits, the most a session keeps") }
        }
        let viewObj = try object(root, "view", "view")
        var view = SessionView()
        view.focusedPanel = try string(viewObj, "focusedPanel", "view.focusedPanel")
        view.theme = try string(viewObj, "theme", "view.theme")
        let sel = try object(viewObj, "selections", "view.selections")
        if case .object(let members) = sel.kind {
            for m in members {
                guard case .string(let s) = m.value.kind else { throw fail(m.value, "view.selections.\(m.key)", "expected a string, found \(m.value.typeName)") }
                view.selections[m.key] = s
            }
        }
        let scroll = try object(viewObj, "scroll", "view.scroll")
        // The source panel's scroll is lines above (negative) or below the pc's line.
        if case .object(let members) = scroll.kind {
            for m in members { view.scroll[m.key] = try int(scroll, m.key, "view.scroll.\(m.key)", Int(Int32.min)...Int(Int32.max)) }
        }
        var notes: [SessionNote] = []
        for (i, n) in try array(root, "notes", "notes").enumerated() {
            notes.append(SessionNote(step: try int(n, "step", "notes[\(i)].step", 0...maxStep), text: try string(n, "text", "notes[\(i)].text")))
        }
        var doc = Document(scenarioName: name, source: source, sha256: sha, maxSteps: maxSteps, historyLimit: historyLimit,
                           unknown: unknown, step: step, breakpoints: bps, watchpoints: wps, edits: edits, view: view, notes: notes, image: image)
        func place(_ field: String, _ v: LocatedJSON?) { if let v { doc.places[field] = (v.line, v.column) } }
        place("scenario.name", scenario["name"]); place("scenario.source", scenario["source"]); place("scenario.sha256", scenario["sha256"])
        place("step", root["step"])
        for (i, b) in bpList.enumerated() { place("breakpoints[\(i)]", b["location"]) }
        for (i, w) in wpList.enumerated() { place("watchpoints[\(i)]", w["target"]) }
        if case .array(let list)? = root["edits"]?.kind { for (i, e) in list.enumerated() { place("edits[\(i)]", e["target"] ?? e) } }
        return doc
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
            throw SessionError(d.at("scenario.source", in: path) + "cannot load its scenario '\(d.source)': \(error)")
        }
        guard built.manifest.name == d.scenarioName else {
            throw SessionError(d.at("scenario.name", in: path) + "the session is for scenario '\(d.scenarioName)' but '\(d.source)' is now '\(built.manifest.name)'")
        }
        let now = programHash(built)
        var target = d.step
        var loaderNotes: [String] = []
        if now != d.sha256 {
            let changed = "the files of '\(d.source)' changed since the session was saved (SHA-256 \(d.sha256.prefix(12))… then, \(now.prefix(12))… now)"
            guard let then = d.image else {
                throw SessionError(d.at("scenario.sha256", in: path) + "\(changed), and the session is too old to say whether the program did; nothing was loaded")
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
                    throw SessionError(d.at("scenario.sha256", in: path) + "\(changed) and so did the assembled image: step \(first.step) is the first to run or read changed bytes (\(first.place)); nothing was loaded. load --partial loads it up to step \(first.step - 1)")
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
                throw SessionError(d.at("edits[\(i)]", in: path) + "edits[\(i)]: the program stops at step \(s.step), before the edit's step \(e.step)")
            }
            let r = ci.execute("set \(e.target) = 0x\(String(e.value, radix: 16))")
            if let err = r.error { throw SessionError(d.at("edits[\(i)]", in: path) + "edits[\(i)] (\(e.target)): \(err.message)") }
        }
        move(to: target)
        guard s.step == target else {
            throw SessionError(d.at("step", in: path) + "the program stops at step \(s.step), before the saved step \(target)")
        }
        // In id order, each looked up once (linear in the number of breakpoints).
        enum Entry { case breakpoint(Int), watchpoint(Int) }
        var entries: [(id: Int, entry: Entry)] = d.breakpoints.indices.map { (d.breakpoints[$0].id, .breakpoint($0)) }
            + d.watchpoints.indices.map { (d.watchpoints[$0].id, .watchpoint($0)) }
        entries.sort { $0.id < $1.id }
        for (id, entry) in entries {
            s.nextBreakpointID = id
            switch entry {
            case .breakpoint(let k):
                let b = d.breakpoints[k]
                let r = ci.execute("break \(b.location)" + (b.condition.map { " if \($0)" } ?? ""))
                if let err = r.error {
                    if partial { loaderNotes.append("note: breakpoint \(id) '\(b.location)' left out: \(err.message)"); continue }
                    throw SessionError(d.at("breakpoints[\(k)]", in: path) + "breakpoint \(id) '\(b.location)': \(err.message)")
                }
                let last = s.breakpoints.count - 1
                if last >= 0, s.breakpoints[last].id == id {
                    s.breakpoints[last].enabled = b.enabled; s.breakpoints[last].hits = b.hits; s.breakpoints[last].ignoreCount = b.ignore
                }
            case .watchpoint(let k):
                let w = d.watchpoints[k]
                if let p = w.physical, w.target.hasPrefix("*") {
                    guard s.machine.memory.readBytes(at: p.address, count: p.bytes) != nil else {
                        let message = "physical 0x\(String(p.address, radix: 16))@\(p.bytes) is not RAM"
                        if partial { loaderNotes.append("note: watchpoint \(id) '\(w.target)' left out: \(message)"); continue }
                        throw SessionError(d.at("watchpoints[\(k)]", in: path) + "watchpoint \(id) '\(w.target)': \(message)")
                    }
                    s.addWatchpoint(spec: w.target, target: .memory(physical: p.address, count: p.bytes))
                } else {
                    let r = ci.execute("watch \(w.target)")
                    if let err = r.error {
                        if partial { loaderNotes.append("note: watchpoint \(id) '\(w.target)' left out: \(err.message)"); continue }
                        throw SessionError(d.at("watchpoints[\(k)]", in: path) + "watchpoint \(id) '\(w.target)': \(err.message)")
                    }
                }
                let last = s.watchpoints.count - 1
                if last >= 0, s.watchpoints[last].id == id {
                    s.watchpoints[last].enabled = w.enabled; s.watchpoints[last].hits = w.hits
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
