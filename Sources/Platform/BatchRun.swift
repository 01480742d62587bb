import A64
import Machine

/// A bad request to a batch run (an unknown `--until` label, a `--dump` of an unknown symbol):
/// bad input, exit 2.
public struct BatchRunError: Error, CustomStringConvertible {
    public let description: String
    public init(_ d: String) { description = d }
}

/// `--dump SYMBOL:BYTES`.
public struct MemoryDumpRequest: Sendable, Equatable {
    public var symbol: String
    public var bytes: Int
    public init(symbol: String, bytes: Int) { self.symbol = symbol; self.bytes = bytes }

    /// Parses `SYMBOL:BYTES` (BYTES decimal or 0x hex, 1...1 MiB).
    public init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":") else { return nil }
        let sym = String(argument[..<colon]), count = String(argument[argument.index(after: colon)...]).lowercased()
        let n = count.hasPrefix("0x") ? Int(count.dropFirst(2), radix: 16) : Int(count)
        guard !sym.isEmpty, let n, n > 0, n <= 1 << 20 else { return nil }
        symbol = sym; bytes = n
    }
}

/// How a batch run ended (SPEC §5's `"stopped"` values).
public enum BatchStop: String, Sendable {
    case until, halt, fault, maxSteps = "max-steps", breakpoint
    /// At an instruction the Cortex-A57 runs that SuspendScope does not model (not executed).
    case notModelled = "not-modelled"
}

/// The outcome of `BatchRun.run`.
public struct BatchOutcome {
    public var stop: BatchStop
    public var steps: Int
    /// The exception that stopped the run, when `stop == .fault`.
    public var fault: ExceptionTaken?
    /// The instruction that faulted (ELR), for the message.
    public var faultPC: UInt64?
    /// Where the run stopped at an instruction that is not modelled (`stop == .notModelled`).
    public var notModelledPC: UInt64?
}

/// Runs a bare program the way `suspendscope run FILE.S` does (SPEC §5): linked at its base,
/// entered at its entry point at EL2h with the MMU off, SP_EL2 = 0, GPRs zero, system registers
/// at reset. It runs until an `--until` target, a `b .` self-loop (halt), a fault, or
/// `maxSteps`.
///
/// A fault is an exception the program cannot handle: one whose vector (VBAR_EL2 + offset) is
/// not in RAM, or whose handler faults at its own first instruction, so running on would only
/// take the same exception again. An exception whose vector is in RAM is
/// taken and its handler runs, as on hardware.
public final class BatchRun {
    public let image: LoadedImage
    public let machine: Machine

    public init(image: LoadedImage, memory: Memory = .virtDefault()) throws {
        self.image = image
        machine = Machine(memory: memory, entry: image.entry)
        guard machine.load(image.bytes, at: image.base) else {
            throw BatchRunError("the image (0x\(String(image.base, radix: 16)), \(image.bytes.count) bytes) does not fit in RAM")
        }
    }

    /// Resolves `--until` targets to addresses.
    public func resolve(_ targets: [String]) throws -> [UInt64] {
        try targets.map { t in
            guard let a = image.address(of: t) else {
                throw BatchRunError("--until \(t): no such label or address (expected a symbol of the program or an address like 0x40080010)")
            }
            return a
        }
    }

    public func run(until targets: [UInt64], maxSteps: Int) -> BatchOutcome {
        var steps = 0
        while true {
            let r = machine.run(maxSteps: maxSteps - steps, breakpoints: targets, stopOnException: true)
            steps += r.steps
            switch r.reason {
            case .breakpoint: return BatchOutcome(stop: .until, steps: steps)
            case .halted: return BatchOutcome(stop: .halt, steps: steps)
            case .maxSteps: return BatchOutcome(stop: .maxSteps, steps: steps)
            case .notModelled(let pc): return BatchOutcome(stop: .notModelled, steps: steps, notModelledPC: pc)
            case .exception(let e):
                // Unhandleable: the vector is not in RAM, or the handler faulted at its own first
                // instruction (ELR is the vector), so it would take the same exception forever.
                if !vectorInRAM(e.vector) || e.elr == e.vector {
                    return BatchOutcome(stop: .fault, steps: steps, fault: e, faultPC: e.elr)
                }
                if steps >= maxSteps { return BatchOutcome(stop: .maxSteps, steps: steps) }
                // The handler is in RAM: let it run (the exception entry is already done).
                if targets.contains(machine.pc) { return BatchOutcome(stop: .until, steps: steps) }
            }
        }
    }

