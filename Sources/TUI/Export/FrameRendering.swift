import Foundation
import Platform

/// Frames rendered for outside viewers: HTML with the theme's colours (walkthrough pages) and
/// ANSI escape sequences (asciinema recordings).
public enum FrameRendering {
    /// CSS colour of a theme colour (the xterm palette for indexed colours).
    static func css(_ c: ThemeColor) -> String? {
        switch c {
        case .terminalDefault: return nil
        case .indexed(let i):
            let (r, g, b) = ThemeColor.rgbOf(Int(i))
            return String(format: "#%02x%02x%02x", r, g, b)
        case .rgb(let r, let g, let b): return String(format: "#%02x%02x%02x", r, g, b)
        }
    }

    static func escapeHTML(_ s: String) -> String {
        var o = ""
        for ch in s {
            switch ch {
            case "<": o += "&lt;"
            case ">": o += "&gt;"
            case "&": o += "&amp;"
            case "\"": o += "&quot;"
            default: o.append(ch)
            }
        }
        return o
    }

    /// The page's background and text colours: the theme's `normal` role when it gives them,
    /// else a dark page (the terminal default of the dark themes).
    public static func page(_ theme: Theme) -> (background: String, text: String) {
        let n = theme.style(.normal)
        return (css(n.background) ?? (n.reverse ? "#d0d0d0" : "#1c1c1c"), css(n.foreground) ?? (n.reverse ? "#1c1c1c" : "#d0d0d0"))
    }

    /// The CSS rules for every role of a theme (class `r-ROLE`), on the theme's page colours.
    public static func stylesheet(_ theme: Theme) -> String {
        let page = page(theme)
        var css = "body{background:\(page.background);color:\(page.text);font-family:monospace}pre{line-height:1.2;font-size:13px}a{color:inherit}\n"
        for role in StyleRole.allCases {
            let s = theme.style(role)
            var rules: [String] = []
            var fg = Self.css(s.foreground), bg = Self.css(s.background)
            if s.reverse { swap(&fg, &bg); fg = fg ?? page.background; bg = bg ?? page.text }
            if let fg { rules.append("color:\(fg)") }
            if let bg { rules.append("background:\(bg)") }
            if s.bold { rules.append("font-weight:bold") }
            if s.underline { rules.append("text-decoration:underline") }
            if s.dim { rules.append("opacity:0.6") }
            css += ".r-\(role.rawValue){\(rules.joined(separator: ";"))}\n"
        }
        return css
    }

    /// The frame as a `<pre>` of spans, one span per run of cells with the same role.
    public static func html(_ frame: Frame) -> String {
        var out = "<pre>"
        for y in 0..<frame.height {
            var role: StyleRole? = nil
            var run = ""
            func flush() {
                guard let r = role, !run.isEmpty else { return }
                out += r == .normal ? escapeHTML(run) : "<span class=\"r-\(r.rawValue)\">\(escapeHTML(run))</span>"
                run = ""
            }
            for x in 0..<frame.width {
                let c = frame[x, y]
                if c.width == 0 { continue }
                if c.role != role { flush(); role = c.role }
                run.append(c.character)
            }
            flush()
            out += "\n"
        }
        return out + "</pre>"
    }

    /// A full redraw of the frame as ANSI: cursor home, each row positioned, SGR per role.
    public static func ansi(_ frame: Frame, theme: Theme) -> String {
        var out = "\u{1b}[H\u{1b}[0m"
        for y in 0..<frame.height {
            out += "\u{1b}[\(y + 1);1H"
            var role: StyleRole? = nil
            for x in 0..<frame.width {
                let c = frame[x, y]
                if c.width == 0 { continue }
                if c.role != role { out += sgr(theme.style(c.role)); role = c.role }
                out.append(c.character)
            }
            out += "\u{1b}[0m"
        }
        return out
    }

    static func sgr(_ s: Style) -> String {
        var codes = ["0"]
        if s.bold { codes.append("1") }
        if s.dim { codes.append("2") }
        if s.underline { codes.append("4") }
        if s.reverse { codes.append("7") }
        let fg = s.foreground.index(available: 256), bg = s.background.index(available: 256)
        if fg >= 0 { codes.append("38;5;\(fg)") }
        if bg >= 0 { codes.append("48;5;\(bg)") }
        return "\u{1b}[" + codes.joined(separator: ";") + "m"
    }
}

/// An asciinema v2 recording (`.cast`): a header line, then `[seconds, "o", text]` events.
public final class AsciicastWriter {
    public let width: Int, height: Int
    private var lines: [String]
    private let start: Date
    /// Fixed clock for reproducible recordings (tests); nil: real time.
    private let step: Double?
    private var events = 0

    public init(width: Int, height: Int, title: String, fixedInterval: Double? = nil) {
        self.width = width; self.height = height
        start = Date()
        step = fixedInterval
        let header: [String: Any] = ["version": 2, "width": width, "height": height,
                                     "timestamp": fixedInterval == nil ? Int(start.timeIntervalSince1970) : 0,
                                     "title": title, "env": ["TERM": "xterm-256color"]]
        let data = try? JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        lines = [String(decoding: data ?? Data("{}".utf8), as: UTF8.self)]
    }

