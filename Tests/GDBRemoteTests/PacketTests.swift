import Testing
import TestSupport
@testable import GDBRemote

/// The packet layer alone: framing, checksums, escaping, run-length encoding, acks, interrupts,
/// and what it does with damaged input.
@Suite struct PacketTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func framesWithTheModulo256Checksum() {
        #expect(PacketEncoder.frame(bytes("OK")) == bytes("$OK#9a"))
        #expect(PacketEncoder.frame(bytes("")) == bytes("$#00"))
        #expect(PacketEncoder.frame(bytes("qSupported")) == bytes("$qSupported#37"))
    }

    @Test func escapesTheReservedCharacters() {
        // '$' '#' '}' '*' go as '}' + (c ^ 0x20); the checksum covers what is sent.
        let framed = PacketEncoder.frame([0x24, 0x23, 0x7d, 0x2a, 0x41], runLength: false)
        #expect(framed.dropFirst().prefix(9) == [0x7d, 0x04, 0x7d, 0x03, 0x7d, 0x5d, 0x7d, 0x0a, 0x41])
        #expect(PacketParser.parse(framed) == [.packet([0x24, 0x23, 0x7d, 0x2a, 0x41])])
    }

    @Test func runLengthEncodesLongRunsAndDecodesThem() {
        let payload = bytes("0000000000000000" + "ffffffff")
        let framed = PacketEncoder.frame(payload)
        #expect(framed.count < payload.count)
        #expect(framed.contains(UInt8(ascii: "*")))
        #expect(PacketParser.parse(framed) == [.packet(payload)])
        // gdb's own example: "0* " is "0000" (a repeat count of 3 is ' ').
        #expect(PacketParser.parse(bytes("$0* #7a")) == [.packet(bytes("0000"))])
    }

    @Test func repeatCountsNeverUseReservedCharacters() {
        // Runs of every length from 1 to 300 round-trip, and no count character is # $ * }.
        for n in 1...300 {
            let payload = [UInt8](repeating: UInt8(ascii: "a"), count: n)
            let framed = PacketEncoder.frame(payload)
            var i = 0
            while i < framed.count - 3 {
                if framed[i] == UInt8(ascii: "*") { #expect(!PacketEncoder.needsEscape(framed[i + 1]), "run of \(n)") ; i += 1 }
                i += 1
            }
            #expect(PacketParser.parse(framed) == [.packet(payload)], "run of \(n)")
        }
    }

    @Test func randomPayloadsRoundTrip() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let n = rng.below(300)
            let payload = (0..<n).map { _ in rng.below(4) == 0 ? UInt8(ascii: "0") : UInt8(truncatingIfNeeded: rng.below(256)) }
            #expect(PacketParser.parse(PacketEncoder.frame(payload)) == [.packet(payload)])
        }
    }

    @Test func acceptsBytesInAnyPieces() {
        let stream = bytes("+$m0,8#01-") + [0x03] + bytes("junk$g#67")
        let whole = PacketParser.parse(stream)
        #expect(whole == [.ack, .packet(bytes("m0,8")), .nack, .interrupt, .packet(bytes("g"))])
        var p = PacketParser()
        var pieces: [PacketEvent] = []
        for b in stream { pieces += p.feed([b]) }
        #expect(pieces == whole)
    }

    @Test func reportsABadChecksum() {
        #expect(PacketParser.parse(bytes("$OK#00")) == [.malformed(.badChecksum(expected: 0x9a, got: "00"))])
        #expect(PacketParser.parse(bytes("$OK#zz")) == [.malformed(.badChecksum(expected: 0x9a, got: "zz"))])
        // Uppercase hex digits are fine.
        #expect(PacketParser.parse(bytes("$OK#9A")) == [.packet(bytes("OK"))])
    }

    @Test func dropsAnOversizedPacketWithoutHoldingIt() {
        var p = PacketParser(maxPayload: 64)
        var events = p.feed(bytes("$"))
        for _ in 0..<10_000 { events += p.feed([UInt8](repeating: UInt8(ascii: "a"), count: 100)) }
        #expect(p.raw.count <= 64)
        events += p.feed(bytes("#00$OK#9a"))
        #expect(events == [.malformed(.tooLong(limit: 64)), .packet(bytes("OK"))])
    }

    @Test func refusesBadRunLengths() {
        // '*' first: nothing to repeat.
        #expect(PacketParser.parse(frameRaw(bytes("*a"))) == [.malformed(.badRunLength)])
        // A count below 0 ('*' followed by a byte under 29).
        let framed = frameRaw(bytes("a*") + [0x10])
        #expect(PacketParser.parse(framed) == [.malformed(.badRunLength)])
        // A run that would pass the size limit.
        #expect(PacketParser.parse(frameRaw(bytes("a*~")), maxPayload: 10) == [.malformed(.badRunLength)])
    }

    @Test func aNewPacketStartMidPacketDropsTheOldOne() {
        #expect(PacketParser.parse(bytes("$m0,4$OK#9a")) == [.packet(bytes("OK"))])
    }

    /// `$raw#cs` with the checksum of `raw` as given (no escaping).
    func frameRaw(_ raw: [UInt8]) -> [UInt8] {
        var sum: UInt8 = 0
        for b in raw { sum &+= b }
        return [UInt8(ascii: "$")] + raw + [UInt8(ascii: "#")] + Hex.encode([sum])
    }
}

@Suite struct DispatchTests {
    func packet(_ s: String) -> [PacketEvent] { [.packet(Array(s.utf8))] }

    /// What the transport answers at once (no thread hop) and what goes to the engine's queue.
    @Test func onlyRunsAndMonitorCommandsGoToTheQueue() {
        for quick in ["vCont;s:1;c", "vCont;s:1", "s", "m0,4", "g", "p20", "Z0,0,4", "qC", "?", "P0=00"] {
            #expect(!GDBConnection.mayTakeLong(packet(quick)), "\(quick)")
        }
        for long in ["c", "C05", "vCont;c", "vCont;c:1", "bc", "bs", "qRcmd,6c"] {
            #expect(GDBConnection.mayTakeLong(packet(long)), "\(long)")
        }
    }
}
