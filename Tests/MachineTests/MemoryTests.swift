import A64
import Machine
import Testing

@Suite struct MemoryTests {
    final class FakeUART: MMIOHandler {
        var written: [UInt8] = []
        func read(offset: UInt64, size: Int) -> UInt64? { offset == 0x18 ? 0x90 : (offset < 0x1000 ? 0 : nil) }
        func write(offset: UInt64, size: Int, value: UInt64) -> Bool {
            if offset == 0 { written.append(UInt8(truncatingIfNeeded: value)) }
            return offset < 0x1000
        }
    }

    @Test func mmioRegionsReachTheirHandler() {
        let uart = FakeUART()
        let m = machine([ldst(.str, 1, 2, size: 0), ldst(.ldr, 3, 2, 0x18, size: 2, sf: false), ldst(.str, 1, 2, 0x1000 - 4, size: 2)])
        m.memory.addMMIO(name: "pl011", base: 0x0900_0000, size: 0x1000, handler: uart)
        m.setX(1, 0x41); m.setX(2, 0x0900_0000)
        let e = m.step()
        #expect(uart.written == [0x41]); #expect(e.notes.contains(.mmioWrite)); #expect(e.memoryWrite == nil)
        let e2 = m.step()
        #expect(m.x(3) == 0x90); #expect(e2.notes.contains(.mmioRead))
        #expect(m.step().exception == nil)
    }

    @Test func ramIsLazyAndZeroed() {
        let mem = Memory.virtDefault()
        #expect(mem.regions.count == 1)
        #expect(mem.regions[0].base == 0x4000_0000); #expect(mem.regions[0].size == 128 << 20)
        #expect(mem.readRAM(0x47ff_fff8, 8) == 0)
        #expect(mem.readRAM(0x47ff_fffc, 8) == nil)       // straddles the end of RAM
        #expect(mem.readRAM(0x3fff_fff0, 8) == nil)
    }

    @Test func storeStraddlingTheEndOfRAMAborts() {
        let m = machine([ldst(.str, 1, 2)])
        m.setX(2, 0x47ff_fffc)
        let e = m.step()
        #expect(e.exception?.esr == 0x97c1_8050)
        #expect(e.memoryWrite == nil)
    }
}