    /// Appends output text at the current time.
    public func output(_ text: String) {
        let t = step.map { Double(events) * $0 } ?? Date().timeIntervalSince(start)
        events += 1
        let data = (try? JSONSerialization.data(withJSONObject: [String(format: "%.3f", t), "o", text], options: [])) ?? Data()
        // The time must be a number, not a string: JSONSerialization has no float formatting control.
        var line = String(decoding: data, as: UTF8.self)
        if let r = line.range(of: "\"\(String(format: "%.3f", t))\"") { line.replaceSubrange(r, with: String(format: "%.3f", t)) }
        lines.append(line)
    }

    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// Writes the recording (atomically: temp file + rename).
    public func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data(text.utf8).write(to: tmp)
        guard rename(tmp.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

/// Wraps a terminal and records every presented frame into an asciinema recording.
public final class RecordingTerminal: Terminal {
    public let inner: Terminal
    public let recorder: AsciicastWriter
    public var width: Int { inner.width }
    public var height: Int { inner.height }

    public init(_ inner: Terminal, recorder: AsciicastWriter) { self.inner = inner; self.recorder = recorder }

    public func present(_ frame: Frame, theme: Theme) {
        recorder.output(FrameRendering.ansi(frame, theme: theme))
        inner.present(frame, theme: theme)
    }
    public func nextEvent() -> TerminalEvent? { inner.nextEvent() }
    public func shutdown() { inner.shutdown() }
    public func invalidate() { inner.invalidate() }
}

/// `export-walkthrough`: the frames at every boundary of a scenario as HTML pages (one per
/// boundary, plus an index), with the theme's colours, for slides and documentation.
public enum Walkthrough {
    public struct Page: Sendable { public var file: String; public var title: String; public var html: String }

    /// Runs the scenario boundary by boundary (as the app's `c` key does) and renders each,
    /// each page linked to the previous and the next one and to the index.
    public static func pages(built: BuiltScenario, theme: Theme, width: Int, height: Int) -> [Page] {
        let css = FrameRendering.stylesheet(theme)
        var shots: [(b: BoundaryName, title: String, explanation: String, frame: Frame)] = []
        let app = App(built: built, theme: theme)
        let run = app.run
        for b in BoundaryName.allCases {
            app.continueTo(b)
            guard let passed = run.detector.boundary(b), passed.step == run.board.stepCount else { continue }
            let frame = app.render(width: width, height: height)
            let explanation = Explainer(run).explainCurrent()
            let title = "\(b.rawValue) — step \(run.board.stepCount), \(run.place(run.linkAddress(of: run.board.machine.pc)))"
            shots.append((b, title, explanation.text, frame))
        }
        func file(_ i: Int) -> String { String(format: "%02d", i + 1) + "-\(shots[i].b.rawValue).html" }
        return shots.indices.map { i in
            let s = shots[i]
            var nav: [String] = []
            nav.append(i > 0 ? "<a href=\"\(file(i - 1))\" rel=\"prev\">← previous: \(FrameRendering.escapeHTML(shots[i - 1].b.rawValue))</a>" : "<span>(first)</span>")
            nav.append("<a href=\"index.html\">index</a>")
            nav.append(i + 1 < shots.count ? "<a href=\"\(file(i + 1))\" rel=\"next\">next: \(FrameRendering.escapeHTML(shots[i + 1].b.rawValue)) →</a>" : "<span>(last)</span>")
            let navHTML = "<nav>" + nav.joined(separator: " · ") + "</nav>"
            let html = """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(FrameRendering.escapeHTML(s.title))</title>
                <style>\(css)</style></head><body>
                \(navHTML)
                <h2>\(String(format: "%02d", i + 1)). \(FrameRendering.escapeHTML(s.title))</h2>
                <p><b>\(FrameRendering.escapeHTML(built.manifest.name)) — \(FrameRendering.escapeHTML(built.manifest.title))</b>: \(FrameRendering.escapeHTML(built.manifest.description.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")))</p>
                <p>\(FrameRendering.escapeHTML(s.b.meaning)). Next: \(FrameRendering.escapeHTML(s.explanation))</p>
                \(FrameRendering.html(s.frame))
                \(navHTML)
                </body></html>
                """
            return Page(file: file(i), title: s.title, html: html)
        }
    }

    public static func index(scenario: String, pages: [Page]) -> String {
        """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>SuspendScope walkthrough: \(FrameRendering.escapeHTML(scenario))</title>
        <style>body{font-family:sans-serif}</style></head><body>
        <h1>SuspendScope walkthrough: \(FrameRendering.escapeHTML(scenario))</h1><ol>
        \(pages.map { "<li><a href=\"\($0.file)\">\(FrameRendering.escapeHTML($0.title))</a></li>" }.joined(separator: "\n"))
        </ol></body></html>
        """
    }
}