    /// The JSON object of SPEC §5; every field present on every run.
    public func report(_ outcome: BatchOutcome, dumps: [MemoryDumpRequest]) throws -> JSONValue {
        let m = machine
        var memory: [(String, JSONValue)] = []
        for d in dumps {
            guard let a = image.address(of: d.symbol) else {
                throw BatchRunError("--dump \(d.symbol):\(d.bytes): no such symbol (expected a label of the program or an address)")
            }
            let words = (d.bytes + 7) / 8
            var values: [JSONValue] = []
            for w in 0..<words {
                let n = min(8, d.bytes - w * 8)
                if let v = m.memory.readRAM(a &+ UInt64(w * 8), n) { values.append(.hex(v)) } else { values.append(.null) }
            }
            memory.append((d.symbol, .array(values)))
        }
        return Self.report(machine: m, stop: outcome.stop.rawValue, steps: outcome.steps, fault: outcome.fault,
                           faultInstruction: outcome.faultPC.flatMap { pc in m.memory.readRAM(pc, 4).map { Disassembler.text(word: UInt32(truncatingIfNeeded: $0), at: pc) } },
                           unknown: [], memory: memory,
                           extra: outcome.notModelledPC.map { [Self.notModelledField(machine: m, pc: $0)] } ?? [])
    }

    /// `"notModelled": {"pc", "instruction", "message"}`: added to the object when a run stops
    /// at an instruction that is not modelled (`"stopped": "not-modelled"`).
    public static func notModelledField(machine m: Machine, pc: UInt64) -> (String, JSONValue) {
        let text = m.instructionText(at: pc)
        return ("notModelled", .object([("pc", .hex(pc)), ("instruction", .string(text)),
                                        ("message", .string(Machine.notModelledMessage(text)))]))
    }

    /// SPEC §5's object, shared by bare programs and scenarios: every field present.
    public static func report(machine m: Machine, stop: String, steps: Int, fault f: ExceptionTaken?, faultInstruction: String?,
                              unknown: [String], memory: [(String, JSONValue)], extra: [(String, JSONValue)] = []) -> JSONValue {
        var fault: JSONValue = .null
        if let f {
            var o: [(String, JSONValue)] = [
                ("kind", .string(Self.faultKind(f.ec))),
                ("ec", .hex(UInt64(f.ec))),
                ("esr", .hex(f.esr)),
                ("elr", .hex(f.elr)),
                ("far", f.far.map { .hex($0) } ?? .null),
                ("vector", .hex(f.vector)),
            ]
            if let t = faultInstruction { o.append(("instruction", .string(t))) }
            fault = .object(o)
        }
        return .object([
            ("stopped", .string(stop)),
            ("steps", .int(Int64(steps))),
            ("pc", .hex(m.pc)),
            ("el", .int(Int64(m.currentEL >> 2))),
            ("nzcv", .hex(m.nzcv)),
            ("x", .array((0..<31).map { .hex(m.x($0)) })),
            ("sp", .hex(m.sp)),
            ("sysregs", .object(SystemRegisterCatalogue.all.enumerated().map { ($0.element.name, .hex(m.systemRegister(at: $0.offset))) })),
            ("unknown", .array(unknown.map { .string($0) })),
            ("memory", .object(memory)),
            ("fault", fault),
            // After SPEC §5's fields, so that their order stays as it was.
            ("v", .array((0..<32).map { .string(Self.vectorHex(m.vector($0))) })),
        ] + extra)
    }

    /// A 128-bit SIMD&FP register as one lowercase hex string ("0x" and up to 32 digits).
    public static func vectorHex(_ v: (low: UInt64, high: UInt64)) -> String {
        if v.high == 0 { return "0x" + String(v.low, radix: 16) }
        let lo = String(v.low, radix: 16)
        return "0x" + String(v.high, radix: 16) + String(repeating: "0", count: 16 - lo.count) + lo
    }

    /// A short name for an exception class, for people.
    public static func faultKind(_ ec: UInt8) -> String {
        switch ec {
        case 0x00: return "undefined-instruction"
        case 0x07: return "fp-access-trap"
        case 0x15: return "svc"
        case 0x16: return "hvc"
        case 0x17: return "smc"
        case 0x20, 0x21: return "instruction-abort"
        case 0x22: return "pc-alignment"
        case 0x24, 0x25: return "data-abort"
        case 0x26: return "sp-alignment"
        case 0x3c: return "brk"
        default: return "exception-0x" + String(ec, radix: 16)
        }
    }
}

extension BatchRun {
    /// The vector is fetchable: executable through the MMU (when on) and backed by RAM.
    func vectorInRAM(_ vector: UInt64) -> Bool {
        guard case let .mapped(pa, _, _, _) = machine.translate(virtual: vector, fetch: true) else { return false }
        return machine.memory.readRAM(pa, 4) != nil
    }
}
