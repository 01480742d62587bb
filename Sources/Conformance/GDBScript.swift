import A64

/// A `gdb-multiarch -batch -x SCRIPT` script that attaches to a QEMUInstance, breaks at each stop
/// label in turn and prints the state in a line format `GDBOutput` parses:
///
///     @@STOP label
///     @@R x0 ... x30 sp pc cpsr          (hex, no 0x)
///     @@S NAME value                     (one per system register; "void" if gdb has none)
///     @@M symbol                         then `x/Ngx &symbol` lines, then @@E
public struct GDBScript {
    /// The ELF gdb reads symbols from; nil: none (stops and memory then use addresses).
    public var elfPath: String?
    public var port: Int
    public var stops: [StopPoint]
    /// Catalogued system registers asked for (gdb prints `void` for those QEMU does not expose).
    public var systemRegisters: [String]
    /// gdb commands run right after attaching, before the stops' breakpoints are set (register
    /// writes, a run to a setup breakpoint, `delete`): how a case starts QEMU in a given state.
    public var setup: [String] = []

    /// Registers whose value is part of `cpsr` (or constant): not asked for separately.
    public static let fromCPSR: Set<String> = ["CurrentEL", "SPSel", "DAIF", "NZCV"]

    /// Registers whose value in QEMU follows the host's clock: the counters, the timers' TVALs,
    /// and their CTLs (ISTATUS). SuspendScope's counter counts instructions instead (see
    /// `SystemRegisterKind.counter`), so these are neither read nor compared.
    public static let timeDependent: Set<String> = Set(SystemRegisterCatalogue.all.filter {
        switch $0.kind {
        case .counter, .timerValue, .timerControl: return true
        default: return false
        }
    }.map(\.name))

    public static var catalogueNames: [String] {
        SystemRegisterCatalogue.all.map(\.name).filter { !fromCPSR.contains($0) && !timeDependent.contains($0) }
    }

    public init(elfPath: String?, port: Int, stops: [StopPoint], systemRegisters: [String] = GDBScript.catalogueNames) {
        self.elfPath = elfPath; self.port = port; self.stops = stops; self.systemRegisters = systemRegisters
    }

    public var text: String {
        var s = """
        set pagination off
        set confirm off
        set width 0
        set architecture aarch64
        set tcp connect-timeout 20
        \(elfPath.map { "file \($0)\n" } ?? "")target remote 127.0.0.1:\(port)

        """
        for line in setup { s += line + "\n" }
        var seen = Set<String>()
        for st in stops where seen.insert(st.location ?? st.label).inserted { s += "break *\(st.location ?? st.label)\n" }
        let regs = (0...30).map { "$x\($0)" }.joined(separator: ", ")
        for st in stops {
            s += "continue\n"
            s += "echo @@STOP \(st.label)\\n\n"
            s += "printf \"@@R" + String(repeating: " %lx", count: 34) + "\\n\", \(regs), $sp, $pc, $cpsr\n"
            for r in systemRegisters {
                // Not `echo @@S NAME ` : gdb strips a command's trailing blank, and the name and the
                // value ran together, so no system register was ever parsed (nor compared).
                s += "printf \"@@S \(r) \"\n"
                s += "output/x $\(r)\n"
                s += "echo \\n\n"
            }
            for m in st.memory {
                s += "echo @@M \(m.symbol)\\n\n"
                s += "x/\(m.words)gx " + (m.address.map { "0x" + String($0, radix: 16) } ?? "&\(m.symbol)") + "\n"
                s += "echo @@E\\n\n"
            }
        }
        s += "kill\n"
        return s
    }
}

/// Parses what a `GDBScript` printed.
public enum GDBOutput {
    public static func parse(_ text: String) -> [ObservedState] {
        var states: [ObservedState] = []
        var current: ObservedState?
        var memSymbol: String?
        var memWords: [UInt64] = []
        func flush() { if let c = current { states.append(c) }; current = nil }
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if let sym = memSymbol {
                if line.hasPrefix("@@E") {
                    current?.memory[sym] = memWords
                    memSymbol = nil; memWords = []
                } else if let colon = line.firstIndex(of: ":"), line.hasPrefix("0x") {
                    for tok in line[line.index(after: colon)...].split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                        if let v = hex(tok) { memWords.append(v) }
                    }
                }
                continue
            }
            if line.hasPrefix("@@STOP ") {
                flush()
                current = ObservedState(stop: String(line.dropFirst(7)), x: [], sp: 0, pc: 0, cpsr: 0)
            } else if line.hasPrefix("@@R ") {
                let vals = line.dropFirst(4).split(separator: " ").compactMap { UInt64($0, radix: 16) }
                guard vals.count == 34 else { continue }
                current?.x = Array(vals[0..<31]); current?.sp = vals[31]; current?.pc = vals[32]; current?.cpsr = vals[33] & 0xffff_ffff   // gdb sign-extends the 32-bit cpsr
            } else if line.hasPrefix("@@S ") {
                let parts = line.dropFirst(4).split(separator: " ")
                if parts.count == 2, let v = hex(parts[1]) { current?.systemRegisters[String(parts[0])] = v }
            } else if line.hasPrefix("@@M ") {
                memSymbol = String(line.dropFirst(4)); memWords = []
            }
        }
        flush()
        // A stop whose register line never came (gdb gave up mid-stop) is not a stop.
        return states.filter { $0.x.count == 31 }
    }

    static func hex<S: StringProtocol>(_ s: S) -> UInt64? {
        let t = String(s)
        return UInt64(t.hasPrefix("0x") ? String(t.dropFirst(2)) : t, radix: 16)
    }
}
