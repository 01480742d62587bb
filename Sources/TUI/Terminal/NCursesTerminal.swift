import Foundation
import CNCurses

/// Why the real terminal could not start.
public struct TerminalUnavailable: Error, CustomStringConvertible {
    public let description: String
}

/// The real terminal through ncursesw: wide characters, colours mapped from the theme to what
/// the terminal has, the mouse (click, wheel), function keys, live resize. Only the cells that
/// changed since the last frame are redrawn. The terminal is restored on shutdown, on SIGINT
/// and SIGTERM; Ctrl-Z / fg are ncurses' own (it restores and redraws the screen).
/// This is the only code that imports the C library.
public final class NCursesTerminal: Terminal {
    private var screen: OpaquePointer?
    private var previous: Frame?
    private var pairs: [String: Int16] = [:]
    private var colorCount = 0
    public private(set) var width = 0
    public private(set) var height = 0
    nonisolated(unsafe) static var active = false

    public init() throws {
        guard isatty(0) == 1, isatty(1) == 1 else {
            throw TerminalUnavailable(description: "the TUI needs a terminal (stdin and stdout are not a tty); use the batch commands instead: run, check, debug --commands, tour, scenarios")
        }
        guard let term = ProcessInfo.processInfo.environment["TERM"], !term.isEmpty, term != "dumb" else {
            throw TerminalUnavailable(description: "TERM is not set (or is 'dumb'): the TUI cannot drive this terminal; use the batch commands instead: run, check, debug --commands, tour, scenarios")
        }
        setlocale(LC_ALL, "")
        TerminalRestore.saveTermios()
        // newterm, unlike initscr, returns nil instead of exiting when the terminal is unknown.
        guard let s = newterm(nil, stdout, stdin) else {
            throw TerminalUnavailable(description: "ncurses does not know the terminal type '\(term)'")
        }
        screen = s
        Self.active = true
        cbreak(); noecho(); nonl()
        keypad(stdscr, true)
        curs_set(0)
        set_escdelay(25)
        if has_colors() { start_color(); use_default_colors(); colorCount = Int(COLORS) }
        mousemask(ss_all_mouse_events(), nil)
        mouseinterval(0)
        width = Int(getmaxx(stdscr)); height = Int(getmaxy(stdscr))
        // Leave the terminal sane whatever ends the process: interrupts, SIGQUIT (Ctrl-\\, which
        // would otherwise go to the Swift backtracer, drawing over the screen and waiting), and
        // crashes (a Swift trap is SIGILL or SIGTRAP). The handler gives the terminal back
        // before anything else can print, then lets the signal do what it does by default.
        TerminalRestore.prepare()
        for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            signal(sig) { s in
                if NCursesTerminal.active { endwin() }
                TerminalRestore.now()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }

    deinit { shutdown() }

    public func shutdown() {
        guard Self.active else { return }
        Self.active = false
        mousemask(0, nil)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
    }

    public func invalidate() { previous = nil }

    public func present(_ frame: Frame, theme: Theme) {
        // A new theme repaints every cell: cells that did not change still change colour.
        let newTheme = theme != styledTheme
        if newTheme { styled = [:]; styledTheme = theme }
        let full = newTheme || previous == nil || previous!.width != frame.width || previous!.height != frame.height
        if full { clear() }
        // Only cells that differ from the last frame presented are drawn (all after a resize).
        frame.cells.withUnsafeBufferPointer { now in
            let before = full ? nil : previous
            for y in 0..<frame.height {
                for x in 0..<frame.width {
                    let i = y * frame.width + x
                    let c = now[i]
                    if c.width == 0 { continue }
                    if let p = before, p.cells[i] == c { continue }
                    draw(c, x: x, y: y, theme: theme)
                }
            }
        }
        previous = frame
        refresh()
    }

    /// The theme the per-role attributes and colour pairs below were resolved for.
    private var styledTheme: Theme?
    private var styled: [StyleRole: (attrs: attr_t, pair: Int16)] = [:]

    private func draw(_ c: Cell, x: Int, y: Int, theme: Theme) {
        let look: (attrs: attr_t, pair: Int16)
        if let l = styled[c.role] {
            look = l
        } else {
            let style = theme.style(c.role)
            var attrs: attr_t = 0
            if style.bold { attrs |= ss_a_bold() }
            if style.reverse { attrs |= ss_a_reverse() }
            if style.underline { attrs |= ss_a_underline() }
            if style.dim { attrs |= ss_a_dim() }
            look = (attrs, colorPair(style))
            styled[c.role] = look
        }
        var cc = cchar_t()
        var w: (wchar_t, wchar_t) = (wchar_t(bitPattern: c.scalar.value), 0)
        withUnsafeMutablePointer(to: &w) { p in
            p.withMemoryRebound(to: wchar_t.self, capacity: 2) { _ = ss_setcchar(&cc, $0, look.attrs, look.pair) }
        }
        mvadd_wch(Int32(y), Int32(x), &cc)
    }

    private func colorPair(_ s: Style) -> Int16 {
        guard colorCount > 0 else { return 0 }
        let fg = s.foreground.index(available: colorCount), bg = s.background.index(available: colorCount)
        if fg < 0 && bg < 0 { return 0 }
        let key = "\(fg)/\(bg)"
        if let p = pairs[key] { return p }
        let n = Int16(pairs.count + 1)
        guard Int32(n) < COLOR_PAIRS else { return 0 }
        init_pair(n, Int16(fg), Int16(bg))
        pairs[key] = n
        return n
    }

    /// The terminal's size from the kernel (TIOCGWINSZ), which stays right even if a SIGWINCH
    /// was missed.
    private func kernelSize() -> (Int, Int)? {
        var ws = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    public func nextEvent() -> TerminalEvent? {
        var wch: wint_t = 0
        var r: Int32 = ERR
        // Wait in short slices, checking the size between them: a resize is noticed even when
        // its signal arrived while ncurses was busy (e.g. waiting out ESCDELAY after Escape).
        wtimeout(stdscr, 200)
        while true {
            if let (w, h) = kernelSize(), w != width || h != height {
                resize_term(Int32(h), Int32(w))
                width = w; height = h
                previous = nil
                return .resize(width: w, height: h)
            }
            r = get_wch(&wch)
            if r != ERR { break }
        }
        if r == KEY_CODE_YES {
            let k = Int32(wch)
            if k == ss_key_resize() {
                width = Int(getmaxx(stdscr)); height = Int(getmaxy(stdscr))
                previous = nil
                return .resize(width: width, height: height)
            }
            if k == ss_key_mouse() {
                var ev = MEVENT()
                guard getmouse(&ev) == OK else { return .unmapped("a mouse event ncurses could not read") }
                let b = UInt(ev.bstate)
                let x = Int(ev.x), y = Int(ev.y)
                if b & UInt(ss_button4_pressed()) != 0 { return .mouse(x: x, y: y, kind: .wheelUp) }
                if ss_button5_pressed() != 0 && b & UInt(ss_button5_pressed()) != 0 { return .mouse(x: x, y: y, kind: .wheelDown) }
                if b & UInt(ss_button1_clicked()) != 0 { return .mouse(x: x, y: y, kind: .click) }
                if b & UInt(ss_button3_any()) != 0 && b & UInt(ss_buttons_released()) == 0 { return .mouse(x: x, y: y, kind: .rightClick) }
                if b & UInt(ss_buttons_released()) != 0 { return .mouse(x: x, y: y, kind: .release) }
                return .mouse(x: x, y: y, kind: .other)
            }
            switch k {
            case KEY_UP: return .key(.up)
            case KEY_DOWN: return .key(.down)
            case KEY_LEFT: return .key(.left)
            case KEY_RIGHT: return .key(.right)
            case KEY_PPAGE: return .key(.pageUp)
            case KEY_NPAGE: return .key(.pageDown)
            case KEY_HOME: return .key(.home)
            case KEY_END: return .key(.end)
            case KEY_ENTER: return .key(.enter)
            case KEY_BACKSPACE: return .key(.backspace)
            case KEY_BTAB: return .key(.backTab)
            case KEY_IC: return .key(.insert)
            case KEY_DC: return .key(.delete)
            default:
                for n in 1...12 where k == ss_key_f(Int32(n)) { return .key(.function(n)) }
                for n in 1...12 where k == ss_key_f(Int32(n + 12)) { return .key(.shiftFunction(n)) }
                return .unmapped("key code \(k)")
            }
        }
        switch wch {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27:
            // Alt-x arrives as Escape and x together: look for the next character at once.
            wtimeout(stdscr, 0)
            var next: wint_t = 0
            let n = get_wch(&next)
            wtimeout(stdscr, 200)
            if n == OK, next >= 0x20, next != 0x7f, let u = UnicodeScalar(UInt32(next)) { return .key(.alt(Character(u))) }
            if n == KEY_CODE_YES { ungetch(Int32(next)) } else if n == OK { unget_wch(wchar_t(bitPattern: UInt32(next))) }
            return .key(.escape)
        case 127, 8: return .key(.backspace)
        case 1...26: return .key(.control(Character(UnicodeScalar(UInt8(wch) + 96))))
        default:
            guard let u = UnicodeScalar(UInt32(wch)), u.value >= 0x20 else { return .unmapped("character \(wch)") }
            return .key(.character(Character(u)))
        }
    }
}

/// Gives the terminal back from a signal handler: the terminal modes saved before ncurses
/// started (tcsetattr is async-signal-safe), then the escape sequences that leave the
/// alternate screen, turn mouse reporting off, show the cursor and reset colours, written
/// with write(2) from a buffer made beforehand.
enum TerminalRestore {
    nonisolated(unsafe) static var saved = termios()
    nonisolated(unsafe) static var haveSaved = false
    /// Mouse reporting off (every mode ncurses or a terminal may have turned on), bracketed
    /// paste off, the main screen, the cursor shown, attributes reset.
    nonisolated(unsafe) static var sequence: UnsafeMutablePointer<UInt8>?
    nonisolated(unsafe) static var sequenceLength = 0

    static func saveTermios() {
        if tcgetattr(0, &saved) == 0 { haveSaved = true }
    }

    static func prepare() {
        guard sequence == nil else { return }
        let bytes = Array("\u{1b}[?1000l\u{1b}[?1002l\u{1b}[?1003l\u{1b}[?1006l\u{1b}[?1015l\u{1b}[?2004l\u{1b}[?1049l\u{1b}[?25h\u{1b}[0m".utf8)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
        p.initialize(from: bytes, count: bytes.count)
        sequence = p
        sequenceLength = bytes.count
    }

    /// Safe to call from a signal handler.
    static func now() {
        if haveSaved { _ = tcsetattr(0, TCSANOW, &saved) }
        if let p = sequence { _ = write(1, p, sequenceLength) }
    }
}
