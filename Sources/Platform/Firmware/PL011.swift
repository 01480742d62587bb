import SafeIO
import Machine

/// A PL011-style UART, as much of it as early printk uses: writes to UARTDR are captured as
/// output; UARTFR reads "transmit FIFO empty, not busy"; the control and baud-rate registers
/// keep what is written. Offsets outside the 4 KiB block abort.
public final class PL011: MMIOHandler {
    public static let defaultBase: UInt64 = 0x0900_0000
    public static let size: UInt64 = 0x1000

    /// Every byte written to UARTDR, in order.
    public private(set) var output: [UInt8] = []
    /// Registers other than UARTDR/UARTFR: offset -> last value written.
    public private(set) var registers: [UInt64: UInt64] = [:]
    /// Each register write's offset and the value it replaced (nil: never written), oldest
    /// first: what reverse execution puts back (`rewindRegisters(to:)`).
    private(set) var registerWrites: [(offset: UInt64, old: UInt64?)] = []

    public init() {}

    /// Register writes so far (a step notes it before it runs, to be rewound to).
    public var registerWriteCount: Int { registerWrites.count }

    /// Takes back the register writes after the first `count`, newest first.
    public func rewindRegisters(to count: Int) {
        while registerWrites.count > max(0, count) {
            let w = registerWrites.removeLast()
            registers[w.offset] = w.old
        }
    }

    /// Puts back the output, registers and register writes a checkpoint kept.
    func restore(output: [UInt8], registers: [UInt64: UInt64], registerWrites: [(offset: UInt64, old: UInt64?)]) {
        self.output = output
        self.registers = registers
        self.registerWrites = registerWrites
    }

    /// The output as text, control characters other than newline escaped (never raw).
    public var text: String {
        var s = ""
        for b in output {
            switch b {
            case 0x0a: s += "\n"
            case 0x0d: continue
            case 0x20..<0x7f: s.append(Character(UnicodeScalar(b)))
            default: s += TerminalText.escape(UnicodeScalar(b))
            }
        }
        return s
    }

    /// Forgets output past `count` bytes (reverse execution of UART writes).
    public func truncate(to count: Int) {
        if count < output.count { output.removeLast(output.count - count) }
    }

    public func read(offset: UInt64, size: Int) -> UInt64? {
        switch offset {
        case 0x000: return 0                     // UARTDR: no input
        case 0x018: return 0x90                  // UARTFR: TXFE | RXFE, BUSY clear
        case 0xfe0..<0x1000: return Self.id[Int((offset - 0xfe0) / 4) % 8]
        case 0..<Self.size: return registers[offset] ?? 0
        default: return nil
        }
    }

    public func write(offset: UInt64, size: Int, value: UInt64) -> Bool {
        switch offset {
        case 0x000: output.append(UInt8(truncatingIfNeeded: value)); return true
        case 0..<Self.size:
            registerWrites.append((offset, registers[offset]))
            registers[offset] = value
            return true
        default: return false
        }
    }

    /// UARTPeriphID0..3 and UARTPCellID0..3 of an ARM PL011 r1p5.
    static let id: [UInt64] = [0x11, 0x10, 0x34, 0x00, 0x0d, 0xf0, 0x05, 0xb1]
}
